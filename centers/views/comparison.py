"""The district's comparison of its learning centres (``/centers/``), and its XLSX export.

District-side users (``centers.view_comparison``) see one row per open centre;
a ward's or a centre's user is sent to their own centre; anyone else is refused.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from centers.activity_queries import chosen_year, current_year
from centers.comparison import compare_centers
from centers.exports import comparison_xlsx
from centers.figures import Figures
from centers.forms.center import wards_without_center
from centers.literacy import current_standards
from centers.views.common import xlsx_response
from wards.models import CENTER_ROLES, WARD_ROLES, Cluster
from wards.permissions import require_perm


def _cluster(request):
    value = request.GET.get("cluster", "")
    return Cluster.objects.filter(pk=value).first() if value.isdigit() else None


def _total(rows) -> Figures:
    total = Figures()
    for row in rows:
        for name in ("activities", "sessions", "attendances", "learners", "women", "ethnic_minority"):
            setattr(total, name, getattr(total, name) + getattr(row.figures, name))
    return total


def comparison(request):
    user = request.user
    if not user.has_perm("centers.view_comparison"):
        if user.ward_id and user.has_role(*WARD_ROLES, *CENTER_ROLES):
            return redirect("centers:of_ward", user.ward.code)
        raise PermissionDenied("centers.view_comparison")
    year, cluster = chosen_year(request), _cluster(request)
    rows = compare_centers(year, cluster=cluster)
    query = request.GET.urlencode()
    return render(
        request,
        "centers/comparison.html",
        {
            "year": year,
            "years": list(range(current_year() + 1, 2009, -1)),
            "clusters": Cluster.objects.all(),
            "cluster": cluster,
            "rows": rows,
            "standards": current_standards(year),
            "total": _total(rows),
            "export_url": reverse("centers:comparison_export") + (f"?{query}" if query else ""),
            "wards_without_center": list(
                wards_without_center().filter(cluster=cluster) if cluster else wards_without_center()
            ),
            "can_create": user.has_perm("centers.create_center"),
        },
    )


def comparison_export(request):
    require_perm(request, "centers.view_comparison")
    year, cluster = chosen_year(request), _cluster(request)
    rows = compare_centers(year, cluster=cluster)
    suffix = f"-cum-{cluster.number}" if cluster else ""
    return xlsx_response(
        comparison_xlsx(rows, _total(rows), current_standards(year)), f"so-sanh-tthtcd-{year}{suffix}.xlsx"
    )
