"""The assessment list's filter (django-filter): year, state and ward, each on its own and together."""

import pytest

from assessments.models import AssessmentState as S
from tests.factories import AssessmentFactory, CycleFactory, WardFactory


@pytest.fixture
def listed(walk_to, assessment, other_ward):
    """2018: Phường 1 (plan sent), Phường 2, Phường Bến Thành; 2017: Phường 2."""
    walk_to(assessment, S.PLAN_SUBMITTED)
    cycle_2017 = CycleFactory(year=2017, lead_body=assessment.cycle.lead_body)
    return {
        "p1": assessment,
        "p2": AssessmentFactory(cycle=assessment.cycle, ward=other_ward),
        "ben_thanh": AssessmentFactory(
            cycle=assessment.cycle,
            ward=WardFactory(code="P03", name="Phường Bến Thành", district=other_ward.district),
        ),
        "p2_2017": AssessmentFactory(cycle=cycle_2017, ward=other_ward),
    }


def listed_keys(client, listed, params=None) -> list[str]:
    response = client.get("/assessments/", params or {})
    names = {assessment.pk: key for key, assessment in listed.items()}
    return [names[assessment.pk] for assessment, _overdue in response.context["rows"]]


def test_year_defaults_to_the_latest_cycle(login, education_staff, listed):
    assert listed_keys(login(education_staff), listed) == ["p1", "p2", "ben_thanh"]


def test_year_chosen(login, education_staff, listed):
    assert listed_keys(login(education_staff), listed, {"year": "2017"}) == ["p2_2017"]


def test_year_left_blank_lists_every_year(login, education_staff, listed):
    assert listed_keys(login(education_staff), listed, {"year": ""}) == ["p1", "p2", "ben_thanh", "p2_2017"]


def test_year_not_a_cycle_lists_nothing(login, education_staff, listed):
    assert listed_keys(login(education_staff), listed, {"year": "1999"}) == []


def test_state(login, education_staff, listed):
    assert listed_keys(login(education_staff), listed, {"state": S.PLAN_SUBMITTED}) == ["p1"]


def test_state_unknown_lists_nothing(login, education_staff, listed):
    assert listed_keys(login(education_staff), listed, {"state": "nonsense"}) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ben thanh", ["ben_thanh"]), ("PHƯỜNG 2", ["p2"]), ("phuong", ["p1", "p2", "ben_thanh"]), ("Q", [])],
)
def test_ward_search_ignores_diacritics_and_case(login, education_staff, listed, query, expected):
    assert listed_keys(login(education_staff), listed, {"q": query}) == expected


def test_filters_combine_and_never_widen_what_the_user_may_see(
    login, ward_officer, other_ward_officer, listed
):
    everything = {"year": "", "q": "phuong"}

    assert listed_keys(login(ward_officer), listed, everything) == ["p1"]
    assert listed_keys(login(other_ward_officer), listed, everything) == ["p2", "p2_2017"]
    assert listed_keys(login(other_ward_officer), listed, {"year": "2017", "q": "2"}) == ["p2_2017"]


def test_the_form_shows_the_years_newest_first_and_every_state(login, education_staff, listed):
    form = login(education_staff).get("/assessments/", {"q": "bến"}).context["form"]

    assert [value for value, _label in form.fields["year"].choices] == [2018, 2017]
    assert [value for value, _label in form.fields["state"].choices] == ["", *S.values]
    assert (form["year"].value(), form["q"].value()) == ("2018", "bến")
