"""What the assessments app shows on a ward's page (a section registered with ``wards.sections``)."""

from django.template.loader import render_to_string

from assessments.queries import assessments_for_user


def ward_assessments(request, ward) -> str:
    """The ward's assessments that ``request.user`` may see, newest cycle first; nothing when there are none."""
    assessments = list(assessments_for_user(request.user).filter(ward=ward).select_related("cycle"))
    if not assessments:
        return ""
    return render_to_string(
        "assessments/partials/ward_assessments.html", {"assessments": assessments}, request=request
    )
