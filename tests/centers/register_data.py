"""Building literacy registers for tests: known people, files in the template's and the PCGD-XMC's layout."""

import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from centers.models import LiteracyLevel, RegisterImport, RegisterPerson, RegisterSource
from wards.text import strip_diacritics

AS_OF = datetime.date(2018, 9, 30)
TEMPLATE_HEADER = [
    "Mã",
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Dân tộc thiểu số",
    "Tổ dân phố / Khu phố",
    "Trình độ",
    "Lớp đang học",
]


def register_import(ward, user, **fields) -> RegisterImport:
    return RegisterImport.objects.create(
        ward=ward,
        source=fields.pop("source", RegisterSource.PCGD_XMC),
        as_of=fields.pop("as_of", AS_OF),
        file_name=fields.pop("file_name", "pcgd.xlsx"),
        rows=fields.pop("rows", 0),
        imported_by=user,
    )


def add_people(ward, record, people, *, in_register=True) -> list[RegisterPerson]:
    """``people``: (birth year, level) pairs, or dicts of fields; created at once (no history)."""
    rows = []
    for index, person in enumerate(people):
        if isinstance(person, tuple):
            person = {"birth_year": person[0], "level": person[1]}
        name = person.get("full_name", f"Người thứ {index + 1}")
        rows.append(
            RegisterPerson(
                ward=ward,
                last_import=record,
                full_name=name,
                search_name=strip_diacritics(name),
                gender=person.get("gender", "F"),
                residential_group=person.get("residential_group", "Tổ 1"),
                in_register=person.get("in_register", in_register),
                **{key: person[key] for key in ("birth_year", "level")},
            )
        )
    return RegisterPerson.objects.bulk_create(rows)


L0, L1, L2 = LiteracyLevel.NONE, LiteracyLevel.LEVEL_1, LiteracyLevel.LEVEL_2


def xlsx_file(rows, *, header=TEMPLATE_HEADER, above=(), name="so-xmc.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def csv_file(
    rows, *, header=TEMPLATE_HEADER, bom=True, delimiter=",", name="so-xmc.csv"
) -> SimpleUploadedFile:
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, output.getvalue().encode("utf-8-sig" if bom else "utf-8"))


# Three people as the ward's template lists them.
TEMPLATE_ROWS = [
    ["HS001", "Nguyễn Văn An", 1990, "Nam", "Không", "Tổ 3", "Mức độ 2", ""],
    ["HS002", "Trần Thị Bình", 1975, "Nữ", "Có", "Tổ 5", "Mức độ 1", "Lớp sau biết chữ"],
    ["", "Lê Thị Cúc", 2001, "nữ", "", "Tổ 5", "Chưa biết chữ", "Lớp xóa mù chữ"],
]
