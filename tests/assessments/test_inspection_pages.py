"""Inspection plans through the test client: drafting with the team, submitting, approving, returning."""

import datetime
import re

import pytest
from django.utils import timezone

from assessments.inspection import (
    MemberAssignment,
    approve_inspection_plan,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.models import Assessment, Criterion, InspectionPlan, PlanState, TeamMember
from assessments.models import AssessmentState as S
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import vi
from wards.models import Role


@pytest.fixture
def received(assessment, walk_to):
    """Phường 1's dossier, received by the district on 22/10/2018: an inspection plan is due."""
    return walk_to(assessment, S.RECEIVED)


@pytest.fixture
def inspectors(education_office, promotion_association):
    return [
        UserFactory(
            username="kiemtra2", full_name="Cao Văn Nam", unit=promotion_association, roles=[Role.INSPECTOR]
        ),
        UserFactory(
            username="kiemtra3", full_name="Đỗ Thị Oanh", unit=education_office, roles=[Role.INSPECTOR]
        ),
    ]


def criteria_of(assessment, numbers):
    return list(assessment.cycle.framework.criteria.filter(number__in=numbers).order_by("number"))


def plan_data(assessments, rows, *, cycle=None, title="Kế hoạch kiểm tra Phường 1", extra_rows=0):
    """The POST of the plan form: ``rows`` are (user, is_lead, [criteria])."""
    cycle = cycle or assessments[0].cycle
    data = {
        "title": title,
        "cycle": str(cycle.pk),
        "start_date": "05/11/2018",
        "end_date": "06/11/2018",
        "assessments": [str(a.pk) for a in assessments],
        "team-TOTAL_FORMS": str(len(rows) + extra_rows),
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "1000",
    }
    for index, (user, is_lead, criteria) in enumerate(rows):
        data[f"team-{index}-member"] = str(user.pk)
        if is_lead:
            data[f"team-{index}-is_lead"] = "on"
        data[f"team-{index}-criteria"] = [str(c.pk) for c in criteria]
    return data


def three_rows(assessment, lead, others):
    return [
        (lead, True, criteria_of(assessment, range(1, 6))),
        (others[0], False, criteria_of(assessment, range(6, 11))),
        (others[1], False, criteria_of(assessment, range(11, 16))),
    ]


def draft_plan(assessment, drafter, lead, others=(), *, title=None):
    """A draft plan made by the domain function, lead on 1–5 and ``others`` sharing 6–15."""
    rest = criteria_of(assessment, range(6, 16))
    return save_inspection_plan(
        drafter,
        assessment.cycle,
        title=title or f"Kiểm tra {assessment.ward.name}",
        start_date=datetime.date(2018, 11, 5),
        end_date=datetime.date(2018, 11, 6),
        assessments=[assessment],
        assignments=[
            MemberAssignment(
                lead, criteria_of(assessment, range(1, 6)) + ([] if others else rest), is_lead=True
            ),
            *(MemberAssignment(user, rest) for user in others),
        ],
    )


def team_of(plan) -> dict[str, tuple[bool, list[int]]]:
    return {
        member.user.username: (member.is_lead, sorted(member.criteria.values_list("number", flat=True)))
        for member in plan.members.all()
    }


# --- Drafting ---------------------------------------------------------------------------------------


def test_plan_create_saves_the_plan_with_its_team(login, education_staff, inspector, inspectors, received):
    response = login(education_staff).post(
        "/inspections/new/", plan_data([received], three_rows(received, inspector, inspectors), extra_rows=3)
    )

    plan = InspectionPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/inspections/{plan.pk}/"
    assert (plan.title, plan.start_date, plan.end_date, plan.state, plan.drafted_by) == (
        "Kế hoạch kiểm tra Phường 1",
        datetime.date(2018, 11, 5),
        datetime.date(2018, 11, 6),
        PlanState.DRAFT,
        education_staff,
    )
    assert list(plan.assessments.all()) == [received]
    assert team_of(plan) == {
        "kiemtra": (True, [1, 2, 3, 4, 5]),
        "kiemtra2": (False, [6, 7, 8, 9, 10]),
        "kiemtra3": (False, [11, 12, 13, 14, 15]),
    }


def test_plan_create_form_offers_the_latest_cycle_and_only_received_unplanned_wards(
    login, education_staff, inspector, received, cycle, other_ward
):
    submitted = AssessmentFactory(cycle=cycle, ward=other_ward)  # still with the ward: not offered
    planned_ward = WardFactory(name="Phường 3")
    planned = AssessmentFactory(cycle=cycle, ward=planned_ward)
    draft_plan(planned, education_staff, inspector)  # already covered by a live plan: not offered

    response = login(education_staff).get("/inspections/new/")

    form = response.context["form"]
    assert form.initial["cycle"] == cycle
    assert list(form.fields["assessments"].queryset) == [received]
    assert submitted.state == S.PLAN_DRAFT and planned.state == S.PLAN_DRAFT
    assert len(response.context["team"].forms) == 6
    page = response.content.decode()
    assert f'value="{inspector.pk}"' in page
    assert "Phường 1" in page and "Phường 3" not in page


def test_plan_create_refuses_a_member_of_the_inspected_ward(
    login, education_staff, inspector, inspectors, received, ward
):
    insider = UserFactory(username="kiemtra.p1", full_name="Mạc Văn Phúc", ward=ward, roles=[Role.INSPECTOR])
    rows = three_rows(received, inspector, [inspectors[0], insider])

    response = login(education_staff).post("/inspections/new/", plan_data([received], rows))

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        vi("%(member)s belongs to %(ward)s and cannot inspect it.", member="Mạc Văn Phúc", ward="Phường 1")
        in page
    )
    # What was typed is kept.
    assert 'value="Kế hoạch kiểm tra Phường 1"' in page
    assert 'value="05/11/2018"' in page
    assert InspectionPlan.objects.count() == 0
    assert TeamMember.objects.count() == 0


def test_plan_create_refuses_a_criterion_nobody_checks(
    login, education_staff, inspector, inspectors, received
):
    rows = three_rows(received, inspector, inspectors)
    rows[2] = (inspectors[1], False, criteria_of(received, range(11, 14)))  # 14 and 15 left out

    response = login(education_staff).post("/inspections/new/", plan_data([received], rows))

    assert response.status_code == 200
    assert (
        vi("Every criterion needs a team member to check it; not assigned: %(numbers)s.", numbers="14, 15")
        in response.content.decode()
    )
    assert InspectionPlan.objects.count() == 0


def test_plan_create_refuses_a_team_without_exactly_one_lead(
    login, education_staff, inspector, inspectors, received
):
    rows = [(user, True, criteria) for user, _lead, criteria in three_rows(received, inspector, inspectors)]

    response = login(education_staff).post("/inspections/new/", plan_data([received], rows))

    assert response.status_code == 200
    assert vi("The team needs exactly one lead.") in response.content.decode()
    assert InspectionPlan.objects.count() == 0


def test_plan_create_refuses_the_same_member_twice(login, education_staff, inspector, inspectors, received):
    rows = three_rows(received, inspector, [inspectors[0], inspectors[0]])

    response = login(education_staff).post("/inspections/new/", plan_data([received], rows))

    assert response.status_code == 200
    assert vi("%(member)s appears twice in the team.", member="Cao Văn Nam") in response.content.decode()
    assert InspectionPlan.objects.count() == 0


def test_plan_edit_changes_the_team_and_shows_the_saved_one(
    login, education_staff, inspector, inspectors, received
):
    plan = draft_plan(received, education_staff, inspector, inspectors[:1])
    client = login(education_staff)

    form_page = client.get(f"/inspections/{plan.pk}/edit/")
    initial = [form.initial for form in form_page.context["team"].initial_forms]
    response = client.post(
        f"/inspections/{plan.pk}/edit/",
        plan_data(
            [received], three_rows(received, inspectors[1], [inspector, inspectors[0]]), title="Kế hoạch mới"
        ),
    )

    assert [(row["member"], row["is_lead"], len(row["criteria"])) for row in initial] == [
        (inspector.pk, True, 5),
        (inspectors[0].pk, False, 10),
    ]
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch mới"
    assert team_of(plan) == {
        "kiemtra3": (True, [1, 2, 3, 4, 5]),
        "kiemtra": (False, [6, 7, 8, 9, 10]),
        "kiemtra2": (False, [11, 12, 13, 14, 15]),
    }


# --- Detail, submit, approve, return ----------------------------------------------------------------


def test_plan_detail_shows_wards_with_due_dates_and_the_team(
    login, education_staff, inspector, inspectors, received
):
    plan = draft_plan(received, education_staff, inspector, inspectors[:1])

    response = login(education_staff).get(f"/inspections/{plan.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert received.due_date == datetime.date(2018, 11, 5)  # 10 working days after 22/10/2018
    assert '<span class="overdue">05/11/2018</span>' in page
    assert "Bùi Thị Khánh" in page and "Cao Văn Nam" in page
    # Each criterion is named, not only numbered.
    first = Criterion.objects.get(framework=received.cycle.framework, number=1)
    assert f'<span title="{first.title_vi}">1. ' in page
    assert page.count("<br>") >= 13  # 5 + 10 criteria, one per line
    assert f'action="/inspections/{plan.pk}/submit/"' in page
    assert f'action="/inspections/{plan.pk}/approve/"' not in page


def test_plan_submit_then_approve_plans_the_inspection(
    login, education_staff, district_chairman, inspector, inspectors, received
):
    plan = draft_plan(received, education_staff, inspector, inspectors[:1])

    submitted = login(education_staff).post(f"/inspections/{plan.pk}/submit/")
    plan.refresh_from_db()
    state_after_submit = plan.state
    detail = login(district_chairman).get(f"/inspections/{plan.pk}/").content.decode()
    approved = login(district_chairman).post(f"/inspections/{plan.pk}/approve/")

    plan.refresh_from_db()
    received.refresh_from_db()
    assert (submitted.status_code, approved.status_code) == (302, 302)
    assert state_after_submit == PlanState.SUBMITTED
    assert f'action="/inspections/{plan.pk}/approve/"' in detail
    assert f'action="/inspections/{plan.pk}/return/"' in detail
    assert (plan.state, plan.approved_by) == (PlanState.APPROVED, district_chairman)
    assert received.state == S.INSPECTION_PLANNED


def test_plan_return_needs_a_reason(login, education_staff, district_chairman, inspector, received):
    plan = draft_plan(received, education_staff, inspector)
    submit_inspection_plan(plan, education_staff)
    client = login(district_chairman)

    refused = client.post(f"/inspections/{plan.pk}/return/", {"reason": "  "})
    plan.refresh_from_db()
    state_after_refusal = plan.state
    returned = client.post(f"/inspections/{plan.pk}/return/", {"reason": "Thiếu thành viên Hội Khuyến học"})
    detail = login(education_staff).get(f"/inspections/{plan.pk}/").content.decode()

    plan.refresh_from_db()
    received.refresh_from_db()
    assert refused.status_code == 200
    assert vi("Please give a reason.") in refused.content.decode()
    assert state_after_refusal == PlanState.SUBMITTED
    assert returned.status_code == 302
    assert plan.state == PlanState.RETURNED
    assert plan.history.get(transition="return").reason == "Thiếu thành viên Hội Khuyến học"
    assert "Thiếu thành viên Hội Khuyến học" in detail
    assert f'action="/inspections/{plan.pk}/submit/"' in detail  # the drafter may send it again
    assert received.state == S.RECEIVED


def test_plan_approve_and_return_are_refused_to_the_drafter(login, education_staff, inspector, received):
    plan = draft_plan(received, education_staff, inspector)
    submit_inspection_plan(plan, education_staff)
    client = login(education_staff)

    responses = [
        client.post(f"/inspections/{plan.pk}/approve/").status_code,
        client.post(f"/inspections/{plan.pk}/return/", {"reason": "x"}).status_code,
        client.get(f"/inspections/{plan.pk}/edit/").status_code,  # submitted: no longer editable
    ]

    plan.refresh_from_db()
    received.refresh_from_db()
    assert responses == [403, 403, 403]
    assert (plan.state, received.state) == (PlanState.SUBMITTED, S.RECEIVED)


def test_plan_create_and_submit_are_refused_to_the_approver(
    login, district_chairman, education_staff, inspector, received
):
    plan = draft_plan(received, education_staff, inspector)
    client = login(district_chairman)

    responses = [
        client.get("/inspections/new/").status_code,
        client.post(f"/inspections/{plan.pk}/submit/").status_code,
        client.post(f"/inspections/{plan.pk}/approve/").status_code,  # still a draft: told so, nothing done
    ]

    plan.refresh_from_db()
    assert responses == [403, 403, 302]
    assert plan.state == PlanState.DRAFT


# --- Refusals ---------------------------------------------------------------------------------------


def plan_urls(plan):
    return [
        ("get", "/inspections/", {}),
        ("get", "/inspections/new/", {}),
        ("post", "/inspections/new/", {"title": "x"}),
        ("get", f"/inspections/{plan.pk}/", {}),
        ("get", f"/inspections/{plan.pk}/edit/", {}),
        ("post", f"/inspections/{plan.pk}/edit/", {"title": "x"}),
        ("post", f"/inspections/{plan.pk}/submit/", {}),
        ("post", f"/inspections/{plan.pk}/approve/", {}),
        ("post", f"/inspections/{plan.pk}/return/", {"reason": "x"}),
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("ward_officer", {403, 404}),
        ("ward_chairman", {403, 404}),
        ("other_ward_officer", {403, 404}),
        ("steering_member", {403, 404}),
        (None, {302}),
    ],
)
def test_plan_pages_are_refused_to_outsiders(
    request, login, education_staff, inspector, received, persona, expected
):
    plan = draft_plan(received, education_staff, inspector)
    client = login(request.getfixturevalue(persona) if persona else None)

    responses = [(url, getattr(client, method)(url, data)) for method, url, data in plan_urls(plan)]

    assert {url: r.status_code for url, r in responses if r.status_code not in expected} == {}
    if persona is None:
        assert {r["Location"].split("?")[0] for _url, r in responses} == {"/accounts/login/"}
    else:
        # The list says "not for you"; a plan is not even shown to exist.
        assert responses[0][1].status_code == 403
        assert responses[3][1].status_code == 404
    plan.refresh_from_db()
    received.refresh_from_db()
    assert (plan.title, plan.state, received.state) == ("Kiểm tra Phường 1", PlanState.DRAFT, S.RECEIVED)
    assert InspectionPlan.objects.count() == 1


def test_inspectors_see_only_the_plans_they_are_on(
    login, education_staff, inspector, inspectors, received, cycle
):
    mine = draft_plan(received, education_staff, inspector, title="Của tôi")
    other = AssessmentFactory(cycle=cycle, ward=WardFactory(name="Phường 9"))
    theirs = draft_plan(other, education_staff, inspectors[0], title="Của người khác")
    client = login(inspector)

    listing = client.get("/inspections/")
    own_detail = client.get(f"/inspections/{mine.pk}/")
    other_detail = client.get(f"/inspections/{theirs.pk}/")
    edit = client.get(f"/inspections/{mine.pk}/edit/")

    assert [plan.title for plan in listing.context["plans"]] == ["Của tôi"]
    assert (own_detail.status_code, other_detail.status_code, edit.status_code) == (200, 404, 403)
    assert f'action="/inspections/{mine.pk}/submit/"' not in own_detail.content.decode()


def test_inspections_menu_entry_for_planners_and_inspectors_only(request, login, ward):
    shown = {}
    for persona in ["education_staff", "district_chairman", "inspector", "steering_member", "ward_officer"]:
        page = login(request.getfixturevalue(persona)).get(
            "/inspections/" if persona != "ward_officer" else "/"
        )
        shown[persona] = 'href="/inspections/"' in page.content.decode()
    assert shown == {
        "education_staff": True,
        "district_chairman": True,
        "inspector": True,
        "steering_member": False,
        "ward_officer": False,
    }


# --- Query count ------------------------------------------------------------------------------------


def test_plan_list_query_count_does_not_grow_with_the_number_of_plans(
    login, education_staff, inspector, inspectors, cycle, django_assert_num_queries
):
    def add_plans(count):
        for _n in range(count):
            assessment = AssessmentFactory(cycle=cycle, ward=WardFactory())
            draft_plan(assessment, education_staff, inspector, inspectors)

    client = login(education_staff)
    add_plans(1)
    # session, user, roles, plans with cycle/drafter/approver, their assessments with wards, their members
    # with user/unit, the members' criteria
    with django_assert_num_queries(6):
        small = client.get("/inspections/")
    add_plans(4)
    with django_assert_num_queries(6):
        large = client.get("/inspections/")

    assert (len(small.context["plans"]), len(large.context["plans"])) == (1, 5)
    assert len(re.findall(r"Bùi Thị Khánh", large.content.decode())) == 5
    assert Assessment.objects.count() == 5


# --- Due dates come from the step that started them; links only to what the user may do ------------


def test_freshly_approved_plan_is_due_on_its_last_inspection_day_not_the_cycles(
    login, ward, education_staff, district_chairman, inspector, walk_to, promotion_association
):
    """A plan approved after the cycle's inspection window is not born overdue."""
    today = timezone.localdate()
    cycle = CycleFactory(
        year=today.year,
        inspection_start=today - datetime.timedelta(days=40),
        inspection_end=today - datetime.timedelta(days=10),
        lead_body=promotion_association,
    )
    assessment = walk_to(AssessmentFactory(cycle=cycle, ward=ward), S.RECEIVED)
    criteria = list(cycle.framework.criteria.all())
    plan = save_inspection_plan(
        education_staff,
        cycle,
        title="Kiểm tra bổ sung",
        start_date=today + datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=4),
        assessments=[assessment],
        assignments=[MemberAssignment(inspector, criteria, is_lead=True)],
    )
    login(education_staff).post(f"/inspections/{plan.pk}/submit/")

    login(district_chairman).post(f"/inspections/{plan.pk}/approve/")
    page = login(education_staff).get(f"/inspections/{plan.pk}/").content.decode()

    assessment.refresh_from_db()
    assert (assessment.state, assessment.due_date) == (
        S.INSPECTION_PLANNED,
        today + datetime.timedelta(days=4),
    )
    assert vi("overdue") not in page


def test_plan_page_links_to_scoring_only_for_who_may_score_now(
    login, education_staff, district_chairman, inspector, received, walk_to
):
    plan = draft_plan(received, education_staff, inspector)
    submit_inspection_plan(plan, education_staff)
    approve_inspection_plan(plan, district_chairman)
    scoring = f'href="/assessments/{received.pk}/scoring/"'

    staff_page = login(education_staff).get(f"/inspections/{plan.pk}/").content.decode()
    lead_page = login(inspector).get(f"/inspections/{plan.pk}/").content.decode()
    received.refresh_from_db()
    walk_to(received, S.INSPECTED, inspector=inspector)
    closed_page = login(inspector).get(f"/inspections/{plan.pk}/").content.decode()

    assert (scoring in staff_page, scoring in lead_page, scoring in closed_page) == (False, True, False)
    assert f'href="/assessments/{received.pk}/consolidation/"' in staff_page
