"""The rating rubrics' pages: the list, editing a rubric's areas and bands, a new rubric from a year.

``centers.manage_catalogue`` for all of them. A frozen rubric (a submitted or
approved rating was scored with it) is shown read-only with the form that
copies it into a new rubric from a later year.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centers.forms.rating import RubricCopyForm
from centers.forms.settings import AreaFormSet, BandFormSet, RubricForm, area_initial, band_initial
from centers.models import RatingRubric
from centers.rubrics import (
    copy_rubric,
    is_rubric_frozen,
    rubric_frozen_message,
    rubrics_with_status,
    save_rubric,
    suggested_copy_year,
)
from wards.permissions import require_perm

PERM = "centers.manage_catalogue"


def rubric_list(request):
    require_perm(request, PERM)
    rubrics = rubrics_with_status().prefetch_related("areas", "bands")
    return render(request, "centers/settings/rubric_list.html", {"rubrics": rubrics})


def rubric_edit(request, pk: int):
    """The rubric's name, year, areas and bands in one form; read-only (with the copy form) once frozen."""
    require_perm(request, PERM)
    rubric = get_object_or_404(RatingRubric, pk=pk)
    frozen = is_rubric_frozen(rubric)
    problems = []
    if request.method == "POST" and frozen:
        messages.error(request, rubric_frozen_message())
        return redirect("centers:rubric_edit", pk=rubric.pk)
    if request.method == "POST":
        form = RubricForm(request.POST, instance=rubric)
        areas = AreaFormSet(request.POST, prefix="areas")
        bands = BandFormSet(request.POST, prefix="bands")
        if all([form.is_valid(), areas.is_valid(), bands.is_valid()]):
            try:
                save_rubric(rubric, form.cleaned_data, areas.rows(), bands.rows())
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(request, _("The rubric has been saved."))
                return redirect("centers:rubric_edit", pk=rubric.pk)
        rubric.refresh_from_db()  # the heading shows the saved rubric, the form what was typed
    else:
        form = RubricForm(instance=rubric)
        areas = AreaFormSet(initial=area_initial(rubric), prefix="areas")
        bands = BandFormSet(initial=band_initial(rubric), prefix="bands")
    context = {
        "rubric": rubric,
        "frozen": frozen,
        "problems": problems,
        "form": form,
        "areas": areas,
        "bands": bands,
        "saved_areas": rubric.areas.all(),
        "saved_bands": rubric.bands.all(),
        "copy_form": RubricCopyForm(initial={"valid_from": suggested_copy_year(rubric)}),
    }
    return render(request, "centers/settings/rubric_form.html", context)


@require_POST
def rubric_copy(request, pk: int):
    """A new rubric from the year given, copying this one's areas and bands."""
    require_perm(request, PERM)
    rubric = get_object_or_404(RatingRubric, pk=pk)
    form = RubricCopyForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("centers:rubric_edit", pk=rubric.pk)
    try:
        copy = copy_rubric(rubric, form.cleaned_data["valid_from"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("centers:rubric_edit", pk=rubric.pk)
    messages.success(
        request, _("A new rubric from %(year)s has been made; edit it below.") % {"year": copy.valid_from}
    )
    return redirect("centers:rubric_edit", pk=copy.pk)
