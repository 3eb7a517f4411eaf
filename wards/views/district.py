"""The landing page and the district overview."""

from django.db.models import Prefetch
from django.shortcuts import redirect, render

from wards.landing import landing_url
from wards.models import Cluster, District, Ward
from wards.permissions import require_perm


def home(request):
    """Send each user to the page where their work is (``landing_url``); the login sends them here."""
    return redirect(landing_url(request.user))


def _totals(wards) -> dict[str, int]:
    return {
        "ward_count": len(wards),
        "population": sum(ward.population for ward in wards),
        "households": sum(ward.households for ward in wards),
        "residential_groups": sum(ward.residential_groups for ward in wards),
    }


def overview(request):
    """The district at a glance: each emulation cluster with its wards and totals."""
    require_perm(request, "wards.view_district_overview")
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
