"""Class lists imported from a file: a valid file enrols every row; any bad row enrols none and is named."""

import io
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from centers.models import Gender, Learner
from tests.centers.activity_data import health_talk, literacy_class

HEADER = ["Họ và tên", "Năm sinh", "Giới tính (Nam/Nữ)", "Dân tộc thiểu số (Có/Không)", "Tổ dân phố"]
GOOD_ROWS = [
    ["Nguyễn Thị Lan", 1980, "Nữ", "Không", "Tổ 3"],
    ["Trần Văn Minh", "1975", "Nam", "", "Tổ 5"],
    ["Thạch Thị Sa Ra", 1990.0, "nu", "Có", "Tổ 3"],
]


def xlsx_file(rows, name="danh-sach.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def csv_file(text: str, name="danh-sach.csv", encoding="utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """``text`` as Excel saves "CSV" on a Vietnamese Windows: letters precomposed, tone marks combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in decomposed if mark in TONE_MARKS)
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


@pytest.fixture
def literacy(center, center_director):
    return literacy_class(center, center_director)


def _import(client, activity, upload):
    url = reverse("centers:class_list_import", args=[activity.center_id, activity.pk])
    return client.post(url, {"file": upload})


def test_a_valid_workbook_enrols_every_row(login, center_director, literacy):
    response = _import(login(center_director), literacy, xlsx_file([HEADER, *GOOD_ROWS, [None] * 5]))
    assert response.status_code == 302
    assert response["Location"] == literacy.get_absolute_url()
    learners = list(
        literacy.learners.order_by("birth_year").values_list(
            "full_name", "birth_year", "gender", "ethnic_minority", "residential_group"
        )
    )
    assert learners == [
        ("Trần Văn Minh", 1975, Gender.MALE, False, "Tổ 5"),
        ("Nguyễn Thị Lan", 1980, Gender.FEMALE, False, "Tổ 3"),
        ("Thạch Thị Sa Ra", 1990, Gender.FEMALE, True, "Tổ 3"),
    ]


def test_a_valid_csv_enrols_every_row(login, center_director, literacy):
    text = "Họ và tên;Năm sinh;Giới tính (Nam/Nữ);Dân tộc thiểu số (Có/Không);Tổ dân phố\r\n"
    text += "Nguyễn Thị Lan;1980;Nữ;Không;Tổ 3\r\nTrần Văn Minh;1975;Nam;;Tổ 5\r\n"
    response = _import(login(center_director), literacy, csv_file(text))
    assert response.status_code == 302
    assert sorted(literacy.learners.values_list("full_name", flat=True)) == [
        "Nguyễn Thị Lan",
        "Trần Văn Minh",
    ]


def test_a_csv_in_the_windows_vietnamese_code_page_is_read(login, center_director, literacy):
    text = "Họ và tên,Năm sinh,Giới tính,Dân tộc,Tổ\r\nNguyễn Thị Hoà,1970,Nữ,Không,Tổ 1\r\n"
    upload = SimpleUploadedFile("danh-sach.csv", windows_1258(text))
    response = _import(login(center_director), literacy, upload)
    assert response.status_code == 302
    assert list(literacy.learners.values_list("full_name", "gender", "residential_group")) == [
        ("Nguyễn Thị Hoà", Gender.FEMALE, "Tổ 1")
    ]


def test_one_bad_row_imports_nothing_and_names_each_problem(login, center_director, literacy):
    rows = [
        HEADER,
        GOOD_ROWS[0],
        ["Trần Văn Minh", "năm 75", "Nam", "", "Tổ 5"],
        GOOD_ROWS[2],
        ["", 1991, "X", "hmm", ""],
    ]
    response = _import(login(center_director), literacy, xlsx_file(rows))
    assert response.status_code == 200
    assert response.context["problems"] == [
        f"Dòng 3, cột B (Năm sinh): “năm 75” không phải là năm sinh trong khoảng 1900 đến {timezone.localdate().year}.",
        "Dòng 5, cột A (Họ và tên): thiếu họ và tên.",
        "Dòng 5, cột C (Giới tính (Nam/Nữ)): hãy ghi Nam hoặc Nữ, không ghi “X”.",
        "Dòng 5, cột D (Dân tộc thiểu số (Có/Không)): hãy ghi Có hoặc Không, không ghi “hmm”.",
    ]
    assert "Dòng 3, cột B (Năm sinh)" in response.content.decode()
    assert not Learner.objects.exists()


def test_a_file_without_the_header_row_imports_nothing(login, center_director, literacy):
    response = _import(login(center_director), literacy, xlsx_file(GOOD_ROWS))
    assert response.context["problems"] == ["Dòng 1 phải là dòng tiêu đề của mẫu (Họ và tên, …)."]
    assert not Learner.objects.exists()


def test_a_file_that_is_no_spreadsheet_is_refused(login, center_director, literacy):
    response = _import(
        login(center_director), literacy, SimpleUploadedFile("danh-sach.xlsx", b"%PDF-1.4 not a sheet")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Learner.objects.exists()


def test_a_talk_recorded_as_counts_takes_no_class_list(login, center, center_director):
    talk = health_talk(center, center_director)
    response = _import(login(center_director), talk, xlsx_file([HEADER, GOOD_ROWS[0]]))
    assert response.context["problems"] == [
        "Hoạt động này ghi nhận số lượng người tham dự: không có danh sách người học."
    ]
    assert not Learner.objects.exists()


def test_the_template_has_the_header_row_and_imports_as_it_is(login, center_director, literacy):
    client = login(center_director)
    response = client.get(reverse("centers:class_list_template"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    response = _import(client, literacy, SimpleUploadedFile("mau.xlsx", response.content))
    assert response.status_code == 302
    assert literacy.learners.count() == 1
