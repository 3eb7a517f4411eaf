"""The system administrator's record of ward mergers: the list, and a new merger confirmed before it is made."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wards.forms_mergers import MergerForm
from wards.mergers import FIGURES, merge_wards
from wards.models import WardMerger
from wards.permissions import require_perm


def merger_list(request):
    require_perm(request, "wards.manage_mergers")
    mergers = WardMerger.objects.select_related("new_ward", "recorded_by").prefetch_related("predecessors")
    return render(request, "wards/merger_list.html", {"mergers": mergers})


def merger_create(request):
    """The form (GET, or POST with errors or "back"), the confirmation page (a valid POST), the merger ("confirm").

    Nothing is written before the administrator confirms on the page that
    shows what will happen; the confirmation page carries the typed values in
    hidden fields, so "back" returns to the form as it was.
    """
    require_perm(request, "wards.manage_mergers")
    form = MergerForm(request.POST if request.method == "POST" else None)
    if form.is_valid() and "back" not in request.POST:
        data = form.cleaned_data
        if "confirm" not in request.POST:
            return render(
                request, "wards/merger_confirm.html", {"form": form, **_preview(data["predecessors"])}
            )
        try:
            merger = merge_wards(
                list(data["predecessors"]),
                new_ward_code=data["new_ward_code"],
                new_ward_name=data["new_ward_name"],
                effective_on=data["effective_on"],
                legal_basis=data["legal_basis"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The merger has been recorded: %(ward)s carries on from %(date)s.")
                % {"ward": merger.new_ward.name, "date": merger.effective_on.strftime("%d/%m/%Y")},
            )
            return redirect(merger.new_ward)
    return render(request, "wards/merger_form.html", {"form": form})


def _preview(predecessors) -> dict:
    """What the confirmation page shows: the merged wards with their users, and the new ward's figures."""
    wards = list(predecessors.annotate(user_count=Count("users")))
    return {
        "wards": wards,
        "totals": {figure: sum(getattr(ward, figure) for ward in wards) for figure in FIGURES},
        "user_count": sum(ward.user_count for ward in wards),
    }
