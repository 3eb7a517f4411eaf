"""``manage.py seed_scale``: complete, consistent years for every ward; the same seed gives the same rows."""

import hashlib
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments.inspection_workflow import DECISION_WORKFLOW
from assessments.models import (
    Assessment,
    AssessmentState,
    CriterionSelfScore,
    Cycle,
    DecisionState,
    EvidenceFile,
    IndicatorInspectionFinding,
    IndicatorSelfFinding,
    InspectionScore,
    RecognitionDecision,
    ScoreRevision,
)
from assessments.strategies import strategy_for
from assessments.workflow import ASSESSMENT_WORKFLOW
from centers.models import Activity, Center, Session
from plans.models import PlanTask, TaskState, YearPlan
from tests.factories import WardFactory
from wards.demo import DEMO_PASSWORD
from wards.models import Role, User, Ward

pytestmark = pytest.mark.django_db

WARDS, YEARS = 4, 3  # three past years: one under Circular 44 (points) up to 2023, two under Circular 25
# What a complete year's history reads, step by step, under each framework's procedure.
POINTS_STEPS = ["submit_plan", "approve_plan"]
LEVELS_STEPS = ["submit_self_assessment", "agree_self_assessment"]
DISTRICT_STEPS = [
    "submit_dossier",
    "receive_dossier",
    "plan_inspection",
    "close_inspection",
    "recognise",
    "publish",
]


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_scale", wards=WARDS, years=YEARS, stdout=out, **options)
    return out.getvalue()


def past_years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year - YEARS, this_year))


def test_every_past_year_is_complete_and_consistent():
    out = seed()
    assert "score rows/s" in out and "assessments_inspectionscore" in out
    assert Ward.objects.count() == WARDS
    assert list(Cycle.objects.order_by("year").values_list("year", flat=True)) == [
        *past_years(),
        max(past_years()) + 1,
    ]
    for assessment in Assessment.objects.filter(cycle__year__in=past_years()).select_related(
        "cycle__framework", "result"
    ):
        framework = assessment.cycle.framework
        assert framework.code == ("tt44-2014" if assessment.cycle.year <= 2023 else "tt25-2023")
        assert assessment.state == AssessmentState.PUBLISHED
        # The history is the one the workflow engine writes: each step from where the last one ended.
        changes = list(assessment.history.order_by("pk"))
        first = POINTS_STEPS if framework.scoring_mode == "points" else LEVELS_STEPS
        assert [c.transition for c in changes] == first + DISTRICT_STEPS
        assert changes[0].from_state == AssessmentState.PLAN_DRAFT
        assert all(a.to_state == b.from_state for a, b in zip(changes, changes[1:], strict=False))
        # The stored result is the one the framework's strategy computes from the team's rows.
        outcome = strategy_for(framework).result(assessment)
        assert (assessment.result.total, assessment.result.level) == (outcome.total, outcome.level)
        assert assessment.result.classification_id == (
            outcome.classification.pk if outcome.classification else None
        )
        decision = assessment.decisions.get()
        assert decision.state == DecisionState.RELEASED
        assert [c.transition for c in DECISION_WORKFLOW.history(decision)] == ["approve", "release"]
    for score in list(InspectionScore.objects.select_related("criterion")) + list(
        CriterionSelfScore.objects.select_related("criterion")
    ):
        assert Decimal(0) <= score.points <= score.criterion.max_points


def test_counts_per_table_follow_from_wards_years_and_frameworks():
    seed(per_unit=3)
    points_years = [year for year in past_years() if year <= 2023]
    assert len(points_years) == 1
    assert CriterionSelfScore.objects.count() == WARDS * 15
    assert InspectionScore.objects.count() == ScoreRevision.objects.count() == WARDS * 15
    indicators = (
        IndicatorSelfFinding.objects.filter(assessment__cycle__year=past_years()[-1]).count() // WARDS
    )
    assert IndicatorInspectionFinding.objects.filter(assessment__cycle__year__in=past_years()).count() == (
        2 * WARDS * indicators
    )
    past = Assessment.objects.filter(cycle__year__in=past_years())
    assert EvidenceFile.objects.filter(assessment__in=past).count() == WARDS * (15 + 2 * indicators)
    assert len({row.file.name for row in EvidenceFile.objects.all()}) == 1  # one stored file for every row
    assert RecognitionDecision.objects.count() == YEARS  # one per district and year
    assert Center.objects.count() == WARDS
    assert Activity.objects.count() == WARDS * (YEARS + 1) * 3
    assert Session.objects.count() == Activity.objects.count() * 3
    assert YearPlan.objects.count() == YEARS + 1
    past_tasks = PlanTask.objects.filter(plan__year__in=past_years())
    assert past_tasks.exclude(state=TaskState.DONE).count() == 0
    assert past_tasks.count() == YEARS * (8 * 3 + WARDS)  # per unit and month, and one per ward


def test_this_year_is_open_with_wards_at_several_steps():
    seed()
    open_states = list(
        Assessment.objects.filter(cycle__year=timezone.localdate().year)
        .order_by("ward__code")
        .values_list("state", flat=True)
    )
    assert open_states == ["plan_draft", "plan_submitted", "dossier_preparation", "submitted"]
    submitted = Assessment.objects.get(state=AssessmentState.SUBMITTED)
    assert [row[0].transition for row in ASSESSMENT_WORKFLOW.history_rows(submitted)] == [
        "submit_self_assessment",
        "agree_self_assessment",
        "submit_dossier",
    ]


def test_personas_sign_in_and_find_the_generated_wards(client):
    seed()
    for username in (
        "canbo.p1",
        "chutich.p1",
        "ttht.p1",
        "nvtt.p1",
        "phonggd",
        "kiemtra1",
        "chutich.quan",
        "bcd",
    ):
        assert client.login(username=username, password=DEMO_PASSWORD), username
    assert User.objects.get(username="canbo.p1").roles == {Role.WARD_OFFICER}
    year = past_years()[-1]
    page = client.get(reverse("assessments:public_year", args=[year])).content.decode()
    for ward in Ward.objects.all():
        assert ward.name in page
    client.login(username="phonggd", password=DEMO_PASSWORD)
    listing = client.get(reverse("wards:list")).content.decode()
    assert all(ward.name in listing for ward in Ward.objects.all())
    decision = client.get(reverse("assessments:public_decision", args=[year, "P0001"]), follow=True)
    assert decision.status_code == 200 and decision["Content-Type"] == "application/pdf"


def digest() -> dict[str, str]:
    """A hash of each table's generated rows, keys replaced by their rank in their table (the sequences need
    not restart), without the columns that hold the moment of the run or a salted hash."""
    labels = {"wards", "assessments", "centers", "plans", "engines"}
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels and not model.__name__.startswith("Historical")
    ]
    ranks = {
        model: {pk: i for i, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True))}
        for model in models
    }
    decisions = ranks[RecognitionDecision]
    hashes = {}
    for model in models:
        fields = [
            f
            for f in model._meta.concrete_fields
            if not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
            and f.name not in {"password", "last_login", "date_joined", "opened_at"}
        ]
        hasher = hashlib.sha256()
        for row in model.objects.order_by("pk").values_list(*(f.attname for f in fields)):
            values = []
            for field, value in zip(fields, row, strict=True):
                target = model if field.primary_key else field.related_model if field.is_relation else None
                if field.name == "document_key" and value.startswith(
                    "decision:"
                ):  # the register names the row
                    value = decisions[int(value.removeprefix("decision:"))]
                values.append(ranks[target].get(value, value) if target else value)
            hasher.update(repr(values).encode())
        hashes[model._meta.db_table] = hasher.hexdigest()
    return hashes


def seeded_digest(**options) -> dict[str, str]:
    """The digest of one run, rolled back afterwards so the next run starts from the same empty database."""
    with transaction.atomic():
        seed(**options)
        value = digest()
        transaction.set_rollback(True)
    return value


def test_the_same_seed_gives_the_same_data():
    first = seeded_digest(seed=7)
    assert seeded_digest(seed=7) == first
    assert seeded_digest(seed=8) != first


def test_refuses_a_database_that_has_wards_unless_asked_to_add():
    WardFactory(code="X01", name="Phường cũ")
    with pytest.raises(CommandError, match="already has 1 wards.*--add"):
        seed()
    assert Assessment.objects.count() == 0
    seed(add=True)
    assert Ward.objects.count() == WARDS + 1
