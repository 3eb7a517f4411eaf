"""A ward's yearly counts of learning families, clans, communities and units."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from centers.forms.learning import LearningModelsForm
from centers.learning import record_learning_models
from centers.models import LearningModelRecord
from centers.queries import center_or_404
from wards.permissions import require_perm

FIRST_YEAR, LAST_YEAR = 2000, 2100


def learning_models_edit(request, pk: int, year: int):
    center = center_or_404(pk)
    require_perm(request, "centers.manage_learning_models", center)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("year")
    records = LearningModelRecord.objects.filter(ward=center.ward, year=year)
    data = request.POST if request.method == "POST" else None
    form = LearningModelsForm(data, records=records)
    if data is not None and form.is_valid():
        try:
            record_learning_models(center.ward, year, request.user, form.counts())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The learning models of %(year)s have been saved.") % {"year": year})
            return redirect(center)
    return render(
        request,
        "centers/learning_models_form.html",
        {"center": center, "year": year, "form": form},
    )
