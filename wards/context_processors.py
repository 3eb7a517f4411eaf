from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def navigation(request):
    """The menu entries the signed-in user may use, built from the same permissions as the views."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "portal_name": settings.PORTAL_NAME}
    entries = []
    if user.ward_id and user.has_perm("wards.view_ward", user.ward):
        entries.append((_("My ward"), reverse("wards:detail", args=[user.ward.code])))
    if user.has_perm("wards.view_district_overview"):
        entries.append((_("District overview"), reverse("wards:district_overview")))
    entries.append((_("Wards"), reverse("wards:list")))
    if user.has_perm("wards.manage_users"):
        entries.append((_("Users"), reverse("wards:user_list")))
    path = request.path
    items = [
        NavItem(str(label), url, path == url or (url != "/" and path.startswith(url)))
        for label, url in entries
    ]
    return {"nav_items": items, "portal_name": settings.PORTAL_NAME}
