"""Where each user starts: the page the login and the portal's home ("/") send them to."""

from django.urls import reverse

from wards.models import CENTER_ROLES, WARD_ROLES, Role

DISTRICT_WORKERS = (Role.EDUCATION_STAFF, Role.PROMOTION_STAFF, Role.INSPECTOR)


def landing_url(user) -> str:
    """The page ``user`` lands on: where their work is. A user with several roles gets the first that applies.

    - Ward officers and ward chairmen: their ward's assessment of the latest
      cycle, whose page holds the year's plan, dossier, due date and the
      actions they may take; their ward's page while no cycle is open.
    - Learning centre directors and staff: their ward's centre, where its
      activities, register and calendar are kept.
    - District staff (Phòng GD&ĐT, Hội Khuyến học) and inspectors: the inbox,
      which counts their work of each kind and what is overdue, then lists it
      with its actions.
    - The district chairman and steering committee members: the district
      overview dashboard (the chairman's decisions to sign are counted on it
      and wait in the inbox).
    - System administrators: the user accounts, the first work of a new
      portal (frameworks, cycles and the calendar are under "Manage").
    - Anybody else: the list of wards.
    """
    if user.ward_id and user.has_role(*WARD_ROLES):
        # The assessments app's reverse relation: the ward's own assessments are what its users may see.
        current = user.ward.assessments.order_by("-cycle__year").first()
        return current.get_absolute_url() if current else user.ward.get_absolute_url()
    if user.ward_id and user.has_role(*CENTER_ROLES):
        return reverse("centers:of_ward", args=[user.ward.code])
    if user.has_role(*DISTRICT_WORKERS):
        return reverse("assessments:inbox")
    if user.has_role(Role.DISTRICT_APPROVER, Role.STEERING_MEMBER):
        return reverse("dashboard:overview")
    if user.has_role(Role.SYSTEM_ADMIN):
        return reverse("wards:user_list")
    return reverse("wards:list")
