"""The rating rubrics' pages and rules: editing areas and bands, freezing once used, a new rubric from a year."""

from decimal import Decimal

import pytest
from django.urls import reverse

from centers.models import CenterRating, RatingRubric, RatingScore
from centers.rating import rubric_for
from centers.rating_workflow import RATING_WORKFLOW
from centers.rubrics import copy_rubric, is_rubric_frozen
from tests.centers.rating_support import YEAR, default_rubric, scored_rating, submitted_rating
from tests.helpers import vi, vi_text


def edit_url(rubric):
    return reverse("centers:rubric_edit", args=[rubric.pk])


def rubric_post(
    rubric, *, areas=None, bands=None, extra_area=None, extra_band=None, delete_areas=(), **fields
):
    """The POST of the rubric page: the rubric as shown (or ``areas``/``bands`` rows), with changes."""
    area_rows = areas or [
        (a.pk, a.order, a.name, a.guidance, str(a.max_points)) for a in rubric.areas.order_by("order")
    ]
    band_rows = bands or [(b.label, str(b.min_points)) for b in rubric.bands.all()]
    data = {
        "name": fields.get("name", rubric.name),
        "valid_from": fields.get("valid_from", rubric.valid_from),
        "note": fields.get("note", rubric.note),
        "areas-TOTAL_FORMS": str(len(area_rows) + 1),
        "areas-INITIAL_FORMS": str(len(area_rows)),
        "bands-TOTAL_FORMS": str(len(band_rows) + 1),
        "bands-INITIAL_FORMS": str(len(band_rows)),
    }
    for index, (pk, order, name, guidance, max_points) in enumerate(area_rows):
        data |= {
            f"areas-{index}-id": pk or "",
            f"areas-{index}-order": order,
            f"areas-{index}-name": name,
            f"areas-{index}-guidance": guidance,
            f"areas-{index}-max_points": max_points,
        }
        if pk in delete_areas:
            data[f"areas-{index}-DELETE"] = "on"
    if extra_area:
        order, name, max_points = extra_area
        index = len(area_rows)
        data |= {
            f"areas-{index}-order": order,
            f"areas-{index}-name": name,
            f"areas-{index}-max_points": max_points,
        }
    for index, (label, min_points) in enumerate(band_rows):
        data |= {f"bands-{index}-label": label, f"bands-{index}-min_points": min_points}
    if extra_band:
        index = len(band_rows)
        data |= {f"bands-{index}-label": extra_band[0], f"bands-{index}-min_points": extra_band[1]}
    return data


def areas_of(rubric) -> list[tuple]:
    return list(rubric.areas.order_by("order").values_list("order", "name", "max_points"))


def bands_of(rubric) -> list[tuple]:
    return list(rubric.bands.values_list("label", "min_points"))


# --- The list -------------------------------------------------------------------------------------


def test_the_rubric_list_shows_each_rubric_and_whether_it_is_frozen(login, education_staff, center):
    submitted_rating(center, education_staff)
    copy_rubric(default_rubric(), 2019)

    response = login(education_staff).get(reverse("centers:rubric_list"))

    assert [(r.valid_from, r.frozen) for r in response.context["rubrics"]] == [(2019, False), (2014, True)]


# --- Editing --------------------------------------------------------------------------------------


def test_the_rubric_form_shows_points_as_people_write_them(login, education_staff):
    rubric = default_rubric()
    response = login(education_staff).get(edit_url(rubric))

    areas = response.context["areas"]
    assert [form["max_points"].value() for form in areas.forms[:4]] == ["25", "35", "20", "20"]
    assert [form["min_points"].value() for form in response.context["bands"].forms[:4]] == [
        "85",
        "70",
        "50",
        "0",
    ]
    assert len(areas.forms) == 5  # an empty row to add an area


def test_edit_areas_and_bands_add_an_area_and_a_band(login, education_staff):
    rubric = default_rubric()
    first, second, third, fourth = rubric.areas.order_by("order")
    areas = [
        (first.pk, 1, "Quản lý", "", "20"),
        (second.pk, 2, second.name, "", "30"),
        (third.pk, 3, third.name, "", "20"),
        (fourth.pk, 4, fourth.name, "", "20"),
    ]

    response = login(education_staff).post(
        edit_url(rubric),
        rubric_post(
            rubric,
            areas=areas,
            extra_area=(5, "Ứng dụng công nghệ thông tin", "10"),
            bands=[("Tốt", "85"), ("Khá", "70"), ("Trung bình", "50"), ("Chưa đạt", "0")],
            extra_band=("Xuất sắc", "95"),
            name="Tiêu chí 2014 (sửa)",
        ),
    )

    assert response.status_code == 302
    rubric.refresh_from_db()
    assert rubric.name == "Tiêu chí 2014 (sửa)"
    assert [(order, name, points) for order, name, points in areas_of(rubric)] == [
        (1, "Quản lý", Decimal(20)),
        (2, second.name, Decimal(30)),
        (3, third.name, Decimal(20)),
        (4, fourth.name, Decimal(20)),
        (5, "Ứng dụng công nghệ thông tin", Decimal(10)),
    ]
    assert bands_of(rubric) == [
        ("Xuất sắc", Decimal(95)),
        ("Tốt", Decimal(85)),
        ("Khá", Decimal(70)),
        ("Trung bình", Decimal(50)),
        ("Chưa đạt", Decimal(0)),
    ]


def test_two_areas_may_swap_places(login, education_staff):
    rubric = default_rubric()
    first, second, third, fourth = rubric.areas.order_by("order")
    areas = [
        (first.pk, 2, first.name, "", "25"),
        (second.pk, 1, second.name, "", "35"),
        (third.pk, 3, third.name, "", "20"),
        (fourth.pk, 4, fourth.name, "", "20"),
    ]

    response = login(education_staff).post(edit_url(rubric), rubric_post(rubric, areas=areas))

    assert response.status_code == 302
    assert [name for _order, name, _points in areas_of(rubric)] == [
        second.name,
        first.name,
        third.name,
        fourth.name,
    ]


@pytest.mark.parametrize(
    ("bands", "area_change", "message"),
    [
        ([("Tốt", "85"), ("Khá", "70")], None, ("The lowest result must start at 0 points.", {})),
        (
            [("Tốt", "85"), ("Khá", "85"), ("Chưa đạt", "0")],
            None,
            ("Two results start at the same number of points.", {}),
        ),
        (
            [("Tốt", "120"), ("Chưa đạt", "0")],
            None,
            ("A result starts between 0 and %(total)s points (the sum of the maxima).", {"total": "100"}),
        ),
        (None, "0", ("The maximum of “%(area)s” must be more than 0, in steps of 0.5.", {"area": "first"})),
        (
            None,
            "12.3",
            ("The maximum of “%(area)s” must be more than 0, in steps of 0.5.", {"area": "first"}),
        ),
    ],
)
def test_a_bad_rubric_is_refused_and_nothing_is_saved(login, education_staff, bands, area_change, message):
    rubric = default_rubric()
    before = (areas_of(rubric), bands_of(rubric))
    first = rubric.areas.order_by("order").first()
    areas = None
    if area_change:
        areas = [
            (a.pk, a.order, a.name, a.guidance, area_change if a.pk == first.pk else str(a.max_points))
            for a in rubric.areas.order_by("order")
        ]

    response = login(education_staff).post(edit_url(rubric), rubric_post(rubric, areas=areas, bands=bands))

    assert response.status_code == 200
    values = {key: (first.name if value == "first" else value) for key, value in message[1].items()}
    assert vi_text(message[0], **values) in response.context["problems"]
    assert vi("Nothing has been saved:") in response.content.decode()
    assert (areas_of(rubric), bands_of(rubric)) == before


def test_editing_a_rubric_used_by_drafts_recomputes_them_and_takes_a_deleted_area_scores_away(
    login, education_staff, center
):
    rating = scored_rating(center, education_staff)  # 22 + 30 + 18 + 15 = 85, Tốt
    rubric = rating.rubric
    fourth = rubric.areas.get(order=4)

    response = login(education_staff).post(
        edit_url(rubric),
        rubric_post(rubric, delete_areas=[fourth.pk], bands=[("Tốt", "70"), ("Chưa đạt", "0")]),
    )

    assert response.status_code == 302
    rating.refresh_from_db()
    assert (rating.total, rating.result) == (Decimal(70), "Tốt")
    assert not RatingScore.objects.filter(area_id=fourth.pk).exists()
    assert rubric.areas.count() == 3


def test_a_maximum_below_a_draft_score_is_refused_naming_the_centre(login, education_staff, center):
    rating = scored_rating(center, education_staff)
    rubric = rating.rubric
    areas = [
        (a.pk, a.order, a.name, a.guidance, "20" if a.order == 1 else str(a.max_points))
        for a in rubric.areas.order_by("order")
    ]

    response = login(education_staff).post(edit_url(rubric), rubric_post(rubric, areas=areas))

    first = rubric.areas.get(order=1)
    assert response.context["problems"] == [
        vi_text(
            "%(center)s (%(year)s) already has %(points)s points for “%(area)s”: change that score first.",
            center=center.name,
            year=YEAR,
            points="22",
            area=first.name,
        )
    ]
    assert first.max_points == Decimal(25)


def test_a_year_taken_by_another_rubric_is_refused(login, education_staff):
    copy_rubric(default_rubric(), 2020)
    rubric = default_rubric()

    response = login(education_staff).post(edit_url(rubric), rubric_post(rubric, valid_from=2020))

    assert response.context["form"].errors == {
        "valid_from": [vi_text("Another rubric already starts in %(year)s.", year=2020)]
    }
    assert default_rubric().valid_from == 2014


# --- Freezing and copying -------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["scored", "approved"])
def test_a_rubric_used_by_a_submitted_or_approved_rating_is_frozen(
    login, education_staff, district_chairman, center, state
):
    rating = submitted_rating(center, education_staff)
    if state == "approved":
        RATING_WORKFLOW.perform(rating, "approve", district_chairman)
    rubric = rating.rubric
    before = (areas_of(rubric), bands_of(rubric))
    client = login(education_staff)

    page = client.get(edit_url(rubric))
    assert page.context["frozen"] is True
    assert 'id="rubric-form"' not in page.content.decode()
    assert reverse("centers:rubric_copy", args=[rubric.pk]) in page.content.decode()
    assert page.context["copy_form"]["valid_from"].value() == YEAR + 1
    refused = client.post(edit_url(rubric), rubric_post(rubric, bands=[("Đạt", "0")]), follow=True)

    assert [str(m) for m in refused.context["messages"]] == [
        vi_text(
            "A submitted or approved rating was scored with this rubric, so it can no longer be changed. "
            "Make a new rubric from a later year."
        )
    ]
    assert (areas_of(rubric), bands_of(rubric)) == before


def test_a_draft_does_not_freeze_the_rubric_and_undo_back_to_draft_unfreezes_it(
    education_staff, system_admin, center
):
    rating = scored_rating(center, education_staff)
    assert is_rubric_frozen(rating.rubric) is False
    RATING_WORKFLOW.perform(rating, "submit", education_staff)
    assert is_rubric_frozen(rating.rubric) is True
    RATING_WORKFLOW.undo_last(rating, system_admin, reason="Nộp nhầm")
    assert is_rubric_frozen(rating.rubric) is False


def test_new_rubric_from_a_year_copies_areas_and_bands_and_applies_from_that_year(
    login, education_staff, center
):
    rating = submitted_rating(center, education_staff)
    source = rating.rubric

    response = login(education_staff).post(
        reverse("centers:rubric_copy", args=[source.pk]), {"valid_from": "2019"}
    )

    copy = RatingRubric.objects.get(valid_from=2019)
    assert response.status_code == 302 and response.url == edit_url(copy)
    assert [(o, n, p) for o, n, p in areas_of(copy)] == areas_of(source)
    assert bands_of(copy) == bands_of(source)
    assert (rubric_for(YEAR), rubric_for(2019)) == (source, copy)
    assert CenterRating.objects.get(pk=rating.pk).rubric == source  # the rated year keeps its rubric
    assert is_rubric_frozen(copy) is False


@pytest.mark.parametrize(
    ("year", "message", "values"),
    [
        (
            "2018",
            "The new rubric must start in %(year)s or later: earlier years are rated with this one.",
            {"year": 2019},
        ),
        (
            "2014",
            "The new rubric must start in %(year)s or later: earlier years are rated with this one.",
            {"year": 2019},
        ),
    ],
)
def test_new_rubric_must_start_after_the_rated_years(login, education_staff, center, year, message, values):
    submitted_rating(center, education_staff)

    response = login(education_staff).post(
        reverse("centers:rubric_copy", args=[default_rubric().pk]), {"valid_from": year}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [vi_text(message, **values)]
    assert RatingRubric.objects.count() == 1


def test_new_rubric_in_a_year_another_starts_is_refused(login, education_staff):
    copy_rubric(default_rubric(), 2020)

    response = login(education_staff).post(
        reverse("centers:rubric_copy", args=[default_rubric().pk]), {"valid_from": "2020"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        vi_text("Another rubric already starts in %(year)s.", year=2020)
    ]
    assert RatingRubric.objects.count() == 2


@pytest.mark.parametrize(
    "persona", ["promotion_staff", "district_chairman", "ward_officer", "steering_member"]
)
def test_rubric_copy_is_refused_to_others(request, login, db, persona):
    response = login(request.getfixturevalue(persona)).post(
        reverse("centers:rubric_copy", args=[default_rubric().pk]), {"valid_from": "2030"}
    )
    assert response.status_code == 403
    assert RatingRubric.objects.count() == 1
