"""Who may do what with the district registry: django-rules predicates.

Role predicates read ``user.roles`` (one query per request); object predicates
take the ward. The same permission names are checked in views, templates and
domain functions.
"""

import rules

from wards.models import Role, Ward


def has_role(*roles: str):
    """A predicate true for an active, logged-in user holding any of ``roles``."""

    @rules.predicate(name=f"has_role:{'|'.join(roles)}")
    def predicate(user) -> bool:
        return bool(user.is_authenticated) and user.has_role(*roles)

    return predicate


is_ward_officer = has_role(Role.WARD_OFFICER)
is_ward_chairman = has_role(Role.WARD_CHAIRMAN)
is_education_staff = has_role(Role.EDUCATION_STAFF)
is_promotion_staff = has_role(Role.PROMOTION_STAFF)
is_district_staff = has_role(Role.EDUCATION_STAFF, Role.PROMOTION_STAFF)
is_inspector = has_role(Role.INSPECTOR)
is_district_approver = has_role(Role.DISTRICT_APPROVER)
is_steering_member = has_role(Role.STEERING_MEMBER)
is_system_admin = has_role(Role.SYSTEM_ADMIN)
is_center_director = has_role(Role.CLC_DIRECTOR)
is_center_staff = has_role(Role.CLC_DIRECTOR, Role.CLC_STAFF)
is_district_side = has_role(
    Role.EDUCATION_STAFF,
    Role.PROMOTION_STAFF,
    Role.INSPECTOR,
    Role.DISTRICT_APPROVER,
    Role.STEERING_MEMBER,
    Role.SYSTEM_ADMIN,
)


@rules.predicate
def belongs_to_ward(user, ward) -> bool:
    return bool(user.is_authenticated) and ward is not None and user.ward_id == ward.pk


@rules.predicate
def ward_is_open(user, target) -> bool:
    """``target`` — a ward, or a record with a ``ward`` (a centre, an assessment) — is of a ward not merged away.

    A merger (``wards.mergers``) closes its predecessors; from then on their
    records are read-only for everybody, and stay readable. Combine it with
    the permissions that change a ward's records, never with those that read them.
    """
    ward = target if isinstance(target, Ward) else getattr(target, "ward", None)
    return ward is not None and ward.closed_on is None


@rules.predicate
def can_open_admin_site(user) -> bool:
    return bool(user.is_authenticated) and user.is_active and (user.is_staff or user.is_superuser)


# Those whose sign-in must be confirmed with a second factor: they approve, decide or administer.
needs_two_factor = is_ward_chairman | is_district_approver | is_system_admin | can_open_admin_site

is_officer_of_ward = is_ward_officer & belongs_to_ward
is_chairman_of_ward = is_ward_chairman & belongs_to_ward

rules.add_perm("wards.view_ward", rules.is_authenticated)
rules.add_perm("wards.change_ward", ward_is_open & (is_system_admin | is_district_staff | is_officer_of_ward))
rules.add_perm("wards.change_ward_identity", is_system_admin | is_district_staff)
rules.add_perm("wards.view_district_overview", is_district_side)
rules.add_perm("wards.manage_users", is_system_admin)
rules.add_perm("wards.manage_calendar", is_system_admin)
rules.add_perm("wards.manage_mergers", is_system_admin)
rules.add_perm("wards.use_two_factor", needs_two_factor)
rules.add_perm("wards.manage_lockouts", is_system_admin)
rules.add_perm("wards.view_sign_in_log", is_system_admin)
# The audit trail holds the personal data of every traced record: the system administrators only.
rules.add_perm("wards.view_audit", is_system_admin)
