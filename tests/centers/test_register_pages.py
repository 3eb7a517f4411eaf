"""The register's pages for those who may see names: list, search, filters, person, export, import, template."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from centers.models import RegisterPerson, RegisterSource
from centers.register_import import import_register_rows
from tests.centers.register_data import AS_OF, TEMPLATE_HEADER, TEMPLATE_ROWS, xlsx_file
from tests.factories import UserFactory
from tests.helpers import vi
from wards.models import Role

THIS_YEAR = datetime.date.today().year

PEOPLE = [
    {
        "person_code": "HS001",
        "full_name": "Nguyễn Văn An",
        "birth_year": THIS_YEAR - 28,
        "gender": "M",
        "ethnic_minority": False,
        "residential_group": "Tổ 3",
        "level": "level_2",
    },
    {
        "person_code": "HS002",
        "full_name": "Trần Thị Bình",
        "birth_year": THIS_YEAR - 45,
        "gender": "F",
        "ethnic_minority": True,
        "residential_group": "Tổ 5",
        "level": "level_1",
        "current_class": "Lớp sau biết chữ",
    },
    {
        "full_name": '=HYPERLINK("http://x")',
        "birth_year": THIS_YEAR - 70,
        "gender": "F",
        "ethnic_minority": False,
        "residential_group": "Tổ 5",
        "level": "none",
    },
]


@pytest.fixture
def register(ward, ward_officer):
    return import_register_rows(
        ward, ward_officer, PEOPLE, source=RegisterSource.PCGD_XMC, as_of=AS_OF, file_name="pcgd-p1.xlsx"
    )


def _names(response) -> list[str]:
    return [person.full_name for person in response.context["page"]]


def test_the_register_lists_people_and_says_how_fresh_it_is(login, center, ward_officer, register):
    response = login(ward_officer).get(reverse("centers:register", args=[center.pk]))
    content = response.content.decode()
    assert _names(response) == ['=HYPERLINK("http://x")', "Nguyễn Văn An", "Trần Thị Bình"]
    assert (
        vi(
            "Last refreshed on %(date)s with data as of %(as_of)s.",
            date=timezone.localtime(register.imported_at).strftime("%d/%m/%Y"),
            as_of="30/09/2018",
        )
        in content
    )
    assert "Phạm Thị Dung" in content  # imported by
    assert "pcgd-p1.xlsx" in content
    assert (
        vi(
            "The national PCGD-XMC information system is the master copy: literacy standards are recognised from "
            "its data. This register is a copy imported from it; correct the data there and import again."
        )
        in content
    )
    assert reverse("centers:register_import", args=[center.pk]) in content


def test_search_needs_no_diacritics_and_finds_codes(login, center, ward_officer, register):
    client = login(ward_officer)
    url = reverse("centers:register", args=[center.pk])
    assert _names(client.get(url, {"q": "nguyen van"})) == ["Nguyễn Văn An"]
    assert _names(client.get(url, {"q": "  TRAN   thi "})) == ["Trần Thị Bình"]
    assert _names(client.get(url, {"q": "hs002"})) == ["Trần Thị Bình"]
    assert _names(client.get(url, {"q": "Lê"})) == []


def test_filters_by_level_age_band_and_presence(login, center, ward_officer, register):
    client = login(ward_officer)
    url = reverse("centers:register", args=[center.pk])
    assert _names(client.get(url, {"level": "level_1"})) == ["Trần Thị Bình"]
    assert _names(client.get(url, {"age": "15-35"})) == ["Nguyễn Văn An"]
    assert _names(client.get(url, {"age": "15-60"})) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert _names(client.get(url, {"age": "over-60"})) == ['=HYPERLINK("http://x")']
    RegisterPerson.objects.filter(person_code="HS001").update(in_register=False)
    assert _names(client.get(url)) == ['=HYPERLINK("http://x")', "Trần Thị Bình"]
    assert _names(client.get(url, {"status": "left"})) == ["Nguyễn Văn An"]
    assert _names(client.get(url, {"status": "all", "age": "15-35"})) == ["Nguyễn Văn An"]
    # A value outside the choices shows nobody rather than everybody.
    assert _names(client.get(url, {"level": "level_9"})) == []


def test_the_register_is_paginated_by_fifty_and_keeps_the_filter(login, center, ward_officer, ward):
    rows = [{**PEOPLE[0], "person_code": "", "full_name": f"Nguyễn Văn {index:02d}"} for index in range(60)]
    import_register_rows(ward, ward_officer, rows, source=RegisterSource.PCGD_XMC, as_of=AS_OF)
    client = login(ward_officer)
    url = reverse("centers:register", args=[center.pk])
    first = client.get(url, {"q": "nguyen"})
    second = client.get(url, {"q": "nguyen", "page": 2})
    assert (len(_names(first)), _names(second)[:2], len(_names(second))) == (
        50,
        ["Nguyễn Văn 50", "Nguyễn Văn 51"],
        10,
    )
    assert "?q=nguyen&amp;page=2" in first.content.decode()
    # The export link carries the filter, not the page.
    assert (
        f'href="{reverse("centers:register_export", args=[center.pk])}?q=nguyen"' in second.content.decode()
    )


def test_the_register_page_takes_the_same_queries_for_1_and_60_people(login, center, ward_officer, ward):
    client = login(ward_officer)
    url = reverse("centers:register", args=[center.pk])
    import_register_rows(ward, ward_officer, PEOPLE[:1], source=RegisterSource.PCGD_XMC, as_of=AS_OF)
    client.get(url)  # the user's menu is cached from their first page on
    with CaptureQueriesContext(connection) as one:
        assert len(_names(client.get(url))) == 1
    rows = [{**PEOPLE[0], "person_code": "", "full_name": f"Người {index:02d}"} for index in range(60)]
    import_register_rows(ward, ward_officer, rows, source=RegisterSource.PCGD_XMC, as_of=AS_OF)
    with CaptureQueriesContext(connection) as sixty:
        assert len(_names(client.get(url))) == 50
    # user (the session and the menu come from the cache), centre, roles, count of the filtered people,
    # the latest import, the page of people.
    assert len(one) == len(sixty) == 6


def test_the_person_page_shows_the_history_of_levels(login, center, ward, ward_officer, register):
    an = RegisterPerson.objects.get(person_code="HS001")
    later = datetime.date(2018, 12, 31)
    import_register_rows(
        ward,
        ward_officer,
        [{**PEOPLE[0], "level": "level_1"}],
        source=RegisterSource.WARD_SPREADSHEET,
        as_of=later,
    )
    response = login(ward_officer).get(reverse("centers:register_person", args=[center.pk, an.pk]))
    content = response.content.decode()
    assert [
        (c.register_import.as_of, c.from_level, c.to_level) for c in response.context["person"].changes.all()
    ] == [
        (AS_OF, "", "level_2"),
        (later, "level_2", "level_1"),
    ]
    assert vi("First recorded: %(level)s", level=vi("Literacy level 2")) in content
    assert "Biết chữ mức độ 2 → Biết chữ mức độ 1" in content


def test_a_person_of_another_ward_is_not_found_through_this_centre(
    login, center, other_center, ward_officer, register
):
    an = RegisterPerson.objects.get(person_code="HS001")
    response = login(ward_officer).get(reverse("centers:register_person", args=[other_center.pk, an.pk]))
    assert response.status_code == 403  # the other ward's centre: not this officer's register
    other_officer = UserFactory(ward=other_center.ward, roles=[Role.WARD_OFFICER])
    response = login(other_officer).get(reverse("centers:register_person", args=[other_center.pk, an.pk]))
    assert response.status_code == 404


def test_the_export_is_the_filtered_list_with_text_kept_as_text(login, center, ward_officer, register):
    response = login(ward_officer).get(
        reverse("centers:register_export", args=[center.pk]), {"age": "over-60"}
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert response["Content-Disposition"].startswith('attachment; filename="so-theo-doi-xmc-P01-')
    assert rows == [
        [*TEMPLATE_HEADER, f"Tuổi (năm {THIS_YEAR})", "Có trong lần nhập gần nhất"],
        # Empty text cells read back as None.
        [
            None,
            '=HYPERLINK("http://x")',
            THIS_YEAR - 70,
            "Nữ",
            "Không",
            "Tổ 5",
            "Chưa biết chữ",
            None,
            70,
            "Có",
        ],
    ]
    assert (sheet["B2"].data_type, sheet["B2"].quotePrefix) == ("s", True)


def test_an_export_can_be_imported_again(login, center, ward, ward_officer, register):
    client = login(ward_officer)
    exported = b"".join(client.get(reverse("centers:register_export", args=[center.pk])).streaming_content)
    response = client.post(
        reverse("centers:register_import", args=[center.pk]),
        {
            "file": SimpleUploadedFile("export.xlsx", exported),
            "source": "ward_spreadsheet",
            "as_of": "31/12/2018",
        },
    )
    assert response.status_code == 302
    assert (RegisterPerson.objects.filter(ward=ward, in_register=True).count(), register.changes.count()) == (
        3,
        3,
    )


def test_the_template_has_the_columns_the_import_reads(login, center, ward_officer):
    response = login(ward_officer).get(reverse("centers:register_template", args=[center.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [cell.value for cell in workbook.worksheets[0][1]] == TEMPLATE_HEADER
    assert workbook.sheetnames == ["Sổ theo dõi XMC", "Hướng dẫn"]


def test_the_import_page_imports_a_file_and_says_what_changed(login, center, ward, center_staff):
    response = login(center_staff).post(
        reverse("centers:register_import", args=[center.pk]),
        {"file": xlsx_file(TEMPLATE_ROWS), "source": "pcgd_xmc", "as_of": "30/09/2018"},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("centers:register", args=[center.pk]), 302)]
    assert (
        vi(
            "The register has been refreshed: %(rows)s people in the file, %(added)s new, %(changed)s changes of "
            "level, %(left)s no longer listed.",
            rows=3,
            added=3,
            changed=0,
            left=0,
        )
        in response.content.decode()
    )
    assert RegisterPerson.objects.filter(ward=ward).count() == 3


def test_a_bad_file_imports_nothing_names_the_row_and_keeps_what_was_typed(login, center, ward, ward_officer):
    rows = [*TEMPLATE_ROWS, ["HS004", "Đỗ Văn Giang", 1980, "Nam", "Không", "Tổ 1", "Mức 3", ""]]
    response = login(ward_officer).post(
        reverse("centers:register_import", args=[center.pk]),
        {"file": xlsx_file(rows), "source": "ward_spreadsheet", "as_of": "30/09/2018"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        vi(
            "Row %(row)s, column %(column)s: %(problem)s",
            row=5,
            column="“Trình độ” (G)",
            problem="“Mức 3” không phải là mức độ biết chữ; hãy ghi Chưa biết chữ, Mức độ 1 hoặc Mức độ 2.",
        )
        in content
    )
    assert vi("Nothing has been changed. Please correct the file and upload it again.") in content
    assert 'value="30/09/2018"' in content
    assert '<option value="ward_spreadsheet" selected>' in content
    assert RegisterPerson.objects.count() == 0


def test_a_future_date_is_refused_on_its_field(login, center, ward_officer):
    future = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    response = login(ward_officer).post(
        reverse("centers:register_import", args=[center.pk]),
        {"file": xlsx_file(TEMPLATE_ROWS), "source": "pcgd_xmc", "as_of": future},
    )
    assert response.context["form"].errors == {
        "as_of": ["Số liệu không thể tính đến một ngày trong tương lai."]
    }


def test_the_centre_pages_literacy_panel_takes_the_same_queries_for_1_and_60_people(
    login, center, ward_officer, ward
):
    client = login(ward_officer)
    import_register_rows(ward, ward_officer, PEOPLE[:1], source=RegisterSource.PCGD_XMC, as_of=AS_OF)
    client.get(center.get_absolute_url())  # the user's menu is cached from their first page on
    with CaptureQueriesContext(connection) as one:
        client.get(center.get_absolute_url())
    rows = [{**PEOPLE[0], "person_code": "", "full_name": f"Người {index:02d}"} for index in range(60)]
    import_register_rows(ward, ward_officer, rows, source=RegisterSource.PCGD_XMC, as_of=AS_OF)
    with CaptureQueriesContext(connection) as sixty:
        response = client.get(center.get_absolute_url())
    assert response.context["register_panels"]["literacy"].in_register == 60
    assert len(one) == len(sixty)
