"""The landing page and the district overview."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from wards.models import WARD_ROLES, Cluster, District, Ward


def home(request):
    """Send each user to the page they start from: their ward, the district overview, or the ward list."""
    user = request.user
    if user.ward_id and user.has_role(*WARD_ROLES):
        return redirect(user.ward)
    if user.has_perm("wards.view_district_overview"):
        return redirect("wards:district_overview")
    return redirect("wards:list")


def _totals(wards) -> dict[str, int]:
    return {
        "ward_count": len(wards),
        "population": sum(ward.population for ward in wards),
        "households": sum(ward.households for ward in wards),
        "residential_groups": sum(ward.residential_groups for ward in wards),
    }


def overview(request):
    """The district at a glance: each emulation cluster with its wards and totals."""
    if not request.user.has_perm("wards.view_district_overview"):
        raise PermissionDenied
    district = District.current()
    clusters = []
    if district is not None:
        clusters = list(
            Cluster.objects.filter(district=district).prefetch_related(
                Prefetch("wards", queryset=Ward.objects.order_by("sort_key"))
            )
        )
    rows = [
        {"cluster": cluster, "wards": cluster.wards.all(), **_totals(cluster.wards.all())}
        for cluster in clusters
    ]
    every_ward = [ward for cluster in clusters for ward in cluster.wards.all()]
    return render(
        request,
        "wards/district_overview.html",
        {"district": district, "rows": rows, "totals": _totals(every_ward)},
    )
