"""Builders for assessments at any step, reached through the real workflow engine."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from assessments.decision_numbers import proposed_decision_number
from assessments.demo import demo_pdf
from assessments.inspection import (
    MemberAssignment,
    approve_decision,
    approve_inspection_plan,
    close_inspection,
    prepare_decision,
    record_score,
    release_decision,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.models import AssessmentState as S
from assessments.models import (
    CriterionSelfScore,
    DossierDocument,
    EvidenceFile,
    Framework,
    RecognitionDecision,
    SelfInspectionPlan,
)
from assessments.plan import PLAN_FIELDS, plan_missing_items
from assessments.procedures import document_kinds
from assessments.workflow import TRANSITIONS, perform_transition
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import write_plan

PDF_BYTES = demo_pdf("Nghi quyet")  # a real one-page PDF: uploads are opened with pypdf


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def cycle(db, promotion_association):
    return CycleFactory(year=2018, lead_body=promotion_association)


@pytest.fixture
def assessment(cycle, ward):
    return AssessmentFactory(cycle=cycle, ward=ward)


@pytest.fixture
def preparing(walk_to, assessment):
    """The assessment with its dossier in preparation at the ward."""
    return walk_to(assessment, S.DOSSIER_PREPARATION)


@pytest.fixture
def circular_44(db):
    """The seeded framework of Circular 44/2014, version 1."""
    return Framework.objects.get(code="tt44-2014", version=1)


def add_evidence(assessment, criterion, user, name="minh-chung.pdf"):
    evidence = EvidenceFile(
        assessment=assessment,
        criterion=criterion,
        original_name=name,
        content_type="application/pdf",
        size=len(PDF_BYTES),
        sha256="0" * 64,
        uploaded_by=user,
    )
    evidence.file.save(name, ContentFile(PDF_BYTES), save=True)
    return evidence


def complete_dossier(assessment, user, *, points=Decimal(6)):
    """Score every criterion, attach one evidence file each, and fill the three documents."""
    for criterion in assessment.cycle.framework.criteria.all():
        CriterionSelfScore.objects.update_or_create(
            assessment=assessment, criterion=criterion, defaults={"points": min(points, criterion.max_points)}
        )
        add_evidence(assessment, criterion, user)
    for number, kind in enumerate(document_kinds(assessment), start=1):
        document, _created = DossierDocument.objects.get_or_create(assessment=assessment, kind=kind)
        document.number = f"{number:02d}/UBND"
        document.issued_on = datetime.date(assessment.cycle.year, 10, 20)
        document.signer = "Nguyễn Văn An"
        document.scan.save("scan.pdf", ContentFile(PDF_BYTES), save=True)


def ready_plan(assessment, officer):
    """A plan that may be sent: the one written already, with what it lacks filled in by ``write_plan``."""
    if not plan_missing_items(assessment):
        return
    written = SelfInspectionPlan.objects.filter(assessment=assessment).values(*PLAN_FIELDS).first() or {}
    write_plan(assessment, officer, **{field: value for field, value in written.items() if value})


# The path through the workflow and who takes each step.
PATH = [
    ("submit_plan", "ward_officer", S.PLAN_SUBMITTED),
    ("approve_plan", "ward_chairman", S.DOSSIER_PREPARATION),
    ("submit_dossier", "ward_officer", S.SUBMITTED),
    ("receive_dossier", "education_staff", S.RECEIVED),
    ("plan_inspection", "district_chairman", S.INSPECTION_PLANNED),
    ("close_inspection", "inspector", S.INSPECTED),
    ("recognise", "district_chairman", S.RECOGNISED),
    ("publish", "education_staff", S.PUBLISHED),
]


def approved_plan(assessment, drafter, approver, lead, *, today=None, members=()):
    """An approved inspection plan for ``assessment`` with ``lead`` checking every criterion."""
    criteria = list(assessment.cycle.framework.criteria.all())
    plan = save_inspection_plan(
        drafter,
        assessment.cycle,
        title=f"Kiểm tra {assessment.ward.name}",
        start_date=datetime.date(assessment.cycle.year, 11, 5),
        end_date=datetime.date(assessment.cycle.year, 11, 6),
        assessments=[assessment],
        assignments=[MemberAssignment(lead, criteria, is_lead=True), *members],
    )
    submit_inspection_plan(plan, drafter)
    approve_inspection_plan(plan, approver, today=today)
    assessment.refresh_from_db()
    return plan


def score_all(assessment, inspector, points=Decimal(6)):
    for criterion in assessment.cycle.framework.criteria.all():
        record_score(
            assessment,
            criterion,
            inspector,
            points=min(points, criterion.max_points),
            comment="Đạt",
            evidence_sufficient=True,
            expected_version=0,
        )


@pytest.fixture
def walk_to(request):
    """``walk_to(assessment, state)`` moves an assessment forward, step by step, until ``state``.

    Ward steps go through the engine; district steps through the domain functions
    of the district side (inspection plan, scores, decision), as the pages do.
    """

    def walk(assessment, state, today=datetime.date(2018, 10, 22), **people):
        """``people`` replaces personas by name, e.g. ``ward_officer=`` for another ward's officer."""

        def persona(name):
            return people.get(name) or request.getfixturevalue(name)

        if state == S.RETURNED:
            walk(assessment, S.SUBMITTED, today, **people)
            perform_transition(
                assessment, "return_dossier", persona("education_staff"), reason="Thiếu minh chứng"
            )
            return assessment
        for name, who, reached in PATH:
            if assessment.state == state:
                break
            if assessment.state not in TRANSITIONS[name].sources:
                continue  # a step taken before: walking on from where the assessment stands
            if name == "submit_plan":
                ready_plan(assessment, persona("ward_officer"))
            if name == "submit_dossier":
                complete_dossier(assessment, persona("ward_officer"))
            if name == "plan_inspection":
                approved_plan(
                    assessment, persona("education_staff"), persona(who), persona("inspector"), today=today
                )
            elif name == "close_inspection":
                score_all(assessment, persona(who))
                close_inspection(assessment, persona(who), today=today)
            elif name == "recognise":
                decision = prepare_decision(assessment.cycle, persona("education_staff"), [assessment])
                signed_on = datetime.date(assessment.cycle.year, 12, 10)
                first = not RecognitionDecision.objects.exclude(number="").exists()
                approve_decision(
                    decision,
                    persona(who),
                    # The register's next number for every decision after the first "05".
                    number="05/QĐ-UBND" if first else proposed_decision_number(decision, signed_on),
                    issued_on=signed_on,
                    signer="Trịnh Văn Long",
                    signer_title="Phó Chủ tịch",
                    today=today,
                )
            elif name == "publish":
                release_decision(assessment.decisions.get(), persona(who), today=today)
            else:
                perform_transition(assessment, name, persona(who), today=today)
            assessment.refresh_from_db()
            assert assessment.state == reached
        return assessment

    return walk
