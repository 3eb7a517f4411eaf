from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wards.models import CENTER_ROLES, WARD_ROLES, Role

NAV_CACHE_SECONDS = 60 * 60
# Bumped when a ward is saved: its code is in the ward users' menu links.
NAV_GENERATION_KEY = "nav:generation"


def ward_saved(sender, **kwargs) -> None:
    """A ward's code may have changed: every cached menu is out of date."""
    try:
        cache.incr(NAV_GENERATION_KEY)
    except ValueError:
        cache.set(NAV_GENERATION_KEY, 1, timeout=None)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool
    menu: str = ""  # the drop-down menu it is shown in (``MENUS``), or "" for the bar itself

    @property
    def manage(self) -> bool:
        return self.menu == "manage"


@dataclass(frozen=True)
class NavMenu:
    """A drop-down of the bar; ``items`` is empty for a plain link (``link``)."""

    label: str
    items: list[NavItem]
    link: NavItem | None = None

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


# The drop-downs that keep the bar on one line at 1366 px, by key: their labels.
MENUS = {
    "assessments": pgettext_lazy("menu group", "Assessments"),
    "centres": pgettext_lazy("menu group", "Wards and centres"),
    "plans": pgettext_lazy("menu", "Plans"),
    "public": _("Public"),
    "manage": _("Manage"),
}


def _bar(items: list[NavItem]) -> list[NavMenu]:
    """The bar: plain links, and each drop-down where its first item is; one alone is shown as a link,
    except under "Manage", whose entries are never in the bar itself (they are seldom used)."""
    bar: list[NavMenu] = []
    menus: dict[str, NavMenu] = {}
    for item in items:
        if not item.menu:
            bar.append(NavMenu(item.label, [], item))
        elif item.menu in menus:
            menus[item.menu].items.append(item)
        else:
            menus[item.menu] = NavMenu(str(MENUS[item.menu]), [item])
            bar.append(menus[item.menu])
    manage_label = str(MENUS["manage"])
    return [
        NavMenu(entry.label, [], entry.items[0])
        if entry.link is None and len(entry.items) == 1 and entry.label != manage_label
        else entry
        for entry in bar
    ]


def _active_url(path: str, urls: list[str]) -> str | None:
    """The entry the current page belongs to: the longest URL that is the path or a prefix of it.

    So on a ward's page "My ward" (/wards/P01/) is active, not also "Wards" (/wards/).
    """
    matches = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    return max(matches, key=len, default=None)


def navigation(request):
    """The menu entries the signed-in user may use, built from the same permissions as the views.

    The entries depend only on what the permissions read — the user's roles,
    ward, staff flag and the page's language — and on the wards' codes, so
    they are computed once per such combination and kept in the cache (a
    change of role is a new key, a ward saved a new generation); only which
    entry is active is worked out on each request.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "portal_name": settings.PORTAL_NAME}
    key = ":".join(
        [
            "nav",
            str(cache.get(NAV_GENERATION_KEY, 0)),
            get_language() or "",
            str(user.ward_id or ""),
            str(user.is_staff and user.is_active),
            ",".join(sorted(user.roles)),
        ]
    )
    entries = cache.get(key)
    if entries is None:
        entries = _entries(user)
        cache.set(key, entries, timeout=NAV_CACHE_SECONDS)
    active = _active_url(request.path, [url for _label, url, _menu in entries])
    items = [NavItem(label, url, url == active, menu) for label, url, menu in entries]
    return {
        "nav_items": items,
        "nav_bar": _bar(items),
        "nav_manage": [item for item in items if item.manage],
        "portal_name": settings.PORTAL_NAME,
    }


def _entries(user) -> list[tuple[str, str, str]]:
    """(label, URL, drop-down) of every entry ``user`` may use, in the menu's order."""
    entries = []
    if user.ward_id and user.has_perm("wards.view_ward", user.ward):
        entries.append((_("My ward"), reverse("wards:detail", args=[user.ward.code])))
    if user.ward_id and user.has_role(*WARD_ROLES, *CENTER_ROLES):
        entries.append((_("Learning centre"), reverse("centers:of_ward", args=[user.ward.code])))
    if user.has_perm("plans.view_dashboards"):
        entries.append((_("District overview"), reverse("dashboard:overview")))
    entries.append((_("Inbox"), reverse("assessments:inbox")))
    if user.has_perm("assessments.view_cycles") or (user.ward_id and user.has_role(*WARD_ROLES)):
        entries.append((pgettext_lazy("menu", "Assessments"), reverse("assessments:list")))
    if (
        user.ward_id
        and not user.has_perm("plans.view_dashboards")
        and user.has_perm("plans.view_ward_dashboard", user.ward)
    ):
        entries.append((_("Our scores over the years"), reverse("dashboard:ward", args=[user.ward.code])))
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
    if user.has_perm("wards.manage_mergers"):
        entries.append((_("Ward mergers"), reverse("wards:merger_list")))
    if user.has_perm("wards.manage_lockouts"):
        entries.append((_("Login lockouts"), reverse("wards:lockout_list")))
    if user.has_perm("wards.view_sign_in_log"):
        entries.append((_("Sign-in log"), reverse("wards:sign_in_log")))
    if user.has_perm("wards.view_audit"):
        entries.append((_("Audit trail"), reverse("wards:audit")))
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
    menus = {
        reverse(name): menu
        for menu, names in (
            (
                "manage",
                (
                    "assessments:framework_list",
                    "wards:calendar",
                    "wards:user_list",
                    "wards:merger_list",
                    "wards:lockout_list",
                    "wards:sign_in_log",
                    "wards:audit",
                    "centers:settings",
                    "admin:index",
                ),
            ),
            (
                "assessments",
                (
                    "assessments:list",
                    "assessments:decision_list",
                    "assessments:inspection_plan_list",
                    "assessments:cycle_list",
                ),
            ),
            ("centres", ("wards:list", "centers:list", "centers:rating_list_current")),
            ("plans", ("plans:index", "plans:ward_reports_current", "plans:briefing_list_current")),
            ("public", ("assessments:public_index", "news:list")),
        )
        for name in names
    }
    if user.ward_id and user.has_role(*WARD_ROLES, *CENTER_ROLES):
        menus[reverse("centers:of_ward", args=[user.ward.code])] = "centres"
    if user.ward_id and user.has_role(Role.WARD_OFFICER, Role.WARD_CHAIRMAN):
        menus[reverse("plans:ward_reports_of_ward", args=[user.ward.code])] = "plans"
        menus[reverse("dashboard:ward", args=[user.ward.code])] = "assessments"
    return [(str(label), url, menus.get(url, "")) for label, url in entries]
