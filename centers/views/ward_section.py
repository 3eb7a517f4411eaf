"""What the centres app shows on a ward's page (a section registered with ``wards.sections``)."""

from django.template.loader import render_to_string

from centers.activity_queries import current_year
from centers.figures import center_figures
from centers.models import Center


def ward_center(request, ward) -> str:
    """The ward's open centre with this year's key figures (aggregates: every signed-in user may see them)."""
    center = Center.objects.open().filter(ward=ward).first()
    if center is None:
        if not request.user.has_perm("centers.create_center"):
            return ""
        return render_to_string(
            "centers/partials/ward_section.html", {"center": None, "ward": ward}, request=request
        )
    year = current_year()
    return render_to_string(
        "centers/partials/ward_section.html",
        {"center": center, "year": year, "figures": center_figures(center, year).total},
        request=request,
    )
