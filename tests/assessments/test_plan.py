"""Step 1 through the pages: the ward officer drafts the self-inspection plan, the chairman approves it."""

import pytest
from django.core.exceptions import PermissionDenied

from assessments.models import AssessmentState as S
from assessments.models import SelfInspectionPlan
from assessments.plan import save_plan
from tests.factories import UserFactory
from tests.helpers import vi

PLAN = {
    "team_members": "Nguyễn Văn An (trưởng đoàn)\nPhạm Thị Dung (thư ký)",
    "schedule": "Từ 01/10 đến 15/10/2018",
    "content": "Kiểm tra 15 tiêu chí theo Thông tư 44/2014",
}


def test_plan_edit_shows_an_empty_form_to_the_ward_officer(login, ward_officer, assessment):
    response = login(ward_officer).get(f"/assessments/{assessment.pk}/plan/")

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["team_members", "schedule", "content"]
    assert response.context["form"].instance.pk is None


def test_plan_edit_saves_the_plan_with_its_author(login, ward_officer, assessment):
    response = login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", PLAN)

    plan = SelfInspectionPlan.objects.get(assessment=assessment)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    assert (plan.team_members, plan.schedule, plan.content, plan.updated_by) == (
        PLAN["team_members"],
        PLAN["schedule"],
        PLAN["content"],
        ward_officer,
    )


def test_plan_edit_updates_the_existing_plan(login, ward_officer, assessment):
    other_officer = UserFactory(ward=assessment.ward, roles=["ward_officer"])
    save_plan(assessment, PLAN, other_officer)

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
    save_plan(assessment, PLAN, ward_officer)
    walk_to(assessment, S.PLAN_SUBMITTED)

    response = login(ward_officer).post(f"/assessments/{assessment.pk}/plan/", {**PLAN, "content": "Đổi"})

    assert response.status_code == 403
    assert SelfInspectionPlan.objects.get().content == PLAN["content"]


def test_save_plan_refuses_a_plan_already_sent(ward_officer, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    with pytest.raises(PermissionDenied):
        save_plan(assessment, PLAN, ward_officer)
    assert not SelfInspectionPlan.objects.exists()


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
