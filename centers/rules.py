"""Who may do what with the learning centres: django-rules predicates on a centre (or a ward).

The privacy rule of the issue lives here, once: ``centers.view_personal_data``
— the names of learners and of people in the literacy register — is for the
ward's own officers and chairman, the centre's director and staff, and the
district's education office; everyone else (the steering committee
included) sees aggregates only.
"""

import rules

from centers.models import RatingState
from wards.rules import (
    belongs_to_ward,
    is_center_director,
    is_center_staff,
    is_district_approver,
    is_district_side,
    is_district_staff,
    is_education_staff,
    is_system_admin,
    is_ward_chairman,
    is_ward_officer,
    ward_is_open,
)


@rules.predicate
def works_in_ward(user, target) -> bool:
    """``target`` is a centre or a ward; the user belongs to its ward."""
    ward = getattr(target, "ward", target)
    return belongs_to_ward.test(user, ward)


@rules.predicate
def is_open_center(user, center) -> bool:
    return center is not None and getattr(center, "closed_on", None) is None


ward_officer_here = is_ward_officer & works_in_ward
ward_people_here = (is_ward_officer | is_ward_chairman) & works_in_ward
center_staff_here = is_center_staff & works_in_ward
center_director_here = is_center_director & works_in_ward
keeps_records_here = ward_officer_here | center_staff_here

rules.add_perm("centers.view_center", rules.is_authenticated)
rules.add_perm("centers.view_comparison", is_district_side)
rules.add_perm("centers.view_personal_data", ward_people_here | center_staff_here | is_education_staff)
# A ward merged away keeps its centre's records read-only (wards.mergers): ``ward_is_open`` takes a centre or a ward.
rules.add_perm(
    "centers.change_center",
    ward_is_open & (is_system_admin | is_district_staff | center_director_here | ward_officer_here),
)
rules.add_perm("centers.create_center", is_system_admin | is_district_staff)
rules.add_perm("centers.manage_activities", keeps_records_here & is_open_center)
rules.add_perm("centers.publish_calendar", center_director_here & is_open_center)
rules.add_perm("centers.manage_register", keeps_records_here & ward_is_open)
rules.add_perm("centers.manage_learning_models", (keeps_records_here | is_district_staff) & ward_is_open)
rules.add_perm("centers.manage_catalogue", is_system_admin | is_education_staff)
rules.add_perm("centers.score_rating", is_district_staff)
rules.add_perm("centers.approve_rating", is_district_approver | is_education_staff)
rules.add_perm("centers.undo_transition", is_system_admin)


# --- The year-end rating ------------------------------------------------------------------------------
# The district side sees every rating in every state; the ward's own officers, chairman and centre
# staff see their centre's rating, with its scores, once it is approved (never a draft).


@rules.predicate
def is_approved_rating(user, rating) -> bool:
    return rating is not None and rating.state == RatingState.APPROVED


@rules.predicate
def works_at_rated_center(user, rating) -> bool:
    return rating is not None and (ward_people_here | center_staff_here).test(user, rating.center)


rules.add_perm("centers.view_rating", is_district_side | (is_approved_rating & works_at_rated_center))
