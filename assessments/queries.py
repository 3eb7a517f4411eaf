"""Which assessments a user may see: the one visibility query every assessment page starts from."""

from django.db.models import QuerySet

from assessments.models import Assessment
from wards.models import WARD_ROLES


def assessments_for_user(user) -> QuerySet[Assessment]:
    """The assessments ``user`` may see, with their ward, cycle and framework joined in.

    - District side (permission ``wards.view_district_overview``: education and
      promotion staff, inspectors, the district chairman, steering committee
      members, system administrators): every ward's assessments.
    - Ward officers and ward chairmen: their own ward's assessments, every year.
    - Anybody else (no role, inactive, anonymous): none.

    It is the query form of the ``assessments.view_assessment`` rule; lists,
    detail pages, actions and the inbox all start from it, and an assessment
    outside it is answered with 404.
    """
    assessments = Assessment.objects.select_related("ward", "cycle__framework")
    if not user.is_authenticated or not user.is_active:
        return assessments.none()
    if user.has_perm("wards.view_district_overview"):
        return assessments
    if user.ward_id and user.has_role(*WARD_ROLES):
        return assessments.filter(ward_id=user.ward_id)
    return assessments.none()
