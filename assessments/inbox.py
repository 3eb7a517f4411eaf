"""What waits for each user: the inbox, due dates and the user's notifications."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.dossier import completeness_percent
from assessments.models import Assessment, Notification
from assessments.queries import assessments_for_user
from assessments.workflow import TRANSITIONS, Transition

# The workflow actions made from the assessment page's own confirm form (``Transition.generic``):
# a change of state with an optional reason and nothing more. The district's other steps carry data
# of their own and go through their own pages.
PAGE_TRANSITIONS = frozenset(name for name, transition in TRANSITIONS.items() if transition.generic)


@dataclass(frozen=True)
class InboxItem:
    """One thing ``user`` should do on one assessment."""

    assessment: Assessment
    action: str
    due_date: date | None
    overdue: bool
    url: str
    percent: int | None = None  # how complete the dossier is, for "Finish the dossier"


def page_transitions(assessment: Assessment, user) -> list[Transition]:
    """The actions of ``PAGE_TRANSITIONS`` that ``user`` may take now, in the order of the transition table.

    The state is compared before any permission is asked, so no rule that reads the database
    (such as the inspection team lead's) runs for an action the state does not allow anyway.
    """
    return [
        transition
        for transition in TRANSITIONS.values()
        if transition.name in PAGE_TRANSITIONS
        and assessment.state in transition.sources
        and user.has_perm(transition.permission, assessment)
    ]


def is_overdue(due_date: date | None, today: date | None = None) -> bool:
    """A due date that has passed (the due day itself is still on time)."""
    return due_date is not None and due_date < (today or timezone.localdate())


def inbox_items(user, *, today: date | None = None) -> list[InboxItem]:
    """Everything waiting for ``user``, soonest due date first (no due date last).

    For each assessment the user may see: every workflow action the user may
    take now from the assessment page (``page_transitions``), plus, for the ward officer
    who may edit them, "Draft the self-inspection plan" and "Finish the dossier"
    (with how complete it is). Permissions are evaluated in Python on rows
    already loaded, so the number of queries does not grow with the number of
    assessments.
    """
    today = today or timezone.localdate()
    assessments = list(assessments_for_user(user))
    # (order within one assessment, item): the work to do comes before the action that sends it on.
    items: list[tuple[int, InboxItem]] = []
    dossier_pks = []
    for assessment in assessments:
        if user.has_perm("assessments.edit_plan", assessment):
            plan_url = reverse("assessments:plan_edit", args=[assessment.pk])
            items.append((0, _item(assessment, _("Draft the self-inspection plan"), today, plan_url)))
        if user.has_perm("assessments.edit_dossier", assessment):
            dossier_pks.append(assessment.pk)
        items.extend(
            (1, _item(assessment, str(transition.label), today, assessment.get_absolute_url()))
            for transition in page_transitions(assessment, user)
        )
    if dossier_pks:
        # Only the dossiers the user is finishing are read in full (four more queries, whatever their number).
        with_dossier = (
            assessments_for_user(user)
            .filter(pk__in=dossier_pks)
            .prefetch_related("cycle__framework__criteria", "self_scores", "evidence", "documents")
        )
        items.extend(
            (
                0,
                _item(
                    assessment,
                    _("Finish the dossier"),
                    today,
                    assessment.get_absolute_url(),
                    percent=completeness_percent(assessment),
                ),
            )
            for assessment in with_dossier
        )
    items.sort(
        key=lambda entry: (
            entry[1].due_date is None,
            entry[1].due_date or date.max,
            entry[1].assessment.ward.sort_key,
            -entry[1].assessment.cycle.year,
            entry[0],
        )
    )
    return [item for _order, item in items]


def _item(
    assessment: Assessment, action: str, today: date, url: str, percent: int | None = None
) -> InboxItem:
    return InboxItem(
        assessment=assessment,
        action=action,
        due_date=assessment.due_date,
        overdue=is_overdue(assessment.due_date, today),
        url=url,
        percent=percent,
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user).unread().count()


def mark_all_read(user) -> int:
    """Mark every unread notification of ``user`` as read; returns how many."""
    return Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())
