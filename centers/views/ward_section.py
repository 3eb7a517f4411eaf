"""What the centres app shows on a ward's page (a section registered with ``wards.sections``)."""

from django.template.loader import render_to_string

from centers.activity_queries import current_year
from centers.figures import open_center_with_key_figures


def ward_center(request, ward) -> str:
    """The ward's open centre with this year's key figures, in one query (aggregates: for every signed-in user).

    A ward without a centre shows the link to create it to those who may, and nothing to the others.
    """
    year = current_year()
    center = open_center_with_key_figures(ward, year)
    if center is None and not request.user.has_perm("centers.create_center"):
        return ""
    context = {"center": center, "ward": ward, "year": year, "figures": center and center.key_figures}
    return render_to_string("centers/partials/ward_section.html", context, request=request)
