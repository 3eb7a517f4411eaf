"""The inbox reads only open work, and lists exactly what the permission rules let each user do.

``assessments.inbox.open_work`` narrows the assessments by state and role in
the database; these tests hold it to the rules themselves (every demo user,
every assessment, plan and decision of the demo) and show that years of
published results cost the inbox neither queries nor rows read.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from assessments.inbox import PAGE_TRANSITIONS, inbox_rows, open_work
from assessments.inspection import MemberAssignment, save_inspection_plan, submit_inspection_plan
from assessments.models import AssessmentState as S
from assessments.models import DecisionState, Framework, InspectionPlan, PlanState, RecognitionDecision
from assessments.queries import assessments_for_user
from assessments.results import import_results
from assessments.workflow import ASSESSMENT_WORKFLOW, TRANSITIONS
from tests.factories import AssessmentFactory, UserFactory, WardFactory
from wards.models import Role, User

# The permission of each assessment action the inbox offers, as its pages check it.
ASSESSMENT_PERMISSIONS = [
    "assessments.edit_plan",
    "assessments.edit_dossier",
    "assessments.receive_dossier",
    "assessments.return_dossier",
    "assessments.score_inspection",
    "assessments.close_inspection",
]


def work_by_the_rules(user) -> set[tuple[str, int]]:
    """What ``user`` may act on now, asked of the rules for every assessment, plan and decision they may see.

    Drafting an inspection plan and preparing a decision are for the wards not
    yet in one (the pages' own condition), the rest are the permissions as
    their pages check them.
    """
    planned = set(
        InspectionPlan.objects.exclude(state=PlanState.RETURNED).values_list("assessments", flat=True)
    )
    decided = set(
        RecognitionDecision.objects.exclude(state=DecisionState.WITHDRAWN).values_list(
            "assessments", flat=True
        )
    )
    work = set()
    for assessment in assessments_for_user(user):
        transitions = [TRANSITIONS[name] for name in PAGE_TRANSITIONS]
        if (
            any(user.has_perm(permission, assessment) for permission in ASSESSMENT_PERMISSIONS)
            or any(
                ASSESSMENT_WORKFLOW.possible(transition, assessment)
                and user.has_perm(transition.permission, assessment)
                for transition in transitions
            )
            or (
                assessment.state == S.RECEIVED
                and assessment.pk not in planned
                and user.has_perm("assessments.draft_inspection_plan")
            )
            or (
                assessment.state == S.INSPECTED
                and assessment.pk not in decided
                and user.has_perm("assessments.prepare_decision")
            )
        ):
            work.add(("assessment", assessment.pk))
    for plan in InspectionPlan.objects.all():
        # A returned plan is reworked from the plan's own page, not the inbox.
        if (plan.state == PlanState.DRAFT and user.has_perm("assessments.submit_inspection_plan", plan)) or (
            user.has_perm("assessments.decide_inspection_plan", plan)
        ):
            work.add(("plan", plan.pk))
    for decision in RecognitionDecision.objects.all():
        if user.has_perm("assessments.sign_decision", decision) or user.has_perm(
            "assessments.release_decision", decision
        ):
            work.add(("decision", decision.pk))
    return work


def listed(user) -> set[tuple[str, int]]:
    """What the inbox lists for ``user``: each row's assessment, plan or decision."""
    items = set()
    for row in inbox_rows(user):
        if row.assessment is not None:
            items.add(("assessment", row.assessment.pk))
        else:
            kind = "plan" if "/inspections/" in row.url else "decision"
            items.add((kind, int(row.url.rstrip("/").rsplit("/", 1)[1])))
        assert row.actions, row
    return items


def test_the_inbox_lists_exactly_what_the_rules_let_each_demo_user_do(db, settings, tmp_path):
    """One seed (the demo walks four years through the workflow), every one of its users."""
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())

    users = list(User.objects.order_by("username"))
    assert len(users) > 15
    found = {user.username: listed(user) for user in users}

    assert found == {user.username: work_by_the_rules(user) for user in users}
    # The demo gives work to every kind of user the inbox is for.
    assert all(
        found[username] for username in ("canbo.p1", "chutich.p2", "phonggd", "kiemtra1", "chutich.quan")
    )


# --- Years of published history cost nothing ------------------------------------------------------------


def import_history(years, wards, admin):
    """Every ward's published results of ``years``, with a released decision a year, as an administrator imports."""
    Framework.objects.filter(code="tt44-2014").update(first_year=min(years))
    lines = [
        f"{year},{ward.code},{number},5,{year - 1900}/QĐ-UBND,20/11/{year}"
        for year in years
        for ward in wards
        for number in range(1, 16)
    ]
    import_results(
        "year,ward_code,criterion,points,decision_number,decision_date\n" + "\n".join(lines), admin
    )


@pytest.fixture
def world(walk_to, cycle, ward, ward_officer, education_staff, inspector, district_chairman):
    """The 2018 cycle with work for each persona: a dossier in preparation, one submitted, one inspected."""
    walk_to(AssessmentFactory(cycle=cycle, ward=ward), S.DOSSIER_PREPARATION)
    others = []
    for state in (S.SUBMITTED, S.INSPECTION_PLANNED):
        other = WardFactory()
        people = {
            "ward_officer": UserFactory(ward=other, roles=[Role.WARD_OFFICER]),
            "ward_chairman": UserFactory(ward=other, roles=[Role.WARD_CHAIRMAN]),
        }
        others.append(walk_to(AssessmentFactory(cycle=cycle, ward=other), state, **people))
    return [ward, *(assessment.ward for assessment in others)]


# Queries of one inbox page, whatever the years of history (session and user, roles, the open work,
# its plans, decisions, teams and criteria, notifications, plan tasks; the officer's dossier being finished).
PERSONAS = {"ward_officer": 10, "education_staff": 8, "inspector": 10, "district_chairman": 10}


@pytest.mark.parametrize("years", [1, 6])
@pytest.mark.parametrize("persona", PERSONAS)
def test_years_of_published_results_add_no_query_and_no_row_read(
    request, login, world, system_admin, years, persona, django_assert_max_num_queries
):
    import_history(range(2018 - years, 2018), world, system_admin)
    user = request.getfixturevalue(persona)
    client = login(user)
    client.get("/inbox/")  # the menu is cached from the first page on

    with django_assert_max_num_queries(PERSONAS[persona]):
        page = client.get("/inbox/")

    assert page.status_code == 200
    assert {assessment.cycle.year for assessment in open_work(user)} <= {2018}
    assert listed(user) == work_by_the_rules(user)


def test_a_plan_waiting_for_approval_names_its_wards_for_the_district_chairman(
    login, district_chairman, education_staff, inspector, walk_to, cycle, ward
):
    """The chairman has no assessment of their own to act on: the plan's wards are read for its row."""
    assessment = walk_to(AssessmentFactory(cycle=cycle, ward=ward), S.RECEIVED)
    plan = save_inspection_plan(
        education_staff,
        cycle,
        title="Kiểm tra cụm 1",
        start_date=datetime.date(2018, 11, 5),
        end_date=datetime.date(2018, 11, 6),
        assessments=[assessment],
        assignments=[MemberAssignment(inspector, list(cycle.framework.criteria.all()), is_lead=True)],
    )
    submit_inspection_plan(plan, education_staff)

    [row] = login(district_chairman).get("/inbox/").context["rows"]

    assert (row.title, row.wards, row.year, row.url) == (
        "Kiểm tra cụm 1",
        ["Phường 1"],
        2018,
        f"/inspections/{plan.pk}/",
    )
