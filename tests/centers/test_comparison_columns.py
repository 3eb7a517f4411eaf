"""The district comparison beside the activity figures: literacy, learning families, the approved rating."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from centers.learning import record_learning_models
from centers.rating import record_rating_scores, start_rating
from centers.rating_workflow import RATING_WORKFLOW
from tests.centers.register_data import add_people, register_import


def _approved_rating(center, scorer, approver, points_each):
    rating = start_rating(center, 2018, scorer)
    record_rating_scores(
        rating, scorer, {area.pk: (points_each(area), "") for area in rating.rubric.areas.all()}
    )
    RATING_WORKFLOW.perform(rating, "submit", scorer)
    RATING_WORKFLOW.perform(rating, "approve", approver)
    return rating


def test_each_centre_shows_its_literacy_families_and_approved_rating(
    login, center, other_center, ward_officer, center_director, promotion_staff, education_staff
):
    # 15–35: 9 of 10 at level 1 (meets); 15–60: 8 of 11 at level 2 (72,72 %: below).
    add_people(
        center.ward,
        register_import(center.ward, ward_officer),
        [(1990, "level_2")] * 8 + [(1995, "level_1"), (2000, "none"), (1960, "level_1")],
    )
    record_learning_models(center.ward, 2018, center_director, {"family": (200, 150, 140)})
    rating = _approved_rating(center, promotion_staff, education_staff, lambda area: area.max_points)
    start_rating(other_center, 2018, promotion_staff)  # a draft: not shown

    response = login(education_staff).get(reverse("centers:list") + "?year=2018")
    first, second = response.context["rows"]
    assert [status.percent for status in first.literacy] == [Decimal(90), Decimal("72.72")]
    assert [status.meets for status in first.literacy] == [True, False]
    assert (first.learning_families, first.rating) == (70, rating)
    assert (second.literacy, second.learning_families, second.rating) == ([], None, None)
    page = response.content.decode()
    assert "90,00 %" in page and "72,72 %" in page and "70,00 %" in page and "chưa có sổ" in page

    export = login(education_staff).get(reverse("centers:comparison_export") + "?year=2018")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][8:] == (90, 72.72, 70, "Tốt")
    assert rows[2][8:] == (None, None, None, None)
