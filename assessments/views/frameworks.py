"""The administrator's frameworks (criteria, maxima, grades) and the district's assessment cycles."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from assessments.cycles import MAX_YEAR, MIN_YEAR, new_cycle_initial, open_cycle
from assessments.forms.frameworks import (
    BandFormSet,
    ConfirmSchemeForm,
    CriterionFormSet,
    CycleForm,
    FrameworkCopyForm,
)
from assessments.frameworks import (
    copy_framework,
    framework_locked_message,
    frameworks_with_status,
    is_framework_locked,
    save_framework_scheme,
    suggested_first_year,
)
from assessments.models import Assessment, AssessmentState, Cycle, Framework, ScoringMode
from assessments.workflow import TRANSITIONS
from wards.permissions import require_perm


def framework_list(request):
    """Every framework version with its years, scoring mode, confirmation and whether it is frozen."""
    require_perm(request, "assessments.manage_frameworks")
    return render(request, "assessments/framework_list.html", {"frameworks": frameworks_with_status()})


def _typed_total(formset) -> Decimal | None:
    """The sum of the maxima as shown in the form (typed values after a refused POST)."""
    total = Decimal(0)
    for form in formset:
        value = form["max_points"].value()
        try:
            total += Decimal(str(value))
        except (InvalidOperation, TypeError, ValueError):
            return None
    return total


def _levels_framework_page(request, framework: Framework):
    """A level-based framework: its criteria with their indicators and targets, and its levels.

    Their texts are edited in the administration for now (``IndicatorAdmin``); this
    page shows them as the wards and inspectors will read them.
    """
    if request.method == "POST":
        messages.error(request, _("The indicators of a level-based framework are edited in Administration."))
        return redirect("assessments:framework_edit", pk=framework.pk)
    criteria = framework.criteria.order_by("number").prefetch_related("indicators")
    return render(
        request,
        "assessments/framework_levels.html",
        {
            "framework": framework,
            "criteria": criteria,
            "levels": framework.bands.order_by("-min_points"),
            "locked": is_framework_locked(framework),
        },
    )


def framework_edit(request, pk: int):
    """Edit the criteria and grades of a framework in one form; a frozen framework is shown read-only."""
    framework = get_object_or_404(Framework, pk=pk)
    require_perm(request, "assessments.manage_frameworks", framework)
    if framework.scoring_mode == ScoringMode.LEVELS:
        return _levels_framework_page(request, framework)
    locked = is_framework_locked(framework)
    criteria = framework.criteria.order_by("number")
    bands = framework.bands.order_by("-min_points")
    problems = []

    if request.method == "POST":
        if locked:
            messages.error(request, framework_locked_message())
            return redirect("assessments:framework_edit", pk=framework.pk)
        criteria_formset = CriterionFormSet(request.POST, queryset=criteria, prefix="criteria")
        bands_formset = BandFormSet(request.POST, queryset=bands, prefix="bands")
        confirm_form = ConfirmSchemeForm(request.POST)
        # Validate all three so that every error shows at once.
        valid = [criteria_formset.is_valid(), bands_formset.is_valid(), confirm_form.is_valid()]
        if all(valid):
            try:
                save_framework_scheme(
                    framework,
                    [{**form.cleaned_data, "id": form.instance.pk} for form in criteria_formset],
                    [{**form.cleaned_data, "id": form.instance.pk} for form in bands_formset],
                    confirm=confirm_form.cleaned_data["confirm"],
                )
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(request, _("The scoring scheme has been saved."))
                return redirect("assessments:framework_edit", pk=framework.pk)
    else:
        criteria_formset = CriterionFormSet(queryset=criteria, prefix="criteria")
        bands_formset = BandFormSet(queryset=bands, prefix="bands")
        confirm_form = ConfirmSchemeForm(initial={"confirm": framework.scheme_confirmed})

    context = {
        "framework": framework,
        "locked": locked,
        "problems": problems,
        "criteria_formset": criteria_formset,
        "bands_formset": bands_formset,
        "confirm_form": confirm_form,
        "typed_total": _typed_total(criteria_formset),
        "copy_form": FrameworkCopyForm(initial={"first_year": suggested_first_year(framework)})
        if locked
        else None,
    }
    return render(request, "assessments/framework_form.html", context)


@require_POST
def framework_copy(request, pk: int):
    """Copy a framework into a new version starting in the year given."""
    framework = get_object_or_404(Framework, pk=pk)
    require_perm(request, "assessments.manage_frameworks", framework)
    form = FrameworkCopyForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("assessments:framework_edit", pk=framework.pk)
    try:
        copy = copy_framework(framework, form.cleaned_data["first_year"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("assessments:framework_edit", pk=framework.pk)
    messages.success(
        request,
        _("Version %(version)s has been created from %(year)s on.")
        % {"version": copy.version, "year": copy.first_year},
    )
    return redirect("assessments:framework_edit", pk=copy.pk)


def cycle_list(request):
    """Every cycle with its calendar and how many assessments are in each state."""
    require_perm(request, "assessments.view_cycles")
    cycles = list(Cycle.objects.select_related("framework", "lead_body"))
    # One aggregate query for all cycles and states.
    counts: dict[int, dict[str, int]] = {}
    rows = Assessment.objects.values("cycle_id", "state").annotate(count=Count("pk")).order_by()
    for row in rows:
        counts.setdefault(row["cycle_id"], {})[row["state"]] = row["count"]
    for cycle in cycles:
        by_state = counts.get(cycle.pk, {})
        cycle.state_counts = [
            (label, by_state[value]) for value, label in AssessmentState.choices if value in by_state
        ]
        cycle.assessment_count = sum(by_state.values())
    context = {
        "cycles": cycles,
        "may_manage": request.user.has_perm("assessments.manage_cycles"),
        # The legal clocks, read from the transition table (the same that sets each ward's due date).
        "days_to_plan": TRANSITIONS["receive_dossier"].deadline.count,
        "days_to_recognise": TRANSITIONS["close_inspection"].deadline.count,
    }
    return render(request, "assessments/cycle_list.html", context)


def _cycle_form_page(request, cycle: Cycle | None, initial: dict | None = None):
    form = CycleForm(request.POST or None, instance=cycle, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            cycle = form.save()
        messages.success(request, _("The %(year)s cycle has been saved.") % {"year": cycle.year})
        return redirect("assessments:cycle_list")
    return render(request, "assessments/cycle_form.html", {"form": form, "cycle": cycle})


def cycle_create(request):
    """A new cycle; it starts from the year asked for (``?year=``) or the next, with its framework's dates."""
    require_perm(request, "assessments.manage_cycles")
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and MIN_YEAR <= int(asked) <= MAX_YEAR else None
    return _cycle_form_page(request, None, initial=new_cycle_initial(year))


def cycle_edit(request, year: int):
    cycle = get_object_or_404(Cycle, year=year)
    require_perm(request, "assessments.manage_cycles", cycle)
    return _cycle_form_page(request, cycle)


@require_POST
def cycle_open(request, year: int):
    """Create the assessment of every ward for the cycle (again after a ward is added: only the missing ones)."""
    cycle = get_object_or_404(Cycle, year=year)
    require_perm(request, "assessments.manage_cycles", cycle)
    created = open_cycle(cycle)
    messages.success(
        request,
        ngettext("%(count)d assessment created.", "%(count)d assessments created.", created)
        % {"count": created},
    )
    return redirect("assessments:cycle_list")
