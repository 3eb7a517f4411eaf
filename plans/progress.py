"""Progress on the plan's tasks: notes with evidence files, event records, evidence removal.

Only the task's responsible people write here (``plans.report_task``,
re-checked on the locked task, so a command cannot bypass it). A note or an
event record on a task not started yet starts it, through the workflow
(``plans.task_workflow``), so the history says when work began. Nothing is
added to a cancelled task: it is reopened first, with a reason.

Evidence files are handled like the dossiers' (``assessments.dossier``):
checked by ``engines.uploads.check_upload`` before they get here, stored
privately under generated names, all or nothing — if anything fails, the
files already stored are removed again.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from engines.storage import private_storage, removed_on_failure
from engines.uploads import CheckedUpload
from plans.models import PlanTask, TaskEvent, TaskEventAttendance, TaskEvidence, TaskReport, TaskState
from plans.task_workflow import TASK_WORKFLOW


def _lock_for_report(task: PlanTask, actor) -> PlanTask:
    """Lock the task and re-check, on the locked row, that ``actor`` may report on it and that it is open."""
    locked = PlanTask.objects.select_for_update().select_related("plan").get(pk=task.pk)
    if not actor.has_perm("plans.report_task", locked):
        raise PermissionDenied("plans.report_task")
    if locked.state == TaskState.CANCELLED:
        raise ValidationError(
            _("This task has been cancelled: reopen it first to report on it."), code="cancelled"
        )
    return locked


def _start_if_not_started(locked: PlanTask, actor, day: date) -> None:
    if locked.state == TaskState.NOT_STARTED:
        TASK_WORKFLOW.perform(locked, "start", actor, today=day)


def report_progress(
    task: PlanTask, actor, *, reported_on: date, note: str, uploads: list[CheckedUpload]
) -> TaskReport:
    """Write a dated progress note on ``task`` with new evidence files, all or nothing.

    ``uploads`` have passed ``engines.uploads.check_upload`` (the form does it).
    If anything fails, no row is written and the files already stored are removed.
    """
    note = note.strip()
    if not note:
        raise ValidationError(_("Please write what has been done."), code="no_note")
    with removed_on_failure() as stored, transaction.atomic():
        locked = _lock_for_report(task, actor)
        report = TaskReport.objects.create(task=locked, reported_on=reported_on, note=note, author=actor)
        for upload in uploads:
            evidence = TaskEvidence(
                task=locked,
                original_name=upload.original_name,
                content_type=upload.content_type,
                size=upload.size,
                sha256=upload.sha256,
                uploaded_by=actor,
            )
            evidence.file.save(upload.original_name, upload.file, save=False)
            stored.append(evidence.file.name)
            evidence.save()
        _start_if_not_started(locked, actor, reported_on)
    task.refresh_from_db(fields=["state"])
    task._loaded_state = task.state
    return report


def check_event_counts(participants: int, women: int, by_unit: list[tuple[str, int]]) -> None:
    """The counts of an event record agree: women and the participants by unit are part of the total.

    Raises ``ValidationError`` keyed by field (``women``, ``by_unit``) so a form shows it where it belongs.
    """
    errors = {}
    if women > participants:
        errors["women"] = ValidationError(
            _("There cannot be more women (%(women)s) than participants (%(participants)s).")
            % {"women": women, "participants": participants},
            code="women_above_total",
        )
    counted = sum(count for _name, count in by_unit)
    if counted > participants:
        errors["by_unit"] = ValidationError(
            _("The participants by unit add up to %(counted)s, more than the %(participants)s participants.")
            % {"counted": counted, "participants": participants},
            code="units_above_total",
        )
    if any(count < 0 for _name, count in by_unit) or any(not name.strip() for name, _count in by_unit):
        errors["by_unit"] = ValidationError(
            _("Each unit needs a name and a number of participants."), code="unit_line"
        )
    if errors:
        raise ValidationError(errors)


def record_event(
    task: PlanTask,
    actor,
    *,
    held_on: date,
    place: str,
    audience: str,
    participants: int,
    women: int,
    materials: str,
    by_unit: list[tuple[str, int]],
) -> TaskEvent:
    """Record a training or conference held for ``task``: when, where, for whom, who came.

    Only a task marked as a training or conference (``is_event``) has event
    records. ``by_unit`` lists ``(unit name, participants)``; their sum and the
    number of women are within the participants (``check_event_counts``).
    """
    if not task.is_event:
        raise ValidationError(_("This task is not a training or a conference."), code="not_event")
    check_event_counts(participants, women, by_unit)
    with transaction.atomic():
        locked = _lock_for_report(task, actor)
        event = TaskEvent.objects.create(
            task=locked,
            held_on=held_on,
            place=place.strip(),
            audience=audience.strip(),
            participants=participants,
            women=women,
            materials=materials.strip(),
            recorded_by=actor,
        )
        TaskEventAttendance.objects.bulk_create(
            TaskEventAttendance(event=event, unit_name=name.strip(), participants=count)
            for name, count in by_unit
        )
        _start_if_not_started(locked, actor, held_on)
    task.refresh_from_db(fields=["state"])
    task._loaded_state = task.state
    return event


def delete_evidence(evidence: TaskEvidence, actor) -> None:
    """Remove one evidence file of a task; the stored file goes once the deletion is committed.

    A done task keeps its evidence: reopen it first (the year-end report may already cite the file).
    """
    with transaction.atomic():
        locked = _lock_for_report(evidence.task, actor)
        if locked.state == TaskState.DONE:
            raise ValidationError(
                _("This task is done: reopen it first to remove its evidence."), code="done"
            )
        name = evidence.file.name
        evidence.delete()
        if not TaskEvidence.objects.filter(file=name).exists():
            transaction.on_commit(lambda: private_storage.delete(name))
