"""Helpers of the rating tests: the default rubric (migration 0002) scored through the domain."""

from decimal import Decimal

from centers.models import RatingRubric
from centers.rating import record_rating_scores, start_rating
from centers.rating_workflow import RATING_WORKFLOW

YEAR = 2018
# The default rubric's areas are worth 25, 35, 20 and 20 points; its bands Tốt ≥ 85, Khá ≥ 70,
# Trung bình ≥ 50, Chưa đạt ≥ 0.
DEFAULT_MAXIMA = [Decimal(25), Decimal(35), Decimal(20), Decimal(20)]


def default_rubric() -> RatingRubric:
    return RatingRubric.objects.get(valid_from=2014)


def areas_of(rating) -> list:
    return list(rating.rubric.areas.order_by("order"))


def scores_for(rating, points: list) -> dict:
    """{area id: (points, comment)} for the rating's areas in order."""
    return {
        area.pk: (value, f"Nhận xét {area.order}")
        for area, value in zip(areas_of(rating), points, strict=True)
    }


def scored_rating(center, scorer, points=("22", "30", "18", "15"), year=YEAR):
    """A draft rating of ``center`` with every area scored (default total 85)."""
    rating = start_rating(center, year, scorer)
    return record_rating_scores(rating, scorer, scores_for(rating, list(points)))


def submitted_rating(center, scorer, **kwargs):
    rating = scored_rating(center, scorer, **kwargs)
    RATING_WORKFLOW.perform(rating, "submit", scorer)
    return rating


def approved_rating(center, scorer, approver, **kwargs):
    rating = submitted_rating(center, scorer, **kwargs)
    RATING_WORKFLOW.perform(rating, "approve", approver)
    return rating


def score_post(rating, points: list, comments=None, remarks="") -> dict:
    """The POST of the rating page's score form."""
    data = {"remarks": remarks}
    for index, area in enumerate(areas_of(rating)):
        data[f"points_{area.pk}"] = points[index]
        data[f"comment_{area.pk}"] = comments[index] if comments else ""
    return data
