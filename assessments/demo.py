"""Demo data of the assessments: the 2018 cycle on Circular 44, wards spread over the steps.

Every state is reached by calling the workflow engine with the person whose
step it is, exactly as through the pages, never by writing a state. Idempotent:
an existing cycle is left as it is.
"""

import datetime
import hashlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from assessments.cycles import open_cycle
from assessments.dossier import recompute_self_total
from assessments.models import (
    Assessment,
    CriterionSelfScore,
    Cycle,
    DocumentKind,
    DossierDocument,
    EvidenceFile,
    Framework,
    SelfInspectionPlan,
)
from assessments.workflow import perform_transition
from wards.demo import DEMO_PASSWORD
from wards.models import DistrictUnit, Role, User, Ward
from wards.registry import set_roles

YEAR = 2018
# Ward number → how far its 2018 assessment has gone.
STEPS_2018 = {
    2: ["submit_plan"],
    3: ["submit_plan", "approve_plan", "partial_dossier"],
    4: ["submit_plan", "approve_plan", "complete_dossier"],
    5: ["submit_plan", "approve_plan", "complete_dossier", "submit_dossier"],
    6: ["submit_plan", "approve_plan", "complete_dossier", "submit_dossier", "return_dossier"],
    7: ["submit_plan", "approve_plan", "complete_dossier", "submit_dossier", "receive_dossier"],
}


def demo_pdf(text: str) -> bytes:
    """A small valid one-page PDF showing ``text`` (ASCII), standing in for a scanned document."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def _ward_user(ward: Ward, role: str, prefix: str) -> User:
    """The ward's demo officer or chairman, created for wards that have none yet."""
    user = User.objects.filter(ward=ward, role_grants__role=role).order_by("pk").first()
    if user is None:
        username = f"{prefix}.p{int(ward.code[1:])}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": ward.chairman_name if role == Role.WARD_CHAIRMAN else f"Cán bộ {ward.name}",
                "email": f"{username}@xhht.example.vn",
                "ward": ward,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        set_roles(user, [role])
    return user


def _draft_plan(assessment: Assessment, officer: User) -> None:
    SelfInspectionPlan.objects.update_or_create(
        assessment=assessment,
        defaults={
            "team_members": f"Trưởng đoàn: {assessment.ward.chairman_name}; các thành viên Ban chỉ đạo XHHT phường.",
            "schedule": "Từ 01/10/2018 đến 20/10/2018",
            "content": "Tự kiểm tra, đánh giá 15 tiêu chí theo Thông tư 44/2014/TT-BGDĐT.",
            "updated_by": officer,
        },
    )


def _fill_dossier(assessment: Assessment, officer: User, *, complete: bool) -> None:
    criteria = list(assessment.cycle.framework.criteria.all())
    if not complete:
        criteria = criteria[:8]
    for criterion in criteria:
        points = criterion.max_points - Decimal("0.5") * ((criterion.number + assessment.ward_id) % 3)
        CriterionSelfScore.objects.update_or_create(
            assessment=assessment,
            criterion=criterion,
            defaults={"points": points, "comment": "Đạt yêu cầu, có minh chứng kèm theo."},
        )
        content = demo_pdf(f"Minh chung tieu chi {criterion.number} - {assessment.ward.code} - {YEAR}")
        evidence = EvidenceFile(
            assessment=assessment,
            criterion=criterion,
            original_name=f"minh-chung-tieu-chi-{criterion.number:02d}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=officer,
        )
        evidence.file.save(evidence.original_name, ContentFile(content), save=True)
    if complete:
        for number, kind in enumerate(DocumentKind.values, start=1):
            document = DossierDocument(
                assessment=assessment,
                kind=kind,
                number=f"{number:02d}/{'TTr' if kind == DocumentKind.PROPOSAL else 'BC'}-UBND",
                issued_on=datetime.date(YEAR, 10, 20),
                signer=assessment.ward.chairman_name,
                scan_name=f"{kind}.pdf",
            )
            document.scan.save(
                f"{kind}.pdf", ContentFile(demo_pdf(f"{kind} {assessment.ward.code}")), save=True
            )
    recompute_self_total(assessment)


@transaction.atomic
def seed_cycles(stdout) -> None:
    if Cycle.objects.filter(year=YEAR).exists():
        stdout.write(f"Cycle {YEAR} exists already; left unchanged.")
        return
    cycle = Cycle.objects.create(
        year=YEAR,
        framework=Framework.objects.get(code="tt44-2014", version=1),
        self_assessment_start=datetime.date(YEAR, 10, 1),
        self_assessment_end=datetime.date(YEAR, 10, 20),
        dossier_deadline=datetime.date(YEAR, 10, 31),
        inspection_start=datetime.date(YEAR, 11, 1),
        inspection_end=datetime.date(YEAR, 11, 30),
        recognition_deadline=datetime.date(YEAR, 12, 15),
        lead_body=DistrictUnit.objects.get(code="hoi-khuyen-hoc"),
    )
    open_cycle(cycle)
    district_staff = User.objects.get(username="phonggd")
    day = datetime.date(YEAR, 10, 22)
    for assessment in cycle.assessments.select_related("ward", "cycle__framework"):
        number = int(assessment.ward.code[1:])
        officer = _ward_user(assessment.ward, Role.WARD_OFFICER, "canbo")
        chairman = _ward_user(assessment.ward, Role.WARD_CHAIRMAN, "chutich")
        for step in STEPS_2018.get(number, []):
            if step == "submit_plan":
                _draft_plan(assessment, officer)
                perform_transition(assessment, step, officer, today=day)
            elif step == "approve_plan":
                perform_transition(assessment, step, chairman, today=day)
            elif step in {"partial_dossier", "complete_dossier"}:
                _fill_dossier(assessment, officer, complete=step == "complete_dossier")
            elif step == "submit_dossier":
                perform_transition(assessment, step, officer, today=day)
            elif step == "return_dossier":
                perform_transition(
                    assessment,
                    step,
                    district_staff,
                    today=day,
                    reason="Biên bản tự kiểm tra chưa có chữ ký của Chủ tịch UBND phường.",
                )
            else:
                perform_transition(assessment, step, district_staff, today=day)
    stdout.write(f"Cycle {YEAR}: {cycle.assessments.count()} assessments, wards spread over steps 1–3.")
