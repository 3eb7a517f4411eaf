"""A task's progress page: its status and history, notes with evidence, event records, workflow steps.

Every signed-in user may read a task (``plans.view_plan``: the plan is the
district's public programme); only its responsible people
(``plans.report_task``) write, and only an administrator undoes a step.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engines.forms import ReasonForm
from engines.storage import private_file_response
from engines.views import undo_page
from engines.workflow import GuardFailed, ReasonRequired, TransitionNotAllowed
from plans.forms.progress import EventRecordForm, ProgressReportForm
from plans.models import PlanTask, TaskEvent, TaskState
from plans.overdue import is_overdue
from plans.progress import delete_evidence, record_event, report_progress
from plans.task_workflow import TASK_WORKFLOW, missing_for_done
from wards.permissions import require_perm


def _task_or_404(request, pk: int) -> PlanTask:
    require_perm(request, "plans.view_plan")
    return get_object_or_404(PlanTask.objects.select_related("plan", "section", "unit", "ward"), pk=pk)


def _progress_url(task: PlanTask) -> str:
    return reverse("plans:task_progress", args=[task.pk])


def _render_progress(request, task: PlanTask, *, report_form=None, event_form=None, status: int = 200):
    user = request.user
    may_report = user.has_perm("plans.report_task", task) and task.state != TaskState.CANCELLED
    if may_report:
        today = timezone.localdate()
        report_form = report_form or ProgressReportForm(initial={"reported_on": today})
        if task.is_event:
            event_form = event_form or EventRecordForm(initial={"held_on": today, "women": 0})
    events = TaskEvent.objects.filter(task=task).prefetch_related(Prefetch("attendance"))
    context = {
        "task": task,
        "overdue": is_overdue(task, timezone.localdate()),
        "reports": task.reports.select_related("author"),
        "evidence": task.evidence.select_related("uploaded_by"),
        "events": events,
        "actions": TASK_WORKFLOW.available(task, user),
        "missing_for_done": missing_for_done(task) if task.state != TaskState.DONE else [],
        "may_report": may_report,
        "may_delete_evidence": may_report and task.state != TaskState.DONE,
        "report_form": report_form if may_report else None,
        "event_form": event_form if may_report else None,
        "may_undo": user.has_perm(TASK_WORKFLOW.undo_permission, task),
        "history": TASK_WORKFLOW.history_rows(task),
    }
    return render(request, "plans/task_progress.html", context, status=status)


def task_progress(request, pk: int):
    """The task's status, what was reported, and (for its responsible people) the forms to report."""
    return _render_progress(request, _task_or_404(request, pk))


@require_POST
def task_report(request, pk: int):
    """A dated progress note with evidence files, saved together or not at all."""
    task = _task_or_404(request, pk)
    require_perm(request, "plans.report_task", task)
    form = ProgressReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            report_progress(
                task,
                request.user,
                reported_on=form.cleaned_data["reported_on"],
                note=form.cleaned_data["note"],
                uploads=form.cleaned_data["files"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            added = len(form.cleaned_data["files"])
            messages.success(
                request,
                ngettext(
                    "The progress note has been saved with %(count)s evidence file.",
                    "The progress note has been saved with %(count)s evidence files.",
                    added,
                )
                % {"count": added},
            )
            return redirect(_progress_url(task))
    return _render_progress(request, task, report_form=form, status=400)


@require_POST
def task_event(request, pk: int):
    """The record of the training or conference held for the task."""
    task = _task_or_404(request, pk)
    require_perm(request, "plans.report_task", task)
    if not task.is_event:
        raise Http404
    form = EventRecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_event(
                task,
                request.user,
                held_on=data["held_on"],
                place=data["place"],
                audience=data["audience"],
                participants=data["participants"],
                women=data["women"],
                materials=data["materials"],
                by_unit=data["by_unit"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event record has been saved."))
            return redirect(_progress_url(task))
    return _render_progress(request, task, event_form=form, status=400)


def task_step(request, pk: int, name: str):
    """Confirm (GET) and take (POST) one step: start, mark done, cancel or reopen with a reason."""
    if name not in TASK_WORKFLOW.transitions:
        raise Http404
    transition = TASK_WORKFLOW.transitions[name]
    task = _task_or_404(request, pk)
    if not TASK_WORKFLOW.may(request.user, name, task):
        if request.user.has_perm(transition.permission, task):
            messages.error(request, TASK_WORKFLOW.no_longer_possible(task))
            return redirect(_progress_url(task))
        raise PermissionDenied
    form = ReasonForm(
        request.POST if request.method == "POST" else None, reason_required=transition.reason_required
    )
    refusal = None
    if transition.guard and (problems := transition.guard(task)):
        refusal = {"message": str(transition.guard_message), "problems": problems}
    elif request.method == "POST" and form.is_valid():
        try:
            TASK_WORKFLOW.perform(task, name, request.user, reason=form.cleaned_data["reason"])
        except ReasonRequired as error:
            form.add_error("reason", str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(_progress_url(task))
        except GuardFailed as error:
            refusal = {"message": str(error), "problems": error.problems}
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            return redirect(_progress_url(task))
    context = {"task": task, "action": transition, "form": form, "refusal": refusal}
    failed = request.method == "POST" and (refusal or form.errors)
    return render(request, "plans/task_step.html", context, status=400 if failed else 200)


def task_undo(request, pk: int):
    task = _task_or_404(request, pk)
    return undo_page(request, task, TASK_WORKFLOW, f"{task.plan.year} · {task}")


def evidence_download(request, pk: int, evidence_pk: int):
    """A task's evidence file, for whoever may read the plan; never from a public address."""
    task = _task_or_404(request, pk)
    evidence = get_object_or_404(task.evidence, pk=evidence_pk)
    return private_file_response(
        evidence.file.name, filename=evidence.original_name, content_type=evidence.content_type
    )


@require_POST
def evidence_delete(request, pk: int, evidence_pk: int):
    task = _task_or_404(request, pk)
    evidence = get_object_or_404(task.evidence.select_related("task"), pk=evidence_pk)
    require_perm(request, "plans.report_task", task)
    try:
        delete_evidence(evidence, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The evidence file %(name)s has been deleted.") % {"name": evidence.original_name}
        )
    return redirect(_progress_url(task))


def progress_panel(request, task: PlanTask) -> str:
    """The task page's progress block: status, what was reported, and the way to the progress page."""
    return render_to_string(
        "plans/partials/progress_panel.html",
        {
            "task": task,
            "overdue": is_overdue(task, timezone.localdate()),
            "counts": {
                "reports": task.reports.count(),
                "events": task.events.count(),
                "evidence": task.evidence.count(),
            },
            "may_report": request.user.has_perm("plans.report_task", task),
            "progress_url": _progress_url(task),
        },
        request=request,
    )
