"""The literacy rules (Decree 20/2014): ages by year of birth, the 90 % boundary, standards as data."""

import datetime
from decimal import Decimal

from centers.literacy import age_in_year, literacy_status, standard_for
from centers.models import LiteracyStandard
from centers.percentages import percent
from tests.centers.register_data import L0, L1, L2, add_people, register_import

YEAR = 2018


def _status(ward, year=YEAR):
    status = literacy_status(ward, year)
    return {row.standard.level: (row.people, row.reached, row.percent, row.meets) for row in status.standards}


def test_age_is_counted_by_year_of_birth():
    # Born in 2003: 15 for the whole of 2018, whatever the birthday; born in 1957: 61, out of 15–60.
    assert (age_in_year(2003, 2018), age_in_year(1957, 2018), age_in_year(1958, 2018)) == (15, 61, 60)


def test_percent_is_rounded_down_and_unknown_without_people():
    assert (percent(9, 10), percent(8, 9), percent(2, 3), percent(0, 0)) == (
        Decimal("90.00"),
        Decimal("88.88"),
        Decimal("66.66"),
        None,
    )


def test_exactly_ninety_percent_meets_both_levels(ward, ward_officer):
    record = register_import(ward, ward_officer)
    # 10 people aged 15–35: 9 at level 2 (level 2 reaches level 1 too), 1 not literate.
    add_people(ward, record, [(1990, L2)] * 9 + [(1990, L0)])
    assert _status(ward) == {
        "level_1": (10, 9, Decimal("90.00"), True),
        "level_2": (10, 9, Decimal("90.00"), True),
    }


def test_just_below_ninety_percent_does_not_meet(ward, ward_officer):
    record = register_import(ward, ward_officer)
    # Level 1: 8 of 9 aged 15–35 (88,88 %). Level 2: 8 of 9 aged 15–60 once a level-1 person counts only for level 1.
    add_people(ward, record, [(1995, L2)] * 7 + [(1995, L1), (1995, L0)])
    assert _status(ward) == {
        "level_1": (9, 8, Decimal("88.88"), False),
        "level_2": (9, 7, Decimal("77.77"), False),
    }


def test_a_share_a_hair_below_ninety_is_shown_and_judged_below(ward, ward_officer):
    record = register_import(ward, ward_officer)
    # 1 808 of 2 009 is 89.995 %: rounded half-up it would read 90,00 % yet not meet; rounded down it reads 89,99 %.
    add_people(ward, record, [(1990, L2)] * 1808 + [(1990, L0)] * 201)
    assert _status(ward)["level_1"] == (2009, 1808, Decimal("89.99"), False)


def test_people_turning_15_count_and_people_turning_36_or_61_do_not(ward, ward_officer):
    record = register_import(ward, ward_officer)
    add_people(
        ward,
        record,
        [
            (2003, L0),  # turns 15 in 2018: in both bands, not literate
            (2004, L0),  # turns 14: in neither
            (1983, L1),  # turns 35: in both bands, level 1
            (1982, L0),  # turns 36: only in 15–60
            (1958, L2),  # turns 60: in 15–60
            (1957, L0),  # turns 61: in neither
        ],
    )
    assert _status(ward) == {
        "level_1": (2, 1, Decimal("50.00"), False),
        "level_2": (4, 1, Decimal("25.00"), False),
    }
    # A year later the one born in 2004 turns 15, the one born in 1983 36 and the one born in 1958 61.
    assert _status(ward, 2019) == {
        "level_1": (2, 0, Decimal("0.00"), False),
        "level_2": (4, 0, Decimal("0.00"), False),
    }


def test_only_people_still_in_the_register_and_of_the_ward_count(ward, other_ward, ward_officer):
    record = register_import(ward, ward_officer)
    add_people(ward, record, [(1990, L2)] * 9)
    add_people(ward, record, [(1990, L0)] * 5, in_register=False)
    add_people(other_ward, register_import(other_ward, ward_officer), [(1990, L0)] * 5)
    status = literacy_status(ward, YEAR)
    assert (_status(ward)["level_1"], status.in_register) == ((9, 9, Decimal("100.00"), True), 9)


def test_nobody_of_that_age_gives_no_verdict_and_no_register_no_import(ward, ward_officer):
    status = literacy_status(ward, YEAR)
    assert (_status(ward), status.last_import, status.has_register) == (
        {"level_1": (0, 0, None, None), "level_2": (0, 0, None, None)},
        None,
        False,
    )


def test_thresholds_and_age_bands_are_data_from_a_year_on(ward, ward_officer):
    record = register_import(ward, ward_officer)
    add_people(ward, record, [(1990, L2)] * 9 + [(1990, L0)])
    LiteracyStandard.objects.create(
        level="level_1", name="Mức độ 1 (mới)", min_age=15, max_age=40, threshold_percent=95, valid_from=2018
    )
    assert (
        standard_for("level_1", 2017).threshold_percent,
        standard_for("level_1", 2018).threshold_percent,
    ) == (
        Decimal("90.00"),
        Decimal("95.00"),
    )
    assert (_status(ward, 2017)["level_1"], _status(ward, 2018)["level_1"]) == (
        (10, 9, Decimal("90.00"), True),
        (10, 9, Decimal("90.00"), False),
    )
    assert standard_for("level_1", 2013) is None


def test_the_status_says_when_the_register_was_last_refreshed(ward, ward_officer):
    register_import(ward, ward_officer, as_of=datetime.date(2017, 9, 30), file_name="cu.xlsx")
    latest = register_import(ward, ward_officer, file_name="moi.xlsx")
    assert literacy_status(ward, YEAR).last_import == latest


def test_the_status_takes_three_queries_whatever_the_register(ward, ward_officer, django_assert_num_queries):
    record = register_import(ward, ward_officer)
    add_people(ward, record, [(1990, L2)] * 300)
    # 1 the standards in force, 2 one aggregate over the register, 3 the latest import with its author.
    with django_assert_num_queries(3):
        literacy_status(ward, YEAR)
