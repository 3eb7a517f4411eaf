"""Error pages speak the portal's language, keep its layout and say where to go.

Django shows its own bare English pages unless ``DEBUG`` is off and handlers are set; the tests run
with ``DEBUG`` off, as production does. ``tests.config.error_urls`` adds views that fail on purpose.
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.conftest import client_for
from tests.helpers import vi

LAYOUT = '<link rel="stylesheet" href="/static/css/portal.css">'
BRAND = '<a class="navbar-brand" href="/">Xã hội học tập</a>'


def broken_context_processor(request):
    raise RuntimeError("a context processor failed")


@pytest.fixture
def failing_views(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.config.error_urls"


def test_missing_page_is_a_vietnamese_404_in_the_portal_layout(settings, ward_officer):
    settings.DEBUG = False
    response = client_for(ward_officer).get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert LAYOUT in html and BRAND in html
    assert "<title>Không tìm thấy trang · Xây dựng xã hội học tập</title>" in html
    assert '<h1 class="h3">Không tìm thấy trang</h1>' in html
    assert (
        vi(
            "There is no such page, or it is not open to your account: check the address, or start again from the home page."
        )
        in html
    )
    assert '<a class="btn btn-primary" href="/">Về trang chủ</a>' in html
    assert "Đăng xuất" in html  # the signed-in user's menu is there


def test_missing_page_is_in_english_when_the_user_chose_english(settings, ward_officer):
    settings.DEBUG = False
    client = client_for(ward_officer)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/no-such-page/").content.decode()
    assert '<h1 class="h3">Page not found</h1>' in html
    assert "Không tìm thấy trang" not in html


def test_missing_page_offers_the_previous_portal_page_but_not_another_site(settings, ward_officer):
    settings.DEBUG = False
    client = client_for(ward_officer)
    back = (
        '<a class="btn btn-outline-secondary" href="http://testserver/assessments/">Quay lại trang trước</a>'
    )
    assert back in client.get("/x/", HTTP_REFERER="http://testserver/assessments/").content.decode()
    assert (
        "Quay lại trang trước" not in client.get("/x/", HTTP_REFERER="https://evil.example/").content.decode()
    )


def test_permission_refusal_is_a_vietnamese_403_in_the_portal_layout(settings, ward_officer):
    settings.DEBUG = False
    response = client_for(ward_officer).get("/cycles/new/")
    html = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in html and BRAND in html
    assert '<h1 class="h3">Không có quyền truy cập</h1>' in html
    assert (
        vi("Your account (%(name)s) may not open this page or do this action.", name="Phạm Thị Dung") in html
    )
    assert (
        vi(
            "If you think your account should be allowed, ask the portal's system administrator to check your roles."
        )
        in html
    )
    assert "assessments.manage_cycles" not in html  # the permission's code name is not for users


def test_permission_refusal_offers_an_anonymous_visitor_to_log_in(failing_views):
    response = Client().get("/test-errors/forbidden/")
    html = response.content.decode()
    assert response.status_code == 403
    assert (
        '<a class="btn btn-primary" href="/accounts/login/?next=/test-errors/forbidden/">Đăng nhập</a>'
        in html
    )
    assert vi("This page is for signed-in users. Log in with the account the district gave you.") in html


def test_form_without_csrf_token_gets_the_vietnamese_csrf_page(db):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")  # the browser has the cookie but the form lost its token
    response = client.post("/accounts/login/", {"username": "canbo.p1", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in html and BRAND in html
    assert '<h1 class="h3">Không gửi được biểu mẫu</h1>' in html
    assert (
        vi("Go back, reload the page and send the form again. What you typed may have to be typed again.")
        in html
    )
    assert '<a class="btn btn-primary" href="/accounts/login/?next=/accounts/login/">Đăng nhập</a>' in html


def test_form_without_csrf_cookie_asks_to_allow_cookies(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "canbo.p1"})
    html = response.content.decode()
    assert response.status_code == 403
    assert (
        vi(
            "Your browser did not send the portal's security cookie. Allow cookies for this site in the browser's settings, then reload the page and send the form again."
        )
        in html
    )


def test_bad_request_is_a_vietnamese_400(failing_views):
    response = Client().get("/test-errors/tampered/")
    html = response.content.decode()
    assert response.status_code == 400
    assert LAYOUT in html and '<h1 class="h3">Yêu cầu không hợp lệ</h1>' in html


def test_server_error_page_needs_neither_the_database_nor_the_context_processors(
    failing_views, settings, ward_officer, django_db_blocker
):
    template_settings = settings.TEMPLATES[0]
    processors = [*template_settings["OPTIONS"]["context_processors"], f"{__name__}.broken_context_processor"]
    settings.TEMPLATES = [{**template_settings, "OPTIONS": {"context_processors": processors}}]
    client = client_for(ward_officer)
    client.raise_request_exception = False

    with django_db_blocker.block():  # any query now fails, as when the database is down
        response = client.get("/test-errors/database-down/")

    html = response.content.decode()
    assert response.status_code == 500
    assert LAYOUT in html and BRAND in html
    assert "<title>Đã xảy ra lỗi · Xây dựng xã hội học tập</title>" in html
    assert '<h1 class="h3">Đã xảy ra lỗi</h1>' in html
    assert vi("Please try again in a few minutes.") in html
    assert '<a class="btn btn-primary" href="/">Về trang chủ</a>' in html
    assert "Đăng nhập" not in html  # it cannot know who is signed in, so it offers no log-in link


def test_server_error_falls_back_to_plain_html_when_its_template_breaks(failing_views, settings, tmp_path):
    (tmp_path / "500.html").write_text('{% extends "no-such-layout.html" %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    client = Client(raise_request_exception=False)

    response = client.get("/test-errors/database-down/")

    assert response.status_code == 500
    assert response.content.decode() == (
        "<!doctype html><title>500</title><h1>Đã xảy ra lỗi</h1><p>Vui lòng thử lại sau ít phút.</p>"
    )
