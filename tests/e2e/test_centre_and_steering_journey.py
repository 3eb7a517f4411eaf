"""A learning centre's director records a talk and a class; a steering committee member reads the district.

The director records a health talk (attendance as counts) and a literacy class
whose list is typed in for one learner and uploaded from a file on disk for
the others. The steering committee member lands on the district overview,
follows its "overdue" figure to the list behind it, then opens the heat map of
scores by criterion and exports it to XLSX, which opens with openpyxl.
"""

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from selenium.webdriver.common.by import By

from assessments.models import AssessmentState
from tests.assessments.conftest import walk_to  # noqa: F401 (a fixture)
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import TEST_PASSWORD, AssessmentFactory, CycleFactory
from tests.helpers import vi_text
from tests.plans.dashboard_data import bulk_wards, bulk_year, scorer, varied

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLASS_LIST = (
    "Họ và tên;Năm sinh;Giới tính (Nam/Nữ);Dân tộc thiểu số (Có/Không);Tổ dân phố\r\n"
    "Nguyễn Thị Lan;1980;Nữ;Không;Tổ 3\r\n"
    "Trần Văn Minh;1975;Nam;Không;Tổ 5\r\n"
)
INSPECTED_WARDS = {0: "Phường Bến Nghé", 1: "Phường Cầu Kho", 2: "Phường Đa Kao"}


def text_of(portal, element_id: str) -> str:
    return portal.driver.find_element(By.ID, element_id).text


def main_text(portal) -> str:
    return portal.driver.find_element(By.TAG_NAME, "main").text


def look_on_a_phone(portal, name: str) -> None:
    """The same page at 390 px: a screenshot, axe, and no sideways scrolling of the page itself."""
    portal.driver.set_window_size(*PHONE)
    try:
        portal.look(f"{name}-phone")
        assert not portal.scrolls_sideways(), f"{portal.path} scrolls sideways at {PHONE[0]} px"
    finally:
        portal.driver.set_window_size(*DESKTOP)


@pytest.fixture
def district_2018(ward, promotion_association, walk_to):  # noqa: F811 (the fixture imported above)
    """Phường 1's 2018 dossier overdue at the ward (its deadline, 31/10/2018, long past), and three
    other wards inspected and published, their scores on the heat map."""
    cycle = CycleFactory(year=2018, lead_body=promotion_association)
    overdue = walk_to(AssessmentFactory(cycle=cycle, ward=ward), AssessmentState.DOSSIER_PREPARATION)
    assert overdue.due_date < timezone.localdate()
    inspected = bulk_wards(3, district=ward.district, names=INSPECTED_WARDS)
    bulk_year(2018, inspected, varied, by=scorer())
    return overdue


def test_a_director_records_a_talk_and_a_class_and_the_steering_committee_reads_the_district(
    portal, tmp_path, center, center_director, steering_member, district_2018
):
    today = timezone.localdate().strftime("%d/%m/%Y")

    # The director lands on the centre's page.
    portal.sign_in(center_director.username, TEST_PASSWORD)
    assert portal.path == f"/centers/{center.pk}/"
    portal.look("centre")

    # A talk to a large audience: attendance as counts.
    portal.follow("Thêm hoạt động")
    portal.choose("Loại", "Chuyên đề sức khỏe (ghi số lượng)")
    portal.fill("Chủ đề", "Phòng chống sốt xuất huyết mùa mưa")
    portal.fill("Ngày bắt đầu", today)
    portal.fill("Ngày kết thúc", today)
    portal.fill("Địa điểm", "Nhà văn hóa khu phố 2")
    portal.look("talk-form")
    portal.press("Lưu")
    portal.wait_for_text("Phòng chống sốt xuất huyết mùa mưa")
    assert text_of(portal, "activity-facts").endswith("Ghi nhận người tham dự theo\nSố lượng")

    portal.follow("Ghi nhận buổi")
    portal.fill("Ngày", today)
    portal.fill("Nội dung buổi", "Diệt lăng quăng, bọ gậy")
    portal.fill("Số người tham dự", "120")
    portal.fill("Nữ", "70")
    portal.fill("Dân tộc thiểu số", "15")
    portal.look("talk-session-form")
    portal.press("Lưu")
    portal.wait_for_text("Diệt lăng quăng, bọ gậy")
    assert text_of(portal, "sessions-total") == "120"

    # A class: a list of learners, one typed in, the rest uploaded from a file on disk.
    portal.follow(center.name)
    portal.follow("Thêm hoạt động")
    portal.choose("Loại", "Lớp xóa mù chữ")
    portal.fill("Chủ đề", "Lớp xóa mù chữ khóa 1")
    portal.fill("Ngày bắt đầu", today)
    portal.fill("Ngày kết thúc", today)
    portal.look("class-form")
    portal.press("Lưu")
    portal.wait_for_text("Lớp xóa mù chữ khóa 1")

    portal.follow("Thêm người học")
    portal.fill("Họ và tên", "Thạch Thị Sa Ra")
    portal.fill("Năm sinh", "1990")
    portal.field("Nữ").click()
    portal.field("Dân tộc thiểu số").click()
    portal.fill("Tổ dân phố", "Tổ 3")
    portal.look("learner-form")
    portal.press("Lưu")
    portal.wait_for_text("Thạch Thị Sa Ra")

    class_list = tmp_path / "danh-sach-lop.csv"
    class_list.write_text(CLASS_LIST, encoding="utf-8-sig")
    portal.follow("Nhập danh sách lớp")
    portal.attach("Danh sách lớp", class_list)
    portal.look("class-list-import")
    portal.press("Nhập")
    portal.wait_for_text("Nguyễn Thị Lan")
    assert text_of(portal, "learner-count") == "3"
    learners = text_of(portal, "learners")
    assert all(name in learners for name in ("Nguyễn Thị Lan", "Trần Văn Minh", "Thạch Thị Sa Ra"))
    portal.look("class")
    look_on_a_phone(portal, "class")

    # The year's figures on the centre's page count the talk's 120 attendances.
    portal.follow(center.name)
    assert text_of(portal, "total-activities") == "2"
    assert text_of(portal, "total-attendances") == "120"
    look_on_a_phone(portal, "centre-with-activities")

    # The steering committee member lands on the district overview.
    portal.sign_out()
    portal.sign_in(steering_member.username, TEST_PASSWORD)
    assert portal.path == "/dashboard/"
    portal.look("overview")
    look_on_a_phone(portal, "overview")

    # The "overdue" figure leads to the list of exactly the overdue wards.
    portal.follow("⚠ 1")
    assert portal.path == "/assessments/?year=2018&overdue=true"
    listed = main_text(portal)
    assert "Phường 1" in listed
    assert not any(name in listed for name in INSPECTED_WARDS.values())
    portal.look("overdue-list")

    # Back to the overview, on to the heat map, and its export.
    portal.follow("Tổng quan quận")
    assert portal.path == "/dashboard/"
    portal.follow("Điểm theo tiêu chí")
    assert portal.path == "/dashboard/heatmap/2018/"
    heat_map = text_of(portal, "heatmap")
    assert all(name in heat_map for name in INSPECTED_WARDS.values())
    portal.look("heatmap")
    look_on_a_phone(portal, "heatmap")

    portal.follow("Xuất tệp (XLSX)")
    rows = list(load_workbook(portal.downloaded(".xlsx")).active.iter_rows(values_only=True))
    assert vi_text("Criterion %(number)s (points)", number=1) in rows[0]
    assert {"Phường Bến Nghé", "Phường Cầu Kho", "Phường Đa Kao"} <= {row[1] for row in rows[1:]}
