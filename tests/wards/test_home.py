"""The landing page of each role and the navigation each role sees."""

import pytest

from tests.factories import UserFactory
from wards.models import Role

LANDING_PAGES = [
    ("ward_officer", "/wards/P01/"),
    ("ward_chairman", "/wards/P01/"),
    ("other_ward_officer", "/wards/P02/"),
    ("education_staff", "/district/"),
    ("promotion_staff", "/district/"),
    ("inspector", "/district/"),
    ("district_chairman", "/district/"),
    ("steering_member", "/district/"),
    ("system_admin", "/district/"),
]


@pytest.mark.parametrize(("persona", "landing_url"), LANDING_PAGES)
def test_home_sends_each_role_to_its_page(request, login, persona, landing_url):
    user = request.getfixturevalue(persona)

    response = login(user).get("/")

    assert response.status_code == 302
    assert response["Location"] == landing_url


def test_home_sends_a_user_without_role_to_the_ward_list(login, db):
    response = login(UserFactory()).get("/")

    assert response.status_code == 302
    assert response["Location"] == "/wards/"


def test_home_sends_an_anonymous_visitor_to_log_in(login, db):
    response = login(None).get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_home_ignores_a_ward_on_a_district_account(login, ward):
    # A ward filled in by mistake on a district account does not make it a ward user.
    user = UserFactory(ward=ward, roles=[Role.EDUCATION_STAFF])

    assert login(user).get("/")["Location"] == "/district/"


NAVIGATION = [
    ("ward_officer", ["/wards/P01/", "/wards/"]),
    ("ward_chairman", ["/wards/P01/", "/wards/"]),
    ("education_staff", ["/district/", "/wards/"]),
    ("promotion_staff", ["/district/", "/wards/"]),
    ("inspector", ["/district/", "/wards/"]),
    ("district_chairman", ["/district/", "/wards/"]),
    ("steering_member", ["/district/", "/wards/"]),
    ("system_admin", ["/district/", "/wards/", "/calendar/", "/users/"]),
]


# The entries of this app; other apps add their own (assessment cycles, …) in between.
WARDS_NAV_URLS = {"/wards/P01/", "/wards/P02/", "/district/", "/wards/", "/calendar/", "/users/", "/admin/"}


def _nav_items(response) -> list:
    return [item for item in response.context["nav_items"] if item.url in WARDS_NAV_URLS]


def _nav_urls(response) -> list[str]:
    return [item.url for item in _nav_items(response)]


@pytest.mark.parametrize(("persona", "urls"), NAVIGATION)
def test_navigation_shows_each_role_its_entries(request, login, persona, urls):
    user = request.getfixturevalue(persona)

    response = login(user).get("/wards/")

    assert response.status_code == 200
    assert _nav_urls(response) == urls
    for url in urls:
        assert f'href="{url}"' in response.content.decode()


def test_navigation_links_to_the_admin_site_for_staff_administrators(login, db):
    admin = UserFactory(is_staff=True, is_superuser=True, roles=[Role.SYSTEM_ADMIN])

    response = login(admin).get("/wards/")

    assert _nav_urls(response) == ["/district/", "/wards/", "/calendar/", "/users/", "/admin/"]


def test_navigation_marks_only_the_current_entry_active(login, ward_officer):
    on_ward_page = login(ward_officer).get("/wards/P01/")
    on_list_page = login(ward_officer).get("/wards/")

    assert [(item.url, item.active) for item in _nav_items(on_ward_page)] == [
        ("/wards/P01/", True),
        ("/wards/", False),
    ]
    assert [(item.url, item.active) for item in _nav_items(on_list_page)] == [
        ("/wards/P01/", False),
        ("/wards/", True),
    ]
    assert on_ward_page.content.decode().count('aria-current="page"') == 1


def test_navigation_marks_the_ward_list_active_on_another_ward(login, ward_officer, other_ward):
    response = login(ward_officer).get("/wards/P02/")

    assert [(item.url, item.active) for item in _nav_items(response)] == [
        ("/wards/P01/", False),
        ("/wards/", True),
    ]


def test_navigation_is_empty_for_anonymous_visitors(login, db):
    response = login(None).get("/accounts/login/")

    assert response.context["nav_items"] == []


@pytest.mark.parametrize(
    ("persona", "labels"),
    [
        ("ward_officer", ["Phường của tôi", "Các phường"]),
        ("education_staff", ["Tổng quan quận", "Các phường"]),
    ],
)
def test_navigation_labels_are_vietnamese(request, login, persona, labels):
    response = login(request.getfixturevalue(persona)).get("/wards/")

    assert [item.label for item in _nav_items(response)] == labels
