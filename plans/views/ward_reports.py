"""The wards' reports and plans: a ward's list, a document with its form, steps and history, the district's table.

Every page starts from ``reports_for_user`` (outside it: 404): the ward's
officer and chairman see their ward's documents in any state, the district
side sees them once sent. Writing needs ``plans.edit_ward_report`` while a draft
or returned; each step the permission of its transition; undo
``plans.undo_transition``. The domain functions check the same again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engines.forms import ReasonForm
from engines.views import undo_page
from engines.workflow import GuardFailed, ReasonRequired, TransitionNotAllowed
from plans.forms.ward_reports import StartWardReportForm, WardReportForm
from plans.models import WardReport, WardReportKind
from plans.ward_report_document import ward_report_pdf
from plans.ward_report_workflow import WARD_REPORT_WORKFLOW, last_return_reason
from plans.ward_reports import (
    EDITABLE_STATES,
    FIRST_YEAR,
    SENT_STATES,
    clc_figures,
    reports_for_user,
    round_of,
    round_rows,
    save_ward_report,
    start_ward_report,
)
from wards.models import Role, Ward
from wards.permissions import require_perm


def _ward_or_403(request, code: str) -> Ward:
    """The ward's list is for its own officer and chairman, and for the district side."""
    ward = get_object_or_404(Ward, code=code)
    user = request.user
    own = user.ward_id == ward.pk and user.has_role(Role.WARD_OFFICER, Role.WARD_CHAIRMAN)
    if not own and not user.has_perm("plans.view_ward_reports"):
        raise PermissionDenied("plans.view_ward_report")
    return ward


def _visible_report(request, pk: int) -> WardReport:
    return get_object_or_404(reports_for_user(request.user).select_related("ward__district"), pk=pk)


def ward_report_list(request, code: str):
    """A ward's reports and plans by year; its officer starts a new one here."""
    ward = _ward_or_403(request, code)
    documents = list(reports_for_user(request.user).filter(ward=ward).order_by("-year", "kind"))
    may_start = request.user.has_perm("plans.edit_ward_report", WardReport(ward=ward))
    context = {
        "ward": ward,
        "documents": documents,
        "start_form": StartWardReportForm(initial={"year": timezone.localdate().year}) if may_start else None,
    }
    return render(request, "plans/ward_reports/ward_list.html", context)


@require_POST
def ward_report_start(request, code: str):
    ward = _ward_or_403(request, code)
    require_perm(request, "plans.edit_ward_report", WardReport(ward=ward))
    form = StartWardReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a document and a year."))
        return redirect("plans:ward_reports_of_ward", code=ward.code)
    report = start_ward_report(ward, form.cleaned_data["year"], form.cleaned_data["kind"], request.user)
    return redirect(report)


def _may_edit(user, report: WardReport) -> bool:
    return report.state in EDITABLE_STATES and user.has_perm("plans.edit_ward_report", report)


def ward_report_detail(request, pk: int):
    """The document: its sections (a form while the ward may write), the centre's figures, steps, history."""
    report = _visible_report(request, pk)
    user = request.user
    may_edit = _may_edit(user, report)
    form = WardReportForm(instance=report) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            if report.state not in EDITABLE_STATES:
                messages.error(request, WARD_REPORT_WORKFLOW.no_longer_possible(report))
                return redirect(report)
            raise PermissionDenied("plans.edit_ward_report")
        form = WardReportForm(request.POST, instance=WardReport.objects.get(pk=report.pk))
        if form.is_valid():
            try:
                save_ward_report(report, user, **form.sections())
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Saved."))
                return redirect(report)
    context = {
        "report": report,
        "round_year": round_of(report),
        "form": form,
        "figures": clc_figures(report.ward, report.year),
        "sections": [
            (form_field.label, getattr(report, name))
            for name, form_field in WardReportForm.base_fields.items()
        ],
        "actions": WARD_REPORT_WORKFLOW.available(report, user),
        "return_reason": last_return_reason(report),
        "may_undo": user.has_perm(WARD_REPORT_WORKFLOW.undo_permission, report),
        "history": WARD_REPORT_WORKFLOW.history_rows(report),
    }
    return render(request, "plans/ward_reports/report_detail.html", context)


def ward_report_step(request, pk: int, name: str):
    """Confirm (GET) and take (POST) one step: send, acknowledge, or return with a reason."""
    if name not in WARD_REPORT_WORKFLOW.transitions:
        raise Http404
    transition = WARD_REPORT_WORKFLOW.transitions[name]
    report = _visible_report(request, pk)
    if not WARD_REPORT_WORKFLOW.may(request.user, name, report):
        if report.state not in transition.sources:
            messages.error(request, WARD_REPORT_WORKFLOW.no_longer_possible(report))
            return redirect(report)
        raise PermissionDenied(transition.permission)
    form = ReasonForm(
        request.POST if request.method == "POST" else None, reason_required=transition.reason_required
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            WARD_REPORT_WORKFLOW.perform(report, name, request.user, reason=form.cleaned_data["reason"])
        except ReasonRequired as error:
            form.add_error("reason", str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(report)
        except GuardFailed as error:
            refusal = {"message": str(error), "problems": error.problems}
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            return redirect(report)
    context = {"report": report, "action": transition, "form": form, "refusal": refusal}
    return render(request, "plans/ward_reports/report_step.html", context)


def ward_report_undo(request, pk: int):
    report = _visible_report(request, pk)
    return undo_page(request, report, WARD_REPORT_WORKFLOW, str(report))


def ward_report_download(request, pk: int):
    report = _visible_report(request, pk)
    filename, pdf = ward_report_pdf(report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _check_round(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    return year


def ward_reports_current(request):
    require_perm(request, "plans.view_ward_reports")
    return redirect("plans:ward_reports_round", year=timezone.localdate().year - 1)


def ward_reports_round(request, year: int):
    """The district's table: each ward × (report on ``year``, plan for ``year + 1``), state and link."""
    require_perm(request, "plans.view_ward_reports")
    _check_round(year)
    rows = round_rows(request.user, year)
    this_year = timezone.localdate().year
    context = {
        "year": year,
        "next_year": year + 1,
        "rows": rows,
        "sent_reports": sum(1 for row in rows if row.report and row.report.state in SENT_STATES),
        "sent_plans": sum(1 for row in rows if row.plan and row.plan.state in SENT_STATES),
        "kinds": WardReportKind,
        "previous_round": year - 1 if year > FIRST_YEAR else None,
        "next_round": year + 1 if year < this_year else None,
    }
    return render(request, "plans/ward_reports/round_table.html", context)
