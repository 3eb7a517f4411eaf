"""Circular 25/2023: the level a ward reaches, how long it holds, when a higher level may be asked for."""

import datetime

import pytest

from assessments.levels import (
    ApplicationTooEarly,
    IndicatorFinding,
    check_higher_level_application,
    classification_for_level,
    in_force,
    indicator_level,
    level_reached,
    valid_through,
)
from assessments.models import Framework, Indicator


@pytest.fixture
def circular_25(db):
    return Framework.objects.prefetch_related("bands").get(code="tt25-2023")


@pytest.fixture
def indicators(circular_25):
    return list(Indicator.objects.filter(criterion__framework=circular_25).select_related("criterion"))


def _findings(indicators, **overrides):
    """Every indicator met at both levels with evidence, except ``overrides``: code → (l1, l2, evidence)."""
    findings = []
    for indicator in indicators:
        l1, l2, evidence = overrides.get(indicator.code, (True, True, True))
        findings.append(IndicatorFinding(indicator, l1, l2, evidence))
    return findings


def test_the_seeded_framework_has_5_criteria_15_indicators_and_two_levels(circular_25, indicators):
    assert circular_25.scoring_mode == "levels" and circular_25.first_year == 2024
    assert circular_25.criteria.count() == 5 and len(indicators) == 15
    assert {i.criterion.number for i in indicators if i.has_higher_level_2_target} == {4, 5}
    assert [(band.code, band.min_points) for band in circular_25.bands.all()] == [("muc-2", 2), ("muc-1", 1)]
    assert not circular_25.scheme_confirmed  # the indicators' texts are placeholders
    assert Framework.objects.for_year(2024).first() == circular_25
    assert Framework.objects.for_year(2023).first().code == "tt44-2014"


def test_every_indicator_met_at_level_2_gives_level_2(circular_25, indicators):
    level = level_reached(indicators, _findings(indicators))

    assert level == 2
    assert classification_for_level(circular_25, level).code == "muc-2"


def test_one_level_2_target_missed_with_level_1_met_gives_level_1(circular_25, indicators):
    higher = next(i for i in indicators if i.has_higher_level_2_target)

    level = level_reached(indicators, _findings(indicators, **{higher.code: (True, False, True)}))

    assert level == 1
    assert classification_for_level(circular_25, level).code == "muc-1"


def test_missing_level_2_where_no_higher_target_exists_still_gives_level_2(indicators):
    plain = next(i for i in indicators if not i.has_higher_level_2_target)

    assert level_reached(indicators, _findings(indicators, **{plain.code: (True, False, True)})) == 2


def test_one_level_1_indicator_missed_is_not_recognised(circular_25, indicators):
    level = level_reached(indicators, _findings(indicators, **{"2.3": (False, False, True)}))

    assert level == 0
    assert classification_for_level(circular_25, level) is None


def test_an_indicator_without_evidence_is_not_met(indicators):
    finding = _findings(indicators, **{"1.1": (True, True, False)})

    assert indicator_level(finding[0]) == 0
    assert level_reached(indicators, finding) == 0


def test_an_indicator_left_without_a_finding_is_not_met(indicators):
    assert level_reached(indicators, _findings(indicators)[1:]) == 0


def test_a_recognition_of_2024_is_in_force_through_2027_and_expired_in_2028(circular_25):
    assert valid_through(circular_25, 2024) == 2027
    assert [in_force(circular_25, 2024, year) for year in (2023, 2024, 2027, 2028)] == [
        False,
        True,
        True,
        False,
    ]


def test_a_level_2_application_11_months_after_level_1_is_refused_with_the_date_it_becomes_possible(
    circular_25,
):
    decided = datetime.date(2025, 3, 31)

    with pytest.raises(ApplicationTooEarly) as refused:
        check_higher_level_application(circular_25, decided, datetime.date(2026, 2, 28))

    assert refused.value.possible_from == datetime.date(2026, 3, 31)
    check_higher_level_application(circular_25, decided, datetime.date(2026, 3, 31))  # twelve months: allowed


def test_the_waiting_time_and_the_validity_are_the_frameworks_data(circular_25):
    circular_25.validity_years, circular_25.upgrade_wait_months = 5, 6

    assert valid_through(circular_25, 2024) == 2029
    check_higher_level_application(circular_25, datetime.date(2025, 1, 31), datetime.date(2025, 7, 31))
    with pytest.raises(ApplicationTooEarly):
        check_higher_level_application(circular_25, datetime.date(2025, 1, 31), datetime.date(2025, 7, 30))


# --- the administrator's page of a level-based framework ---------------------------------------------


def _page(circular_25):
    from django.urls import reverse

    return reverse("assessments:framework_edit", args=[circular_25.pk])


def test_the_framework_page_shows_every_indicator_with_its_targets(login, system_admin, circular_25):
    html = login(system_admin).get(_page(circular_25)).content.decode()

    for code in ("1.1", "2.3", "4.2", "5.3"):
        assert f"{code}. Chỉ tiêu {code}" in html
    assert "Mức độ 2 (Tốt)" in html and "Mức độ 1 (Khá)" in html
    assert "Thông tư số 25/2023/TT-BGDĐT" in html


def test_the_framework_page_of_levels_changes_nothing_on_post(login, system_admin, circular_25):
    before = list(Indicator.objects.values_list("title_vi", flat=True))

    response = login(system_admin).post(_page(circular_25), {"criteria-TOTAL_FORMS": "0"})

    assert response.status_code == 302
    assert list(Indicator.objects.values_list("title_vi", flat=True)) == before


@pytest.mark.parametrize("persona", ["education_staff", "steering_member", "ward_officer"])
def test_the_framework_page_of_levels_is_the_administrators(request, login, circular_25, persona):
    assert login(request.getfixturevalue(persona)).get(_page(circular_25)).status_code == 403


def test_an_administrator_edits_an_indicators_text_in_the_admin(client, circular_25):
    from django.urls import reverse

    from tests.factories import UserFactory
    from wards.models import Role

    admin_user = UserFactory(username="quantri", is_staff=True, is_superuser=True, roles=[Role.SYSTEM_ADMIN])
    client.force_login(admin_user)
    indicator = Indicator.objects.get(criterion__framework=circular_25, criterion__number=4, number=2)
    url = reverse("admin:assessments_indicator_change", args=[indicator.pk])

    response = client.post(
        url,
        {
            "title_vi": "Tỉ lệ người từ 15 đến 60 tuổi biết chữ mức độ 2",
            "title_en": "Share of people aged 15–60 literate at level 2",
            "level_1_target": "≥ 90 %",
            "level_2_target": "≥ 95 %",
            "guidance": "Số liệu PCGD-XMC",
        },
    )

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.title_vi, indicator.level_2_target) == (
        "Tỉ lệ người từ 15 đến 60 tuổi biết chữ mức độ 2",
        "≥ 95 %",
    )
