"""The district's side of steps 3 and 5: receiving or returning a dossier, the receipt slip, and decisions.

Assessment pages start from ``assessments_for_user`` (outside it: 404); an action
the user may not take on an assessment they can see is a 403. Decisions are
district documents: a user without ``wards.view_district_overview`` gets a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.authority import cycle_authority
from assessments.decision_numbers import check_decision_number, proposed_decision_number
from assessments.dossier import completeness_percent, criteria_without_evidence, missing_items
from assessments.forms.assessment import TransitionForm
from assessments.forms.district import DecisionApproveForm, DecisionCreateForm, ReturnForm
from assessments.inbox import is_overdue
from assessments.inspection import (
    approve_decision,
    prepare_decision,
    release_decision,
    return_dossier,
    withdraw_decision,
)
from assessments.inspection_workflow import DECISION_WORKFLOW
from assessments.models import (
    Assessment,
    AssessmentState,
    Cycle,
    DecisionState,
    DocumentKind,
    DossierDocument,
    RecognitionDecision,
)
from assessments.queries import (
    assessments_for_user,
    decision_or_404,
    decisions_for_user,
    visible_assessment_or_404,
)
from assessments.strategies import strategy_for
from assessments.workflow import (
    TRANSITIONS,
    ReasonRequired,
    TransitionError,
    TransitionNotAllowed,
    latest_change,
    no_longer_possible,
    perform_transition,
)
from wards.models import District
from wards.permissions import require_perm

S = AssessmentState


def _no_longer_possible(request, assessment: Assessment):
    """A page opened before somebody else acted: say so rather than refuse."""
    messages.error(request, no_longer_possible(assessment))
    return redirect(assessment)


# --- Step 3: receiving or returning the dossier ----------------------------------------------------


def receive(request, pk: int):
    """Confirm (GET) and record (POST) that the dossier arrived complete and valid: the 10-day clock starts."""
    assessment = visible_assessment_or_404(request.user, pk)
    action = TRANSITIONS["receive_dossier"]
    if assessment.state not in action.sources:
        return _no_longer_possible(request, assessment)
    require_perm(request, action.permission, assessment)
    if request.method == "POST":
        try:
            perform_transition(assessment, action.name, request.user)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(assessment)
        messages.success(
            request,
            _("The dossier has been received. The inspection plan is due on %(date)s.")
            % {"date": assessment.due_date.strftime("%d/%m/%Y")},
        )
        return redirect("assessments:receipt_slip", pk=assessment.pk)
    context = {
        "assessment": assessment,
        "action": action,
        "completeness": completeness_percent(assessment),
        "missing": missing_items(assessment),
        "without_evidence": criteria_without_evidence(assessment),
        "due_date": action.deadline.due(assessment, timezone.localdate()),  # as receiving would set it
    }
    return render(request, "assessments/district/receive.html", context)


def return_for_supplement(request, pk: int):
    """Send the dossier back to the ward with one line per missing item (the clock stops)."""
    assessment = visible_assessment_or_404(request.user, pk)
    action = TRANSITIONS["return_dossier"]
    if assessment.state not in action.sources:
        return _no_longer_possible(request, assessment)
    require_perm(request, action.permission, assessment)
    form = ReturnForm(
        request.POST if request.method == "POST" else None, suggestions=missing_items(assessment)
    )
    if form.is_valid():
        try:
            return_dossier(assessment, request.user, form.cleaned_data["item_list"])
        except ValidationError as error:
            form.add_error(None, error)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(assessment)
        else:
            messages.success(request, _("The dossier has been returned to the ward for supplement."))
            return redirect(assessment)
    return render(
        request,
        "assessments/district/return_form.html",
        {"assessment": assessment, "action": action, "form": form},
    )


def receipt_slip(request, pk: int):
    """The printable receipt slip of the latest receipt: when, by whom, what, and the plan's due date."""
    assessment = visible_assessment_or_404(request.user, pk)
    change = latest_change(assessment, "receive_dossier")
    if change is None:
        raise Http404
    documents = sorted(
        DossierDocument.objects.filter(assessment=assessment),
        key=lambda document: DocumentKind.values.index(document.kind),
    )
    district = District.current()
    context = {
        "assessment": assessment,
        "change": change,
        "received_on": timezone.localtime(change.at).date(),
        "documents": documents,
        "authority": cycle_authority(assessment.cycle, district) if district else None,
    }
    return render(request, "assessments/district/receipt_slip.html", context)


# --- Step 5: recognition decisions ------------------------------------------------------------------


def decision_list(request):
    """Every decision, newest cycle first, with its number, date, signer, state and number of wards."""
    require_perm(request, "wards.view_district_overview")
    decisions = (
        decisions_for_user(request.user)
        .annotate(ward_count=Count("assessments"))
        .order_by("-cycle__year", "-pk")
    )
    return render(
        request,
        "assessments/district/decision_list.html",
        {"decisions": decisions, "can_prepare": request.user.has_perm("assessments.prepare_decision")},
    )


def _decision_cycle(request) -> Cycle | None:
    """The cycle asked for (``year``), else the latest with inspected wards, else the latest."""
    year = request.POST.get("year") or request.GET.get("year")
    if year:
        try:
            return Cycle.objects.select_related("framework").get(year=int(year))
        except (ValueError, Cycle.DoesNotExist):
            raise Http404 from None
    year = (
        Assessment.objects.filter(state=S.INSPECTED)
        .order_by("-cycle__year")
        .values_list("cycle__year", flat=True)
        .first()
    )
    cycles = Cycle.objects.select_related("framework").order_by("-year")
    return cycles.filter(year=year).first() if year else cycles.first()


def decision_create(request):
    """District staff choose the cycle and tick the inspected wards the chairman will recognise."""
    require_perm(request, "assessments.prepare_decision")
    cycle = _decision_cycle(request)
    candidates = (
        assessments_for_user(request.user)
        .filter(cycle=cycle, state=S.INSPECTED)
        .select_related("result__classification")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=RecognitionDecision.objects.filter(state=DecisionState.PREPARED),
                to_attr="prepared_decisions",
            )
        )
        .order_by("ward__sort_key")
    )
    form = DecisionCreateForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if form.is_valid():
        try:
            decision = prepare_decision(cycle, request.user, list(form.cleaned_data["assessments"]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft decision has been prepared for the chairman."))
            return redirect(decision)
    today = timezone.localdate()
    rows = list(candidates)
    if form.is_bound:
        ticked = set(form["assessments"].value() or [])
        selected = {a.pk for a in rows if str(a.pk) in ticked}
    else:  # "select all": every ward not already in another draft decision is ticked
        selected = {a.pk for a in rows if not a.prepared_decisions}
    context = {
        "form": form,
        "cycle": cycle,
        "by_level": by_level(cycle),
        "years": list(Cycle.objects.order_by("-year").values_list("year", flat=True)),
        "rows": [
            {
                "assessment": a,
                "result": getattr(a, "result", None),
                "overdue": is_overdue(a.due_date, today),
                "selected": a.pk in selected,
                "other_drafts": a.prepared_decisions,
            }
            for a in rows
        ],
    }
    return render(request, "assessments/district/decision_form.html", context)


def _decision_or_404(request, pk: int) -> RecognitionDecision:
    """The decision with its wards and their results, if the user may see it (404 otherwise)."""
    wards = Assessment.objects.select_related("ward", "result__classification").order_by("ward__sort_key")
    return decision_or_404(
        request.user,
        pk,
        decisions_for_user(request.user).prefetch_related(Prefetch("assessments", queryset=wards)),
    )


def _rows(decision: RecognitionDecision) -> list[tuple]:
    return [(a, getattr(a, "result", None)) for a in decision.assessments.all()]


def by_level(cycle: Cycle | None) -> bool:
    """Whether the cycle's results are levels (no points column): its framework's strategy says."""
    return cycle is not None and strategy_for(cycle.framework).by_level


def _render_decision(request, decision: RecognitionDecision, approve_form=None, withdraw_form=None):
    user = request.user
    can_approve = DECISION_WORKFLOW.may(user, "approve", decision)
    if can_approve and approve_form is None:
        approve_form = DecisionApproveForm(
            initial={
                "number": proposed_decision_number(decision),
                "signer": user.full_name,
                "signer_title": user.position,
            }
        )
    can_withdraw = DECISION_WORKFLOW.may(user, "withdraw", decision)
    context = {
        "decision": decision,
        "rows": _rows(decision),
        "by_level": by_level(decision.cycle),
        "can_approve": can_approve,
        "approve_form": approve_form if can_approve else None,
        "can_release": DECISION_WORKFLOW.may(user, "release", decision),
        "can_withdraw": can_withdraw,
        "withdraw_form": (withdraw_form or TransitionForm(reason_required=True)) if can_withdraw else None,
        "can_undo": user.has_perm(DECISION_WORKFLOW.undo_permission, decision),
        "history": DECISION_WORKFLOW.history_rows(decision),
    }
    return render(request, "assessments/district/decision_detail.html", context)


def decision_detail(request, pk: int):
    """The wards of the decision with their totals and classification, its state and the next actions.

    The chairman's approval form is on this page (its POST goes to ``decision_approve``).
    """
    return _render_decision(request, _decision_or_404(request, pk))


def _decision_step_refusal(request, decision: RecognitionDecision, name: str):
    """None if the user may take step ``name`` now; a redirect with a message if the decision moved on."""
    if DECISION_WORKFLOW.may(request.user, name, decision):
        return None
    if decision.state not in DECISION_WORKFLOW.transitions[name].sources:
        messages.error(request, DECISION_WORKFLOW.no_longer_possible(decision))
        return redirect(decision)
    raise PermissionDenied


@require_POST
def decision_approve(request, pk: int):
    """The chairman signs the decision: number, date, signer and title; every ward is recognised.

    The first POST shows exactly what will be signed; the second (``confirmed``) signs.
    """
    decision = _decision_or_404(request, pk)
    if refusal := _decision_step_refusal(request, decision, "approve"):
        return refusal
    form = DecisionApproveForm(request.POST)
    if form.is_valid():
        try:
            check_decision_number(decision, form.cleaned_data["number"], form.cleaned_data["issued_on"])
            if request.POST.get("confirmed") != "1":
                return render(
                    request,
                    "assessments/district/decision_confirm.html",
                    {
                        "decision": decision,
                        "rows": _rows(decision),
                        "by_level": by_level(decision.cycle),
                        "form": form,
                        "step": "approve",
                    },
                )
            approve_decision(decision, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(decision)
        else:
            messages.success(request, _("The decision has been approved: the wards are recognised."))
            return redirect(decision)
    return _render_decision(request, decision, approve_form=form)


def decision_release(request, pk: int):
    """Confirm (GET: what becomes public) and publish (POST) every ward of an approved decision at once."""
    decision = _decision_or_404(request, pk)
    if refusal := _decision_step_refusal(request, decision, "release"):
        return refusal
    if request.method != "POST":
        return render(
            request,
            "assessments/district/decision_confirm.html",
            {
                "decision": decision,
                "rows": _rows(decision),
                "by_level": by_level(decision.cycle),
                "step": "release",
            },
        )
    try:
        release_decision(decision, request.user)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The decision has been released: the results are published."))
    return redirect(decision)


@require_POST
def decision_withdraw(request, pk: int):
    """District staff withdraw a draft decision, saying why; its wards may go into another decision."""
    decision = _decision_or_404(request, pk)
    if refusal := _decision_step_refusal(request, decision, "withdraw"):
        return refusal
    form = TransitionForm(request.POST, reason_required=True)
    form.is_valid()
    try:
        withdraw_decision(decision, request.user, form.cleaned_data.get("reason", ""))
    except ReasonRequired as error:
        form.add_error("reason", str(error))
        return _render_decision(request, decision, withdraw_form=form)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The draft decision has been withdrawn."))
    return redirect(decision)
