"""The tasks' workflow: who moves a task, the guard of "done", the reasons, history and undo."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engines.uploads import check_upload
from engines.workflow import GuardFailed, ProtectedStateError, ReasonRequired, TransitionNotAllowed
from plans.models import TaskEvidence, TaskState
from plans.overdue import is_overdue, overdue_tasks
from plans.progress import delete_evidence, record_event, report_progress
from plans.task_workflow import TASK_WORKFLOW
from tests.helpers import stored_files, vi, vi_text
from tests.plans.progress_support import make_plan, make_task, pdf_upload

T = TaskState
DAY = datetime.date(2018, 4, 25)


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def plan(ward):
    return make_plan(ward.district)


@pytest.fixture
def training(plan, promotion_association):
    return make_task(plan, unit=promotion_association, is_event=True)


@pytest.fixture
def task(plan, promotion_association):
    return make_task(plan, unit=promotion_association)


def note(task, user, text="Đã thực hiện.", uploads=()):
    return report_progress(task, user, reported_on=DAY, note=text, uploads=list(uploads))


def event(task, user, **changes):
    values = {
        "held_on": DAY,
        "place": "Hội trường",
        "audience": "Cán bộ phường",
        "participants": 50,
        "women": 30,
        "materials": "",
        "by_unit": [("Phường 1", 20)],
    }
    return record_event(task, user, **(values | changes))


def test_a_task_is_done_only_with_a_note(task, promotion_staff):
    with pytest.raises(GuardFailed) as refused:
        TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    assert refused.value.problems == [vi_text("a progress note saying what was done")]
    note(task, promotion_staff)
    TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    assert task.state == T.DONE


def test_a_training_is_done_only_with_its_event_record(training, promotion_staff):
    note(training, promotion_staff)
    with pytest.raises(GuardFailed) as refused:
        TASK_WORKFLOW.perform(training, "complete", promotion_staff)
    assert refused.value.problems == [
        vi_text("the record of the training or conference (date, place, participants)")
    ]
    event(training, promotion_staff)
    TASK_WORKFLOW.perform(training, "complete", promotion_staff)
    assert training.state == T.DONE


def test_the_done_page_names_what_is_missing(login, promotion_staff, training):
    response = login(promotion_staff).get(f"/plans/tasks/{training.pk}/progress/step/complete/")
    assert response.context["refusal"]["problems"] == [
        vi_text("a progress note saying what was done"),
        vi_text("the record of the training or conference (date, place, participants)"),
    ]
    assert vi("The task cannot be marked done yet. Missing:") in response.content.decode()


@pytest.mark.parametrize("name", ["cancel", "reopen"])
def test_cancel_and_reopen_need_a_reason(task, promotion_staff, name):
    if name == "reopen":
        note(task, promotion_staff)
        TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    with pytest.raises(ReasonRequired):
        TASK_WORKFLOW.perform(task, name, promotion_staff, reason="  ")
    TASK_WORKFLOW.perform(task, name, promotion_staff, reason="Theo chỉ đạo của Ban chỉ đạo")
    assert task.state == (T.CANCELLED if name == "cancel" else T.IN_PROGRESS)
    assert TASK_WORKFLOW.history(task).last().reason == "Theo chỉ đạo của Ban chỉ đạo"


def test_cancelling_through_the_page_without_a_reason_is_refused(login, promotion_staff, task):
    client = login(promotion_staff)
    response = client.post(f"/plans/tasks/{task.pk}/progress/step/cancel/", {"reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [vi_text("Please give a reason.")]
    response = client.post(f"/plans/tasks/{task.pk}/progress/step/cancel/", {"reason": "Không còn phù hợp"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == T.CANCELLED


@pytest.mark.parametrize(
    ("state", "names"),
    [
        (T.NOT_STARTED, ["start", "complete", "cancel"]),
        (T.IN_PROGRESS, ["complete", "cancel"]),
        (T.DONE, ["reopen"]),
        (T.CANCELLED, ["reopen"]),
    ],
)
def test_the_steps_offered_in_each_state(task, promotion_staff, ward_officer, state, names):
    if state != T.NOT_STARTED:
        note(task, promotion_staff)
    if state == T.DONE:
        TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    if state == T.CANCELLED:
        TASK_WORKFLOW.perform(task, "cancel", promotion_staff, reason="Thôi")
    assert task.state == state
    assert [t.name for t in TASK_WORKFLOW.available(task, promotion_staff)] == names
    assert TASK_WORKFLOW.available(task, ward_officer) == []


def test_nobody_but_the_responsible_moves_a_task(task, education_staff, system_admin):
    for user in (education_staff, system_admin):
        with pytest.raises(PermissionDenied):
            TASK_WORKFLOW.perform(task, "start", user)


def test_the_state_is_written_only_by_the_workflow(task):
    task.state = T.DONE
    with pytest.raises(ProtectedStateError):
        task.save()


def test_a_cancelled_task_takes_no_report_until_reopened(task, promotion_staff):
    TASK_WORKFLOW.perform(task, "cancel", promotion_staff, reason="Thôi")
    with pytest.raises(ValidationError) as refused:
        note(task, promotion_staff)
    assert refused.value.messages == [
        vi_text("This task has been cancelled: reopen it first to report on it.")
    ]
    TASK_WORKFLOW.perform(task, "reopen", promotion_staff, reason="Làm lại")
    note(task, promotion_staff)
    assert task.reports.count() == 1


def test_the_administrator_undoes_the_last_step_with_a_reason(login, task, promotion_staff, system_admin):
    note(task, promotion_staff)
    TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    assert login(promotion_staff).get(f"/plans/tasks/{task.pk}/progress/undo/").status_code == 403
    client = login(system_admin)
    assert client.get(f"/plans/tasks/{task.pk}/progress/").context["may_undo"] is True
    response = client.post(f"/plans/tasks/{task.pk}/progress/undo/", {"reason": "Báo cáo nhầm"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == T.IN_PROGRESS
    last = TASK_WORKFLOW.history(task).last()
    assert (last.transition, last.reason, last.undoes.transition) == ("undo", "Báo cáo nhầm", "complete")


def test_a_report_failing_midway_leaves_no_file_behind(task, promotion_staff, settings, monkeypatch):
    uploads = [check_upload(pdf_upload("a.pdf")), check_upload(pdf_upload("b.pdf"))]
    calls = []
    original = TaskEvidence.save

    def fail_on_second(self, *args, **kwargs):
        calls.append(self.original_name)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(TaskEvidence, "save", fail_on_second)
    with pytest.raises(RuntimeError):
        note(task, promotion_staff, uploads=uploads)
    assert stored_files(settings) == []
    assert task.reports.count() == 0
    task.refresh_from_db()
    assert task.state == T.NOT_STARTED


def test_evidence_is_deleted_with_its_file_but_not_from_a_done_task(
    task, promotion_staff, education_staff, settings, django_capture_on_commit_callbacks
):
    note(task, promotion_staff, uploads=[check_upload(pdf_upload())])
    evidence = task.evidence.get()
    with pytest.raises(PermissionDenied):
        delete_evidence(evidence, education_staff)
    with django_capture_on_commit_callbacks(execute=True):
        delete_evidence(evidence, promotion_staff)
    assert task.evidence.count() == 0 and stored_files(settings) == []

    note(task, promotion_staff, uploads=[check_upload(pdf_upload())])
    TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    with pytest.raises(ValidationError):
        delete_evidence(task.evidence.get(), promotion_staff)


def test_the_overdue_rule_starts_the_day_after_the_due_date(task, promotion_staff):
    due = task.due_on  # 30/04/2018
    assert not is_overdue(task, due)
    assert is_overdue(task, due + datetime.timedelta(days=1))
    assert list(overdue_tasks(today=due + datetime.timedelta(days=1))) == [task]
    note(task, promotion_staff)
    TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    assert not is_overdue(task, due + datetime.timedelta(days=1))
    assert list(overdue_tasks(today=due + datetime.timedelta(days=1))) == []


def test_a_step_from_the_wrong_state_is_refused(task, promotion_staff):
    note(task, promotion_staff)
    TASK_WORKFLOW.perform(task, "complete", promotion_staff)
    with pytest.raises(TransitionNotAllowed):
        TASK_WORKFLOW.perform(task, "start", promotion_staff)
    with pytest.raises(TransitionNotAllowed):
        TASK_WORKFLOW.perform(task, "cancel", promotion_staff, reason="Thôi")


def test_an_event_is_recorded_only_for_a_training_or_conference(task, promotion_staff):
    with pytest.raises(ValidationError) as refused:
        event(task, promotion_staff)
    assert refused.value.messages == [vi_text("This task is not a training or a conference.")]
