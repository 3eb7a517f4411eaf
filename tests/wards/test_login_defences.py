"""Login defences through the views: lockout after repeated failures, the administrator's unlock page,
idle sessions, the sign-in log (two-factor sign-in: ``test_two_factor.py``)."""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.http import HttpRequest
from django.test import Client

from config.middleware import LAST_ACTIVITY_KEY
from tests.factories import TEST_PASSWORD, UserFactory
from wards.models import SignInEvent, SignInOutcome

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _lockout_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def client_from(address: str) -> Client:
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT="Trình duyệt thử")


def fail(client: Client, username: str, times: int):
    for _attempt in range(times):
        response = client.post(LOGIN, {"username": username, "password": "sai-mat-khau"})
    return response


def test_five_wrong_passwords_lock_the_account_with_a_message_on_the_login_page(ward_officer):
    client = client_from("10.0.0.1")

    fourth = fail(client, ward_officer.username, 4)
    fifth = fail(client, ward_officer.username, 1)
    # Even the right password is refused now.
    refused = client.post(LOGIN, {"username": ward_officer.username, "password": TEST_PASSWORD})

    assert fourth.status_code == 200
    assert fifth.status_code == refused.status_code == 429
    page = refused.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in page
    assert "15 phút" in page
    assert 'name="username"' in page  # the login page itself, in the portal's layout
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_another_address_too(ward_officer):
    fail(client_from("10.0.0.1"), ward_officer.username, 5)

    response = client_from("10.0.0.2").post(
        LOGIN, {"username": ward_officer.username, "password": TEST_PASSWORD}
    )

    assert response.status_code == 429


def test_an_address_with_too_many_failures_is_locked_for_every_account(ward_officer, other_ward_officer):
    client = client_from("10.0.0.3")
    for number in range(5):
        fail(client, f"khong-co-{number}", 1)

    response = client.post(LOGIN, {"username": other_ward_officer.username, "password": TEST_PASSWORD})

    assert response.status_code == 429


def test_another_account_from_another_address_is_unaffected(ward_officer, other_ward_officer):
    fail(client_from("10.0.0.1"), ward_officer.username, 5)
    client = client_from("10.0.0.2")

    response = client.post(LOGIN, {"username": other_ward_officer.username, "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other_ward_officer.pk)


def test_the_administrator_sees_the_lockout_and_unlocks_it(login, system_admin, ward_officer):
    fail(client_from("10.0.0.1"), ward_officer.username, 5)
    admin = login(system_admin)

    listing = admin.get("/security/lockouts/")
    attempt = AccessAttempt.objects.get(username=ward_officer.username)
    confirm = admin.get(f"/security/lockouts/{attempt.pk}/unlock/")
    unlocked = admin.post(f"/security/lockouts/{attempt.pk}/unlock/")
    client = client_from("10.0.0.1")
    after = client.post(LOGIN, {"username": ward_officer.username, "password": TEST_PASSWORD})

    assert [
        (row.username, row.ip_address, row.failures, row.account_locked, row.address_locked)
        for row in listing.context["lockouts"]
    ] == [(ward_officer.username, "10.0.0.1", 5, True, True)]
    assert "Tài khoản bị khóa" in listing.content.decode()
    assert confirm.status_code == 200
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists() is False
    assert unlocked["Location"] == "/security/lockouts/"
    assert after.status_code == 302
    assert client.session["_auth_user_id"] == str(ward_officer.pk)


def test_unlocking_needs_a_post_and_a_confirmation(login, system_admin, ward_officer):
    fail(client_from("10.0.0.1"), ward_officer.username, 5)
    attempt = AccessAttempt.objects.get()

    login(system_admin).get(f"/security/lockouts/{attempt.pk}/unlock/")

    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "education_staff", "district_chairman"])
def test_only_the_system_administrator_may_see_or_lift_lockouts(request, login, persona, other_ward_officer):
    fail(client_from("10.0.0.1"), other_ward_officer.username, 5)
    attempt = AccessAttempt.objects.get()
    client = login(request.getfixturevalue(persona))

    assert client.get("/security/lockouts/").status_code == 403
    assert client.post(f"/security/lockouts/{attempt.pk}/unlock/").status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_an_anonymous_visitor_is_sent_to_log_in_from_the_security_pages(db):
    for url in ("/security/lockouts/", "/security/sign-ins/"):
        assert Client().get(url)["Location"] == f"{LOGIN}?next={url}"


def test_the_manage_menu_links_the_security_pages_for_the_administrator_only(
    login, system_admin, ward_officer
):
    def manage_urls(user):
        return [item.url for item in login(user).get("/wards/").context["nav_manage"]]

    assert {"/security/lockouts/", "/security/sign-ins/"} <= set(manage_urls(system_admin))
    assert {"/security/lockouts/", "/security/sign-ins/"}.isdisjoint(manage_urls(ward_officer))


def test_client_login_still_works_with_the_lockout_on(ward_officer):
    # django-axes needs the request; Django's test client passes none unless told.
    assert Client().login(request=HttpRequest(), username=ward_officer.username, password=TEST_PASSWORD)


def test_a_session_idle_longer_than_the_limit_ends_on_the_login_page_with_a_message(settings, ward_officer):
    settings.SESSION_IDLE_MINUTES = 30
    client = client_from("10.0.0.1")
    client.post(LOGIN, {"username": ward_officer.username, "password": TEST_PASSWORD})
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/wards/", follow=True)

    assert response.redirect_chain == [(f"{LOGIN}?next=/wards/", 302)]
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_session_used_within_the_limit_stays_and_moves_its_clock(settings, ward_officer):
    settings.SESSION_IDLE_MINUTES = 30
    client = client_from("10.0.0.1")
    client.post(LOGIN, {"username": ward_officer.username, "password": TEST_PASSWORD})
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 29 * 60
    session.save()

    response = client.get("/wards/")

    assert response.status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 5


def test_sessions_end_when_the_browser_closes(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_the_sign_in_log_shows_successes_and_failures(login, system_admin, ward_officer):
    fail(client_from("10.0.0.7"), ward_officer.username, 2)
    client_from("10.0.0.8").post(LOGIN, {"username": ward_officer.username, "password": TEST_PASSWORD})
    fail(client_from("10.0.0.9"), "khong-co-ai", 1)
    admin = login(system_admin)

    everything = admin.get("/security/sign-ins/", {"username": "canbo"})
    failures = admin.get("/security/sign-ins/", {"outcome": SignInOutcome.PASSWORD_REFUSED})

    assert [
        (event.username, event.ip_address, event.user_agent, event.outcome)
        for event in everything.context["page"]
    ] == [
        (ward_officer.username, "10.0.0.8", "Trình duyệt thử", SignInOutcome.PASSWORD_ACCEPTED),
        (ward_officer.username, "10.0.0.7", "Trình duyệt thử", SignInOutcome.PASSWORD_REFUSED),
        (ward_officer.username, "10.0.0.7", "Trình duyệt thử", SignInOutcome.PASSWORD_REFUSED),
    ]
    assert [event.username for event in failures.context["page"]] == [
        "khong-co-ai",
        ward_officer.username,
        ward_officer.username,
    ]
    assert "Sai tên đăng nhập hoặc mật khẩu" in failures.content.decode()


def test_the_sign_in_log_records_a_lockout(ward_officer):
    fail(client_from("10.0.0.1"), ward_officer.username, 6)

    assert list(SignInEvent.objects.order_by("pk").values_list("outcome", flat=True)) == [
        *[SignInOutcome.PASSWORD_REFUSED] * 4,
        SignInOutcome.LOCKED_OUT,
        SignInOutcome.LOCKED_OUT,
    ]


def test_the_sign_in_log_is_paginated(login, system_admin):
    SignInEvent.objects.bulk_create(
        SignInEvent(username=f"u{number}", outcome=SignInOutcome.PASSWORD_REFUSED) for number in range(120)
    )

    page_three = login(system_admin).get("/security/sign-ins/", {"page": 3, "outcome": "password_refused"})

    assert page_three.context["page"].number == 3
    assert len(page_three.context["page"]) == 20  # 50 + 50 + 20
    newer = re.search(
        r'href="\?([^"]*)">[^<]*</a></li>\s*<li class="page-item disabled"', page_three.content.decode()
    )
    assert set(newer.group(1).split("&amp;")) == {"outcome=password_refused", "page=2"}  # the filter kept


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "education_staff", "steering_member"])
def test_the_sign_in_log_is_refused_to_everybody_but_the_administrator(request, login, persona):
    assert login(request.getfixturevalue(persona)).get("/security/sign-ins/").status_code == 403


def test_the_sign_in_log_has_no_way_to_change_a_row(login, system_admin, ward_officer):
    event = SignInEvent.objects.create(
        username=ward_officer.username, outcome=SignInOutcome.PASSWORD_ACCEPTED
    )
    admin = login(system_admin)

    response = admin.post("/security/sign-ins/", {"username": "x", "outcome": "code_accepted"})

    event.refresh_from_db()
    assert response.status_code == 200  # the page reads GET only; a POST changes nothing
    assert (event.username, event.outcome) == (ward_officer.username, SignInOutcome.PASSWORD_ACCEPTED)


def test_the_user_form_refuses_a_weak_password(login, system_admin, ward):
    response = login(system_admin).post(
        "/users/new/",
        {"username": "moi", "full_name": "Người Mới", "password": "12345678", "roles": [], "is_active": "on"},
    )

    assert response.status_code == 200
    assert UserFactory._meta.model.objects.filter(username="moi").exists() is False
    assert response.context["form"].errors["password"]
