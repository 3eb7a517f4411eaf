"""The district's figures per emulation cluster, summed in the database.

A province reviews thousands of wards: the overview pages its wards and asks
the database for the sums, so neither the rows read nor the Python work grows
with the size of the district beyond one page.
"""

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from wards.models import Cluster, District, Ward

FIGURES = ("population", "households", "residential_groups")


def _sums(prefix: str = "") -> dict:
    return {name: Coalesce(Sum(f"{prefix}{name}"), 0) for name in FIGURES}


def overview_wards(district: District) -> QuerySet[Ward]:
    """The district's wards in the overview's order: cluster by cluster, then Vietnamese alphabetical."""
    return (
        Ward.objects.filter(district=district)
        .select_related("cluster")
        .order_by("cluster__number", "cluster_id", "sort_key", "pk")
    )


def district_totals(district: District) -> dict[str, int]:
    """Wards, population, households and residential groups of the whole district, in one query."""
    return Ward.objects.filter(district=district).aggregate(ward_count=Count("pk"), **_sums())


def cluster_rows(district: District, wards: list[Ward], *, with_empty: bool) -> list[dict]:
    """The clusters of ``wards`` (one page), each with its wards on the page and its totals over all its wards.

    ``with_empty`` adds the clusters that have no ward at all (on the last page,
    so that they are listed once). One query, whatever the number of wards.
    """
    wanted = Q(pk__in={ward.cluster_id for ward in wards})
    if with_empty:
        wanted |= Q(wards__isnull=True)
    clusters = (
        Cluster.objects.filter(wanted, district=district)
        .annotate(ward_count=Count("wards"), **_sums("wards__"))
        .order_by("number", "pk")
    )
    return [
        {
            "cluster": cluster,
            "wards": [ward for ward in wards if ward.cluster_id == cluster.pk],
            "ward_count": cluster.ward_count,
            **{name: getattr(cluster, name) for name in FIGURES},
        }
        for cluster in clusters
    ]
