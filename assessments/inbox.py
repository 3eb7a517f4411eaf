"""What waits for each user: the inbox, due dates and the user's notifications."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.dossier import completeness_percent
from assessments.models import (
    Assessment,
    AssessmentState,
    DecisionState,
    InspectionPlan,
    Notification,
    PlanState,
    RecognitionDecision,
    TeamMember,
)
from assessments.queries import assessments_for_user
from assessments.workflow import TRANSITIONS, Transition

S = AssessmentState

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
    items.extend((1, item) for item in _district_items(user, assessments, today))
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


def _district_items(user, assessments: list[Assessment], today: date) -> list[InboxItem]:
    """The district's steps that have pages of their own: plans, scoring, closing, decisions.

    A handful of queries whatever the number of wards: one per kind of work the user may do.
    """
    by_pk = {assessment.pk: assessment for assessment in assessments}
    items = []

    def add(pk, action, url):
        if pk in by_pk:
            items.append(_item(by_pk[pk], str(action), today, url))

    for assessment in assessments:
        if assessment.state == S.SUBMITTED and user.has_perm("assessments.receive_dossier", assessment):
            add(
                assessment.pk,
                _("Receive the dossier as complete and valid"),
                reverse("assessments:receive", args=[assessment.pk]),
            )
    if user.has_perm("assessments.draft_inspection_plan"):
        planned = set(
            InspectionPlan.objects.exclude(state=PlanState.RETURNED).values_list("assessments", flat=True)
        )
        decided = set(RecognitionDecision.objects.values_list("assessments", flat=True))
        for assessment in assessments:
            if assessment.state == S.RECEIVED and assessment.pk not in planned:
                add(
                    assessment.pk,
                    _("Draft the inspection plan"),
                    reverse("assessments:inspection_plan_create"),
                )
            if assessment.state == S.INSPECTED and assessment.pk not in decided:
                add(
                    assessment.pk,
                    _("Prepare the recognition decision"),
                    reverse("assessments:decision_create"),
                )
    if user.has_perm("assessments.approve_inspection_plan"):
        for plan_pk, pk in InspectionPlan.objects.filter(state=PlanState.SUBMITTED).values_list(
            "pk", "assessments"
        ):
            add(
                pk,
                _("Approve the inspection plan"),
                reverse("assessments:inspection_plan_detail", args=[plan_pk]),
            )
    if user.has_perm("assessments.approve_decision"):
        prepared = RecognitionDecision.objects.filter(state=DecisionState.PREPARED)
        for decision_pk, pk in prepared.values_list("pk", "assessments"):
            add(
                pk,
                _("Approve the recognition decision"),
                reverse("assessments:decision_detail", args=[decision_pk]),
            )
    memberships = TeamMember.objects.filter(user=user, plan__state=PlanState.APPROVED)
    for pk, is_lead in memberships.values_list("plan__assessments", "is_lead"):
        if pk not in by_pk or by_pk[pk].state != S.INSPECTION_PLANNED:
            continue
        add(pk, _("Score the criteria assigned to you"), reverse("assessments:scoring", args=[pk]))
        if is_lead:
            add(pk, _("Close the inspection"), reverse("assessments:consolidation", args=[pk]))
    return items


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
