"""Learning families, clans, communities and units: a ward's yearly counts, rates against targets as data."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from centers.learning import learning_model_rates, record_learning_models
from centers.models import LearningModelRecord, LearningModelTarget
from tests.helpers import vi

YEAR = datetime.date.today().year
COUNTS = {
    "family": (1000, 800, 700),  # 70,00 % against 70 %: reached
    "clan": (9, 8, 4),  # 44,44 % against 50 %: below
    "community": (60, 40, 36),  # 60,00 % against 60 %: reached
    "unit": (12, 6, 5),  # 41,66 % against 50 %: below
}


def _rows(ward, year=YEAR):
    return [
        (
            row.kind.value,
            row.total,
            row.registered,
            row.recognised,
            row.rate,
            row.target.target_percent,
            row.meets,
        )
        for row in learning_model_rates(ward, year)
    ]


def test_rates_are_recognised_of_all_against_the_target_in_force(ward, ward_officer):
    record_learning_models(ward, YEAR, ward_officer, COUNTS)
    assert _rows(ward) == [
        ("family", 1000, 800, 700, Decimal("70.00"), Decimal("70.00"), True),
        ("clan", 9, 8, 4, Decimal("44.44"), Decimal("50.00"), False),
        ("community", 60, 40, 36, Decimal("60.00"), Decimal("60.00"), True),
        ("unit", 12, 6, 5, Decimal("41.66"), Decimal("50.00"), False),
    ]


def test_a_kind_not_recorded_has_no_rate_and_no_verdict(ward, ward_officer):
    record_learning_models(ward, YEAR, ward_officer, {"family": (0, 0, 0)})
    assert _rows(ward)[:2] == [
        ("family", 0, 0, 0, None, Decimal("70.00"), None),
        ("clan", None, None, None, None, Decimal("50.00"), None),
    ]


def test_targets_are_data_from_a_year_on(ward, ward_officer):
    LearningModelTarget.objects.create(kind="family", valid_from=YEAR, target_percent=Decimal("75"))
    record_learning_models(ward, YEAR, ward_officer, COUNTS)
    record_learning_models(ward, YEAR - 1, ward_officer, COUNTS)
    assert (_rows(ward)[0][5:], _rows(ward, YEAR - 1)[0][5:]) == (
        (Decimal("75.00"), False),
        (Decimal("70.00"), True),
    )


def test_recording_again_replaces_the_years_counts_and_keeps_other_kinds(ward, ward_officer):
    record_learning_models(ward, YEAR, ward_officer, COUNTS)
    record_learning_models(ward, YEAR, ward_officer, {"clan": (9, 9, 9)})
    assert [row[1:4] for row in _rows(ward)] == [(1000, 800, 700), (9, 9, 9), (60, 40, 36), (12, 6, 5)]
    assert LearningModelRecord.objects.count() == 4


def test_counts_out_of_order_save_nothing_and_say_why(ward, ward_officer):
    with pytest.raises(ValidationError) as caught:
        record_learning_models(
            ward, YEAR, ward_officer, {"family": (100, 80, 70), "clan": (10, 11, 3), "unit": (5, 4, 5)}
        )
    assert caught.value.messages == [
        "Dòng họ học tập: Số đăng ký nhiều hơn số có trong phường.",
        "Đơn vị học tập: Số được công nhận nhiều hơn số đăng ký.",
    ]
    assert LearningModelRecord.objects.count() == 0


def test_only_the_wards_record_keepers_and_district_staff_may_record(
    ward, other_ward_officer, steering_member
):
    for user in (other_ward_officer, steering_member):
        with pytest.raises(PermissionDenied):
            record_learning_models(ward, YEAR, user, COUNTS)
    assert LearningModelRecord.objects.count() == 0


def _post(counts) -> dict:
    return {
        f"{kind}_{name}": value
        for kind, values in counts.items()
        for name, value in zip(("total", "registered", "recognised"), values, strict=True)
    }


@pytest.mark.parametrize(
    "persona", ["ward_officer", "center_staff", "center_director", "education_staff", "promotion_staff"]
)
def test_the_page_saves_the_four_rows_and_the_centre_page_shows_the_rates(
    persona, request, login, center, ward
):
    client = login(request.getfixturevalue(persona))
    url = reverse("centers:learning_models", args=[center.pk, YEAR])
    assert client.get(url).status_code == 200
    response = client.post(url, _post(COUNTS), follow=True)
    content = response.content.decode()
    assert response.redirect_chain == [(center.get_absolute_url(), 302)]
    assert vi("The learning models of %(year)s have been saved.", year=YEAR) in content
    assert [content.count(text) for text in ("70,00 %", "44,44 %", "60,00 %", "41,66 %")] == [1, 1, 1, 1]
    assert LearningModelRecord.objects.filter(ward=ward, year=YEAR).count() == 4


def test_the_page_shows_what_was_recorded(login, center, ward, ward_officer):
    record_learning_models(ward, YEAR, ward_officer, COUNTS)
    form = login(ward_officer).get(reverse("centers:learning_models", args=[center.pk, YEAR])).context["form"]
    assert (form["family_total"].value(), form["clan_recognised"].value()) == (1000, 4)


def test_a_wrong_row_saves_nothing_and_keeps_what_was_typed(login, center, ward_officer):
    response = login(ward_officer).post(
        reverse("centers:learning_models", args=[center.pk, YEAR]), _post({**COUNTS, "clan": (9, 8, 9)})
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"clan_recognised": ["Số được công nhận nhiều hơn số đăng ký."]}
    assert 'name="family_total" value="1000"' in response.content.decode()
    assert LearningModelRecord.objects.count() == 0


@pytest.mark.parametrize(
    "persona",
    ["steering_member", "other_ward_officer", "other_center_director", "inspector", "ward_chairman"],
)
def test_others_may_not_open_or_post_the_page(persona, request, login, center):
    client = login(request.getfixturevalue(persona))
    url = reverse("centers:learning_models", args=[center.pk, YEAR])
    assert (client.get(url).status_code, client.post(url, _post(COUNTS)).status_code) == (403, 403)
    assert LearningModelRecord.objects.count() == 0


def test_anonymous_goes_to_login(client, center):
    response = client.get(reverse("centers:learning_models", args=[center.pk, YEAR]))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


def test_an_implausible_year_is_not_found(login, center, ward_officer):
    assert (
        login(ward_officer).get(reverse("centers:learning_models", args=[center.pk, 30000])).status_code
        == 404
    )
