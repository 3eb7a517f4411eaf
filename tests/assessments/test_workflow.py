import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from assessments.models import Assessment, Framework, Notification, StateChange
from assessments.models import AssessmentState as S
from assessments.workflow import (
    ASSESSMENT_WORKFLOW,
    TRANSITIONS,
    GuardFailed,
    ReasonRequired,
    TransitionNotAllowed,
    perform_transition,
    undo_last_transition,
)
from engines.workflow import ProtectedStateError
from tests.assessments.conftest import PATH, complete_dossier
from tests.factories import CycleFactory
from tests.helpers import PERSONAS, write_plan

# Who may make each transition (the state must fit too).
ALLOWED = {
    "submit_plan": {"ward_officer"},
    "approve_plan": {"ward_chairman"},
    "return_plan": {"ward_chairman"},
    # Circular 25's first step, by the same people (the framework chooses the table: test_level_request.py)
    "submit_self_assessment": {"ward_officer"},
    "agree_self_assessment": {"ward_chairman"},
    "return_self_assessment": {"ward_chairman"},
    "submit_dossier": {"ward_officer", "ward_chairman"},
    "receive_dossier": {"education_staff", "promotion_staff"},
    "return_dossier": {"education_staff", "promotion_staff"},
    "plan_inspection": {"district_chairman"},
    "close_inspection": {"inspector"},  # as the lead of the approved inspection team
    "recognise": {"district_chairman"},
    "publish": {"education_staff", "promotion_staff", "district_chairman"},
    "import_result": {"system_admin"},
}


def test_transition_table_has_a_rule_for_every_transition():
    assert set(TRANSITIONS) == set(ALLOWED)


@pytest.fixture
def inspected_by_team(assessment, education_staff, district_chairman, inspector, walk_to):
    """A saved assessment whose approved inspection team is led by ``inspector``."""
    walk_to(assessment, S.INSPECTION_PLANNED)
    return assessment


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_transition_permission_over_every_state_and_persona(request, inspected_by_team, ward, name, state):
    # The same row (the team is attached to it) seen in each state: predicates read only pk and state.
    assessment = Assessment(pk=inspected_by_team.pk, ward=ward, state=state)
    transition = TRANSITIONS[name]
    for persona in PERSONAS:
        user = request.getfixturevalue(persona)
        expected = persona in ALLOWED[name] and state in transition.sources
        assert user.has_perm(transition.permission, assessment) is expected, (persona, name, state)


@pytest.mark.parametrize("state", S.values)
def test_view_permission_over_every_state(request, ward, state):
    assessment = Assessment(ward=ward, state=state)
    may_view = {
        persona: request.getfixturevalue(persona).has_perm("assessments.view_assessment", assessment)
        for persona in PERSONAS
    }
    assert may_view == {
        "ward_officer": True,
        "ward_chairman": True,
        "other_ward_officer": False,
        "education_staff": True,
        "promotion_staff": True,
        "inspector": True,
        "district_chairman": True,
        "steering_member": True,
        "system_admin": True,
    }


@pytest.mark.parametrize("state", S.values)
def test_ward_may_edit_dossier_only_while_it_is_with_the_ward(ward_officer, ward, state):
    assessment = Assessment(ward=ward, state=state, cycle=CycleFactory(year=2018))
    assert ward_officer.has_perm("assessments.edit_dossier", assessment) is (
        state in {S.DOSSIER_PREPARATION, S.RETURNED}
    )
    assert ward_officer.has_perm("assessments.edit_plan", assessment) is (state == S.PLAN_DRAFT)


@pytest.mark.parametrize("state", S.values)
def test_under_circular_25_the_ward_assesses_itself_from_the_first_step_and_writes_no_plan(
    ward_officer, ward, state
):
    cycle = CycleFactory(year=2024, framework=Framework.objects.get(code="tt25-2023"))
    assessment = Assessment(ward=ward, state=state, cycle=cycle)
    assert ward_officer.has_perm("assessments.edit_dossier", assessment) is (
        state in {S.PLAN_DRAFT, S.DOSSIER_PREPARATION, S.RETURNED}
    )
    assert ward_officer.has_perm("assessments.edit_plan", assessment) is False


@pytest.mark.parametrize(("step", "persona", "reached"), PATH, ids=[p[0] for p in PATH])
def test_each_transition_allowed_for_its_persona_and_refused_for_all_others(
    request, walk_to, assessment, step, persona, reached
):
    transition = TRANSITIONS[step]
    walk_to(
        assessment, next(iter(transition.sources)) if len(transition.sources) == 1 else S.DOSSIER_PREPARATION
    )
    if step == "submit_plan":
        write_plan(assessment, request.getfixturevalue("ward_officer"))
    if step == "submit_dossier":
        complete_dossier(assessment, request.getfixturevalue("ward_officer"))
    before = assessment.state
    history_before = assessment.history.count()
    for other in PERSONAS:
        if other in ALLOWED[step]:
            continue
        with pytest.raises(PermissionDenied):
            perform_transition(assessment, step, request.getfixturevalue(other), reason="thử")
        assessment.refresh_from_db()
        assert assessment.state == before
    assert assessment.history.count() == history_before
    perform_transition(assessment, step, request.getfixturevalue(persona), reason="đồng ý")
    assert assessment.state == reached
    assert assessment.history.count() == history_before + 1


def test_transition_from_wrong_state_is_refused_with_the_current_state(assessment, ward_chairman):
    with pytest.raises(TransitionNotAllowed):
        perform_transition(assessment, "approve_plan", ward_chairman)
    assessment.refresh_from_db()
    assert assessment.state == S.PLAN_DRAFT
    assert not StateChange.objects.exists()


def test_history_row_records_from_to_actor_time_and_reason(walk_to, assessment, ward_chairman):
    walk_to(assessment, S.PLAN_SUBMITTED)
    change = perform_transition(assessment, "return_plan", ward_chairman, reason="Bổ sung lịch kiểm tra")
    assert (change.from_state, change.to_state, change.actor, change.reason) == (
        S.PLAN_SUBMITTED,
        S.PLAN_DRAFT,
        ward_chairman,
        "Bổ sung lịch kiểm tra",
    )
    assert change.at is not None
    assert [c.transition for c in assessment.history.all()] == ["submit_plan", "return_plan"]


def test_return_requires_a_reason(walk_to, assessment, ward_chairman):
    walk_to(assessment, S.PLAN_SUBMITTED)
    with pytest.raises(ReasonRequired):
        perform_transition(assessment, "return_plan", ward_chairman, reason="   ")
    assessment.refresh_from_db()
    assert assessment.state == S.PLAN_SUBMITTED


def test_submitting_an_incomplete_dossier_lists_what_is_missing(walk_to, assessment, ward_officer):
    walk_to(assessment, S.DOSSIER_PREPARATION)
    with pytest.raises(GuardFailed) as refused:
        perform_transition(assessment, "submit_dossier", ward_officer)
    assert "Tiêu chí 1: chưa có điểm tự đánh giá." in refused.value.problems
    # Evidence is not required: a criterion without it scores 0 (confirmed when sending, see test_submission).
    assert not any("minh chứng" in problem for problem in refused.value.problems)
    assert assessment.state == S.DOSSIER_PREPARATION


def test_receipt_starts_a_ten_working_day_clock_stored_on_the_history(walk_to, assessment, education_staff):
    walk_to(assessment, S.SUBMITTED)
    change = perform_transition(
        assessment, "receive_dossier", education_staff, today=datetime.date(2025, 1, 24)
    )
    assert change.due_date == datetime.date(2025, 2, 14)
    assert assessment.due_date == datetime.date(2025, 2, 14)


def test_state_cannot_be_written_directly(assessment):
    assessment.state = S.PUBLISHED
    with pytest.raises(ProtectedStateError):
        assessment.save()
    assert Assessment.objects.get(pk=assessment.pk).state == S.PLAN_DRAFT


def test_saving_other_fields_never_overwrites_the_state(walk_to, assessment):
    stale = Assessment.objects.get(pk=assessment.pk)
    walk_to(assessment, S.PLAN_SUBMITTED)
    stale.due_label = "khác"
    stale.save()
    assert Assessment.objects.get(pk=assessment.pk).state == S.PLAN_SUBMITTED


def test_administrator_undoes_a_wrong_transition_with_a_reason(
    walk_to, assessment, system_admin, ward_officer
):
    walk_to(assessment, S.PLAN_SUBMITTED)
    with pytest.raises(PermissionDenied):
        undo_last_transition(assessment, ward_officer, reason="nhầm")
    with pytest.raises(ReasonRequired):
        undo_last_transition(assessment, system_admin, reason="")
    change = undo_last_transition(assessment, system_admin, reason="Gửi nhầm")
    assert assessment.state == S.PLAN_DRAFT
    assert (change.transition, change.undoes.transition, change.reason) == ("undo", "submit_plan", "Gửi nhầm")
    assert assessment.history.count() == 2


def test_notifications_and_emails_are_sent_after_commit(
    django_capture_on_commit_callbacks, assessment, ward_officer, ward_chairman
):
    write_plan(assessment, ward_officer)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(assessment, "submit_plan", ward_officer)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == [
        ward_chairman.username
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ward_chairman.email]
    assert "Phường 1" in mail.outbox[0].subject


def test_no_notification_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, assessment, ward_officer
):
    write_plan(assessment, ward_officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        perform_transition(assessment, "submit_plan", ward_officer)
    assert len(callbacks) == 1
    assert Notification.objects.count() == 0


def test_available_transitions_offer_only_what_the_user_may_do(
    walk_to, assessment, ward_chairman, ward_officer
):
    walk_to(assessment, S.PLAN_SUBMITTED)
    assert [t.name for t in ASSESSMENT_WORKFLOW.available(assessment, ward_chairman)] == [
        "approve_plan",
        "return_plan",
    ]
    assert ASSESSMENT_WORKFLOW.available(assessment, ward_officer) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_transitions_only_one_succeeds(ward_chairman, ward_officer, cycle, ward):
    from tests.factories import AssessmentFactory

    assessment = AssessmentFactory(cycle=cycle, ward=ward)
    write_plan(assessment, ward_officer)
    perform_transition(assessment, "submit_plan", ward_officer)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(name, reason):
        barrier.wait()
        try:
            perform_transition(Assessment.objects.get(pk=assessment.pk), name, ward_chairman, reason=reason)
            outcomes.append("ok")
        except TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=("approve_plan", "")),
        threading.Thread(target=act, args=("return_plan", "trả lại")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert assessment.history.exclude(transition="submit_plan").count() == 1
