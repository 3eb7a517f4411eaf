"""The rating through its pages: the district's list, starting, scoring, the steps, undo, the centre's page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from centers.models import CenterRating, RatingState
from centers.rating_workflow import RATING_WORKFLOW
from tests.centers.rating_support import (
    YEAR,
    approved_rating,
    areas_of,
    score_post,
    scored_rating,
    submitted_rating,
)
from tests.factories import CenterFactory, WardFactory
from tests.helpers import vi, vi_text


def list_url(year=YEAR):
    return reverse("centers:rating_list", args=[year])


def rating_url(center, year=YEAR):
    return reverse("centers:rating", args=[center.pk, year])


def step_url(center, name, year=YEAR):
    return reverse("centers:rating_step", args=[center.pk, year, name])


def start_url(center, year=YEAR):
    return reverse("centers:rating_start", args=[center.pk, year])


def undo_url(center, year=YEAR):
    return reverse("centers:rating_undo", args=[center.pk, year])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- The whole path -------------------------------------------------------------------------------


def test_the_rating_path_start_score_submit_approve_by_a_second_person(
    login, center, promotion_staff, education_staff
):
    scorer, approver = login(promotion_staff), login(education_staff)

    started = scorer.post(start_url(center))
    rating = CenterRating.objects.get(center=center, year=YEAR)
    assert started.status_code == 302 and started.url == rating_url(center)

    page = scorer.get(rating_url(center))
    assert page.status_code == 200
    assert [area.name for area, *_fields in page.context["form"].area_rows()] == [
        area.name for area in areas_of(rating)
    ]
    saved = scorer.post(
        rating_url(center),
        score_post(rating, ["22", "30,5", "18", "15"], comments=["Tốt", "", "", ""], remarks="Cố gắng"),
    )
    assert saved.status_code == 302
    rating.refresh_from_db()
    assert (rating.total, rating.result, rating.remarks) == (Decimal("85.5"), "Tốt", "Cố gắng")

    page = scorer.get(rating_url(center))
    assert [action.name for action in page.context["actions"]] == ["submit"]
    submitted = scorer.post(step_url(center, "submit"), follow=True)
    assert vi_text("Done: %(action)s.", action=vi_text("Submit the scores for approval")) in messages_of(
        submitted
    )
    rating.refresh_from_db()
    assert rating.state == RatingState.SCORED
    assert scorer.get(rating_url(center)).context["form"] is None  # no more scoring

    confirm = approver.get(step_url(center, "approve"))
    assert confirm.status_code == 200
    assert 'id="public-warning"' in confirm.content.decode()
    assert (
        vi(
            "Once approved, this result becomes visible on the page of %(center)s to every user of the portal, "
            "and the centre's people see the scores.",
            center=center.name,
        )
        in confirm.content.decode()
    )
    approver.post(step_url(center, "approve"))
    rating.refresh_from_db()
    assert rating.state == RatingState.APPROVED
    assert [(change.transition, change.actor) for change in RATING_WORKFLOW.history(rating)] == [
        ("submit", promotion_staff),
        ("approve", education_staff),
    ]


def test_the_person_who_submitted_cannot_approve_through_the_page(
    login, center, education_staff, district_chairman
):
    submitted_rating(center, education_staff)
    client = login(education_staff)

    page = client.get(rating_url(center))
    assert page.context["own_submission"] is True
    content = page.content.decode()
    assert step_url(center, "approve") not in content  # no button…
    assert step_url(center, "return") in content
    assert vi("You submitted these scores: another person approves them (four eyes).") in content

    refused = client.post(step_url(center, "approve"))  # …and the engine refuses a forged POST
    assert refused.status_code == 200
    assert refused.context["refusal"] == {
        "message": vi_text(
            "Four eyes: the rating must be approved by a person other than the one who submitted the scores."
        ),
        "problems": [vi_text("You submitted these scores yourself.")],
    }
    assert CenterRating.objects.get(center=center).state == RatingState.SCORED

    login(district_chairman).post(step_url(center, "approve"))
    assert CenterRating.objects.get(center=center).state == RatingState.APPROVED


def test_return_needs_a_reason_and_the_scorer_sees_it(login, center, promotion_staff, education_staff):
    submitted_rating(center, promotion_staff)
    approver = login(education_staff)

    empty = approver.post(step_url(center, "return"), {"reason": " "})
    assert empty.status_code == 200
    assert empty.context["form"].errors == {"reason": [vi_text("Please give a reason.")]}
    assert CenterRating.objects.get(center=center).state == RatingState.SCORED

    approver.post(step_url(center, "return"), {"reason": "Mục 2 chưa có minh chứng"})
    assert CenterRating.objects.get(center=center).state == RatingState.DRAFT
    page = login(promotion_staff).get(rating_url(center))
    assert page.context["return_reason"] == "Mục 2 chưa có minh chứng"
    assert page.context["form"] is not None  # scoring again


def test_submit_with_an_area_unscored_shows_what_is_missing(login, center, education_staff):
    rating = scored_rating(center, education_staff)
    client = login(education_staff)
    client.post(rating_url(center), score_post(rating, ["22", "", "18", "15"]))

    response = client.post(step_url(center, "submit"))

    assert response.status_code == 200
    assert response.context["refusal"]["problems"] == [areas_of(rating)[1].name]
    assert CenterRating.objects.get(pk=rating.pk).state == RatingState.DRAFT


def test_bad_points_keep_what_was_typed_and_save_nothing(login, center, education_staff):
    rating = scored_rating(center, education_staff)
    first, second = areas_of(rating)[:2]

    response = login(education_staff).post(
        rating_url(center), score_post(rating, ["26", "12.25", "18", "15"], remarks="Ghi chú")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        f"points_{first.pk}": [vi_text("The points must be between 0 and %(max)s.", max="25")],
        f"points_{second.pk}": [vi_text("Points go in steps of 0.5.")],
    }
    assert form[f"points_{second.pk}"].value() == "12.25"
    assert form["remarks"].value() == "Ghi chú"
    rating.refresh_from_db()
    assert (rating.total, rating.remarks) == (Decimal(85), "")


def test_a_page_opened_before_the_rating_moved_on_says_so(login, center, education_staff, district_chairman):
    rating = submitted_rating(center, education_staff)
    RATING_WORKFLOW.perform(rating, "approve", district_chairman)

    response = login(education_staff).post(step_url(center, "submit"), follow=True)

    assert messages_of(response) == [
        vi_text("This action is no longer possible: it is now “%(state)s”.", state=vi_text("Approved"))
    ]


# --- Undo -----------------------------------------------------------------------------------------


def test_an_administrator_undoes_the_approval_with_a_reason(
    login, center, education_staff, district_chairman, system_admin
):
    rating = approved_rating(center, education_staff, district_chairman)
    admin = login(system_admin)

    page = admin.get(rating_url(center))
    assert undo_url(center) in page.content.decode()
    response = admin.post(undo_url(center), {"reason": "Phê duyệt nhầm"})

    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.state == RatingState.SCORED
    assert RATING_WORKFLOW.history(rating).last().reason == "Phê duyệt nhầm"
    assert (
        login(district_chairman)
        .get(reverse("centers:detail", args=[center.pk]) + f"?year={YEAR}")
        .context["rating_summary"]["rating"]
        is None
    )


@pytest.mark.parametrize("persona", ["education_staff", "district_chairman", "promotion_staff"])
def test_only_the_administrator_may_undo_and_sees_the_link(
    request, login, center, education_staff, district_chairman, persona
):
    approved_rating(center, education_staff, district_chairman)
    client = login(request.getfixturevalue(persona))

    assert undo_url(center) not in client.get(rating_url(center)).content.decode()
    assert client.post(undo_url(center), {"reason": "Thử"}).status_code == 403
    assert CenterRating.objects.get(center=center).state == RatingState.APPROVED


# --- The centre's page shows the approved result only ---------------------------------------------


def center_page(client, center, year=YEAR):
    return client.get(reverse("centers:detail", args=[center.pk]) + f"?year={year}")


@pytest.mark.parametrize("state", ["draft", "scored"])
def test_the_centre_page_does_not_show_a_result_before_approval(
    login, center, education_staff, ward_officer, state
):
    rating = scored_rating(center, education_staff)
    if state == "scored":
        RATING_WORKFLOW.perform(rating, "submit", education_staff)

    for user in (ward_officer, education_staff):
        response = center_page(login(user), center)
        assert response.context["rating_summary"]["rating"] is None
        content = response.content.decode()
        assert vi("Not rated yet.") in content
        assert "Tốt" not in content


def test_the_centre_page_shows_the_approved_result_and_links_the_scores_for_its_people(
    login, center, education_staff, district_chairman, center_director, other_ward_officer
):
    rating = approved_rating(center, education_staff, district_chairman)

    own = center_page(login(center_director), center).content.decode()
    assert "Tốt" in own
    assert rating.get_absolute_url() in own
    other = center_page(login(other_ward_officer), center).content.decode()
    assert "Tốt" in other  # the result is public to signed-in users…
    assert rating.get_absolute_url() not in other  # …the scores are the ward's and the district's
    later = center_page(login(center_director), center, year=YEAR + 1).content.decode()
    assert vi_text("Last rating: %(result)s (%(year)s).", result="Tốt", year=YEAR) in later


# --- Who may see what -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("education_staff", 200),
        ("promotion_staff", 200),
        ("district_chairman", 200),
        ("inspector", 200),
        ("steering_member", 200),
        ("system_admin", 200),
        ("ward_officer", 403),
        ("center_director", 403),
        ("other_ward_officer", 403),
    ],
)
def test_the_ratings_list_is_for_the_district_side(request, login, center, persona, expected):
    response = login(request.getfixturevalue(persona)).get(list_url())
    assert response.status_code == expected


def test_the_ratings_list_asks_anonymous_to_sign_in(login, center):
    response = login(None).get(list_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_ratings_list_shows_state_total_result_and_start_buttons_for_scorers(
    login, center, other_center, education_staff, steering_member
):
    scored_rating(center, education_staff)

    scorer_page = login(education_staff).get(list_url())
    rows = {row.center.pk: row.rating for row in scorer_page.context["rows"]}
    assert (rows[center.pk].total, rows[center.pk].result, rows[other_center.pk]) == (
        Decimal(85),
        "Tốt",
        None,
    )
    assert start_url(other_center) in scorer_page.content.decode()
    assert start_url(center) not in scorer_page.content.decode()  # already started
    assert start_url(other_center) not in login(steering_member).get(list_url()).content.decode()


@pytest.mark.parametrize(
    "persona", ["district_chairman", "steering_member", "ward_officer", "center_director", "system_admin"]
)
def test_only_scorers_start_a_rating(request, login, center, persona):
    response = login(request.getfixturevalue(persona)).post(start_url(center))
    assert response.status_code == 403
    assert not CenterRating.objects.exists()


@pytest.mark.parametrize(
    ("persona", "draft", "approved"),
    [
        ("education_staff", 200, 200),
        ("steering_member", 200, 200),
        ("inspector", 200, 200),
        ("ward_officer", 404, 200),
        ("ward_chairman", 404, 200),
        ("center_director", 404, 200),
        ("center_staff", 404, 200),
        ("other_ward_officer", 404, 404),
        ("other_center_director", 404, 404),
    ],
)
def test_who_sees_a_rating_draft_and_approved(
    request, login, center, other_center, education_staff, district_chairman, persona, draft, approved
):
    scored_rating(center, education_staff)
    approved_rating(other_center, education_staff, district_chairman)
    # The same persona looks at a draft of P01 and at an approved rating of P01 (made below).
    client = login(request.getfixturevalue(persona))
    assert client.get(rating_url(center)).status_code == draft

    rating = CenterRating.objects.get(center=center)
    RATING_WORKFLOW.perform(rating, "submit", education_staff)
    RATING_WORKFLOW.perform(rating, "approve", district_chairman)
    response = client.get(rating_url(center))
    assert response.status_code == approved
    if approved == 200:
        assert response.context["form"] is None
        assert "Nhận xét 1" in response.content.decode()  # the scores' comments after approval


def test_the_rating_pages_ask_anonymous_to_sign_in(login, center, education_staff):
    scored_rating(center, education_staff)
    client = login(None)
    for url in (rating_url(center), step_url(center, "submit"), undo_url(center), start_url(center)):
        response = client.post(url) if url == start_url(center) else client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("persona", ["district_chairman", "steering_member", "inspector", "system_admin"])
def test_only_scorers_post_scores(request, login, center, education_staff, persona):
    rating = scored_rating(center, education_staff)

    response = login(request.getfixturevalue(persona)).post(rating_url(center), score_post(rating, ["1"] * 4))

    assert response.status_code == 403
    assert CenterRating.objects.get(pk=rating.pk).total == Decimal(85)


@pytest.mark.parametrize(
    ("persona", "step", "expected"),
    [
        ("promotion_staff", "approve", 403),
        ("steering_member", "approve", 403),
        ("inspector", "return", 403),
        ("district_chairman", "submit", 302),  # not a draft: "no longer possible"
        ("ward_officer", "approve", 404),
    ],
)
def test_steps_are_refused_to_those_who_may_not_take_them(
    request, login, center, promotion_staff, persona, step, expected
):
    submitted_rating(center, promotion_staff)

    response = login(request.getfixturevalue(persona)).post(step_url(center, step), {"reason": "x"})

    assert response.status_code == expected
    assert CenterRating.objects.get(center=center).state == RatingState.SCORED


def test_submit_by_a_non_scorer_on_a_draft_is_forbidden(login, center, education_staff, district_chairman):
    scored_rating(center, education_staff)
    assert login(district_chairman).post(step_url(center, "submit")).status_code == 403
    assert login(education_staff).get(step_url(center, "publish")).status_code == 404


# --- Speed ----------------------------------------------------------------------------------------


def _ratings_list_queries(login, education_staff, django_assert_num_queries, count: int):
    for index in range(count):
        center = CenterFactory(ward=WardFactory(code=f"Q{index:02d}"))
        if index % 2 == 0:
            scored_rating(center, education_staff)
    client = login(education_staff)
    client.get(list_url())  # warm the session
    # user (the session comes from the cache), roles (menu and permissions), ratings of the year, centres
    # with their wards
    with django_assert_num_queries(4) as captured:
        response = client.get(list_url())
    assert len(response.context["rows"]) == count
    return len(captured)


@pytest.mark.parametrize("count", [1, 15])
def test_the_ratings_list_reads_a_constant_number_of_queries(
    login, education_staff, django_assert_num_queries, count
):
    assert _ratings_list_queries(login, education_staff, django_assert_num_queries, count) == 4


# --- The menu ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("education_staff", True),
        ("promotion_staff", True),
        ("district_chairman", True),
        ("ward_officer", False),
        ("center_director", False),
    ],
)
def test_the_menu_offers_the_ratings_to_scorers_and_approvers(request, login, center, persona, shown):
    client = login(request.getfixturevalue(persona))
    url = reverse("centers:rating_list_current")

    items = client.get(reverse("wards:list")).context["nav_items"]

    assert (url in [item.url for item in items]) is shown
    if shown:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == list_url(timezone.localdate().year)
