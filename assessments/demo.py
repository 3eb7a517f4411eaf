"""Demo data of the assessments: 2017 completed and published, 2018 with wards spread over every step.

Every state is reached by calling the workflow engine with the person whose
step it is, exactly as through the pages, never by writing a state. Idempotent:
an existing cycle is left as it is.
"""

import datetime
import hashlib
from collections import Counter
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from assessments.cycles import open_cycle
from assessments.dossier import recompute_self_total
from assessments.inspection import (
    MemberAssignment,
    approve_decision,
    approve_inspection_plan,
    close_inspection,
    prepare_decision,
    record_score,
    release_decision,
    return_dossier,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.models import (
    Assessment,
    AssessmentState,
    CriterionSelfScore,
    Cycle,
    DocumentKind,
    DossierDocument,
    EvidenceFile,
    Framework,
)
from assessments.plan import save_plan
from assessments.procedures import document_kinds
from assessments.workflow import perform_transition
from wards.demo import DEMO_PASSWORD
from wards.models import DistrictUnit, Role, User, Ward
from wards.registry import set_roles

YEAR = 2018


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


def ward_user(ward: Ward, role: str, prefix: str) -> User:
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


DOCUMENT_CODES = {
    DocumentKind.PROPOSAL: "TTr",
    DocumentKind.REPORT: "BC",
    DocumentKind.SELF_INSPECTION_MINUTES: "BB",
    DocumentKind.SUMMARY_TABLE: "BTH",
    DocumentKind.MEETING_MINUTES: "BB",
}


def _draft_plan(assessment: Assessment, officer: User) -> None:
    """The ward's plan, numbered and dated a week before the self-assessment starts (12/KH-UBND …)."""
    year = assessment.cycle.year
    save_plan(
        assessment,
        {
            "number": f"{int(assessment.ward.code[1:]) + 10}/KH-UBND",
            "issued_on": datetime.date(year, 9, 24),
            "team_members": f"Trưởng đoàn: {assessment.ward.chairman_name}; các thành viên Ban chỉ đạo XHHT phường.",
            "schedule": f"Từ 01/10/{year} đến 20/10/{year}",
            "content": "Tự kiểm tra, đánh giá 15 tiêu chí theo Thông tư 44/2014/TT-BGDĐT.",
        },
        officer,
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
        content = demo_pdf(
            f"Minh chung tieu chi {criterion.number} - {assessment.ward.code} - {assessment.cycle.year}"
        )
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
        add_documents(assessment, datetime.date(assessment.cycle.year, 10, 20))
    recompute_self_total(assessment)


def add_documents(assessment: Assessment, issued_on: datetime.date) -> None:
    """The dossier's signed documents (those of its procedure), numbered, dated and scanned."""
    for number, kind in enumerate(document_kinds(assessment), start=1):
        document = DossierDocument(
            assessment=assessment,
            kind=kind,
            number=f"{number:02d}/{DOCUMENT_CODES[kind]}-UBND",
            issued_on=issued_on,
            signer=assessment.ward.chairman_name,
            scan_name=f"{kind}.pdf",
        )
        document.scan.save(f"{kind}.pdf", ContentFile(demo_pdf(f"{kind} {assessment.ward.code}")), save=True)


class DemoPeople:
    """The demo accounts that take the district's steps."""

    def __init__(self):
        self.staff = User.objects.get(username="phonggd")
        self.approver = User.objects.get(username="chutich.quan")
        self.inspectors = [User.objects.get(username=f"kiemtra{n}") for n in (1, 2, 3)]


def _create_cycle(year: int) -> Cycle:
    cycle = Cycle.objects.create(
        year=year,
        framework=Framework.objects.for_year(year).first(),
        self_assessment_start=datetime.date(year, 10, 1),
        self_assessment_end=datetime.date(year, 10, 20),
        dossier_deadline=datetime.date(year, 10, 31),
        inspection_start=datetime.date(year, 11, 1),
        inspection_end=datetime.date(year, 11, 30),
        recognition_deadline=datetime.date(year, 12, 15),
        lead_body=DistrictUnit.objects.get(code="hoi-khuyen-hoc"),
    )
    open_cycle(cycle)
    return cycle


def _ward_steps(assessment: Assessment, people: DemoPeople, steps: list[str], day: datetime.date) -> None:
    officer = ward_user(assessment.ward, Role.WARD_OFFICER, "canbo")
    chairman = ward_user(assessment.ward, Role.WARD_CHAIRMAN, "chutich")
    for step in steps:
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
            return_dossier(
                assessment,
                people.staff,
                [
                    "Biên bản tự kiểm tra chưa có chữ ký của Chủ tịch UBND phường.",
                    "Tiêu chí 5 thiếu số liệu phổ cập.",
                ],
                today=day,
            )
        elif step == "receive_dossier":
            perform_transition(assessment, step, people.staff, today=day)


def _inspect(assessments: list[Assessment], people: DemoPeople, day, *, score=True, close=True) -> None:
    """One inspection plan for these wards: three inspectors, five criteria each, the first leads."""
    cycle = assessments[0].cycle
    criteria = list(cycle.framework.criteria.all())
    plan = save_inspection_plan(
        people.staff,
        cycle,
        title=f"Kiểm tra, đánh giá “Cộng đồng học tập” năm {cycle.year}",
        start_date=day,
        end_date=day + datetime.timedelta(days=3),
        assessments=assessments,
        assignments=[
            MemberAssignment(user, criteria[index * 5 : index * 5 + 5], is_lead=index == 0)
            for index, user in enumerate(people.inspectors)
        ],
    )
    submit_inspection_plan(plan, people.staff)
    approve_inspection_plan(plan, people.approver, today=day)
    for assessment in assessments:
        if not score:
            continue
        for index, inspector in enumerate(people.inspectors):
            for criterion in criteria[index * 5 : index * 5 + 5]:
                self_score = assessment.self_scores.get(criterion=criterion).points
                lowered = self_score - Decimal("0.5") * ((criterion.number * assessment.ward_id) % 4)
                record_score(
                    assessment,
                    criterion,
                    inspector,
                    points=max(lowered, Decimal(0)),
                    comment="Minh chứng phù hợp.",
                    evidence_sufficient=True,
                    expected_version=0,
                )
        if close:
            close_inspection(assessment, people.inspectors[0], today=day + datetime.timedelta(days=3))


def _recognise(assessments: list[Assessment], people: DemoPeople, number: str, day, *, release: bool) -> None:
    decision = prepare_decision(assessments[0].cycle, people.staff, assessments)
    approve_decision(
        decision,
        people.approver,
        number=number,
        issued_on=day,
        signer=people.approver.full_name,
        signer_title="Phó Chủ tịch",
        today=day,
    )
    if release:
        release_decision(decision, people.staff, today=day)


FULL_WARD_SIDE = ["submit_plan", "approve_plan", "complete_dossier", "submit_dossier", "receive_dossier"]


def _seed_2017(people: DemoPeople) -> None:
    """A completed year: every ward inspected, recognised by one decision and published."""
    cycle = _create_cycle(2017)
    assessments = list(cycle.assessments.select_related("ward", "cycle__framework"))
    for assessment in assessments:
        _ward_steps(assessment, people, FULL_WARD_SIDE, datetime.date(2017, 10, 23))
    _inspect(assessments, people, datetime.date(2017, 11, 6))
    _recognise(assessments, people, "215/QĐ-UBND", datetime.date(2017, 11, 20), release=True)


def _seed_2018(people: DemoPeople) -> None:
    """The open year: wards spread over every step, so each role finds work waiting."""
    cycle = _create_cycle(YEAR)
    by_number = {
        int(a.ward.code[1:]): a for a in cycle.assessments.select_related("ward", "cycle__framework")
    }
    ward_side = {
        2: ["submit_plan"],
        3: ["submit_plan", "approve_plan", "partial_dossier"],
        4: ["submit_plan", "approve_plan", "complete_dossier"],
        5: FULL_WARD_SIDE[:4],
        6: [*FULL_WARD_SIDE[:4], "return_dossier"],
    }
    day = datetime.date(YEAR, 10, 22)
    for number, assessment in by_number.items():
        _ward_steps(assessment, people, ward_side.get(number, FULL_WARD_SIDE if number >= 7 else []), day)
    inspect_day = datetime.date(YEAR, 11, 5)
    _inspect([by_number[9], by_number[10]], people, inspect_day, score=False)
    _inspect([by_number[n] for n in (11, 12, 13, 14, 15)], people, inspect_day)
    _recognise([by_number[13]], people, "301/QĐ-UBND", datetime.date(YEAR, 11, 16), release=False)
    _recognise(
        [by_number[14], by_number[15]], people, "302/QĐ-UBND", datetime.date(YEAR, 11, 16), release=True
    )


@transaction.atomic
def seed_cycles(stdout) -> None:
    if Cycle.objects.filter(year__in=[2017, YEAR]).exists():
        stdout.write("Assessment cycles exist already; left unchanged.")
        return
    people = DemoPeople()
    _seed_2017(people)
    _seed_2018(people)
    counts = ", ".join(
        f"{AssessmentState(state).label}: {count}"
        for state, count in Counter(
            Assessment.objects.filter(cycle__year=YEAR).values_list("state", flat=True)
        ).items()
    )
    stdout.write(f"Cycle 2017 published for 15 wards; cycle {YEAR}: {counts}.")
