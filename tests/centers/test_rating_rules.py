"""The rating's rules (centers.rating, centers.rating_workflow): rubric of a year, scores, bands, four eyes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from centers.models import CenterRating, RatingRubric, RatingScore, RatingState
from centers.rating import (
    rating_of,
    ratings_for_year,
    record_rating_scores,
    rubric_for,
    start_rating,
)
from centers.rating_workflow import RATING_WORKFLOW
from centers.rubrics import copy_rubric
from engines.workflow import GuardFailed, ReasonRequired
from tests.centers.rating_support import (
    YEAR,
    approved_rating,
    areas_of,
    default_rubric,
    scored_rating,
    submitted_rating,
)
from tests.factories import CenterFactory, WardFactory
from tests.helpers import vi_text

# --- The rubric of a year -------------------------------------------------------------------------


def test_rubric_for_is_the_latest_that_started_by_the_year(db):
    old = default_rubric()
    new = copy_rubric(old, 2020)

    assert (rubric_for(2013), rubric_for(2014), rubric_for(2019), rubric_for(2020), rubric_for(2030)) == (
        None,
        old,
        old,
        new,
        new,
    )


# --- Starting -------------------------------------------------------------------------------------


def test_start_rating_creates_a_draft_with_the_year_rubric_once(center, promotion_staff):
    first = start_rating(center, YEAR, promotion_staff)
    again = start_rating(center, YEAR, promotion_staff)

    assert first.pk == again.pk
    assert (first.state, first.rubric, first.total, first.result) == (
        RatingState.DRAFT,
        default_rubric(),
        Decimal(0),
        "",
    )
    assert CenterRating.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["district_chairman", "ward_officer", "center_director", "steering_member"]
)
def test_start_rating_is_for_the_district_scorers_only(request, center, persona):
    with pytest.raises(PermissionDenied):
        start_rating(center, YEAR, request.getfixturevalue(persona))
    assert CenterRating.objects.count() == 0


def test_start_rating_refuses_a_year_not_begun_a_centre_closed_before_and_a_year_without_rubric(
    center, education_staff
):
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError) as future:
        start_rating(center, next_year, education_staff)
    closed = CenterFactory(ward=WardFactory(code="Q01"), closed_on=datetime.date(2016, 6, 30))
    with pytest.raises(ValidationError) as gone:
        start_rating(closed, YEAR, education_staff)
    with pytest.raises(ValidationError) as no_rubric:
        start_rating(center, 2012, education_staff)

    assert future.value.messages == [vi_text("A year that has not begun cannot be rated.")]
    assert gone.value.messages == [
        vi_text("%(center)s did not work in %(year)s.", center=closed.name, year=YEAR)
    ]
    assert no_rubric.value.messages == [
        vi_text("No rating rubric applies to %(year)s: add one in the centres' settings first.", year=2012)
    ]
    assert CenterRating.objects.count() == 0


# --- Scores, total and result ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "total", "result"),
    [
        (["25", "35", "20", "20"], Decimal(100), "Tốt"),
        (["22", "30", "18", "15"], Decimal(85), "Tốt"),
        (["22", "29.5", "18", "15"], Decimal("84.5"), "Khá"),
        (["20", "25", "15", "10"], Decimal(70), "Khá"),
        (["20", "24.5", "15", "10"], Decimal("69.5"), "Trung bình"),
        (["10", "20", "10", "10"], Decimal(50), "Trung bình"),
        (["10", "19.5", "10", "10"], Decimal("49.5"), "Chưa đạt"),
        (["0", "0", "0", "0"], Decimal(0), "Chưa đạt"),
    ],
)
def test_the_result_is_the_band_of_the_total_at_its_boundaries(
    center, education_staff, points, total, result
):
    rating = scored_rating(center, education_staff, points=points)

    assert (rating.total, rating.result) == (total, result)
    stored = CenterRating.objects.get(pk=rating.pk)
    assert (stored.total, stored.result) == (total, result)


def test_record_rating_scores_keeps_points_comments_and_remarks_and_accepts_a_decimal_comma(
    center, education_staff
):
    rating = start_rating(center, YEAR, education_staff)
    first, second = areas_of(rating)[:2]

    record_rating_scores(
        rating,
        education_staff,
        {first.pk: ("20,5", "Hồ sơ đủ"), second.pk: (Decimal(30), "")},
        remarks=" Tốt ",
    )

    assert list(rating.scores.values_list("area__order", "points", "comment")) == [
        (1, Decimal("20.5"), "Hồ sơ đủ"),
        (2, Decimal(30), ""),
    ]
    assert (rating.total, rating.remarks, rating.updated_by) == (Decimal("50.5"), "Tốt", education_staff)


def test_empty_points_take_an_area_score_away(center, education_staff):
    rating = scored_rating(center, education_staff)
    first = areas_of(rating)[0]

    record_rating_scores(rating, education_staff, {first.pk: (None, "")})

    assert rating.scores.count() == 3
    assert rating.total == Decimal(63)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("25.5", ("The points must be between 0 and %(max)s.", {"max": "25"})),
        ("-1", ("The points must be between 0 and %(max)s.", {"max": "25"})),
        ("12.25", ("Points go in steps of 0.5.", {})),
        ("mười", ("Enter a number of points, e.g. 18 or 18.5.", {})),
    ],
)
def test_bad_points_are_refused_by_area_and_nothing_is_saved(center, education_staff, value, message):
    rating = scored_rating(center, education_staff)
    first, second = areas_of(rating)[:2]

    with pytest.raises(ValidationError) as refused:
        record_rating_scores(rating, education_staff, {second.pk: ("10", ""), first.pk: (value, "")})

    assert refused.value.message_dict == {first.pk: [vi_text(message[0], **message[1])]}
    assert list(rating.scores.values_list("points", flat=True)) == [22, 30, 18, 15]
    assert CenterRating.objects.get(pk=rating.pk).total == Decimal(85)


def test_a_comment_without_points_is_refused(center, education_staff):
    rating = start_rating(center, YEAR, education_staff)
    first = areas_of(rating)[0]

    with pytest.raises(ValidationError) as refused:
        record_rating_scores(rating, education_staff, {first.pk: ("", "Chưa chấm")})

    assert refused.value.message_dict == {
        first.pk: [vi_text("Give the points of this area, or leave its comment empty.")]
    }
    assert RatingScore.objects.count() == 0


def test_scores_change_only_while_draft_and_only_by_a_scorer(center, education_staff, district_chairman):
    rating = submitted_rating(center, education_staff)
    first = areas_of(rating)[0]

    with pytest.raises(ValidationError) as refused:
        record_rating_scores(rating, education_staff, {first.pk: ("1", "")})
    with pytest.raises(PermissionDenied):
        record_rating_scores(rating, district_chairman, {first.pk: ("1", "")})

    assert refused.value.message_dict == {
        None: [
            vi_text(
                "The scores can only be changed while the rating is being scored (now “%(state)s”).",
                state=vi_text("Scored, awaiting approval"),
            )
        ]
    }
    assert rating.scores.get(area=first).points == Decimal(22)


# --- The workflow ---------------------------------------------------------------------------------


def test_submit_needs_points_in_every_area(center, education_staff):
    rating = start_rating(center, YEAR, education_staff)
    first, second, third, fourth = areas_of(rating)
    record_rating_scores(rating, education_staff, {first.pk: ("20", ""), third.pk: ("10", "")})

    with pytest.raises(GuardFailed) as refused:
        RATING_WORKFLOW.perform(rating, "submit", education_staff)

    assert str(refused.value) == vi_text("The scores cannot be submitted yet. These areas have no points:")
    assert refused.value.problems == [second.name, fourth.name]
    assert CenterRating.objects.get(pk=rating.pk).state == RatingState.DRAFT


def test_four_eyes_the_submitter_cannot_approve_another_person_can(
    center, education_staff, district_chairman
):
    rating = submitted_rating(center, education_staff)

    with pytest.raises(GuardFailed) as refused:
        RATING_WORKFLOW.perform(rating, "approve", education_staff)
    assert rating.state == RatingState.SCORED
    assert refused.value.problems == [vi_text("You submitted these scores yourself.")]
    assert str(refused.value) == vi_text(
        "Four eyes: the rating must be approved by a person other than the one who submitted the scores."
    )

    RATING_WORKFLOW.perform(rating, "approve", district_chairman)
    assert rating.state == RatingState.APPROVED


def test_four_eyes_looks_at_the_last_submission(center, education_staff, promotion_staff):
    """Returned, then submitted again by somebody else: the first submitter may now approve."""
    rating = submitted_rating(center, education_staff)
    RATING_WORKFLOW.perform(rating, "return", education_staff, reason="Thiếu minh chứng")
    RATING_WORKFLOW.perform(rating, "submit", promotion_staff)

    RATING_WORKFLOW.perform(rating, "approve", education_staff)

    assert rating.state == RatingState.APPROVED


def test_return_needs_a_reason_and_only_approvers_take_it(center, promotion_staff, education_staff):
    rating = submitted_rating(center, promotion_staff)

    with pytest.raises(ReasonRequired):
        RATING_WORKFLOW.perform(rating, "return", education_staff, reason="  ")
    with pytest.raises(PermissionDenied):
        RATING_WORKFLOW.perform(rating, "return", promotion_staff, reason="Sai")
    RATING_WORKFLOW.perform(rating, "return", education_staff, reason="Mục 2 chấm chưa đúng")

    assert rating.state == RatingState.DRAFT
    assert RATING_WORKFLOW.latest_change(rating, "return").reason == "Mục 2 chấm chưa đúng"


# --- Reading --------------------------------------------------------------------------------------


def test_rating_of_is_the_approved_rating_only(center, other_center, education_staff, district_chairman):
    submitted = submitted_rating(other_center, education_staff)
    assert rating_of(other_center, YEAR) is None
    assert rating_of(center, YEAR) is None

    approved = approved_rating(center, education_staff, district_chairman)

    assert rating_of(center, YEAR) == approved
    assert rating_of(center, YEAR - 1) is None
    assert submitted.state == RatingState.SCORED


def test_ratings_for_year_lists_the_centres_of_the_year_with_their_ratings(
    center, other_center, education_staff
):
    rating = scored_rating(center, education_staff)
    CenterFactory(ward=WardFactory(code="Q01"), closed_on=datetime.date(2017, 12, 31))  # gone before 2018
    merged = CenterFactory(ward=WardFactory(code="Q02"), closed_on=datetime.date(2025, 7, 1))
    CenterFactory(ward=WardFactory(code="Q03"), established_on=datetime.date(2019, 1, 5))  # not yet

    rows = ratings_for_year(YEAR)

    assert sorted((row.center.pk, row.rating) for row in rows) == sorted(
        [(center.pk, rating), (other_center.pk, None), (merged.pk, None)]
    )


def test_the_default_rubric_is_the_plan_rubric(db):
    rubric = RatingRubric.objects.get()
    assert [(a.order, a.max_points) for a in rubric.areas.all()] == [(1, 25), (2, 35), (3, 20), (4, 20)]
    assert [(b.label, b.min_points) for b in rubric.bands.all()] == [
        ("Tốt", 85),
        ("Khá", 70),
        ("Trung bình", 50),
        ("Chưa đạt", 0),
    ]
