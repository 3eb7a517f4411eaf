"""The ward's assessment page, its workflow actions, the self-inspection plan, the inbox and notifications.

Every view starts from ``assessments_for_user``: an assessment outside it is a
404; an action the user may not take on an assessment they can see is a 403.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments.documents.ward_kinds import ward_document_kinds
from assessments.dossier import completeness_percent, criterion_statuses, documents_by_kind, missing_items
from assessments.filters import AssessmentFilter
from assessments.forms.assessment import PlanForm, SubmitDossierForm, TransitionForm
from assessments.inbox import (
    PAGE_TRANSITIONS,
    inbox_counts,
    inbox_rows,
    is_overdue,
    mark_all_read,
    page_transitions,
    unread_count,
)
from assessments.indicators import self_level
from assessments.models import (
    AssessmentState,
    Cycle,
    DocumentKind,
    Notification,
    Procedure,
    SelfInspectionPlan,
    StateChange,
)
from assessments.plan import plan_missing_items, save_plan
from assessments.procedures import level_request, procedure_of
from assessments.queries import assessments_for_user, visible_assessment_or_404
from assessments.strategies import strategy_for
from assessments.submission import ZeroScoresNotConfirmed, dossier_summary, send_dossier
from assessments.workflow import (
    ASSESSMENT_WORKFLOW,
    TRANSITIONS,
    GuardFailed,
    ReasonRequired,
    TransitionNotAllowed,
    no_longer_possible,
    perform_transition,
)
from wards.inbox_sections import inbox_sections
from wards.permissions import require_perm

S = AssessmentState

# The five steps of each procedure and the step each state belongs to (6: all done).
LATER_STEPS = [
    gettext_lazy("Reception and inspection plan"),
    gettext_lazy("Inspection"),
    gettext_lazy("Recognition"),
]
STEPS = {
    Procedure.PLAN_FIRST: [gettext_lazy("Self-inspection plan"), gettext_lazy("Dossier"), *LATER_STEPS],
    Procedure.MEETING_REQUEST: [
        gettext_lazy("Self-assessment agreed at a meeting"),
        gettext_lazy("Dossier asking for a level"),
        *LATER_STEPS,
    ],
}
STEP_OF_STATE = {
    S.PLAN_DRAFT: 1,
    S.PLAN_SUBMITTED: 1,
    S.DOSSIER_PREPARATION: 2,
    S.SUBMITTED: 2,
    S.RETURNED: 2,
    S.RECEIVED: 3,
    S.INSPECTION_PLANNED: 4,
    S.INSPECTED: 5,
    S.RECOGNISED: 6,
    S.PUBLISHED: 6,
}
DOSSIER_WITH_WARD = {S.DOSSIER_PREPARATION, S.RETURNED}
# A district's wards of one year on one page; a province's (thousands) page by page.
LIST_PAGE_SIZE = 50
# Actions whose button opens a confirmation page (GET) instead of acting at once.
CONFIRM_FIRST = frozenset({"submit_dossier"})


def assessment_list(request):
    """The assessments the user may see, for one year (the latest cycle unless chosen), a state and a ward.

    In pages of ``LIST_PAGE_SIZE``: a district's year fits on one, a province's takes several.
    """
    years = list(Cycle.objects.order_by("-year").values_list("year", flat=True))
    assessment_filter = AssessmentFilter(request.GET, assessments_for_user(request.user), years=years)
    # A value outside the choices (an old link, a typed URL) shows nothing rather than everything.
    assessments = assessment_filter.qs if assessment_filter.is_valid() else assessment_filter.queryset.none()
    page = Paginator(assessments, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(assessment, is_overdue(assessment.due_date)) for assessment in page]
    return render(
        request,
        "assessments/assessment_list.html",
        {"form": assessment_filter.form, "rows": rows, "page": page},
    )


def _detail_queryset(user):
    """The visible assessments with everything the page shows, one query per related table."""
    return (
        assessments_for_user(user)
        .select_related("plan__updated_by")
        .prefetch_related(
            "cycle__framework__criteria",
            "self_scores",
            "evidence",
            "documents",
            "return_items",
            Prefetch("history", queryset=StateChange.objects.select_related("actor")),
        )
    )


def _render_detail(request, assessment, *, refusal=None):
    user = request.user
    try:
        plan = assessment.plan
    except SelfInspectionPlan.DoesNotExist:
        plan = None
    current_step = STEP_OF_STATE.get(assessment.state, 1)
    strategy = strategy_for(assessment.cycle.framework)
    statuses = criterion_statuses(assessment)
    indicators = strategy.indicator_statuses(assessment)
    procedure = procedure_of(assessment)
    steps = [
        {"number": number, "label": label, "done": number < current_step, "current": number == current_step}
        for number, label in enumerate(STEPS[procedure], start=1)
    ]
    history = list(assessment.history.all())
    # What the district asked the ward to supplement when it last returned the dossier.
    last_return = next((c for c in reversed(history) if c.transition == "return_dossier"), None)
    return_items = (
        [item.text for item in assessment.return_items.all() if item.state_change_id == last_return.pk]
        if assessment.state == S.RETURNED and last_return
        else []
    )
    documents = [
        {"kind": kind, "label": DocumentKind(kind).label, "document": document}
        for kind, document in documents_by_kind(assessment).items()
    ]
    context = {
        "assessment": assessment,
        "framework": assessment.cycle.framework,
        "due_overdue": is_overdue(assessment.due_date),
        "steps": steps,
        "plan": plan,
        "statuses": statuses,
        "detail_template": strategy.detail_template,
        "without_evidence_template": strategy.without_evidence_template,
        "indicators": indicators,
        "self_level": self_level(indicators),
        # From step 2 on: the criteria that score 0 (the indicators not met) for want of evidence.
        "without_evidence": strategy.without_evidence(assessment) if current_step >= 2 else [],
        "documents": documents,
        "completeness": completeness_percent(assessment),
        "missing": missing_items(assessment) if assessment.state in DOSSIER_WITH_WARD else [],
        "plan_first": procedure == Procedure.PLAN_FIRST,
        "plan_missing": (
            plan_missing_items(assessment)
            if assessment.state == S.PLAN_DRAFT and procedure == Procedure.PLAN_FIRST
            else []
        ),
        "level_request": level_request(assessment) if procedure == Procedure.MEETING_REQUEST else None,
        "confirm_first": CONFIRM_FIRST,
        "transitions": page_transitions(assessment, user),
        "district_actions": district_actions(assessment, user, history),
        "return_items": return_items,
        "history": [(change, ASSESSMENT_WORKFLOW.action_label(change.transition)) for change in history],
        "can_edit_plan": user.has_perm("assessments.edit_plan", assessment),
        "can_edit_dossier": user.has_perm("assessments.edit_dossier", assessment),
        "can_undo": user.has_perm("assessments.undo_transition", assessment),
        "refusal": refusal,
        # The ward's official documents, for everyone who sees the page (the plan once it is written).
        "ward_documents": [
            (
                kind.title,
                reverse("assessments:document_pdf", args=[assessment.pk, kind.key]),
                reverse("assessments:document_docx", args=[assessment.pk, kind.key]),
            )
            for kind in ward_document_kinds(assessment)
        ],
    }
    return render(request, "assessments/assessment_detail.html", context)


def district_actions(assessment, user, history) -> list[tuple[str, str, str]]:
    """Links to the district steps that have pages of their own, for those who may take them now."""
    links = []
    if user.has_perm("assessments.receive_dossier", assessment):
        links.append((_("Receive the dossier as complete and valid"), "assessments:receive", "success"))
    if user.has_perm("assessments.return_dossier", assessment):
        links.append((_("Return the dossier for supplement"), "assessments:return_for_supplement", "warning"))
    if user.has_perm("assessments.score_inspection", assessment):
        links.append((_("Score the criteria assigned to you"), "assessments:scoring", "primary"))
    if assessment.state in {S.INSPECTION_PLANNED, S.INSPECTED, S.RECOGNISED, S.PUBLISHED} and user.has_perm(
        "wards.view_district_overview"
    ):
        links.append((_("Inspection results"), "assessments:consolidation", "outline-primary"))
    undone = {change.undoes_id for change in history if change.undoes_id}
    if any(change.transition == "receive_dossier" and change.pk not in undone for change in history):
        links.append((_("Receipt slip"), "assessments:receipt_slip", "outline-secondary"))
    return [(label, reverse(name, args=[assessment.pk]), style) for label, name, style in links]


def assessment_detail(request, pk):
    """The ward's assessment page: where it stands, the plan, the dossier, the actions and the history."""
    return _render_detail(
        request, visible_assessment_or_404(request.user, pk, _detail_queryset(request.user))
    )


def plan_edit(request, pk):
    """Step 1: the ward officer drafts the self-inspection plan."""
    assessment = visible_assessment_or_404(
        request.user, pk, assessments_for_user(request.user).select_related("plan")
    )
    require_perm(request, "assessments.edit_plan", assessment)
    try:
        plan = assessment.plan
    except SelfInspectionPlan.DoesNotExist:
        plan = None
    form = PlanForm(request.POST if request.method == "POST" else None, instance=plan, cycle=assessment.cycle)
    if form.is_valid():
        save_plan(assessment, form.cleaned_data, request.user)
        messages.success(request, _("The self-inspection plan has been saved."))
        return redirect(assessment)
    return render(request, "assessments/plan_form.html", {"assessment": assessment, "form": form})


def transition(request, pk, name):
    """Confirm (GET) and make (POST) one workflow action, with its reason when it needs one.

    Only the actions of ``PAGE_TRANSITIONS``: the district's other steps have pages of their own.
    Sending the dossier shows what will be sent and asks to confirm the criteria without evidence.
    """
    if name not in PAGE_TRANSITIONS:
        raise Http404
    action = TRANSITIONS[name]
    assessment = visible_assessment_or_404(request.user, pk)
    if not ASSESSMENT_WORKFLOW.applies(action, assessment):
        raise Http404
    if assessment.state not in action.sources:
        # A page opened before somebody else acted: say so rather than refuse.
        messages.error(request, no_longer_possible(assessment))
        return redirect(assessment)
    require_perm(request, action.permission, assessment)
    if name == "submit_dossier":
        return _send_dossier(request, pk, action)
    form = TransitionForm(
        request.POST if request.method == "POST" else None, reason_required=action.reason_required
    )
    if form.is_valid():
        try:
            perform_transition(assessment, name, request.user, reason=form.cleaned_data["reason"])
        except ReasonRequired as error:
            form.add_error("reason", str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(assessment)
        except GuardFailed as error:
            detail = visible_assessment_or_404(request.user, pk, _detail_queryset(request.user))
            return _render_detail(
                request, detail, refusal={"message": str(error), "problems": error.problems}
            )
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": action.label})
            return redirect(assessment)
    return render(
        request,
        "assessments/transition_form.html",
        {"assessment": assessment, "action": action, "form": form},
    )


def _send_dossier(request, pk, action):
    """The confirmation page of "Send the dossier": exactly what will be sent, then send it.

    Lists the three documents, every criterion with its self-score and number of
    evidence files, and the total; what still blocks sending; and the criteria
    without evidence, which score 0 and must be confirmed (``send_dossier``).
    """

    def load():
        return visible_assessment_or_404(request.user, pk, _detail_queryset(request.user))

    def page(detail, form):
        context = {"assessment": detail, "action": action, "form": form, "summary": dossier_summary(detail)}
        return render(request, "assessments/transition_form.html", context)

    def numbers_without_evidence(detail) -> list[int]:
        return [strategy.key(item) for item in strategy.without_evidence(detail)]

    assessment = load()
    strategy = strategy_for(assessment.cycle.framework)
    form = SubmitDossierForm(
        request.POST if request.method == "POST" else None,
        without_evidence=numbers_without_evidence(assessment),
        confirm_label=strategy.confirm_label,
    )
    if not form.is_valid():
        return page(assessment, form)
    try:
        send_dossier(assessment, request.user, confirmed_without_evidence=form.confirmed_without_evidence())
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect(assessment)
    except GuardFailed:
        return page(load(), form)  # the page lists what is missing
    except ZeroScoresNotConfirmed as error:
        # Ask again, for the criteria without evidence as they are now.
        assessment = load()
        shown = numbers_without_evidence(assessment)
        form = SubmitDossierForm(
            {"shown_without_evidence": " ".join(map(str, shown))},
            without_evidence=shown,
            confirm_label=strategy.confirm_label,
        )
        form.is_valid()
        form.add_error("confirm_zero" if "confirm_zero" in form.fields else None, str(error))
        return page(assessment, form)
    messages.success(request, _("Done: %(action)s.") % {"action": action.label})
    return redirect(assessment)


def inbox(request):
    """What waits for the user: counts per kind of work, then one row per piece of work with its actions.

    Rows come soonest due first; the page also says how many notifications are unread. The apps
    above add their own sections below (``wards.inbox_sections``: the plan's tasks of the user's unit).
    """
    rows = inbox_rows(request.user)
    return render(
        request,
        "assessments/inbox.html",
        {
            "rows": rows,
            "counts": inbox_counts(rows),
            "unread": unread_count(request.user),
            "sections": inbox_sections(request),
        },
    )


def notifications(request):
    """The user's own notifications, newest first; POST marks them all read."""
    if request.method == "POST":
        count = mark_all_read(request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s notification marked as read.", "%(count)s notifications marked as read.", count
            )
            % {"count": count},
        )
        return redirect("assessments:notifications")
    page = Paginator(Notification.objects.filter(recipient=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assessments/notifications.html",
        {"page": page, "unread": unread_count(request.user)},
    )
