"""The workflow engine: the one place where any object of the portal changes state.

A ``Workflow`` joins a model with a state column (``StatefulModel``), its table
of ``Transition`` rows and its append-only history model (``StateChangeBase``).
``Workflow.perform`` is called by views, the admin, commands and tests alike:
it locks the row, re-checks state and permission on the locked row, runs the
guard, stores the new state and the deadline it starts, appends the history
row and queues the notifications for after the commit. ``Workflow.undo_last``
is the only way back: an administrator, with a reason, takes back the last
step that was not already undone, and the step's ``rewind`` undoes, in the same
transaction, what the step created (or refuses, naming what blocks it).

Permissions are django-rules predicates checked with ``user.has_perm``; the
portal's user model decides them by their predicates for everybody, superusers
included, so nobody is above the workflow.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from engines.figures_cache import data_changed
from wards.calendar import add_working_days
from wards.history import history_reason


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


class ProtectedStateError(RuntimeError):
    """Raised when code tries to save a changed state outside the workflow engine."""


class Deadline(Protocol):
    label: str

    def due(self, obj, today: date) -> date: ...


@dataclass(frozen=True)
class WorkingDays:
    """A legal deadline counted in working days from the day of the transition."""

    count: int
    label: str

    def due(self, obj, today: date) -> date:
        return add_working_days(today, self.count)


@dataclass(frozen=True)
class Transition:
    """One allowed move: from ``sources`` to ``target``, for whoever holds ``permission`` on the object.

    ``rewind(obj, change, actor, reason)`` undoes what the step created besides the
    state, or raises ``TransitionNotAllowed`` naming what blocks the undo; it
    is not called when a parent object's undo takes the step back
    (``cascaded``): the parent rewinds its own effects.
    """

    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    reason_required: bool = False
    deadline: Deadline | None = None
    guard: Callable[[object], list[str]] | None = None
    guard_message: str = _("This cannot be done yet. Missing:")
    style: str = "primary"
    # False when the step records more than a state (return items, a plan, a result, a decision)
    # and so is taken on its own page, never through the generic confirm-and-go page.
    generic: bool = True
    rewind: Callable | None = None
    # A guard about who acts, ``actor_guard(obj, actor)`` → problems, e.g. four eyes: the approver
    # is not the person who submitted. Refuses with ``guard_message`` like ``guard``.
    actor_guard: Callable[[object, object], list[str]] | None = None
    # A guard that depends on the day of the step, ``dated_guard(obj, today)`` → problems (a waiting
    # time that must be over). Refuses with ``guard_message`` like ``guard``.
    dated_guard: Callable[[object, date], list[str]] | None = None
    # The variants of the workflow this step belongs to (``Workflow.variant_of``); empty: all of them.
    # One object follows one variant's table, e.g. the procedure its assessment framework's law sets.
    variants: frozenset[str] = frozenset()


class StatefulModel(models.Model):
    """A model whose ``state`` column only the workflow engine writes.

    ``save()`` refuses a changed state, and a new row must start in the state
    field's default, so no view, admin form or script can skip the checks, the
    history row and the notifications. Subclasses declare the ``state`` field.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        initial = self._meta.get_field("state").default
        if self._state.adding:
            if self.state != initial:
                raise ProtectedStateError(f"A new {self._meta.model_name} starts in the state {initial!r}.")
        elif "state" in self.__dict__ and self.state != getattr(self, "_loaded_state", None):
            raise ProtectedStateError("Change the state through the workflow engine (engines.workflow).")
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname != "state"
            ]
        super().save(*args, **kwargs)
        self._loaded_state = self.state

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_state = instance.__dict__.get("state")
        return instance


class StateChangeBase(models.Model):
    """Append-only history: one row for every change of an object's state (subclasses add the object)."""

    transition = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from"), max_length=30)
    to_state = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    due_date = models.DateField(_("deadline started"), null=True, blank=True)
    previous_due_date = models.DateField(null=True, blank=True, editable=False)
    previous_due_label = models.CharField(max_length=120, blank=True, editable=False)
    undoes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("undoes")
    )

    class Meta:
        abstract = True
        ordering = ["pk"]  # the order the changes were made in


UNDO = "undo"


def effective_moment(day: date | None) -> datetime:
    """When a step dated ``day`` took place: now, or that day at the current time.

    Steps are recorded for another day only by imports, the demo data and tests
    (the ``today`` argument); the history then shows the day the step belongs to.
    """
    now = timezone.now()
    if day is None or day == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(day, timezone.localtime(now).time()))


# --- Replaying steps for rows made in bulk (``manage.py seed_scale``) ----------------------------------------


@dataclass(frozen=True)
class Step:
    """One transition taken by ``actor`` on ``day`` (``reason`` as the engine would keep it), for ``replay``."""

    name: str
    actor: object
    day: date
    reason: str = ""


@lru_cache(maxsize=4096)
def _working_days(day: date, count: int) -> date:
    return add_working_days(day, count)


@lru_cache(maxsize=64)
def _deadline_label(transition: Transition) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # stored in the portal's language, as ``perform`` does
        return str(transition.deadline.label) if transition.deadline else ""


@lru_cache(maxsize=65536)  # a hundred thousand replayed steps fall on a few hundred days
def moment(day: date, order: int = 0) -> datetime:
    """The aware time of a replayed step of ``day``: 08:00 plus ``order`` minutes, so a day's steps keep their order."""
    return timezone.make_aware(datetime.combine(day, time(8, 0)) + timedelta(minutes=order))


class Workflow:
    """The states, transitions, history and undo of one kind of stateful object."""

    def __init__(
        self,
        *,
        model: type[StatefulModel],
        history_model: type[StateChangeBase],
        subject_field: str,
        transitions: Iterable[Transition],
        undo_permission: str,
        notify: Callable[[int], None] | None = None,
        variant_of: Callable[[object], str] | None = None,
    ):
        self.model = model
        self.history_model = history_model
        self.subject_field = subject_field
        self.transitions: dict[str, Transition] = {t.name: t for t in transitions}
        self.undo_permission = undo_permission
        self.notify = notify
        self.variant_of = variant_of
        self.tracks_due = any(field.name == "due_date" for field in model._meta.concrete_fields)

    # --- Reading -------------------------------------------------------------------------------------

    def state_label(self, state: str) -> str:
        return str(dict(self.model._meta.get_field("state").flatchoices).get(state, state))

    def action_label(self, name: str) -> str:
        if name == UNDO:
            return str(_("Undo of the last change"))
        transition = self.transitions.get(name)
        return str(transition.label) if transition else name

    def applies(self, transition: Transition, obj) -> bool:
        """``transition`` belongs to the table ``obj`` follows (every step does, in a workflow of one table)."""
        return not transition.variants or (
            self.variant_of is not None and self.variant_of(obj) in transition.variants
        )

    def possible(self, transition: Transition, obj) -> bool:
        """``obj``'s table has ``transition`` and its state allows it (no permission asked)."""
        return obj.state in transition.sources and self.applies(transition, obj)

    def available(self, obj, user) -> list[Transition]:
        """The transitions ``user`` may make now: what a page offers as buttons."""
        return [
            t for t in self.transitions.values() if self.possible(t, obj) and user.has_perm(t.permission, obj)
        ]

    def may(self, user, name: str, obj) -> bool:
        transition = self.transitions[name]
        return self.possible(transition, obj) and user.has_perm(transition.permission, obj)

    def no_longer_possible(self, obj) -> str:
        """What to tell someone whose page was opened before somebody else moved the object on."""
        return _("This action is no longer possible: it is now “%(state)s”.") % {
            "state": obj.get_state_display()
        }

    def history(self, obj) -> models.QuerySet:
        return self.history_model.objects.filter(**{self.subject_field: obj})

    def history_rows(self, obj) -> list[tuple]:
        """Each change of ``obj``, oldest first, with the action's label and the state it reached."""
        return [
            (change, self.action_label(change.transition), self.state_label(change.to_state))
            for change in self.history(obj).select_related("actor")
        ]

    def latest_change(self, obj, transition: str):
        """The last ``transition`` of ``obj`` that has not been undone (None if there is none)."""
        undone = self.history(obj).filter(undoes__isnull=False).values("undoes")
        return (
            self.history(obj)
            .filter(transition=transition)
            .exclude(pk__in=undone)
            .select_related("actor")
            .order_by("-pk")
            .first()
        )

    def last_undoable(self, obj):
        """The step an undo would take back: the latest change that is not an undo and not undone."""
        undone = self.history(obj).filter(undoes__isnull=False).values("undoes")
        return (
            self.history(obj)
            .exclude(transition=UNDO)
            .exclude(pk__in=undone)
            .select_related("actor")
            .order_by("-pk")
            .first()
        )

    # --- Changing ------------------------------------------------------------------------------------

    def _lock(self, obj):
        return self.model.objects.select_for_update().get(pk=obj.pk)

    def perform(self, obj, name: str, actor, *, reason: str = "", today: date | None = None):
        """Move ``obj`` along transition ``name`` on behalf of ``actor``; returns the history row."""
        transition = self.transitions[name]
        reason = reason.strip()
        today = today or timezone.localdate()
        with history_reason(reason), transaction.atomic():
            locked = self._lock(obj)
            if not self.applies(transition, locked):
                raise TransitionNotAllowed(_("This action is not a step of this procedure."))
            if locked.state not in transition.sources:
                raise TransitionNotAllowed(self.no_longer_possible(locked))
            if not actor.has_perm(transition.permission, locked):
                raise PermissionDenied(transition.permission)
            if transition.reason_required and not reason:
                raise ReasonRequired(_("Please give a reason."))
            if transition.guard and (problems := transition.guard(locked)):
                raise GuardFailed(transition.guard_message, problems)
            if transition.actor_guard and (problems := transition.actor_guard(locked, actor)):
                raise GuardFailed(transition.guard_message, problems)
            if transition.dated_guard and (problems := transition.dated_guard(locked, today)):
                raise GuardFailed(transition.guard_message, problems)
            due_date = transition.deadline.due(locked, today) if transition.deadline else None
            with translation.override(settings.LANGUAGE_CODE):  # stored in the portal's language
                due_label = str(transition.deadline.label) if transition.deadline else ""
            change = self._record(
                locked, name, transition.target, actor, reason, due_date, due_label, day=today
            )
        self._refresh(obj)
        return change

    def undo_last(self, obj, actor, *, reason: str, cascaded: bool = False):
        """An administrator takes back the last step not yet undone, with a reason kept in the history.

        ``cascaded`` is set when a parent object's undo takes this step back
        (an inspection plan's approval, a decision's approval): the parent has
        already rewound what the step created.
        """
        reason = reason.strip()
        # What the rewind changes or deletes is kept in the field history with the undo's reason.
        with history_reason(reason), transaction.atomic():
            locked = self._lock(obj)
            if not actor.has_perm(self.undo_permission, locked):
                raise PermissionDenied(self.undo_permission)
            if not reason:
                raise ReasonRequired(_("Please give a reason."))
            last = self.last_undoable(locked)
            if last is None or last.to_state != locked.state:
                raise TransitionNotAllowed(_("There is nothing to undo."))
            transition = self.transitions.get(last.transition)
            if transition and transition.rewind and not cascaded:
                transition.rewind(locked, last, actor, reason)
            change = self._record(
                locked,
                UNDO,
                last.from_state,
                actor,
                reason,
                last.previous_due_date,
                last.previous_due_label,
                undoes=last,
            )
        self._refresh(obj)
        return change

    def _record(self, locked, name, target, actor, reason, due_date, due_label, undoes=None, day=None):
        change = self.history_model.objects.create(
            **{self.subject_field: locked},
            at=effective_moment(day),
            transition=name,
            from_state=locked.state,
            to_state=target,
            actor=actor,
            reason=reason,
            due_date=due_date,
            previous_due_date=getattr(locked, "due_date", None),
            previous_due_label=getattr(locked, "due_label", ""),
            undoes=undoes,
        )
        values = {"state": target}
        if self.tracks_due:
            values.update(due_date=due_date, due_label=due_label)
        if any(field.name == "updated_at" for field in self.model._meta.concrete_fields):
            values["updated_at"] = timezone.now()
        # The only write of a state column in the code base (StatefulModel.save() refuses it).
        self.model.objects.filter(pk=locked.pk).update(**values)
        data_changed()  # an UPDATE sends no signal: the dashboards' cached figures are out of date
        if self.notify is not None:
            notify = self.notify
            # Robust: a notification that fails is logged; the committed step stands and the user gets the page.
            transaction.on_commit(lambda: notify(change.pk), robust=True)
        return change

    def replay(self, obj, steps, *, due: Callable[[Transition, date], date | None] | None = None) -> list:
        """The unsaved history rows of ``obj`` going through ``steps``; ``obj``'s state (and deadline) set to the end.

        ``perform`` locks, checks and writes one object at a time: right for
        people, far too slow for a hundred thousand synthetic assessments
        (``manage.py seed_scale``). This walks the same table in memory: each
        step must be one the object's table allows from the state it is in;
        the rows carry what ``_record`` would store (action, from, to, actor,
        day, reason, the deadline started and the one it replaced), and the
        caller inserts the object and its rows in bulk. Permissions and guards
        are not asked: the generator writes the data that satisfies them.
        ``due(transition, day)`` gives a deadline the table cannot compute
        without the database (the inspection plan's last day).
        """
        rows = []
        for order, step in enumerate(steps):
            transition = self.transitions[step.name]
            if obj.state not in transition.sources or not self.applies(transition, obj):
                raise TransitionNotAllowed(f"{step.name} is not a step from {obj.state!r} for {obj!r}")
            due_date = None
            if transition.deadline is not None:
                due_date = due(transition, step.day) if due else None
                if due_date is None and isinstance(transition.deadline, WorkingDays):
                    due_date = _working_days(step.day, transition.deadline.count)
                elif due_date is None:
                    due_date = transition.deadline.due(obj, step.day)
            rows.append(
                self.history_model(
                    **{self.subject_field: obj},
                    at=moment(step.day, order),
                    transition=step.name,
                    from_state=obj.state,
                    to_state=transition.target,
                    actor=step.actor,
                    reason=step.reason,
                    due_date=due_date,
                    previous_due_date=getattr(obj, "due_date", None),
                    previous_due_label=getattr(obj, "due_label", ""),
                )
            )
            obj.state = transition.target
            if self.tracks_due:
                obj.due_date, obj.due_label = due_date, _deadline_label(transition)
        return rows

    def _refresh(self, obj) -> None:
        fields = ["state", "due_date", "due_label"] if self.tracks_due else ["state"]
        obj.refresh_from_db(fields=fields)
        obj._loaded_state = obj.state
