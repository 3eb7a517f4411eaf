"""Two-factor sign-in through the views: enrolment with a QR code, codes, recovery codes, the requirement."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD
from wards.models import SignInEvent, SignInOutcome
from wards.two_factor import replace_recovery_codes

LOGIN = "/accounts/login/"
ENROL = "/two-factor/enrol/"
VERIFY = "/two-factor/verify/"


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting between a wrong code and the next in these tests


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the phone would show now (or ``steps_ahead`` periods later: a code is accepted only once)."""
    return f"{totp(device.bin_key, device.step, device.t0 - steps_ahead * device.step, device.digits, device.drift):06d}"


def password_login(user) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)
    replace_recovery_codes(user)
    return device


def signed_in_with_code(user) -> Client:
    """A client past both steps: password, then the app's code."""
    device = enrolled(user)
    client = password_login(user)
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == "/"
    return client


def test_a_chairman_without_a_device_is_sent_to_enrol_with_a_qr_code(ward_chairman):
    client = password_login(ward_chairman)

    response = client.get("/inbox/", follow=True)

    assert response.redirect_chain == [(f"{VERIFY}?next=%2Finbox%2F", 302), (ENROL, 302)]
    page = response.content.decode()
    assert "<svg" in page and "<script" not in page.split("<main", 1)[1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=ward_chairman)
    assert device.confirmed is False
    assert response.context["secret"].replace(" ", "") in page.replace(" ", "")


def test_enrolment_confirms_the_device_and_shows_ten_recovery_codes_once(ward_chairman):
    client = password_login(ward_chairman)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=ward_chairman)

    wrong = client.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    confirmed = client.post(ENROL, {"code": code_for(device)}, follow=True)
    shown_again = client.get("/two-factor/recovery-codes/")
    inbox = client.get("/inbox/")

    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"] == [
        "Mã này không đúng. Hãy kiểm tra giờ trên điện thoại và thử mã tiếp theo."
    ]
    assert confirmed.redirect_chain == [("/two-factor/recovery-codes/", 302)]
    codes = confirmed.context["codes"]
    assert len(codes) == len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=ward_chairman).values_list("token", flat=True)
    )
    assert all(code in confirmed.content.decode() for code in codes)
    assert shown_again.context["codes"] is None
    assert inbox.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True


def test_a_required_user_cannot_reach_any_page_before_the_code(
    ward_chairman, district_chairman, system_admin
):
    for user in (ward_chairman, district_chairman, system_admin):
        enrolled(user)
        client = password_login(user)
        for url in ("/inbox/", "/wards/", "/users/", "/admin/"):
            response = client.get(url)
            assert (url, response.status_code, response["Location"]) == (
                url,
                302,
                f"{VERIFY}?next={url.replace('/', '%2F')}",
            )
        assert client.post("/users/new/", {"username": "x"})["Location"] == VERIFY


def test_the_code_from_the_app_lets_the_user_in_and_back_to_the_page_asked_for(ward_chairman):
    device = enrolled(ward_chairman)
    client = password_login(ward_chairman)

    wrong = client.post(VERIFY, {"code": "12345", "next": "/wards/"})
    right = client.post(VERIFY, {"code": code_for(device), "next": "/wards/"})
    inbox = client.get("/inbox/")

    assert wrong.context["form"].errors["code"] == ["Mã này không đúng."]
    assert right["Location"] == "/wards/"
    assert inbox.status_code == 200
    assert list(
        SignInEvent.objects.filter(username=ward_chairman.username)
        .order_by("pk")
        .values_list("outcome", flat=True)
    ) == [
        SignInOutcome.PASSWORD_ACCEPTED,
        SignInOutcome.CODE_REFUSED,
        SignInOutcome.CODE_ACCEPTED,
    ]


def test_the_page_asked_for_must_be_on_this_site(ward_chairman):
    device = enrolled(ward_chairman)
    client = password_login(ward_chairman)

    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_a_code_is_accepted_only_once(ward_chairman):
    device = enrolled(ward_chairman)
    code = code_for(device)
    password_login(ward_chairman).post(VERIFY, {"code": code})

    replay = password_login(ward_chairman).post(VERIFY, {"code": code})

    assert replay.status_code == 200
    assert replay.context["form"].errors["code"] == ["Mã này không đúng."]


def test_a_recovery_code_works_once(ward_chairman):
    enrolled(ward_chairman)
    code = StaticToken.objects.filter(device__user=ward_chairman).first().token

    first = password_login(ward_chairman).post(VERIFY, {"code": code.upper(), "next": "/inbox/"}, follow=True)
    second = password_login(ward_chairman).post(VERIFY, {"code": code})

    assert first.redirect_chain == [("/inbox/", 302)]
    assert "còn lại 9 mã" in first.content.decode()
    assert second.status_code == 200
    assert second.context["form"].errors["code"] == ["Mã này không đúng."]
    assert SignInEvent.objects.filter(outcome=SignInOutcome.RECOVERY_CODE_USED).count() == 1


def test_a_ward_officer_needs_no_code_and_may_not_enrol(ward_officer):
    client = password_login(ward_officer)

    assert client.get("/inbox/").status_code == 200
    assert client.get(ENROL).status_code == 403
    assert client.get(VERIFY).status_code == 403


def test_the_requirement_can_be_turned_off(settings, ward_chairman):
    settings.OTP_REQUIRED = False

    assert password_login(ward_chairman).get("/inbox/").status_code == 200


def test_an_enrolled_user_goes_to_the_code_page_not_to_enrolment(ward_chairman):
    enrolled(ward_chairman)
    client = password_login(ward_chairman)

    assert client.get(ENROL)["Location"] == VERIFY


def test_log_out_stays_open_before_the_code(ward_chairman):
    enrolled(ward_chairman)
    client = password_login(ward_chairman)

    response = client.post("/accounts/logout/")

    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_the_enrolment_page_shows_the_secret_the_qr_code_holds(ward_chairman):
    client = password_login(ward_chairman)

    page = client.get(ENROL).content.decode()

    device = TOTPDevice.objects.get(user=ward_chairman)
    secret = re.search(r"secret=([A-Z2-7]+)", device.config_url).group(1)
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page


def test_the_administrator_resets_a_lost_phone_and_the_user_enrols_again(system_admin, ward_chairman):
    enrolled(ward_chairman)

    response = signed_in_with_code(system_admin).post(f"/users/{ward_chairman.pk}/two-factor-reset/")
    client = password_login(ward_chairman)

    assert response["Location"] == f"/users/{ward_chairman.pk}/"
    assert TOTPDevice.objects.filter(user=ward_chairman, confirmed=True).exists() is False
    assert StaticToken.objects.filter(device__user=ward_chairman).exists() is False
    assert client.get(VERIFY)["Location"] == ENROL


@pytest.mark.parametrize("persona", ["ward_chairman", "district_chairman"])
def test_only_the_system_administrator_resets_two_step_sign_in(request, persona, ward_officer):
    enrolled(ward_officer)

    response = signed_in_with_code(request.getfixturevalue(persona)).post(
        f"/users/{ward_officer.pk}/two-factor-reset/"
    )

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=ward_officer, confirmed=True).count() == 1


def test_district_staff_without_two_step_sign_in_cannot_reset_it(login, education_staff, ward_chairman):
    enrolled(ward_chairman)

    response = login(education_staff).post(f"/users/{ward_chairman.pk}/two-factor-reset/")

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=ward_chairman, confirmed=True).count() == 1
