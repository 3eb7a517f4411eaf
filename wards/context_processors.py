from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wards.models import CENTER_ROLES, WARD_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool
    manage: bool = False  # shown under the "Manage" menu rather than in the bar


def _active_url(path: str, urls: list[str]) -> str | None:
    """The entry the current page belongs to: the longest URL that is the path or a prefix of it.

    So on a ward's page "My ward" (/wards/P01/) is active, not also "Wards" (/wards/).
    """
    matches = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    return max(matches, key=len, default=None)


def navigation(request):
    """The menu entries the signed-in user may use, built from the same permissions as the views."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "portal_name": settings.PORTAL_NAME}
    entries = []
    if user.ward_id and user.has_perm("wards.view_ward", user.ward):
        entries.append((_("My ward"), reverse("wards:detail", args=[user.ward.code])))
    if user.ward_id and user.has_role(*WARD_ROLES, *CENTER_ROLES):
        entries.append((_("Learning centre"), reverse("centers:of_ward", args=[user.ward.code])))
    if user.has_perm("plans.view_dashboards"):
        entries.append((_("Dashboard"), reverse("dashboard:overview")))
    entries.append((_("Inbox"), reverse("assessments:inbox")))
    if user.has_perm("assessments.view_cycles") or (user.ward_id and user.has_role(*WARD_ROLES)):
        entries.append((pgettext_lazy("menu", "Assessments"), reverse("assessments:list")))
    if user.has_perm("wards.view_district_overview"):
        entries.append((_("Decisions"), reverse("assessments:decision_list")))
    if (
        user.has_perm("assessments.draft_inspection_plan")
        or user.has_perm("assessments.approve_inspection_plan")
        or user.has_role(Role.INSPECTOR)
    ):
        entries.append((_("Inspections"), reverse("assessments:inspection_plan_list")))
    entries.append((_("Wards"), reverse("wards:list")))
    entries.append((pgettext_lazy("menu", "Published results"), reverse("assessments:public_index")))
    entries.append((_("News"), reverse("news:list")))
    # The district's comparison of its learning centres, and its yearly plan.
    if user.has_perm("centers.view_comparison"):
        entries.append((pgettext_lazy("menu", "Learning centres"), reverse("centers:list")))
    if user.has_perm("plans.view_plan") and (
        user.has_perm("wards.view_district_overview") or (user.ward_id and user.has_role(*WARD_ROLES))
    ):
        entries.append((pgettext_lazy("menu", "Plans"), reverse("plans:index")))
    if user.has_perm("assessments.view_cycles"):
        entries.append((_("Assessment cycles"), reverse("assessments:cycle_list")))
    if user.has_perm("assessments.manage_frameworks"):
        entries.append((_("Frameworks"), reverse("assessments:framework_list")))
    if user.has_perm("wards.manage_calendar"):
        entries.append((_("Calendar"), reverse("wards:calendar")))
    if user.has_perm("wards.manage_users"):
        entries.append((_("Users"), reverse("wards:user_list")))
    # The learning centres: the district's year-end rating, and their reference data (Manage menu).
    if user.has_perm("centers.score_rating") or user.has_perm("centers.approve_rating"):
        entries.append((_("Centre ratings"), reverse("centers:rating_list_current")))
    if user.has_perm("centers.manage_catalogue"):
        entries.append((_("Learning centre settings"), reverse("centers:settings")))
    # The wards' reports and plans, the clusters' briefings.
    if user.ward_id and user.has_role(Role.WARD_OFFICER, Role.WARD_CHAIRMAN):
        entries.append((_("Reports and plans"), reverse("plans:ward_reports_of_ward", args=[user.ward.code])))
    if user.has_perm("plans.view_ward_reports"):
        entries.append((_("Wards' reports"), reverse("plans:ward_reports_current")))
    if user.has_perm("plans.view_briefings"):
        entries.append((_("Cluster briefings"), reverse("plans:briefing_list_current")))
    # The admin site lets in active staff users only (superusers, system administrators made staff).
    if user.is_active and user.is_staff:
        entries.append((_("Administration"), reverse("admin:index")))
    manage_urls = {
        reverse(name)
        for name in (
            "assessments:cycle_list",
            "assessments:framework_list",
            "wards:calendar",
            "wards:user_list",
            "centers:settings",
            "admin:index",
        )
    }
    active = _active_url(request.path, [url for _label, url in entries])
    items = [NavItem(str(label), url, url == active, url in manage_urls) for label, url in entries]
    return {
        "nav_items": items,
        "nav_manage": [item for item in items if item.manage],
        "portal_name": settings.PORTAL_NAME,
    }
