"""Ward pages: the list, one ward, and editing a ward with its steering committee."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wards.filters import WardFilter
from wards.forms import SteeringMemberFormSet, SteeringMemberFormSetHelper, WardForm
from wards.mergers import mergers_of
from wards.models import Ward, WardMerger
from wards.permissions import require_perm
from wards.registry import update_ward
from wards.sections import ward_sections
from wards.views.district import PER_PAGE


def ward_list(request):
    """Every ward, in Vietnamese alphabetical order, filtered by cluster and a diacritic-free search.

    The wards merged into another are shown, marked, only when asked for. A page
    holds ``PER_PAGE`` wards (a district's all; a province's, page by page).
    """
    wards = Ward.objects.select_related("cluster").prefetch_related(
        Prefetch("merged_into", queryset=WardMerger.objects.select_related("new_ward"))
    )
    ward_filter = WardFilter(request.GET, queryset=wards)
    page = Paginator(ward_filter.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "wards/ward_list.html", {"filter": ward_filter, "page": page, "wards": page.object_list}
    )


def ward_detail(request, code):
    ward = get_object_or_404(Ward.objects.select_related("cluster", "district"), code=code)
    if not request.user.has_perm("wards.view_ward", ward):
        raise Http404
    closed_by, formed_by = mergers_of(ward)
    return render(
        request,
        "wards/ward_detail.html",
        {
            "ward": ward,
            "closed_by": closed_by,
            "formed_by": formed_by,
            "members": ward.steering_members.all(),
            "can_edit": request.user.has_perm("wards.change_ward", ward),
            "sections": ward_sections(request, ward),
        },
    )


def ward_edit(request, code):
    ward = get_object_or_404(Ward.objects.select_related("cluster", "district"), code=code)
    require_perm(request, "wards.change_ward", ward)
    # The form writes the typed values into ``ward`` while validating; keep the saved ones.
    ward_name, ward_url = ward.name, ward.get_absolute_url()
    may_change_identity = request.user.has_perm("wards.change_ward_identity", ward)
    data = request.POST if request.method == "POST" else None
    form = WardForm(data, instance=ward, may_change_identity=may_change_identity)
    formset = SteeringMemberFormSet(data, instance=ward, prefix="members")
    # ``&``, not ``and``: validate both, so every error shows at once.
    if data is not None and form.is_valid() & formset.is_valid():
        ward = update_ward(request.user, form, formset)
        messages.success(request, _("The ward %(name)s has been saved.") % {"name": ward.name})
        return redirect(ward)
    return render(
        request,
        "wards/ward_edit.html",
        {
            "ward_name": ward_name,
            "ward_url": ward_url,
            "form": form,
            "formset": formset,
            "formset_helper": SteeringMemberFormSetHelper(),
        },
    )
