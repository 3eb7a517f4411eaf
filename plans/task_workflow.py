"""The plan tasks' workflow: started, done, cancelled with a reason, reopened with a reason.

The responsible unit's people (``plans.report_task``: the district unit's
staff, or the ward's officer and chairman) move their own task; an
administrator undoes a step with a reason (``plans.undo_transition``). Two
rules of the year-end report live in the table, as the guard of "done":

- a done task has a written account: at least one progress note
  (``TaskReport``). The committee compiles its yearly report from these notes,
  so "done" with nothing written is a hole in the report; evidence files stay
  optional (not every task leaves a document, e.g. propaganda on the radio);
- a training or conference (``is_event``) is done only once it has an event
  record: the report counts who came (participants, women, by unit).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engines.workflow import Transition, Workflow
from plans.models import PlanTask, TaskChange, TaskState

T = TaskState


def missing_for_done(task: PlanTask) -> list[str]:
    """What keeps ``task`` from being marked done, one line each (empty: it may be)."""
    problems = []
    if not task.reports.exists():
        problems.append(gettext("a progress note saying what was done"))
    if task.is_event and not task.events.exists():
        problems.append(gettext("the record of the training or conference (date, place, participants)"))
    return problems


TASK_WORKFLOW = Workflow(
    model=PlanTask,
    history_model=TaskChange,
    subject_field="task",
    undo_permission="plans.undo_transition",
    transitions=[
        Transition(
            "start",
            _("Mark as in progress"),
            frozenset({T.NOT_STARTED}),
            T.IN_PROGRESS,
            "plans.report_task",
        ),
        Transition(
            "complete",
            _("Mark as done"),
            frozenset({T.NOT_STARTED, T.IN_PROGRESS}),
            T.DONE,
            "plans.report_task",
            guard=missing_for_done,
            guard_message=_("The task cannot be marked done yet. Missing:"),
            style="success",
        ),
        Transition(
            "cancel",
            _("Cancel the task with a reason"),
            frozenset({T.NOT_STARTED, T.IN_PROGRESS}),
            T.CANCELLED,
            "plans.report_task",
            reason_required=True,
            style="warning",
        ),
        Transition(
            "reopen",
            _("Reopen the task with a reason"),
            frozenset({T.DONE, T.CANCELLED}),
            T.IN_PROGRESS,
            "plans.report_task",
            reason_required=True,
            style="secondary",
        ),
    ],
)
