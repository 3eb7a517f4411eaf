"""Small things a user notices in the first hour: numbers, criterion names, the menu, the admin's language."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from assessments.frameworks import band_problems
from assessments.scoring import maxima_problem, validate_points
from tests.conftest import client_for
from tests.factories import UserFactory
from wards.models import Role

# --- Numbers in messages are written the Vietnamese way, as on the page ---------------------------


def test_score_out_of_range_message_writes_the_maximum_with_a_decimal_comma(cycle):
    criterion = cycle.framework.criteria.get(number=1)  # maximum 7.0
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_points(criterion, Decimal("7.5"))
    assert refused.value.messages == ["Tiêu chí 1: điểm phải từ 0 đến 7,0."]


def test_maxima_message_writes_both_sums_with_a_decimal_comma():
    with translation.override("vi"):
        problem = maxima_problem([Decimal(7)] * 10 + [Decimal(6)] * 4 + [Decimal("5.5")], Decimal("100.0"))
    assert problem == "Tổng điểm tối đa phải bằng 100,0; hiện tổng là 99,5."


def test_grade_minimum_message_writes_the_total_with_a_decimal_comma():
    with translation.override("vi"):
        problems = band_problems([Decimal(120), Decimal(0)], Decimal("100.0"))
    assert problems == ["Điểm tối thiểu của một mức xếp loại phải từ 0 đến 100,0."]


# --- The inspection team names each criterion --------------------------------------------------------


def test_team_grid_labels_each_criterion_with_its_number_and_name(login, education_staff, cycle):
    html = login(education_staff).get("/inspections/new/").content.decode()

    labels = re.findall(r'<label for="id_team-0-criteria_\d+" class="form-check-label">([^<]*)</label>', html)
    assert len(labels) == 15
    assert labels[0] == "1. Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường"
    assert labels[14] == "15. An ninh, trật tự, an toàn xã hội"
    assert '<legend class="visually-hidden">Thành viên thứ 1</legend>' in html


def test_team_grid_names_the_criteria_in_english_for_an_english_user(login, education_staff, cycle):
    client = login(education_staff)
    client.cookies["django_language"] = "en"
    html = client.get("/inspections/new/").content.decode()
    assert (
        '<label for="id_team-0-criteria_0" class="form-check-label">1. Leadership by the ward Party' in html
    )


# --- The district menu fits one line at 1366 px ---------------------------------------------------


def test_menu_labels_never_wrap_and_the_long_ones_are_short(login, education_staff):
    html = login(education_staff).get("/district/").content.decode()
    menu = html.split('<div class="collapse navbar-collapse" id="main-nav">', 1)[1].split("</nav>", 1)[0]

    links = re.findall(r'<a class="nav-link([^"]*)"[^>]*>([^<]*)</a>', menu)
    assert [label for _classes, label in links][:7] == [
        "Tổng quan quận",
        "Việc cần làm",
        "Đánh giá",
        "Phường, TTHTCĐ",
        "Công khai",
        "Kế hoạch",
        "Quản lý",
    ]
    items = re.findall(r'<a class="dropdown-item[^"]*"[^>]*>([^<]*)</a>', menu)
    assert [
        label for label in items if label in {"Hồ sơ", "Quyết định", "Kiểm tra", "Các phường", "Kết quả"}
    ] == ["Hồ sơ", "Quyết định", "Kiểm tra", "Các phường", "Kết quả"]
    assert all("text-nowrap" in classes or "text-truncate" in classes for classes, _label in links)


def test_menu_short_labels_leave_the_page_titles_whole(login, education_staff):
    html = login(education_staff).get("/assessments/").content.decode()
    assert "<title>Hồ sơ đánh giá · Xây dựng xã hội học tập</title>" in html


# --- The admin speaks Vietnamese -----------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True, roles=[Role.SYSTEM_ADMIN])


def test_admin_index_has_no_english_chrome_in_vietnamese(superuser):
    html = client_for(superuser).get("/admin/").content.decode()

    for english in (
        "Toggle theme",
        "Skip to main content",
        "Tasks Database Backend",
        "Task Results",
        "Model name",
    ):
        assert english not in html
    assert "Đổi giao diện sáng/tối (hiện tại: tự động)" in html
    assert "Chuyển đến nội dung chính" in html
    assert ">Tác vụ nền</a>" in html
    assert ">Kết quả tác vụ</a>" in html


def test_admin_task_list_filters_by_status_in_vietnamese(superuser):
    html = client_for(superuser).get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    assert "Bởi trạng thái" in html
    assert ">Sẵn sàng</a>" in html and ">Thành công</a>" in html


def test_admin_calendar_names_the_days_in_vietnamese(superuser):
    script = client_for(superuser).get("/admin/jsi18n/").content.decode()
    assert '"Sunday": "Ch\\u1ee7 nh\\u1eadt"' in script
    assert '"abbrev. day Sunday\\u0004Sun": "CN"' in script
