import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment, AssessmentState, InspectionResult
from tests.factories import DistrictFactory, UserFactory, WardFactory
from wards.models import Role

# Placeholder maxima of the seeded Circular 44: 7 for criteria 1–10, 6 for 11–15.
MAXIMA = [7] * 10 + [6] * 5


@pytest.fixture
def fifteen_wards(db, promotion_association):
    district = DistrictFactory()
    return [WardFactory(district=district, code=f"P{n:02d}", name=f"Phường {n}") for n in range(1, 16)]


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", roles=[Role.SYSTEM_ADMIN])


def lose(ward_index: int, year: int) -> Decimal:
    """Points a ward loses in a year, so totals differ: 0, 0.5, …, 57 (crossing every grade)."""
    return Decimal(ward_index) * 4 + Decimal(year - 2015) * Decimal("0.5")


def rows_for(wards, years):
    """One row per ward, year and criterion; criterion 1 absorbs the ward's loss (floor at 0)."""
    rows, expected = [], {}
    for year in years:
        for index, ward in enumerate(wards):
            loss = lose(index, year)
            points = [Decimal(m) for m in MAXIMA]
            for i in range(15):
                taken = min(points[i], loss)
                points[i] -= taken
                loss -= taken
            expected[(year, ward.code)] = sum(points)
            rows += [[year, ward.code, n, f"{p}"] for n, p in enumerate(points, start=1)]
    return rows, expected


def write_csv(path, rows, header=("year", "ward_code", "criterion", "points")):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def grade(total: Decimal) -> str:
    return "Tốt" if total >= 85 else "Khá" if total >= 70 else "Trung bình" if total >= 50 else "Chưa đạt"


def test_import_fifteen_wards_three_years_then_export_prints_totals_and_classes(
    tmp_path, fifteen_wards, admin_user
):
    rows, expected = rows_for(fifteen_wards, [2015, 2016, 2017])
    call_command("import_results", str(write_csv(tmp_path / "kq.csv", rows)), stdout=io.StringIO())
    assert InspectionResult.objects.filter(imported=True).count() == 45
    assert set(Assessment.objects.values_list("state", flat=True)) == {AssessmentState.PUBLISHED}
    out = io.StringIO()
    call_command("export_results", "--year", "2016", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "ward_code,ward_name,total,classification"
    assert lines[1:] == [
        f"{ward.code},{ward.name},{expected[(2016, ward.code)]:.1f},{grade(expected[(2016, ward.code)])}"
        for ward in fifteen_wards
    ]
    assert {grade(t) for t in expected.values()} == {"Tốt", "Khá", "Trung bình", "Chưa đạt"}


def test_export_writes_a_name_that_looks_like_a_formula_as_text(tmp_path, fifteen_wards, admin_user):
    ward = fifteen_wards[0]
    rows, expected = rows_for([ward], [2016])
    call_command("import_results", str(write_csv(tmp_path / "kq.csv", rows)), stdout=io.StringIO())
    ward.name = '=HYPERLINK("http://x.invalid")'
    ward.save()
    out = io.StringIO()

    call_command("export_results", "--year", "2016", stdout=out)

    assert list(csv.reader(io.StringIO(out.getvalue())))[1] == [
        "P01",
        '\'=HYPERLINK("http://x.invalid")',
        f"{expected[(2016, 'P01')]:.1f}",
        "Tốt",
    ]


def test_import_with_one_bad_row_imports_nothing_and_names_the_line(tmp_path, fifteen_wards, admin_user):
    rows, _expected = rows_for(fifteen_wards[:2], [2017])
    rows[20][3] = "7.25"  # line 22 of the file: not a half-point step
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_results", str(write_csv(tmp_path / "kq.csv", rows)), stdout=io.StringIO(), stderr=err
        )
    assert "Dòng 22:" in err.getvalue()
    assert not InspectionResult.objects.exists()
    assert not Assessment.objects.exists()


def test_import_refuses_unknown_ward_and_points_above_the_maximum(tmp_path, fifteen_wards, admin_user):
    rows, _expected = rows_for(fifteen_wards[:1], [2017])
    rows[0][3] = "7.5"
    rows.append([2017, "P99", 1, "5"])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_results", str(write_csv(tmp_path / "kq.csv", rows)), stdout=io.StringIO(), stderr=err
        )
    assert err.getvalue().splitlines()[:2] == [
        "Dòng 2: Tiêu chí 1: điểm phải từ 0 đến 7,0.",
        "Dòng 17: không đọc được dòng hoặc mã phường không tồn tại.",
    ]


def test_import_keeps_decision_number_and_date(tmp_path, fifteen_wards, admin_user):
    rows, _expected = rows_for(fifteen_wards[:1], [2017])
    rows = [row + ["125/QĐ-UBND", "15/12/2017"] for row in rows]
    header = ("year", "ward_code", "criterion", "points", "decision_number", "decision_date")
    call_command("import_results", str(write_csv(tmp_path / "kq.csv", rows, header)), stdout=io.StringIO())
    decision = Assessment.objects.get().decisions.get()
    assert (decision.number, decision.issued_on.isoformat()) == ("125/QĐ-UBND", "2017-12-15")


def test_importing_the_same_year_twice_is_refused(tmp_path, fifteen_wards, admin_user):
    rows, _expected = rows_for(fifteen_wards[:1], [2017])
    path = write_csv(tmp_path / "kq.csv", rows)
    call_command("import_results", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import_results", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert InspectionResult.objects.count() == 1
