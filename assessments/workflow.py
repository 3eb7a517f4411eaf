"""The workflow engine: the one place where an assessment changes state.

``TRANSITIONS`` is the table of allowed moves: for each, the states it leaves,
the state it reaches, the permission (a rules predicate in ``assessments.rules``)
the actor needs, whether a reason is required, a guard that lists what is
missing, and the deadline it starts. ``perform_transition`` is called by views,
the admin, commands and tests alike, so none of them can skip a check, the
history row or the notifications.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, AssessmentState, StateChange
from assessments.notifications import notify_state_change
from wards.calendar import add_working_days

S = AssessmentState


class TransitionError(Exception):
    """A transition that cannot be made; ``str()`` is a message for the user."""


class TransitionNotAllowed(TransitionError):
    pass


class ReasonRequired(TransitionError):
    pass


class GuardFailed(TransitionError):
    """The guard found something missing; ``problems`` lists each item."""

    def __init__(self, message, problems: list[str]):
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class WorkingDays:
    """A legal deadline counted in working days from the day of the transition."""

    count: int
    label: str

    def due(self, assessment: Assessment, today: date) -> date:
        return add_working_days(today, self.count)


@dataclass(frozen=True)
class CycleDate:
    """A deadline fixed by the cycle's calendar (e.g. the dossier deadline)."""

    field: str
    label: str

    def due(self, assessment: Assessment, today: date) -> date:
        return getattr(assessment.cycle, self.field)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    reason_required: bool = False
    deadline: WorkingDays | CycleDate | None = None
    guard: Callable[[Assessment], list[str]] | None = None
    style: str = "primary"
    # False when the step records more than a state (return items, a plan, a result, a decision)
    # and so is taken on its own page, never through the generic confirm-and-go page.
    generic: bool = True


def _dossier_missing(assessment: Assessment) -> list[str]:
    from assessments.dossier import missing_items

    return missing_items(assessment)


DOSSIER_DUE = CycleDate("dossier_deadline", _("dossier due"))

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit_plan",
            _("Send the plan to the ward chairman"),
            frozenset({S.PLAN_DRAFT}),
            S.PLAN_SUBMITTED,
            "assessments.submit_plan",
            deadline=DOSSIER_DUE,
        ),
        Transition(
            "approve_plan",
            _("Approve the self-inspection plan"),
            frozenset({S.PLAN_SUBMITTED}),
            S.DOSSIER_PREPARATION,
            "assessments.approve_plan",
            deadline=DOSSIER_DUE,
            style="success",
        ),
        Transition(
            "return_plan",
            _("Return the plan with a reason"),
            frozenset({S.PLAN_SUBMITTED}),
            S.PLAN_DRAFT,
            "assessments.return_plan",
            reason_required=True,
            deadline=DOSSIER_DUE,
            style="warning",
        ),
        Transition(
            "submit_dossier",
            _("Send the dossier to the district"),
            frozenset({S.DOSSIER_PREPARATION, S.RETURNED}),
            S.SUBMITTED,
            "assessments.submit_dossier",
            guard=_dossier_missing,
            style="success",
        ),
        Transition(
            "receive_dossier",
            _("Receive the dossier as complete and valid"),
            frozenset({S.SUBMITTED}),
            S.RECEIVED,
            "assessments.receive_dossier",
            deadline=WorkingDays(10, _("inspection plan due")),
            style="success",
            generic=False,
        ),
        Transition(
            "return_dossier",
            _("Return the dossier for supplement"),
            frozenset({S.SUBMITTED, S.RECEIVED}),
            S.RETURNED,
            "assessments.return_dossier",
            reason_required=True,
            style="warning",
            generic=False,
        ),
        Transition(
            "plan_inspection",
            _("Approve the inspection plan"),
            frozenset({S.RECEIVED}),
            S.INSPECTION_PLANNED,
            "assessments.plan_inspection",
            deadline=CycleDate("inspection_end", _("inspection due")),
            generic=False,
        ),
        Transition(
            "close_inspection",
            _("Close the inspection"),
            frozenset({S.INSPECTION_PLANNED}),
            S.INSPECTED,
            "assessments.close_inspection",
            deadline=WorkingDays(5, _("recognition due")),
            generic=False,
        ),
        Transition(
            "recognise",
            _("Recognise the classification"),
            frozenset({S.INSPECTED}),
            S.RECOGNISED,
            "assessments.recognise",
            style="success",
            generic=False,
        ),
        Transition(
            "publish",
            _("Publish the result"),
            frozenset({S.RECOGNISED}),
            S.PUBLISHED,
            "assessments.publish",
            generic=False,
        ),
        Transition(
            "import_result",
            _("Import a past year's published result"),
            frozenset({S.PLAN_DRAFT}),
            S.PUBLISHED,
            "assessments.import_results",
            generic=False,
        ),
    )
}


def available_transitions(assessment: Assessment, user) -> list[Transition]:
    """The transitions ``user`` may make now: what the page offers as buttons."""
    return [
        t
        for t in TRANSITIONS.values()
        if assessment.state in t.sources and user.has_perm(t.permission, assessment)
    ]


def no_longer_possible(assessment: Assessment) -> str:
    """What to tell someone whose page was opened before somebody else moved the assessment on."""
    return _("This action is no longer possible: the assessment is now “%(state)s”.") % {
        "state": assessment.get_state_display()
    }


def perform_transition(
    assessment: Assessment, name: str, actor, *, reason: str = "", today: date | None = None
) -> StateChange:
    """Move ``assessment`` along transition ``name`` on behalf of ``actor``.

    Locks the row so two people acting at once cannot both succeed, re-checks
    state and permission on the locked row, runs the guard, stores the new
    state and any deadline it starts, appends the history row, and queues the
    notifications to be sent once the transaction commits.
    """
    transition = TRANSITIONS[name]
    reason = reason.strip()
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.state not in transition.sources:
            raise TransitionNotAllowed(no_longer_possible(locked))
        if not actor.has_perm(transition.permission, locked):
            raise PermissionDenied(transition.permission)
        if transition.reason_required and not reason:
            raise ReasonRequired(_("Please give a reason."))
        if transition.guard and (problems := transition.guard(locked)):
            raise GuardFailed(_("The dossier cannot be sent yet. Missing:"), problems)
        due_date = transition.deadline.due(locked, today) if transition.deadline else None
        with translation.override(settings.LANGUAGE_CODE):  # stored in the portal's language
            due_label = str(transition.deadline.label) if transition.deadline else ""
        change = _record(
            locked, transition.name, transition.target, actor, reason, due_date, due_label, day=today
        )
    _refresh(assessment)
    return change


def undo_last_transition(assessment: Assessment, actor, *, reason: str) -> StateChange:
    """An administrator takes back the last state change (with a reason, kept in the history)."""
    reason = reason.strip()
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not actor.has_perm("assessments.undo_transition", locked):
            raise PermissionDenied("assessments.undo_transition")
        if not reason:
            raise ReasonRequired(_("Please give a reason."))
        last = locked.history.order_by("-pk").first()
        if last is None:
            raise TransitionNotAllowed(_("There is nothing to undo."))
        change = _record(
            locked,
            "undo",
            last.from_state,
            actor,
            reason,
            last.previous_due_date,
            last.previous_due_label,
            undoes=last,
        )
    _refresh(assessment)
    return change


def latest_change(assessment: Assessment, transition: str) -> StateChange | None:
    """The last ``transition`` of the assessment that an administrator has not undone (None if there is none)."""
    undone = StateChange.objects.filter(assessment=assessment, undoes__isnull=False).values("undoes")
    return (
        assessment.history.filter(transition=transition)
        .exclude(pk__in=undone)
        .select_related("actor")
        .order_by("-pk")
        .first()
    )


def effective_moment(day: date | None) -> datetime:
    """When a step dated ``day`` took place: now, or that day at the current time.

    Steps are recorded for another day only by imports, the demo data and tests
    (the ``today`` argument); the history then shows the day the step belongs to.
    """
    now = timezone.now()
    if day is None or day == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(day, timezone.localtime(now).time()))


def _record(locked, name, target, actor, reason, due_date, due_label, undoes=None, day=None) -> StateChange:
    change = StateChange.objects.create(
        at=effective_moment(day),
        assessment=locked,
        transition=name,
        from_state=locked.state,
        to_state=target,
        actor=actor,
        reason=reason,
        due_date=due_date,
        previous_due_date=locked.due_date,
        previous_due_label=locked.due_label,
        undoes=undoes,
    )
    # The only write of the state column in the code base (Assessment.save() refuses it).
    Assessment.objects.filter(pk=locked.pk).update(
        state=target, due_date=due_date, due_label=due_label, updated_at=timezone.now()
    )
    transaction.on_commit(lambda: notify_state_change(change.pk))
    return change


def _refresh(assessment: Assessment) -> None:
    assessment.refresh_from_db(fields=["state", "due_date", "due_label", "updated_at"])
    assessment._loaded_state = assessment.state
