"""Step 1 through the pages: the ward officer drafts the self-inspection plan, the chairman approves it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import AssessmentState as S
from assessments.models import SelfInspectionPlan
from assessments.plan import plan_missing_items, save_plan
from tests.factories import UserFactory
from tests.helpers import vi, vi_text

PLAN = {
    "number": "12/KH-UBND",
    "issued_on": "24/09/2018",
    "team_members": "Nguyễn Văn An (trưởng đoàn)\nPhạm Thị Dung (thư ký)",
    "schedule": "Từ 01/10 đến 15/10/2018",
    "content": "Kiểm tra 15 tiêu chí theo Thông tư 44/2014",
}
# The same plan as the domain function takes it (a date, not what was typed).
PLAN_DATA = {**PLAN, "issued_on": datetime.date(2018, 9, 24)}


def test_plan_edit_shows_an_empty_form_to_the_ward_officer(login, ward_officer, assessment):
    response = login(ward_officer).get(f"/assessments/{assessment.pk}/plan/")

    assert response.status_code == 200
    assert list(response.context["form"].fields) == [
        "number",
        "issued_on",
        "team_members",
        "schedule",
        "content",
    ]
    assert response.context["form"].instance.pk is None


def test_plan_edit_saves_the_plan_with_its_author(login, ward_officer, assessment):
    response = login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", PLAN)

    plan = SelfInspectionPlan.objects.get(assessment=assessment)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    assert (plan.number, plan.issued_on, plan.team_members, plan.schedule, plan.content, plan.updated_by) == (
        "12/KH-UBND",
        datetime.date(2018, 9, 24),
        PLAN["team_members"],
        PLAN["schedule"],
        PLAN["content"],
        ward_officer,
    )


def test_plan_edit_updates_the_existing_plan(login, ward_officer, assessment):
    other_officer = UserFactory(ward=assessment.ward, roles=["ward_officer"])
    save_plan(assessment, PLAN_DATA, other_officer)

    login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", {**PLAN, "schedule": "Tháng 11/2018"})

    plan = SelfInspectionPlan.objects.get(assessment=assessment)
    assert (SelfInspectionPlan.objects.count(), plan.schedule, plan.updated_by) == (
        1,
        "Tháng 11/2018",
        ward_officer,
    )


def test_plan_edit_with_a_missing_field_saves_nothing_and_keeps_what_was_typed(
    login, ward_officer, assessment
):
    response = login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", {**PLAN, "schedule": ""})
    page = response.content.decode()

    assert response.status_code == 200
    assert not SelfInspectionPlan.objects.exists()
    assert set(response.context["form"].errors) == {"schedule"}
    assert "Kiểm tra 15 tiêu chí theo Thông tư 44/2014" in page
    assert vi("Nothing has been saved. Please correct the errors below.") in page


@pytest.mark.parametrize(
    "persona", ["ward_chairman", "education_staff", "inspector", "steering_member", "system_admin"]
)
def test_plan_edit_is_forbidden_to_all_but_the_ward_officer(request, login, assessment, persona):
    client = login(request.getfixturevalue(persona))

    get = client.get(f"/assessments/{assessment.pk}/plan/")
    post = client.post(f"/assessments/{assessment.pk}/plan/", PLAN)

    assert (get.status_code, post.status_code) == (403, 403)
    assert not SelfInspectionPlan.objects.exists()


def test_plan_edit_by_an_officer_of_another_ward_is_not_found(login, other_ward_officer, assessment):
    client = login(other_ward_officer)

    get = client.get(f"/assessments/{assessment.pk}/plan/")
    post = client.post(f"/assessments/{assessment.pk}/plan/", PLAN)

    assert (get.status_code, post.status_code) == (404, 404)
    assert not SelfInspectionPlan.objects.exists()


def test_plan_edit_is_forbidden_once_the_plan_was_sent(login, ward_officer, walk_to, assessment):
    save_plan(assessment, PLAN_DATA, ward_officer)
    walk_to(assessment, S.PLAN_SUBMITTED)

    response = login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", {**PLAN, "content": "Đổi"})

    assert response.status_code == 403
    assert SelfInspectionPlan.objects.get().content == PLAN["content"]


def test_save_plan_refuses_a_plan_already_sent(ward_officer, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    with pytest.raises(PermissionDenied):
        save_plan(assessment, PLAN_DATA, ward_officer)
    assert (
        SelfInspectionPlan.objects.get().content == "Tự kiểm tra 15 tiêu chí."
    )  # the plan sent (write_plan)


def test_ward_officer_drafts_and_sends_the_plan_and_the_chairman_approves_it(
    login, ward_officer, ward_chairman, assessment
):
    officer, chairman = login(ward_officer), login(ward_chairman)

    officer.post(f"/assessments/{assessment.pk}/plan/", PLAN)
    officer.post(f"/assessments/{assessment.pk}/transition/submit_plan/")
    inbox = chairman.get("/inbox/")
    detail = chairman.get(f"/assessments/{assessment.pk}/").content.decode()
    chairman.post(f"/assessments/{assessment.pk}/transition/approve_plan/")

    assessment.refresh_from_db()
    assert [(row.assessment, [action.label for action in row.actions]) for row in inbox.context["rows"]] == [
        (assessment, [vi("Approve the self-inspection plan"), vi("Return the plan with a reason")]),
    ]
    assert vi("Approve the self-inspection plan") in inbox.content.decode()
    assert "Kiểm tra 15 tiêu chí theo Thông tư 44/2014" in detail
    assert assessment.state == S.DOSSIER_PREPARATION
    assert [(c.transition, c.actor) for c in assessment.history.all()] == [
        ("submit_plan", ward_officer),
        ("approve_plan", ward_chairman),
    ]


# --- The plan's number and date, and what it needs before it is sent ----------------------------------


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("31/12/9999", None),
        ("01/01/0001", None),
        ("31/12/2016", None),
        ("01/01/2020", None),
        ("01/01/2017", datetime.date(2017, 1, 1)),
        ("31/12/2019", datetime.date(2019, 12, 31)),
    ],
)
def test_plan_edit_accepts_only_a_date_around_the_cycle(login, ward_officer, assessment, typed, saved):
    response = login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", {**PLAN, "issued_on": typed})

    plan = SelfInspectionPlan.objects.filter(assessment=assessment).first()
    if saved is None:
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "issued_on": [
                vi_text("Enter a date from %(start)s to %(end)s.", start="01/01/2017", end="31/12/2019")
            ]
        }
        assert f'value="{typed}"' in response.content.decode()  # what was typed stays in the box
        assert plan is None
    else:
        assert response.status_code == 302
        assert plan.issued_on == saved


def test_save_plan_refuses_an_implausible_date_whoever_calls_it(ward_officer, assessment):
    with pytest.raises(ValidationError) as refused:
        save_plan(assessment, {**PLAN_DATA, "issued_on": datetime.date(9999, 12, 31)}, ward_officer)

    assert refused.value.code == "implausible_date"
    assert not SelfInspectionPlan.objects.exists()


def test_plan_missing_items_lists_what_a_plan_lacks(ward_officer, assessment):
    assert plan_missing_items(assessment) == [vi_text("The self-inspection plan has not been drafted yet.")]

    save_plan(assessment, {**PLAN_DATA, "number": " ", "issued_on": None}, ward_officer)
    assessment.refresh_from_db()

    assert plan_missing_items(assessment) == [
        vi_text("Self-inspection plan: %(what)s missing.", what=vi_text("number")),
        vi_text("Self-inspection plan: %(what)s missing.", what=vi_text("date")),
    ]
    save_plan(assessment, PLAN_DATA, ward_officer)
    assessment.refresh_from_db()
    assert plan_missing_items(assessment) == []


def test_sending_without_a_plan_is_refused_with_what_is_missing(login, ward_officer, assessment):
    response = login(ward_officer).post(f"/assessments/{assessment.pk}/transition/submit_plan/")
    page = response.content.decode()

    assessment.refresh_from_db()
    assert response.status_code == 200
    assert (assessment.state, assessment.history.count()) == (S.PLAN_DRAFT, 0)
    assert response.context["refusal"] == {
        "message": vi_text("The plan cannot be sent yet. Missing:"),
        "problems": [vi_text("The self-inspection plan has not been drafted yet.")],
    }
    assert vi("The plan cannot be sent yet. Missing:") in page
    assert vi("The dossier cannot be sent yet. Missing:") not in page


def test_sending_a_plan_without_number_and_date_is_refused(login, ward_officer, assessment):
    login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", {**PLAN, "number": "", "issued_on": ""})

    response = login(ward_officer).post(f"/assessments/{assessment.pk}/transition/submit_plan/")

    assessment.refresh_from_db()
    assert assessment.state == S.PLAN_DRAFT
    assert response.context["refusal"]["problems"] == [
        vi_text("Self-inspection plan: %(what)s missing.", what=vi_text("number")),
        vi_text("Self-inspection plan: %(what)s missing.", what=vi_text("date")),
    ]


def test_assessment_page_shows_the_plan_number_date_and_what_it_still_needs(login, ward_officer, assessment):
    client = login(ward_officer)
    client.post(f"/assessments/{assessment.pk}/plan/", {**PLAN, "issued_on": ""})

    page = client.get(f"/assessments/{assessment.pk}/").content.decode()

    assert '<dd class="col-sm-9" id="plan-number">12/KH-UBND</dd>' in page
    assert '<dd class="col-sm-9" id="plan-date">—</dd>' in page
    assert (
        f'<ul class="small" id="plan-missing-items"><li>'
        f"{vi('Self-inspection plan: %(what)s missing.', what=vi_text('date'))}</li></ul>"
    ) in page
