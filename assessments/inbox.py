"""What waits for each user: the inbox, its counts, due dates and the user's notifications.

The inbox has one row per piece of work — a ward's assessment, an inspection
plan, a recognition decision — listing every action the user may take on it
now, each a link to the page where it is done. The counts at its top say how
many pieces of each kind wait and how many of them are overdue.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments.dossier import completeness_percent
from assessments.models import (
    Assessment,
    AssessmentState,
    DecisionState,
    InspectionPlan,
    InspectionScore,
    Notification,
    PlanState,
    RecognitionDecision,
    TeamMember,
)
from assessments.queries import assessments_for_user
from assessments.workflow import ASSESSMENT_WORKFLOW, TRANSITIONS, Transition
from wards.models import Role
from wards.text import vietnamese_sort_key

S = AssessmentState

# The workflow actions made from the assessment page's own confirm form (``Transition.generic``):
# a change of state with an optional reason and nothing more. The district's other steps carry data
# of their own and go through their own pages.
PAGE_TRANSITIONS = frozenset(name for name, transition in TRANSITIONS.items() if transition.generic)

# What waits. An assessment's row is of the kind of its state; plans and decisions have kinds of
# their own. The counts at the top of the inbox follow the order of the procedure (``KIND_ORDER``).
ASSESSMENT_KINDS = {
    S.PLAN_DRAFT: gettext_lazy("Self-assessments to prepare (plan or findings)"),
    S.PLAN_SUBMITTED: gettext_lazy("Self-assessments for the chairman to approve or agree"),
    S.DOSSIER_PREPARATION: gettext_lazy("Dossiers to finish and send"),
    S.RETURNED: gettext_lazy("Returned dossiers to supplement"),
    S.SUBMITTED: gettext_lazy("Dossiers to receive"),
    S.RECEIVED: gettext_lazy("Inspection plans to draft"),
    S.INSPECTION_PLANNED: gettext_lazy("Inspections to score"),
    S.INSPECTED: gettext_lazy("Recognition decisions to prepare"),
}
PLANS_TO_SEND = gettext_lazy("Inspection plans to send for approval")
PLANS_TO_APPROVE = gettext_lazy("Inspection plans to approve")
DECISIONS_TO_SIGN = gettext_lazy("Recognition decisions to sign")
DECISIONS_TO_RELEASE = gettext_lazy("Recognition decisions to release")
KIND_ORDER = [
    ASSESSMENT_KINDS[S.PLAN_DRAFT],
    ASSESSMENT_KINDS[S.PLAN_SUBMITTED],
    ASSESSMENT_KINDS[S.DOSSIER_PREPARATION],
    ASSESSMENT_KINDS[S.RETURNED],
    ASSESSMENT_KINDS[S.SUBMITTED],
    ASSESSMENT_KINDS[S.RECEIVED],
    PLANS_TO_SEND,
    PLANS_TO_APPROVE,
    ASSESSMENT_KINDS[S.INSPECTION_PLANNED],
    ASSESSMENT_KINDS[S.INSPECTED],
    DECISIONS_TO_SIGN,
    DECISIONS_TO_RELEASE,
]


@dataclass(frozen=True)
class InboxAction:
    """One thing the user may do now on a piece of work: a link to the page where it is done."""

    label: str
    url: str
    note: str = ""  # e.g. how complete the dossier is, how many criteria are left to score


@dataclass
class InboxRow:
    """One piece of work waiting for the user and every action the user may take on it now."""

    kind: str  # what waits (``KIND_ORDER``), counted at the top of the inbox
    title: str  # the ward, or the plan's title, or the decision's number
    year: int
    url: str  # the page of the piece of work
    due_date: date | None
    overdue: bool
    sort_name: str
    assessment: Assessment | None = None  # for a ward's assessment
    wards: list[str] = field(default_factory=list)  # the wards a plan or a decision covers
    actions: list[InboxAction] = field(default_factory=list)

    def add(self, label, url: str, note: str = "") -> None:
        self.actions.append(InboxAction(str(label), url, note))


@dataclass(frozen=True)
class InboxCount:
    """How many pieces of one kind wait for the user, and how many of them are overdue."""

    kind: str
    count: int
    overdue: int


def page_transitions(assessment: Assessment, user) -> list[Transition]:
    """The actions of ``PAGE_TRANSITIONS`` that ``user`` may take now, in the order of the transition table.

    The state is compared before any permission is asked, so no rule that reads the database
    (such as the inspection team lead's) runs for an action the state does not allow anyway.
    """
    return [
        transition
        for transition in TRANSITIONS.values()
        if transition.name in PAGE_TRANSITIONS
        and ASSESSMENT_WORKFLOW.possible(transition, assessment)
        and user.has_perm(transition.permission, assessment)
    ]


def is_overdue(due_date: date | None, today: date | None = None) -> bool:
    """A due date that has passed (the due day itself is still on time)."""
    return due_date is not None and due_date < (today or timezone.localdate())


class _Rows:
    """The rows being gathered for one user: one per piece of work, created when its first action is added."""

    def __init__(self, user, assessments: list[Assessment], today: date):
        self.user = user
        self.work = assessments  # the assessments the user may act on (``open_work``)
        self.by_pk = {assessment.pk: assessment for assessment in assessments}  # and those plans cover
        self.today = today
        self._rows: dict[tuple[str, int], InboxRow] = {}

    def cover(self, pks) -> None:
        """Load the assessments of plans and decisions that are not work of the user's own (one query)."""
        missing = set(pks) - set(self.by_pk)
        if missing:
            for assessment in assessments_for_user(self.user).filter(pk__in=missing):
                self.by_pk[assessment.pk] = assessment

    def of_assessment(self, assessment: Assessment) -> InboxRow:
        key = ("assessment", assessment.pk)
        if key not in self._rows:
            self._rows[key] = InboxRow(
                kind=str(ASSESSMENT_KINDS[assessment.state]),
                title=assessment.ward.name,
                year=assessment.cycle.year,
                url=assessment.get_absolute_url(),
                due_date=assessment.due_date,
                overdue=is_overdue(assessment.due_date, self.today),
                sort_name=assessment.ward.sort_key,
                assessment=assessment,
            )
        return self._rows[key]

    def of_group(self, key: tuple[str, int], kind, title, url: str, pks: list[int]) -> InboxRow:
        """The row of a plan or a decision: the wards it covers, due when the first of them is due."""
        if key not in self._rows:
            covered = sorted(
                (self.by_pk[pk] for pk in pks if pk in self.by_pk), key=lambda a: a.ward.sort_key
            )
            due_date = min((a.due_date for a in covered if a.due_date), default=None)
            self._rows[key] = InboxRow(
                kind=str(kind),
                title=str(title),
                year=covered[0].cycle.year if covered else 0,
                url=url,
                due_date=due_date,
                overdue=is_overdue(due_date, self.today),
                sort_name=vietnamese_sort_key(str(title)),
                wards=[a.ward.name for a in covered],
            )
        return self._rows[key]

    def sorted(self) -> list[InboxRow]:
        return sorted(
            self._rows.values(),
            key=lambda row: (row.due_date is None, row.due_date or date.max, row.sort_name, -row.year),
        )


def open_work(user) -> QuerySet[Assessment]:
    """The assessments on which ``user``'s roles give something to do now: the inbox's first query.

    The states of the assessment rules (``assessments.rules``) per role, as a
    filter: the ward's officer on its plan and dossier while they are with the
    ward, its chairman on the plan to approve and the dossier to send (an open
    ward's, of the user's own ward); district staff on the dossiers to receive,
    plan and decide; any member of an approved inspection plan on the
    inspections of that plan. Published results, whatever their number of years, are
    never read. The inbox still asks each permission of what it lists, on
    these rows only; a state or role outside this filter has no action.
    """
    # Any member of an approved plan scores (``is_on_inspection_team``), whatever their role.
    work = Q(state=S.INSPECTION_PLANNED) & Exists(
        TeamMember.objects.filter(user=user, plan__state=PlanState.APPROVED, plan__assessments=OuterRef("pk"))
    )
    if user.ward_id and user.has_role(Role.WARD_OFFICER, Role.WARD_CHAIRMAN):
        states = set()
        if user.has_role(Role.WARD_OFFICER):
            states |= {S.PLAN_DRAFT, S.DOSSIER_PREPARATION, S.RETURNED}
        if user.has_role(Role.WARD_CHAIRMAN):
            states |= {S.PLAN_SUBMITTED, S.DOSSIER_PREPARATION, S.RETURNED}
        work |= Q(ward_id=user.ward_id, ward__closed_on__isnull=True, state__in=states)
    if user.has_perm("assessments.draft_inspection_plan"):  # district staff: receive, plan, decide
        work |= Q(state__in=[S.SUBMITTED, S.RECEIVED, S.INSPECTED])
    return assessments_for_user(user).filter(work)


def inbox_rows(user, *, today: date | None = None) -> list[InboxRow]:
    """Every piece of work waiting for ``user``, soonest due date first (no due date last).

    For each assessment of the user's open work (``open_work``), the actions
    the user may take on it now, with the permission the action's page
    checks: the ward's workflow actions (``page_transitions``), drafting the
    self-inspection plan and finishing the dossier (with how complete it is),
    receiving or returning a dossier, drafting its inspection plan, scoring
    (with the criteria left) and closing the inspection, preparing its
    decision. Inspection plans and decisions waiting as a whole (to send,
    approve, sign, release) are rows of their own, naming the wards they cover.

    Only open work is read, and permissions are evaluated in Python on rows
    already loaded, so neither the number of queries nor the time grows with
    the years of published results.
    """
    work = open_work(user)
    may = {permission: user.has_perm(f"assessments.{permission}") for permission in GROUP_PERMISSIONS}
    # Drafting a plan, preparing a decision: for the wards not yet in one (read with the work itself).
    if may["draft_inspection_plan"]:
        work = work.annotate(
            in_plan=Exists(
                InspectionPlan.objects.exclude(state=PlanState.RETURNED).filter(assessments=OuterRef("pk"))
            )
        )
    if may["prepare_decision"]:
        work = work.annotate(
            in_decision=Exists(
                RecognitionDecision.objects.exclude(state=DecisionState.WITHDRAWN).filter(
                    assessments=OuterRef("pk")
                )
            )
        )
    rows = _Rows(user, list(work), today or timezone.localdate())
    plans, decisions = _waiting_groups(may)
    rows.cover(pk for *_group, pks in plans + decisions for pk in pks)
    finishing = []
    for assessment in rows.work:
        if user.has_perm("assessments.edit_plan", assessment):
            rows.of_assessment(assessment).add(
                _("Draft the self-inspection plan"), reverse("assessments:plan_edit", args=[assessment.pk])
            )
        if user.has_perm("assessments.edit_dossier", assessment):
            finishing.append(assessment.pk)
            rows.of_assessment(assessment)  # "Finish the dossier" comes first, once its completeness is known
        for transition in page_transitions(assessment, user):
            rows.of_assessment(assessment).add(
                transition.label, reverse("assessments:transition", args=[assessment.pk, transition.name])
            )
    if finishing:
        _add_completeness(rows, finishing)
    _add_dossiers_and_plans(rows, may, plans)
    _add_decisions(rows, may, decisions)
    _add_inspections(rows)
    return rows.sorted()


# The permissions of the district's work on plans and decisions as a whole: roles only, asked once.
GROUP_PERMISSIONS = (
    "draft_inspection_plan",
    "approve_inspection_plan",
    "prepare_decision",
    "approve_decision",
)


def _waiting_groups(may: dict[str, bool]) -> tuple[list[tuple], list[tuple]]:
    """The inspection plans waiting to be sent or approved and the decisions waiting to be signed or
    released, each ``(pk, title or number, state, [assessment pks])``, for a user who works on them
    (``GROUP_PERMISSIONS``); one query each."""
    plans = decisions = []
    if may["draft_inspection_plan"] or may["approve_inspection_plan"]:
        plans = _grouped(
            InspectionPlan.objects.filter(state__in=[PlanState.DRAFT, PlanState.SUBMITTED]).values_list(
                "pk", "title", "state", "assessments"
            )
        )
    # Releasing needs ``publish``, which only these two roles have.
    if may["prepare_decision"] or may["approve_decision"]:
        decisions = _grouped(
            RecognitionDecision.objects.filter(
                state__in=[DecisionState.PREPARED, DecisionState.APPROVED]
            ).values_list("pk", "number", "state", "assessments")
        )
    return plans, decisions


def _add_completeness(rows: _Rows, pks: list[int]) -> None:
    """Put "Finish the dossier", with how complete it is, first on the rows of the dossiers being finished.

    Only these dossiers are read in full: four more queries, whatever their number.
    """
    with_dossier = (
        assessments_for_user(rows.user)
        .filter(pk__in=pks)
        .prefetch_related("cycle__framework__criteria", "self_scores", "evidence", "documents")
    )
    for assessment in with_dossier:
        note = _("%(percent)s %% complete") % {"percent": completeness_percent(assessment)}
        rows.of_assessment(assessment).actions.insert(
            0, InboxAction(_("Finish the dossier"), assessment.get_absolute_url(), note)
        )


def _add_dossiers_and_plans(rows: _Rows, may: dict[str, bool], plans: list[tuple]) -> None:
    """Receiving a dossier, drafting, sending and approving inspection plans, returning a dossier."""
    user = rows.user
    for assessment in rows.work:
        if user.has_perm("assessments.receive_dossier", assessment):
            rows.of_assessment(assessment).add(
                _("Receive the dossier as complete and valid"),
                reverse("assessments:receive", args=[assessment.pk]),
            )
    for plan_pk, title, state, pks in plans:
        url = reverse("assessments:inspection_plan_detail", args=[plan_pk])
        if state == PlanState.DRAFT and may["draft_inspection_plan"]:
            rows.of_group(("plan", plan_pk), PLANS_TO_SEND, title, url, pks).add(_("Send for approval"), url)
        if state == PlanState.SUBMITTED and may["approve_inspection_plan"]:
            rows.of_group(("plan", plan_pk), PLANS_TO_APPROVE, title, url, pks).add(
                _("Approve the inspection plan"), url
            )
    if may["draft_inspection_plan"]:
        for assessment in rows.work:
            if assessment.state == S.RECEIVED and not assessment.in_plan:
                rows.of_assessment(assessment).add(
                    _("Draft the inspection plan"), reverse("assessments:inspection_plan_create")
                )
    # After the step's own action: returning is the way out when the dossier is not complete and valid.
    for assessment in rows.work:
        if user.has_perm("assessments.return_dossier", assessment):
            rows.of_assessment(assessment).add(
                _("Return the dossier for supplement"),
                reverse("assessments:return_for_supplement", args=[assessment.pk]),
            )


def _add_decisions(rows: _Rows, may: dict[str, bool], decisions: list[tuple]) -> None:
    """Preparing, signing and releasing recognition decisions."""
    user = rows.user
    for decision_pk, number, state, pks in decisions:
        title = number or _("Draft decision")
        url = reverse("assessments:decision_detail", args=[decision_pk])
        if state == DecisionState.PREPARED and may["approve_decision"]:
            rows.of_group(("decision", decision_pk), DECISIONS_TO_SIGN, title, url, pks).add(
                _("Approve the recognition decision"), url
            )
        # The predicate of ``assessments.release_decision``, on the rows already loaded.
        if (
            state == DecisionState.APPROVED
            and pks
            and all(pk in rows.by_pk and user.has_perm("assessments.publish", rows.by_pk[pk]) for pk in pks)
        ):
            rows.of_group(("decision", decision_pk), DECISIONS_TO_RELEASE, title, url, pks).add(
                _("Release the decision"), url
            )
    if may["prepare_decision"]:
        for assessment in rows.work:
            if assessment.state == S.INSPECTED and not assessment.in_decision:
                rows.of_assessment(assessment).add(
                    _("Prepare the recognition decision"), reverse("assessments:decision_create")
                )


def _add_inspections(rows: _Rows) -> None:
    """Scoring and closing, for the members of an approved plan (the predicates of ``assessments.rules``).

    One query for the user's teams; two more, to count the criteria left, when there is something to score.
    """
    planned = {assessment.pk for assessment in rows.work if assessment.state == S.INSPECTION_PLANNED}
    if not planned:
        return
    memberships = TeamMember.objects.filter(
        user=rows.user, plan__state=PlanState.APPROVED, plan__assessments__in=planned
    )
    leads: dict[int, bool] = {}
    for pk, is_lead in memberships.values_list("plan__assessments", "is_lead"):
        if pk in planned:
            leads[pk] = leads.get(pk, False) or is_lead
    if not leads:
        return
    left = _criteria_left(rows.user, set(leads))
    for pk, is_lead in leads.items():
        note = ngettext("%(count)s criterion left to score", "%(count)s criteria left to score", left[pk]) % {
            "count": left[pk]
        }
        row = rows.of_assessment(rows.by_pk[pk])
        row.add(_("Score the criteria assigned to you"), reverse("assessments:scoring", args=[pk]), note)
        if is_lead:
            row.add(_("Close the inspection"), reverse("assessments:consolidation", args=[pk]))


def _criteria_left(user, pks: set[int]) -> Counter:
    """For each assessment, the criteria assigned to ``user`` that nobody has scored yet (two queries)."""
    assigned = TeamMember.criteria.through.objects.filter(
        teammember__user=user,
        teammember__plan__state=PlanState.APPROVED,
        teammember__plan__assessments__in=pks,
    ).values_list("teammember__plan__assessments", "criterion_id")
    scored = set(
        InspectionScore.objects.filter(assessment_id__in=pks).values_list("assessment_id", "criterion_id")
    )
    return Counter(pk for pk, criterion in set(assigned) if pk in pks and (pk, criterion) not in scored)


def _grouped(values) -> list[tuple]:
    """``(pk, a, b, assessment pk)`` rows of a many-to-many join, one per object: ``(pk, a, b, [pks])``."""
    grouped: dict[int, tuple] = {}
    for pk, first, second, assessment_pk in values:
        entry = grouped.setdefault(pk, (pk, first, second, []))
        if assessment_pk is not None:
            entry[3].append(assessment_pk)
    return list(grouped.values())


def inbox_counts(rows: list[InboxRow]) -> list[InboxCount]:
    """How many rows of each kind, and how many of them overdue, in the order of the procedure."""
    counts = Counter(row.kind for row in rows)
    overdue = Counter(row.kind for row in rows if row.overdue)
    order = [str(kind) for kind in KIND_ORDER]
    return [InboxCount(kind, counts[kind], overdue[kind]) for kind in order if counts[kind]]


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user).unread().count()


def mark_all_read(user) -> int:
    """Mark every unread notification of ``user`` as read; returns how many."""
    return Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())
