"""What the assessments app shows on a ward's page (a section registered with ``wards.sections``)."""

from django.template.loader import render_to_string
from django.utils import timezone

from assessments.queries import assessments_for_user
from assessments.recognition import recognition_in_force


def ward_assessments(request, ward) -> str:
    """The ward's assessments that ``request.user`` may see, newest cycle first, and its recognition this
    year (public anyway: the same line as on the public results); nothing when there are no assessments."""
    assessments = list(assessments_for_user(request.user).filter(ward=ward).select_related("cycle"))
    if not assessments:
        return ""
    context = {
        "assessments": assessments,
        "recognition": recognition_in_force(ward, timezone.localdate().year),
    }
    return render_to_string("assessments/partials/ward_assessments.html", context, request=request)
