"""The ward's assessment page, its workflow actions, the self-inspection plan, the inbox and notifications.

Every view starts from ``assessments_for_user``: an assessment outside it is a
404; an action the user may not take on an assessment they can see is a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
from assessments.forms import PlanForm, TransitionForm, UndoForm
from assessments.inbox import (
    PAGE_TRANSITIONS,
    inbox_items,
    is_overdue,
    mark_all_read,
    page_transitions,
    unread_count,
)
from assessments.models import (
    AssessmentState,
    Cycle,
    DocumentKind,
    Notification,
    SelfInspectionPlan,
    StateChange,
)
from assessments.plan import save_plan
from assessments.queries import assessments_for_user, visible_assessment_or_404
from assessments.workflow import (
    TRANSITIONS,
    GuardFailed,
    ReasonRequired,
    TransitionNotAllowed,
    no_longer_possible,
    perform_transition,
    undo_last_transition,
)

S = AssessmentState

# The five steps of the procedure and the step each state belongs to (6: all done).
STEPS = [
    gettext_lazy("Self-inspection plan"),
    gettext_lazy("Dossier"),
    gettext_lazy("Reception and inspection plan"),
    gettext_lazy("Inspection"),
    gettext_lazy("Recognition"),
]
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


def assessment_list(request):
    """The assessments the user may see, for one year (the latest cycle unless chosen), a state and a ward."""
    years = list(Cycle.objects.order_by("-year").values_list("year", flat=True))
    assessment_filter = AssessmentFilter(request.GET, assessments_for_user(request.user), years=years)
    # A value outside the choices (an old link, a typed URL) shows nothing rather than everything.
    assessments = assessment_filter.qs if assessment_filter.is_valid() else assessment_filter.queryset.none()
    rows = [(assessment, is_overdue(assessment.due_date)) for assessment in assessments]
    return render(request, "assessments/assessment_list.html", {"form": assessment_filter.form, "rows": rows})


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


def _action_label(name: str) -> str:
    if name == "undo":
        return _("Undo of the last change")
    transition = TRANSITIONS.get(name)
    return str(transition.label) if transition else name


def _render_detail(request, assessment, *, refusal=None):
    user = request.user
    try:
        plan = assessment.plan
    except SelfInspectionPlan.DoesNotExist:
        plan = None
    current_step = STEP_OF_STATE.get(assessment.state, 1)
    steps = [
        {"number": number, "label": label, "done": number < current_step, "current": number == current_step}
        for number, label in enumerate(STEPS, start=1)
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
        "statuses": criterion_statuses(assessment),
        "documents": documents,
        "completeness": completeness_percent(assessment),
        "missing": missing_items(assessment) if assessment.state in DOSSIER_WITH_WARD else [],
        "transitions": page_transitions(assessment, user),
        "district_actions": district_actions(assessment, user, history),
        "return_items": return_items,
        "history": [(change, _action_label(change.transition)) for change in history],
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
    if not request.user.has_perm("assessments.edit_plan", assessment):
        raise PermissionDenied
    try:
        plan = assessment.plan
    except SelfInspectionPlan.DoesNotExist:
        plan = None
    form = PlanForm(request.POST if request.method == "POST" else None, instance=plan)
    if form.is_valid():
        save_plan(assessment, form.cleaned_data, request.user)
        messages.success(request, _("The self-inspection plan has been saved."))
        return redirect(assessment)
    return render(request, "assessments/plan_form.html", {"assessment": assessment, "form": form})


def transition(request, pk, name):
    """Confirm (GET) and make (POST) one workflow action, with its reason when it needs one.

    Only the actions of ``PAGE_TRANSITIONS``: the district's other steps have pages of their own.
    """
    if name not in PAGE_TRANSITIONS:
        raise Http404
    action = TRANSITIONS[name]
    assessment = visible_assessment_or_404(request.user, pk)
    if assessment.state not in action.sources:
        # A page opened before somebody else acted: say so rather than refuse.
        messages.error(request, no_longer_possible(assessment))
        return redirect(assessment)
    if not request.user.has_perm(action.permission, assessment):
        raise PermissionDenied
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


def undo(request, pk):
    """A system administrator takes back the last change of state, giving a reason."""
    assessment = visible_assessment_or_404(request.user, pk)
    if not request.user.has_perm("assessments.undo_transition", assessment):
        raise PermissionDenied
    form = UndoForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            undo_last_transition(assessment, request.user, reason=form.cleaned_data["reason"])
        except ReasonRequired as error:
            form.add_error("reason", str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(assessment)
        else:
            messages.success(
                request,
                _("The last change has been undone: the assessment is back to “%(state)s”.")
                % {"state": assessment.get_state_display()},
            )
            return redirect(assessment)
    last = assessment.history.select_related("actor").order_by("-pk").first()
    return render(
        request,
        "assessments/undo_form.html",
        {
            "assessment": assessment,
            "form": form,
            "last": last,
            "last_action": _action_label(last.transition) if last else "",
        },
    )


def inbox(request):
    """What waits for the user, soonest due first, and how many notifications are unread."""
    return render(
        request,
        "assessments/inbox.html",
        {"items": inbox_items(request.user), "unread": unread_count(request.user)},
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
