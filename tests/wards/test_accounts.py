"""Logging in and out, passwords, and the administrator's user management."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import TEST_PASSWORD, UserFactory
from wards.models import Role, RoleGrant, User

NEW_PASSWORD = "Hoa-sen-nở-2026"

# --- logging in and out --------------------------------------------------------------------


def test_login_page_shows_the_form(login, db):
    response = login(None).get("/accounts/login/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 class="h3 mb-2">Xây dựng xã hội học tập</h1>' in html
    assert 'name="username"' in html
    assert 'name="password"' in html
    assert '<a href="/accounts/password_reset/">' in html


def test_login_lands_on_the_role_page(login, ward_officer):
    response = login(None).post(
        "/accounts/login/", {"username": "canbo.p1", "password": TEST_PASSWORD}, follow=True
    )

    assert response.redirect_chain == [("/", 302), ("/wards/P01/", 302)]
    assert response.status_code == 200
    assert response.context["user"] == ward_officer


def test_login_goes_back_to_the_page_asked_for(login, education_staff, ward):
    response = login(None).post(
        "/accounts/login/?next=/wards/P01/",
        {"username": "phonggd", "password": TEST_PASSWORD, "next": "/wards/P01/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/wards/P01/"


def test_login_with_a_wrong_password_is_refused(login, ward_officer):
    response = login(None).post("/accounts/login/", {"username": "canbo.p1", "password": "sai"})

    assert response.status_code == 200
    assert response.context["user"].is_authenticated is False
    assert list(response.context["form"].non_field_errors()) == [
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác. "
        "Chú ý rằng cả hai khung thông tin đều phân biệt chữ hoa và chữ thường."
    ]


def test_logout_ends_the_session(login, ward_officer):
    client = login(ward_officer)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.get("/")["Location"] == "/accounts/login/?next=/"


def test_password_change(login, ward_officer):
    client = login(ward_officer)

    response = client.post(
        "/accounts/password_change/",
        {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_change/done/"
    ward_officer.refresh_from_db()
    assert ward_officer.check_password(NEW_PASSWORD) is True
    done = client.get("/accounts/password_change/done/")
    assert done.status_code == 200
    assert done.templates[0].name == "registration/password_change_done.html"


def test_password_change_with_a_wrong_old_password_changes_nothing(login, ward_officer):
    response = login(ward_officer).post(
        "/accounts/password_change/",
        {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["old_password"]
    ward_officer.refresh_from_db()
    assert ward_officer.check_password(TEST_PASSWORD) is True


def test_password_reset_sends_one_email_with_a_working_link(login, ward_officer):
    client = login(None)

    response = client.post("/accounts/password_reset/", {"email": "canbo.p1@example.vn"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["canbo.p1@example.vn"]
    assert "\n" not in message.subject
    assert "canbo.p1" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert done["Location"] == "/accounts/reset/done/"
    ward_officer.refresh_from_db()
    assert ward_officer.check_password(NEW_PASSWORD) is True


def test_password_reset_for_an_unknown_address_sends_nothing(login, ward_officer):
    response = login(None).post("/accounts/password_reset/", {"email": "khong-co@example.vn"})

    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
        "/accounts/reset/MQ/bad-token/",
    ],
)
def test_password_reset_pages_open_without_login(login, db, url):
    response = login(None).get(url, follow=True)

    assert response.status_code == 200
    assert response.templates[0].name.startswith("registration/")


# --- user management -----------------------------------------------------------------------


def user_data(**changes) -> dict:
    data = {
        "username": "canbo.p3",
        "full_name": "Đinh Thị Nga",
        "email": "canbo.p3@example.vn",
        "position": "Công chức Văn hóa - Xã hội",
        "phone": "028 3855 1234",
        "ward": "",
        "unit": "",
        "roles": [Role.WARD_OFFICER],
        "is_active": "on",
        "password": "Sen-hồng-2026!",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_admin_creates_a_ward_officer(login, system_admin, ward):
    response = login(system_admin).post("/users/new/", user_data(ward=ward.pk))

    assert response.status_code == 302
    assert response["Location"] == "/users/"
    user = User.objects.get(username="canbo.p3")
    assert (user.full_name, user.email, user.ward, user.unit, user.is_active) == (
        "Đinh Thị Nga",
        "canbo.p3@example.vn",
        ward,
        None,
        True,
    )
    assert list(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == [Role.WARD_OFFICER]
    assert user.check_password("Sen-hồng-2026!") is True
    assert login(user).get("/")["Location"] == "/wards/P01/"


def test_admin_creates_a_user_with_several_roles(login, system_admin, education_office):
    data = user_data(
        username="kiemtra9", unit=education_office.pk, roles=[Role.INSPECTOR, Role.EDUCATION_STAFF]
    )

    response = login(system_admin).post("/users/new/", data)

    assert response.status_code == 302
    user = User.objects.get(username="kiemtra9")
    assert set(user.role_grants.values_list("role", flat=True)) == {Role.INSPECTOR, Role.EDUCATION_STAFF}
    assert user.unit == education_office


@pytest.mark.parametrize("role", [Role.WARD_OFFICER, Role.WARD_CHAIRMAN])
def test_ward_role_without_ward_is_refused(login, system_admin, role):
    before = User.objects.count()

    response = login(system_admin).post("/users/new/", user_data(roles=[role]))

    assert response.status_code == 200
    with translation.override("vi"):
        expected = gettext("Ward officers, ward chairmen and learning centre staff must belong to a ward.")
    assert response.context["form"].errors == {"ward": [expected]}
    assert f'<span id="error_1_id_ward"><strong>{expected}</strong></span>' in response.content.decode()
    assert 'value="Đinh Thị Nga"' in response.content.decode()
    assert User.objects.count() == before
    assert not RoleGrant.objects.filter(user__username="canbo.p3").exists()


def test_weak_initial_password_is_refused(login, system_admin, ward):
    response = login(system_admin).post("/users/new/", user_data(ward=ward.pk, password="12345678"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password"]
    assert response.context["form"].errors["password"] == [
        "Mật khẩu này quá phổ biến.",
        "Mật khẩu này hoàn toàn là số.",
    ]
    assert not User.objects.filter(username="canbo.p3").exists()


def test_duplicate_username_is_refused(login, system_admin, ward_officer):
    response = login(system_admin).post(
        "/users/new/", user_data(username="canbo.p1", ward=ward_officer.ward_id)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["username"]
    assert User.objects.filter(username="canbo.p1").count() == 1


def test_admin_edits_roles_and_deactivates_a_user(login, system_admin, ward_officer, ward):
    data = user_data(
        username="canbo.p1",
        full_name="Phạm Thị Dung",
        email="canbo.p1@example.vn",
        ward=ward.pk,
        roles=[Role.WARD_CHAIRMAN],
        is_active=None,
        password=None,
    )

    response = login(system_admin).post(f"/users/{ward_officer.pk}/", data)

    assert response.status_code == 302
    ward_officer.refresh_from_db()
    assert ward_officer.is_active is False
    assert list(ward_officer.role_grants.values_list("role", flat=True)) == [Role.WARD_CHAIRMAN]
    assert ward_officer.check_password(TEST_PASSWORD) is True  # editing leaves the password alone


def test_user_edit_page_shows_current_roles(login, system_admin, inspector):
    response = login(system_admin).get(f"/users/{inspector.pk}/")

    assert response.status_code == 200
    assert response.context["form"]["roles"].value() == [Role.INSPECTOR]
    assert "password" not in response.context["form"].fields


def test_user_list_shows_accounts_and_filters_by_role_and_ward(
    login, system_admin, ward_officer, ward_chairman, other_ward_officer, inspector
):
    client = login(system_admin)

    everyone = client.get("/users/")
    officers = client.get("/users/", {"role": Role.WARD_OFFICER})
    of_ward = client.get("/users/", {"ward": ward_officer.ward_id})
    officers_of_ward = client.get("/users/", {"role": Role.WARD_OFFICER, "ward": ward_officer.ward_id})

    usernames = [user.username for user in everyone.context["users"]]
    assert usernames == ["canbo.p1", "canbo.p2", "chutich.p1", "kiemtra", "quantri"]
    assert [user.username for user in officers.context["users"]] == ["canbo.p1", "canbo.p2"]
    assert [user.username for user in of_ward.context["users"]] == ["canbo.p1", "chutich.p1"]
    assert [user.username for user in officers_of_ward.context["users"]] == ["canbo.p1"]
    html = everyone.content.decode()
    assert f'<a href="/users/{ward_officer.pk}/">canbo.p1</a>' in html
    assert '<td data-label="Phường hoặc đơn vị">Phường 1</td>' in html
    assert '<td data-label="Phường hoặc đơn vị">Phòng GD&amp;ĐT</td>' in html


@pytest.mark.parametrize("user_count", [1, 10])
def test_user_list_queries_do_not_grow_with_users(
    login, system_admin, ward, django_assert_num_queries, user_count
):
    UserFactory.create_batch(user_count, ward=ward, roles=[Role.WARD_OFFICER])
    client = login(system_admin)

    # 1 user (the session is read from the cache), 2 the user's roles (rules), 3 the wards of the filter's
    # drop-down, 4 the users with ward and unit, 5 their roles.
    with django_assert_num_queries(5):
        response = client.get("/users/")

    assert len(response.context["users"]) == user_count + 1


@pytest.mark.parametrize(
    "persona",
    ["education_staff", "ward_officer", "ward_chairman", "inspector", "district_chairman", "steering_member"],
)
def test_user_management_refused_to_other_roles(request, login, persona, ward):
    user = request.getfixturevalue(persona)
    client = login(user)
    before = (User.objects.count(), RoleGrant.objects.count())

    responses = [
        client.get("/users/"),
        client.get("/users/new/"),
        client.post("/users/new/", user_data(ward=ward.pk)),
        client.get(f"/users/{user.pk}/"),
        client.post(f"/users/{user.pk}/", user_data(username=user.username, roles=[Role.SYSTEM_ADMIN])),
        client.post(f"/users/{user.pk}/password-reset/"),
    ]

    assert [response.status_code for response in responses] == [403] * 6
    assert (User.objects.count(), RoleGrant.objects.count()) == before
    assert not user.role_grants.filter(role=Role.SYSTEM_ADMIN).exists()


def test_user_management_sends_anonymous_visitors_to_log_in(login, db):
    response = login(None).get("/users/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/users/"


def test_admin_sends_a_password_reset_email(login, system_admin, ward_officer):
    response = login(system_admin).post(f"/users/{ward_officer.pk}/password-reset/")

    assert response.status_code == 302
    assert response["Location"] == f"/users/{ward_officer.pk}/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["canbo.p1@example.vn"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_admin_password_reset_goes_only_to_the_chosen_user(login, system_admin, ward_officer, ward):
    UserFactory(username="trung.email", email="canbo.p1@example.vn", ward=ward)

    login(system_admin).post(f"/users/{ward_officer.pk}/password-reset/")

    assert len(mail.outbox) == 1
    assert "canbo.p1" in mail.outbox[0].body
    assert "trung.email" not in mail.outbox[0].body


def test_admin_password_reset_without_email_sends_nothing(login, system_admin, ward):
    account = UserFactory(email="", ward=ward)

    response = login(system_admin).post(f"/users/{account.pk}/password-reset/", follow=True)

    assert mail.outbox == []
    assert [message.level_tag for message in response.context["messages"]] == ["error"]
