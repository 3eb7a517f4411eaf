"""The assessment list, the ward's assessment page, workflow actions and undo, through the test client."""

from decimal import Decimal

import pytest
from django.utils import dateformat, timezone

from assessments.inspection import return_dossier
from assessments.models import Assessment, CriterionSelfScore, SelfInspectionPlan, StateChange
from assessments.models import AssessmentState as S
from assessments.queries import assessments_for_user
from assessments.workflow import TRANSITIONS, perform_transition
from tests.assessments.conftest import add_evidence
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import PERSONAS, vi, write_plan


def wards_with_assessments(cycle, count: int) -> list[Assessment]:
    return [AssessmentFactory(cycle=cycle, ward=WardFactory()) for _n in range(count)]


# --- The visibility query -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_assessments_for_user_matches_the_view_permission(request, assessment, other_ward, persona):
    other = AssessmentFactory(cycle=assessment.cycle, ward=other_ward)
    user = request.getfixturevalue(persona)

    visible = set(assessments_for_user(user))

    assert visible == {a for a in (assessment, other) if user.has_perm("assessments.view_assessment", a)}


def test_assessments_for_user_is_empty_without_a_role(assessment, ward):
    assert list(assessments_for_user(UserFactory(ward=ward))) == []


# --- The list ---------------------------------------------------------------------------------------


def test_assessment_list_shows_a_ward_officer_only_their_ward(login, ward_officer, assessment, other_ward):
    AssessmentFactory(cycle=assessment.cycle, ward=other_ward)

    response = login(ward_officer).get("/assessments/")

    assert [a for a, _overdue in response.context["rows"]] == [assessment]
    assert "Phường 2" not in response.content.decode()


def test_assessment_list_shows_the_district_every_ward_of_the_latest_cycle(
    login, education_staff, assessment, other_ward
):
    other = AssessmentFactory(cycle=assessment.cycle, ward=other_ward)
    AssessmentFactory(cycle=CycleFactory(year=2017, lead_body=assessment.cycle.lead_body), ward=other_ward)

    response = login(education_staff).get("/assessments/")

    assert [a for a, _overdue in response.context["rows"]] == [assessment, other]
    assert response.context["form"]["year"].value() == "2018"


def test_assessment_list_filters_by_year_and_state(login, education_staff, walk_to, assessment, other_ward):
    AssessmentFactory(cycle=assessment.cycle, ward=other_ward)
    older = AssessmentFactory(
        cycle=CycleFactory(year=2017, lead_body=assessment.cycle.lead_body), ward=other_ward
    )
    walk_to(assessment, S.PLAN_SUBMITTED)
    client = login(education_staff)

    by_year = client.get("/assessments/", {"year": "2017"})
    by_state = client.get("/assessments/", {"year": "2018", "state": S.PLAN_SUBMITTED})

    assert [a for a, _overdue in by_year.context["rows"]] == [older]
    assert [a for a, _overdue in by_state.context["rows"]] == [assessment]


def test_assessment_list_marks_an_overdue_due_date(login, education_staff, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)  # dossier due 31/10/2018, long past

    page = login(education_staff).get("/assessments/").content.decode()

    assert '<span class="overdue">31/10/2018</span>' in page
    assert vi("overdue") in page


def test_assessment_list_query_count_does_not_grow_with_the_number_of_wards(
    login, education_staff, cycle, django_assert_num_queries
):
    client = login(education_staff)
    wards_with_assessments(cycle, 1)
    # user, roles, cycle years, classification grades (the filter), the count (pager), one page of
    # assessments with ward/cycle/framework
    with django_assert_num_queries(6):
        small = client.get("/assessments/")
    wards_with_assessments(cycle, 14)
    with django_assert_num_queries(6):
        large = client.get("/assessments/")

    assert (len(small.context["rows"]), len(large.context["rows"])) == (1, 15)


# --- The assessment page --------------------------------------------------------------------------


def test_detail_shows_the_assessment_to_the_ward(login, ward_officer, walk_to, assessment):
    walk_to(assessment, S.DOSSIER_PREPARATION)
    criterion = assessment.cycle.framework.criteria.get(number=3)
    CriterionSelfScore.objects.create(
        assessment=assessment, criterion=criterion, points=Decimal("4.5"), comment="Tốt"
    )
    evidence = add_evidence(assessment, criterion, ward_officer, name="nghi-quyet.pdf")

    response = login(ward_officer).get(f"/assessments/{assessment.pk}/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "Phường 1" in page
    assert "2018" in page
    assert assessment.cycle.framework.name in page
    assert vi("The scoring scheme has not been confirmed yet") in page
    assert vi("Step 2: dossier in preparation") in page
    assert "31/10/2018" in page
    statuses = {status.criterion.number: status for status in response.context["statuses"]}
    assert (statuses[3].score.points, statuses[3].percent, statuses[1].percent) == (Decimal("4.5"), 100, 0)
    assert f'href="/assessments/{assessment.pk}/evidence/{evidence.pk}/"' in page
    assert "nghi-quyet.pdf" in page
    assert 'class="progress-bar w-100 bg-success"' in page
    assert f'href="/assessments/{assessment.pk}/criteria/3/"' in page
    assert f'href="/assessments/{assessment.pk}/documents/to_trinh/"' in page
    assert f'href="/assessments/{assessment.pk}/dossier.zip"' in page
    assert f'href="/assessments/{assessment.pk}/scores.xlsx"' in page
    # Evidence is no longer required: criteria without it are listed as scoring 0, not as missing.
    assert vi("Criterion %(number)s: no self-score.", number=15) in page
    assert [c.number for c in response.context["without_evidence"]] == [n for n in range(1, 16) if n != 3]
    assert vi("no evidence – 0 points") in page
    assert [t.name for t in response.context["transitions"]] == ["submit_dossier"]
    # Sending the dossier opens its confirmation page.
    assert f'href="/assessments/{assessment.pk}/transition/submit_dossier/"' in page
    assert f'action="/assessments/{assessment.pk}/transition/submit_dossier/"' not in page
    assert f'href="/assessments/{assessment.pk}/undo/"' not in page


def test_detail_shows_the_district_no_edit_links(login, education_staff, walk_to, assessment):
    walk_to(assessment, S.SUBMITTED)

    response = login(education_staff).get(f"/assessments/{assessment.pk}/")
    page = response.content.decode()

    assert f'href="/assessments/{assessment.pk}/criteria/1/"' not in page
    assert f'href="/assessments/{assessment.pk}/plan/"' not in page
    assert response.context["missing"] == []
    # Receiving and returning have pages of their own (the due date, the missing items): links, not buttons.
    assert response.context["transitions"] == []
    assert [url for _label, url, _style in response.context["district_actions"]] == [
        f"/assessments/{assessment.pk}/receive/",
        f"/assessments/{assessment.pk}/return/",
    ]
    assert f'href="/assessments/{assessment.pk}/receive/"' in page


def test_detail_links_an_action_that_needs_a_reason_to_its_form(login, ward_chairman, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    response = login(ward_chairman).get(f"/assessments/{assessment.pk}/")
    page = response.content.decode()

    assert [t.name for t in response.context["transitions"]] == ["approve_plan", "return_plan"]
    assert f'action="/assessments/{assessment.pk}/transition/approve_plan/"' in page
    assert f'href="/assessments/{assessment.pk}/transition/return_plan/"' in page


def test_detail_shows_a_returned_dossier_what_to_supplement(
    login, ward_officer, education_staff, walk_to, assessment
):
    walk_to(assessment, S.SUBMITTED)
    return_dossier(assessment, education_staff, ["Thiếu biên bản họp", "Bổ sung ảnh lớp học"])

    response = login(ward_officer).get(f"/assessments/{assessment.pk}/")

    assert response.context["return_items"] == ["Thiếu biên bản họp", "Bổ sung ảnh lớp học"]
    assert "<li>Bổ sung ảnh lớp học</li>" in response.content.decode()


def test_detail_hides_the_warning_once_the_scheme_is_confirmed(login, ward_officer, assessment):
    framework = assessment.cycle.framework
    framework.scheme_confirmed = True
    framework.save()

    page = login(ward_officer).get(f"/assessments/{assessment.pk}/").content.decode()

    assert vi("The scoring scheme has not been confirmed yet") not in page


def test_detail_shows_the_plan_with_an_edit_link_for_the_ward_officer(
    login, ward_officer, ward_chairman, assessment
):
    SelfInspectionPlan.objects.create(
        assessment=assessment,
        team_members="Ông A, Bà B",
        schedule="Tháng 10",
        content="Kiểm tra 15 tiêu chí",
        updated_by=ward_officer,
    )

    officer_page = login(ward_officer).get(f"/assessments/{assessment.pk}/").content.decode()
    chairman_page = login(ward_chairman).get(f"/assessments/{assessment.pk}/").content.decode()

    assert "Ông A, Bà B" in officer_page
    assert "Kiểm tra 15 tiêu chí" in chairman_page
    assert f'href="/assessments/{assessment.pk}/plan/"' in officer_page
    assert f'href="/assessments/{assessment.pk}/plan/"' not in chairman_page


@pytest.mark.parametrize("persona", ["other_ward_officer", None])
def test_detail_is_not_found_outside_the_visible_assessments(request, login, assessment, persona):
    user = request.getfixturevalue(persona) if persona else UserFactory()

    response = login(user).get(f"/assessments/{assessment.pk}/")

    assert response.status_code == 404


def test_detail_history_shows_each_step_with_actor_and_time(
    login, ward_officer, ward_chairman, walk_to, assessment
):
    walk_to(assessment, S.PLAN_SUBMITTED)
    perform_transition(assessment, "return_plan", ward_chairman, reason="Bổ sung lịch kiểm tra")

    page = login(ward_officer).get(f"/assessments/{assessment.pk}/").content.decode()

    submitted, returned = StateChange.objects.order_by("pk")
    for change in (submitted, returned):
        assert dateformat.format(timezone.localtime(change.at), "H:i d/m/Y") in page
    assert page.count("Phạm Thị Dung") >= 1
    assert "Nguyễn Văn An" in page
    assert "Bổ sung lịch kiểm tra" in page
    assert vi("Send the plan to the ward chairman") in page
    assert vi("Return the plan with a reason") in page
    assert vi("Step 1: awaiting the ward chairman") in page
    assert page.index(vi("Send the plan to the ward chairman")) < page.index(
        vi("Return the plan with a reason")
    )


def test_detail_query_count_does_not_grow_with_criteria_or_files(
    login, ward_officer, walk_to, assessment, django_assert_num_queries
):
    walk_to(assessment, S.DOSSIER_PREPARATION)
    criteria = list(assessment.cycle.framework.criteria.all())
    for criterion in criteria:
        add_evidence(assessment, criterion, ward_officer)
    client = login(ward_officer)
    client.get(f"/assessments/{assessment.pk}/")  # the user's menu is cached from their first page on
    # user (the session comes from the cache), roles, assessment with
    # ward/cycle/framework/plan/plan author, criteria, self-scores, evidence, documents, return items,
    # history with actors
    with django_assert_num_queries(9):
        client.get(f"/assessments/{assessment.pk}/")
    for criterion in criteria:
        for n in range(4):
            add_evidence(assessment, criterion, ward_officer, name=f"them-{n}.pdf")
    with django_assert_num_queries(9):
        response = client.get(f"/assessments/{assessment.pk}/")

    assert len(criteria) == 15
    assert [len(status.evidence) for status in response.context["statuses"]] == [5] * 15


# --- Workflow actions -------------------------------------------------------------------------------


def test_transition_get_shows_the_confirmation_form(login, ward_chairman, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    response = login(ward_chairman).get(f"/assessments/{assessment.pk}/transition/return_plan/")

    assert response.status_code == 200
    assert response.context["action"] is TRANSITIONS["return_plan"]
    assert '<textarea name="reason"' in response.content.decode()


def test_transition_post_moves_the_assessment_and_says_so(login, ward_officer, assessment):
    write_plan(assessment, ward_officer)
    response = login(ward_officer).post(f"/assessments/{assessment.pk}/transition/submit_plan/", follow=True)

    assessment.refresh_from_db()
    assert assessment.state == S.PLAN_SUBMITTED
    assert response.redirect_chain == [(f"/assessments/{assessment.pk}/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        vi("Done: %(action)s.", action=vi("Send the plan to the ward chairman"))
    ]


def test_transition_with_a_reason_keeps_it_in_the_history(login, ward_chairman, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    login(ward_chairman).post(
        f"/assessments/{assessment.pk}/transition/return_plan/", {"reason": "Thiếu lịch kiểm tra"}
    )

    assessment.refresh_from_db()
    assert assessment.state == S.PLAN_DRAFT
    assert assessment.history.last().reason == "Thiếu lịch kiểm tra"


def test_transition_without_the_required_reason_rerenders_the_form(login, ward_chairman, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    response = login(ward_chairman).post(
        f"/assessments/{assessment.pk}/transition/return_plan/", {"reason": "   "}
    )

    assessment.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": [vi("Please give a reason.")]}
    assert response.context["form"]["reason"].value() == "   "  # what was typed stays in the box
    assert vi("Please give a reason.") in response.content.decode()
    assert assessment.state == S.PLAN_SUBMITTED
    assert assessment.history.count() == 1


def test_transition_guard_lists_what_the_dossier_misses(login, ward_officer, walk_to, assessment):
    walk_to(assessment, S.DOSSIER_PREPARATION)
    for criterion in assessment.cycle.framework.criteria.exclude(number=15):
        CriterionSelfScore.objects.create(assessment=assessment, criterion=criterion, points=Decimal(5))
        add_evidence(assessment, criterion, ward_officer)

    response = login(ward_officer).post(f"/assessments/{assessment.pk}/transition/submit_dossier/")
    page = response.content.decode()

    assessment.refresh_from_db()
    assert response.status_code == 200
    assert assessment.state == S.DOSSIER_PREPARATION
    assert vi("The dossier cannot be sent yet. Missing:") in page
    # The confirmation page lists what is missing; a missing evidence file is no longer among it.
    assert response.context["summary"].missing[:2] == [
        vi("Criterion %(number)s: no self-score.", number=15),
        vi("%(document)s: not entered.", document=vi("Proposal (tờ trình)")),
    ]
    assert vi("Criterion %(number)s: no self-score.", number=15) in page
    assert vi("Criterion %(number)s: no self-score.", number=14) not in page


def test_transition_in_a_state_already_left_says_so(login, ward_chairman, walk_to, assessment):
    walk_to(assessment, S.DOSSIER_PREPARATION)

    response = login(ward_chairman).post(
        f"/assessments/{assessment.pk}/transition/approve_plan/", follow=True
    )

    assert response.redirect_chain == [(f"/assessments/{assessment.pk}/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        vi(
            "This action is no longer possible: it is now “%(state)s”.",
            state=vi("Step 2: dossier in preparation"),
        )
    ]
    assert assessment.history.count() == 2


def test_transition_unknown_name_is_not_found(login, ward_officer, assessment):
    assert login(ward_officer).post(f"/assessments/{assessment.pk}/transition/delete/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "state", "name"),
    [
        ("education_staff", S.SUBMITTED, "return_dossier"),
        ("district_chairman", S.RECEIVED, "plan_inspection"),
        ("system_admin", S.PLAN_DRAFT, "import_result"),
    ],
)
def test_transition_with_its_own_district_page_or_command_is_not_made_here(
    request, login, walk_to, assessment, persona, state, name
):
    walk_to(assessment, state)
    history = assessment.history.count()

    response = login(request.getfixturevalue(persona)).post(
        f"/assessments/{assessment.pk}/transition/{name}/", {"reason": "thử"}
    )

    assessment.refresh_from_db()
    assert response.status_code == 404
    assert (assessment.state, assessment.history.count()) == (state, history)


@pytest.mark.parametrize(
    ("state", "name"),
    [
        (S.PLAN_DRAFT, "submit_plan"),
        (S.PLAN_SUBMITTED, "approve_plan"),
        (S.DOSSIER_PREPARATION, "submit_dossier"),
    ],
)
def test_transition_by_an_officer_of_another_ward_is_not_found(
    login, other_ward_officer, walk_to, assessment, state, name
):
    walk_to(assessment, state)
    client = login(other_ward_officer)

    get = client.get(f"/assessments/{assessment.pk}/transition/{name}/")
    post = client.post(f"/assessments/{assessment.pk}/transition/{name}/", {"reason": "thử"})

    assessment.refresh_from_db()
    assert (get.status_code, post.status_code) == (404, 404)
    assert assessment.state == state


@pytest.mark.parametrize("persona", ["inspector", "steering_member", "ward_officer", "district_chairman"])
@pytest.mark.parametrize(
    ("state", "name"),
    [(S.PLAN_SUBMITTED, "approve_plan"), (S.PLAN_SUBMITTED, "return_plan")],
)
def test_transition_by_a_persona_who_may_not_make_it_is_forbidden(
    request, login, walk_to, assessment, persona, state, name
):
    walk_to(assessment, state)
    history = assessment.history.count()

    response = login(request.getfixturevalue(persona)).post(
        f"/assessments/{assessment.pk}/transition/{name}/", {"reason": "thử"}
    )

    assessment.refresh_from_db()
    assert response.status_code == 403
    assert (assessment.state, assessment.history.count()) == (state, history)


# --- Undo -------------------------------------------------------------------------------------------


def test_undo_by_the_system_administrator_goes_back_one_step(login, system_admin, walk_to, assessment):
    walk_to(assessment, S.DOSSIER_PREPARATION)
    client = login(system_admin)

    form = client.get(f"/assessments/{assessment.pk}/undo/")
    response = client.post(f"/assessments/{assessment.pk}/undo/", {"reason": "Phê duyệt nhầm"}, follow=True)

    assessment.refresh_from_db()
    assert form.status_code == 200
    assert vi("Approve the self-inspection plan") in form.content.decode()
    assert assessment.state == S.PLAN_SUBMITTED
    last = assessment.history.last()
    assert (last.transition, last.reason, last.actor) == ("undo", "Phê duyệt nhầm", system_admin)
    assert response.redirect_chain == [(f"/assessments/{assessment.pk}/", 302)]
    assert vi("Undo last change") in response.content.decode()


def test_undo_without_a_reason_changes_nothing(login, system_admin, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    response = login(system_admin).post(f"/assessments/{assessment.pk}/undo/", {"reason": ""})

    assessment.refresh_from_db()
    assert response.context["form"].errors == {"reason": [vi("Please give a reason.")]}
    assert (assessment.state, assessment.history.count()) == (S.PLAN_SUBMITTED, 1)


def test_undo_with_nothing_to_undo_says_so(login, system_admin, assessment):
    response = login(system_admin).post(f"/assessments/{assessment.pk}/undo/", {"reason": "thử"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [vi("There is nothing to undo.")]
    assert not StateChange.objects.exists()


@pytest.mark.parametrize(
    "persona", ["ward_officer", "ward_chairman", "education_staff", "district_chairman", "inspector"]
)
def test_undo_is_forbidden_to_everybody_but_the_system_administrator(
    request, login, walk_to, assessment, persona
):
    walk_to(assessment, S.PLAN_SUBMITTED)
    client = login(request.getfixturevalue(persona))

    get = client.get(f"/assessments/{assessment.pk}/undo/")
    post = client.post(f"/assessments/{assessment.pk}/undo/", {"reason": "thử"})

    assessment.refresh_from_db()
    assert (get.status_code, post.status_code) == (403, 403)
    assert (assessment.state, assessment.history.count()) == (S.PLAN_SUBMITTED, 1)
    detail = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert f'href="/assessments/{assessment.pk}/undo/"' not in detail


def test_undo_by_an_officer_of_another_ward_is_not_found(login, other_ward_officer, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    response = login(other_ward_officer).post(f"/assessments/{assessment.pk}/undo/", {"reason": "thử"})

    assert response.status_code == 404
    assert assessment.history.count() == 1


def test_undo_link_shows_for_the_system_administrator(login, system_admin, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    page = login(system_admin).get(f"/assessments/{assessment.pk}/").content.decode()

    assert f'href="/assessments/{assessment.pk}/undo/"' in page


def test_receipt_slip_link_disappears_when_the_receipt_is_undone(
    login, walk_to, assessment, education_staff, system_admin
):
    from assessments.workflow import undo_last_transition

    walk_to(assessment, S.RECEIVED)
    slip = f"/assessments/{assessment.pk}/receipt/"
    assert slip in login(education_staff).get(f"/assessments/{assessment.pk}/").content.decode()
    undo_last_transition(assessment, system_admin, reason="Tiếp nhận nhầm")
    assert slip not in login(education_staff).get(f"/assessments/{assessment.pk}/").content.decode()
    assert login(education_staff).get(slip).status_code == 404
