"""Importing a ward's literacy register: from the template (XLSX, CSV), from a PCGD-XMC export,
from plain rows (the seeder's path); all or nothing; re-imports keep each person's history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from centers.models import LiteracyChange, RegisterImport, RegisterPerson, RegisterSource
from centers.register_import import import_register, import_register_rows
from tests.centers.register_data import AS_OF, TEMPLATE_ROWS, csv_file, xlsx_file
from tests.helpers import EXE_BYTES, vi_text

PCGD = RegisterSource.PCGD_XMC
WARD_SHEET = RegisterSource.WARD_SPREADSHEET


def _people(ward):
    return [
        (
            person.person_code,
            person.full_name,
            person.birth_year,
            person.gender,
            person.ethnic_minority,
            person.residential_group,
            person.level,
            person.current_class,
            person.in_register,
        )
        for person in RegisterPerson.objects.filter(ward=ward).order_by("search_name", "pk")
    ]


TEMPLATE_PEOPLE = [
    ("", "Lê Thị Cúc", 2001, "F", False, "Tổ 5", "none", "Lớp xóa mù chữ", True),
    ("HS001", "Nguyễn Văn An", 1990, "M", False, "Tổ 3", "level_2", "", True),
    ("HS002", "Trần Thị Bình", 1975, "F", True, "Tổ 5", "level_1", "Lớp sau biết chữ", True),
]


def _problems(error: ValidationError) -> list[str]:
    return error.messages


@pytest.mark.parametrize(
    "make_file",
    [
        lambda: xlsx_file(TEMPLATE_ROWS),
        lambda: csv_file(TEMPLATE_ROWS, bom=True),
        lambda: csv_file(TEMPLATE_ROWS, bom=False, delimiter=";"),
    ],
    ids=["xlsx", "csv-utf8-bom", "csv-utf8-semicolon"],
)
def test_a_valid_file_imports_every_row(make_file, ward, ward_officer):
    upload = make_file()
    record = import_register(ward, ward_officer, upload, source=WARD_SHEET, as_of=AS_OF)
    assert _people(ward) == TEMPLATE_PEOPLE
    assert (record.ward, record.source, record.as_of, record.file_name, record.rows, record.imported_by) == (
        ward,
        WARD_SHEET,
        AS_OF,
        upload.name,
        3,
        ward_officer,
    )
    assert sorted(LiteracyChange.objects.values_list("person__full_name", "from_level", "to_level")) == [
        ("Lê Thị Cúc", "", "none"),
        ("Nguyễn Văn An", "", "level_2"),
        ("Trần Thị Bình", "", "level_1"),
    ]
    assert (record.summary.rows, record.summary.added, record.summary.changed, record.summary.left) == (
        3,
        3,
        0,
        0,
    )


def test_a_pcgd_export_with_a_title_its_own_headers_and_columns_in_its_order_imports(ward, center_staff):
    header = [
        "STT",
        "Tổ dân phố",
        "HỌ VÀ TÊN",
        "Ngày, tháng, năm sinh",
        "Dân tộc",
        "Giới tính",
        "Trình độ",
        "Ghi chú",
    ]
    rows = [
        [1, "Khu phố 2", "Hà Văn Dũng", datetime.datetime(1986, 4, 12), "Tày", "Nam", "MĐ1", "chuyển đến"],
        [2, "Khu phố 2", "Phạm Thị Em", "03/11/1999", "Kinh", "NỮ", "muc do 2", ""],
    ]
    above = [["PHIẾU ĐIỀU TRA PCGD-XMC – PHƯỜNG 1"], []]
    import_register(ward, center_staff, xlsx_file(rows, header=header, above=above), source=PCGD, as_of=AS_OF)
    assert _people(ward) == [
        ("", "Hà Văn Dũng", 1986, "M", True, "Khu phố 2", "level_1", "", True),
        ("", "Phạm Thị Em", 1999, "F", False, "Khu phố 2", "level_2", "", True),
    ]


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(ward, ward_officer):
    rows = [*TEMPLATE_ROWS, ["HS004", "Đỗ Văn Giang", "19x0", "Nam", "Không", "Tổ 1", "Mức độ 2", ""]]
    with pytest.raises(ValidationError) as caught:
        import_register(ward, ward_officer, xlsx_file(rows), source=PCGD, as_of=AS_OF)
    assert _problems(caught.value) == [
        vi_text(
            "Row %(row)s, column %(column)s: %(problem)s",
            row=5,
            column="“Năm sinh” (C)",
            problem=vi_text(
                "“%(value)s” is not a year of birth between %(first)s and %(last)s.",
                value="19x0",
                first=1900,
                last=2018,
            ),
        )
    ]
    assert (
        RegisterPerson.objects.count(),
        RegisterImport.objects.count(),
        LiteracyChange.objects.count(),
    ) == (0, 0, 0)


def test_every_problem_of_every_row_is_listed_in_vietnamese(ward, ward_officer):
    rows = [
        ["HS001", "", 1990, "Nam", "Không", "Tổ 3", "Mức độ 2", ""],
        ["HS002", "Trần Thị Bình", 1975, "Bà", "Có", "Tổ 5", "Mức độ 3", ""],
        ["HS002", "Trần Văn Bảo", 1980, "Nam", "Có lẽ", "Tổ 5", "Mức độ 1", ""],
    ]
    with pytest.raises(ValidationError) as caught:
        import_register(ward, ward_officer, csv_file(rows), source=PCGD, as_of=AS_OF)
    assert _problems(caught.value) == [
        "Dòng 2, cột “Họ và tên”: ô này đang trống.",
        "Dòng 3, cột “Giới tính”: “Bà” không phải là giới tính; hãy ghi Nam hoặc Nữ.",
        "Dòng 3, cột “Trình độ”: “Mức độ 3” không phải là mức độ biết chữ; hãy ghi Chưa biết chữ, Mức độ 1 hoặc Mức độ 2.",
        "Dòng 4, cột “Dân tộc thiểu số”: “Có lẽ” không phải là câu trả lời; hãy ghi Có hoặc Không.",
    ]
    assert RegisterPerson.objects.count() == 0


def test_the_same_person_twice_in_a_file_is_refused(ward, ward_officer):
    rows = [
        ["HS001", "Nguyễn Văn An", 1990, "Nam", "Không", "Tổ 3", "Mức độ 2", ""],
        ["HS001", "Nguyễn Văn Anh", 1991, "Nam", "Không", "Tổ 3", "Mức độ 2", ""],
        ["", "Lê Thị Cúc", 2001, "Nữ", "Không", "Tổ 5", "Mức độ 1", ""],
        ["", "LE THI CUC", 2001, "Nữ", "Không", "tổ 5", "Mức độ 1", ""],
    ]
    with pytest.raises(ValidationError) as caught:
        import_register(ward, ward_officer, xlsx_file(rows), source=PCGD, as_of=AS_OF)
    assert _problems(caught.value) == [
        "Dòng 3, cột “Mã” (A): mã HS001 đã có ở dòng 2.",
        "Dòng 5, cột “Họ và tên” (B): cùng một người (họ tên, năm sinh, tổ dân phố) đã có ở dòng 4.",
    ]


def test_missing_columns_are_named(ward, ward_officer):
    with pytest.raises(ValidationError) as caught:
        import_register(
            ward,
            ward_officer,
            xlsx_file([["An", 1990]], header=["Họ tên", "Năm sinh"]),
            source=PCGD,
            as_of=AS_OF,
        )
    assert _problems(caught.value) == ["Thiếu các cột: Giới tính, Trình độ, Dân tộc thiểu số / Dân tộc."]


def test_a_file_without_a_name_column_or_without_people_is_refused(ward, ward_officer):
    with pytest.raises(ValidationError) as no_header:
        import_register(ward, ward_officer, xlsx_file([], header=["A", "B"]), source=PCGD, as_of=AS_OF)
    with pytest.raises(ValidationError) as no_people:
        import_register(ward, ward_officer, xlsx_file([]), source=PCGD, as_of=AS_OF)
    assert (_problems(no_header.value), _problems(no_people.value)) == (
        ["Không tìm thấy dòng tiêu đề có cột “Họ và tên” trong 15 dòng đầu."],
        ["Tệp không có dòng nào về người trong sổ."],
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "so.csv",
            b"Ho va ten;Nam sinh\nTr\xe2n;1990",  # Latin-1, as an old program saves it
            "so.csv: tệp không phải văn bản UTF-8; hãy lưu dưới dạng “CSV UTF-8”.",
        ),
        ("so.txt", b"Ho va ten,Nam sinh\n", "so.txt: hãy tải lên tệp XLSX hoặc CSV."),
        (
            "so.xlsx",
            EXE_BYTES,
            vi_text(
                "%(name)s: this kind of file is not accepted; upload a file of one of these kinds: %(kinds)s.",
                name="so.xlsx",
                kinds="XLSX",
            ),
        ),
        ("so.csv", b"", vi_text("%(name)s: the file is empty.", name="so.csv")),
    ],
    ids=["csv-not-utf8", "txt", "exe-as-xlsx", "empty"],
)
def test_files_that_are_not_a_utf8_csv_or_an_xlsx_are_refused(name, content, message, ward, ward_officer):
    with pytest.raises(ValidationError) as caught:
        import_register(ward, ward_officer, SimpleUploadedFile(name, content), source=PCGD, as_of=AS_OF)
    assert _problems(caught.value) == [message]
    assert RegisterImport.objects.count() == 0


def test_a_re_import_records_level_changes_and_marks_absent_people(ward, ward_officer):
    first = import_register(ward, ward_officer, xlsx_file(TEMPLATE_ROWS), source=PCGD, as_of=AS_OF)
    later = datetime.date(2018, 12, 31)
    rows = [
        # Matched on the code, though the name is now typed in capitals: level 1 → level 2.
        ["HS002", "TRẦN THỊ BÌNH", 1975, "Nữ", "Có", "Tổ 5", "Mức độ 2", ""],
        # Matched on name, year and group without a code; the code is recorded: none → level 1.
        ["HS003", "Le Thi Cuc", 2001, "Nữ", "Không", "tổ 5", "Mức độ 1", ""],
        # New.
        ["HS004", "Đỗ Văn Giang", 1980, "Nam", "Không", "Tổ 1", "Mức độ 2", ""],
        # Nguyễn Văn An (HS001) is no longer listed.
    ]
    second = import_register(ward, ward_officer, csv_file(rows), source=PCGD, as_of=later)
    assert _people(ward) == [
        ("HS004", "Đỗ Văn Giang", 1980, "M", False, "Tổ 1", "level_2", "", True),
        ("HS003", "Le Thi Cuc", 2001, "F", False, "tổ 5", "level_1", "", True),
        ("HS001", "Nguyễn Văn An", 1990, "M", False, "Tổ 3", "level_2", "", False),
        ("HS002", "TRẦN THỊ BÌNH", 1975, "F", True, "Tổ 5", "level_2", "", True),
    ]
    assert sorted(second.changes.values_list("person__person_code", "from_level", "to_level")) == [
        ("HS002", "level_1", "level_2"),
        ("HS003", "none", "level_1"),
        ("HS004", "", "level_2"),
    ]
    assert (second.summary.added, second.summary.changed, second.summary.left) == (1, 2, 1)
    assert RegisterPerson.objects.get(person_code="HS001").last_import == first
    # Listed again later: back in the register, with its history intact.
    import_register(ward, ward_officer, xlsx_file(TEMPLATE_ROWS[:1]), source=PCGD, as_of=later)
    an = RegisterPerson.objects.get(person_code="HS001")
    assert (an.in_register, list(an.changes.values_list("to_level", flat=True))) == (True, ["level_2"])


def test_import_register_rows_takes_plain_values_and_checks_them_the_same_way(ward, center_director):
    rows = [
        {
            "full_name": "Nguyễn Văn An",
            "birth_year": 1990,
            "gender": "M",
            "ethnic_minority": False,
            "level": "level_2",
        },
        {
            "full_name": "Hà Thị Lan",
            "birth_year": 1985,
            "gender": "Nữ",
            "ethnicity": "Tày",
            "level": "Mức độ 1",
            "residential_group": "Tổ 2",
            "current_class": "Lớp sau biết chữ",
            "person_code": "X9",
        },
    ]
    import_register_rows(ward, center_director, rows, source=WARD_SHEET, as_of=AS_OF, file_name="seed")
    assert _people(ward) == [
        ("X9", "Hà Thị Lan", 1985, "F", True, "Tổ 2", "level_1", "Lớp sau biết chữ", True),
        ("", "Nguyễn Văn An", 1990, "M", False, "", "level_2", "", True),
    ]
    with pytest.raises(ValidationError) as caught:
        import_register_rows(
            ward, center_director, [{**rows[0], "birth_year": 2030}], source=WARD_SHEET, as_of=AS_OF
        )
    assert _problems(caught.value) == [
        "Dòng 1, cột “Năm sinh”: “2030” không phải là năm sinh trong khoảng 1900 đến 2018."
    ]


def test_only_those_who_keep_the_wards_records_may_import(
    ward, other_ward_officer, education_staff, steering_member
):
    for user in (other_ward_officer, education_staff, steering_member):
        with pytest.raises(PermissionDenied):
            import_register(ward, user, xlsx_file(TEMPLATE_ROWS), source=PCGD, as_of=AS_OF)
    assert RegisterPerson.objects.count() == 0


def test_data_as_of_a_future_day_are_refused(ward, ward_officer):
    with pytest.raises(ValidationError) as caught:
        import_register(
            ward,
            ward_officer,
            xlsx_file(TEMPLATE_ROWS),
            source=PCGD,
            as_of=datetime.date.today() + datetime.timedelta(days=2),
        )
    assert caught.value.message_dict == {"as_of": [vi_text("The data cannot be as of a day in the future.")]}


def test_the_same_file_twice_changes_nothing_but_the_date_of_the_refresh(ward, ward_officer):
    import_register(ward, ward_officer, xlsx_file(TEMPLATE_ROWS), source=PCGD, as_of=AS_OF)
    again = import_register(ward, ward_officer, xlsx_file(TEMPLATE_ROWS), source=PCGD, as_of=AS_OF)
    assert (again.summary.added, again.summary.changed, again.summary.left, again.changes.count()) == (
        0,
        0,
        0,
        0,
    )
    assert _people(ward) == TEMPLATE_PEOPLE
    assert set(RegisterPerson.objects.values_list("last_import", flat=True)) == {again.pk}
