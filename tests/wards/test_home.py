"""The landing page of each role and the navigation each role sees."""

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD, AssessmentFactory, CycleFactory, UserFactory
from wards.landing import landing_url
from wards.models import Role

# Before any assessment cycle is open: the ward users' landing while their ward has no assessment.
LANDING_PAGES = [
    ("ward_officer", "/wards/P01/"),
    ("ward_chairman", "/wards/P01/"),
    ("other_ward_officer", "/wards/P02/"),
    ("education_staff", "/inbox/"),
    ("promotion_staff", "/inbox/"),
    ("inspector", "/inbox/"),
    ("district_chairman", "/dashboard/"),
    ("steering_member", "/dashboard/"),
    ("system_admin", "/users/"),
]


@pytest.mark.parametrize(("persona", "url"), LANDING_PAGES)
def test_home_sends_each_role_to_its_page(request, login, persona, url):
    user = request.getfixturevalue(persona)

    response = login(user).get("/")

    assert response.status_code == 302
    assert response["Location"] == url == landing_url(user)


@pytest.mark.parametrize(("persona", "url"), LANDING_PAGES)
def test_logging_in_lands_each_role_on_its_page(request, persona, url):
    user = request.getfixturevalue(persona)

    response = Client().post(
        "/accounts/login/", {"username": user.username, "password": TEST_PASSWORD}, follow=True
    )

    assert (response.redirect_chain, response.status_code) == ([("/", 302), (url, 302)], 200)


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman"])
def test_ward_users_land_on_their_wards_assessment_of_the_latest_cycle(
    request, login, ward, other_ward, persona
):
    older = AssessmentFactory(cycle=CycleFactory(year=2017), ward=ward)
    current = AssessmentFactory(cycle=CycleFactory(year=2018, lead_body=older.cycle.lead_body), ward=ward)
    AssessmentFactory(cycle=CycleFactory(year=2019, lead_body=older.cycle.lead_body), ward=other_ward)

    response = login(request.getfixturevalue(persona)).get("/", follow=True)

    assert response.redirect_chain == [(f"/assessments/{current.pk}/", 302)]
    assert response.status_code == 200


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

    assert login(user).get("/")["Location"] == "/inbox/"


def test_a_user_with_several_roles_lands_where_the_first_of_them_has_work(login, db):
    admin_and_staff = UserFactory(roles=[Role.SYSTEM_ADMIN, Role.EDUCATION_STAFF])
    admin_and_steering = UserFactory(roles=[Role.SYSTEM_ADMIN, Role.STEERING_MEMBER])

    assert login(admin_and_staff).get("/")["Location"] == "/inbox/"
    assert login(admin_and_steering).get("/")["Location"] == "/dashboard/"


NAVIGATION = [
    ("ward_officer", ["/wards/P01/", "/wards/"]),
    ("ward_chairman", ["/wards/P01/", "/wards/"]),
    ("education_staff", ["/dashboard/", "/wards/"]),
    ("promotion_staff", ["/dashboard/", "/wards/"]),
    ("inspector", ["/dashboard/", "/wards/"]),
    ("district_chairman", ["/dashboard/", "/wards/"]),
    ("steering_member", ["/dashboard/", "/wards/"]),
    ("system_admin", ["/dashboard/", "/wards/", "/calendar/", "/users/"]),
]


# The entries of this app and the district overview (the dashboard, which the plans app serves); other apps
# add their own (assessment cycles, …) in between.
WARDS_NAV_URLS = {"/wards/P01/", "/wards/P02/", "/dashboard/", "/wards/", "/calendar/", "/users/", "/admin/"}


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

    assert _nav_urls(response) == ["/dashboard/", "/wards/", "/calendar/", "/users/", "/admin/"]


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
