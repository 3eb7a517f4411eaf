"""Points, maxima and classification (assessments.scoring) on the seeded Circular 44 framework."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from assessments.models import Criterion
from assessments.scoring import classify, maxima_problem, validate_points
from tests.helpers import scheme_post


def test_seeded_circular_44_has_15_criteria_summing_to_100_and_4_unconfirmed_grades(circular_44):
    criteria = list(circular_44.criteria.order_by("number"))
    assert [criterion.number for criterion in criteria] == list(range(1, 16))
    assert sum(criterion.max_points for criterion in criteria) == Decimal(100)
    assert [(band.label_vi, band.min_points) for band in circular_44.bands.order_by("-min_points")] == [
        ("Tốt", Decimal(85)),
        ("Khá", Decimal(70)),
        ("Trung bình", Decimal(50)),
        ("Chưa đạt", Decimal(0)),
    ]
    assert circular_44.scheme_confirmed is False
    assert circular_44.total_points == Decimal(100)


@pytest.mark.parametrize(
    ("total", "label"),
    [
        ("100", "Tốt"),
        ("94.5", "Tốt"),
        ("85", "Tốt"),
        ("84.5", "Khá"),
        ("70", "Khá"),
        ("69.5", "Trung bình"),
        ("50", "Trung bình"),
        ("49.5", "Chưa đạt"),
        ("0", "Chưa đạt"),
    ],
)
def test_classify_default_thresholds_at_the_boundaries(circular_44, total, label):
    assert classify(circular_44, Decimal(total)).label_vi == label


def test_classify_follows_thresholds_changed_by_the_administrator(circular_44, login, system_admin):
    assert classify(circular_44, Decimal("87.5")).label_vi == "Tốt"

    response = login(system_admin).post(
        reverse("assessments:framework_edit", args=[circular_44.pk]),
        scheme_post(circular_44, minimums=["90", "70", "50", "0"]),
    )

    assert response.status_code == 302
    circular_44.refresh_from_db()
    assert classify(circular_44, Decimal("87.5")).label_vi == "Khá"
    assert classify(circular_44, Decimal("90")).label_vi == "Tốt"
    assert classify(circular_44, Decimal("89.5")).label_vi == "Khá"


@pytest.fixture
def criterion(circular_44):
    return circular_44.criteria.get(number=1)


@pytest.mark.parametrize("points", ["0", "3.5", "7"])
def test_validate_points_accepts_half_points_from_0_to_the_maximum(criterion, points):
    assert criterion.max_points == Decimal(7)
    validate_points(criterion, Decimal(points))  # does not raise


@pytest.mark.parametrize(
    ("points", "code"), [("-0.5", "out_of_range"), ("7.5", "out_of_range"), ("2.25", "not_half_point")]
)
def test_validate_points_refuses_out_of_range_and_quarter_points(criterion, points, code):
    with pytest.raises(ValidationError) as raised:
        validate_points(criterion, Decimal(points))
    assert raised.value.code == code


def test_validate_points_uses_the_criterion_maximum():
    criterion = Criterion(number=3, max_points=Decimal("6.5"))
    validate_points(criterion, Decimal("6.5"))
    with pytest.raises(ValidationError):
        validate_points(criterion, Decimal(7))


def test_maxima_problem_none_when_the_maxima_add_up_to_the_total():
    assert maxima_problem([Decimal(7)] * 10 + [Decimal(6)] * 5, Decimal(100)) is None
    assert maxima_problem([Decimal("50.5"), Decimal("49.5")], Decimal(100)) is None


def test_maxima_problem_names_the_expected_and_actual_sums():
    with translation.override("en"):
        problem = maxima_problem([Decimal(7)] * 10 + [Decimal(6)] * 4 + [Decimal("5.5")], Decimal(100))
    assert problem == "The maximum points must add up to 100; they add up to 99.5."
