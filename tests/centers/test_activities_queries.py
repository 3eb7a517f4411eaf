"""N+1 guards: the centre's page, its activity list and calendar, and the district comparison issue the
same number of queries with 1 activity (or centre) as with 50 activities (or 15 centres)."""

from datetime import date

import pytest
from django.urls import reverse

from centers.activities import add_learner, record_session
from tests.centers.activity_data import class_with_sessions, health_talk
from tests.factories import CenterFactory, UserFactory, WardFactory
from wards.models import Role


def _year_of(center, director, count: int) -> None:
    """``count`` activities: classes with three learners and two sessions, talks with a counted session."""
    for number in range(count):
        if number % 2:
            talk = health_talk(
                center, director, title=f"Chuyên đề {number}", day=date(2018, 1 + number % 12, 10)
            )
            record_session(talk, director, date=talk.starts_on, total=40 + number, women=20)
        else:
            activity, _learners = class_with_sessions(center, director, title=f"Lớp {number}")
            add_learner(activity, director, full_name=f"Học viên {number}", birth_year=1990, gender="M")


def _centres(ward, count: int) -> None:
    for number in range(count):
        other = ward if number == 0 else WardFactory(district=ward.district, cluster=ward.cluster)
        center = CenterFactory(ward=other)
        director = UserFactory(ward=other, roles=[Role.CLC_DIRECTOR])
        _year_of(center, director, 2)


@pytest.mark.parametrize("count", [1, 50])
def test_the_centre_page_is_a_fixed_number_of_queries(
    login, center, center_director, django_assert_max_num_queries, count
):
    _year_of(center, center_director, count)
    client = login(center_director)
    # session, user, roles, the user's ward (menu), centre, first activity year, members, partners,
    # calendar of the year, and center_figures' four (activities, sessions, learners by year and month,
    # learners by group); the literacy panel's three (standards, register counts, latest import), the
    # learning models' two (counts, targets), the rating's two (the year's, the latest earlier one)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("centers:detail", args=[center.pk]) + "?year=2018")
    assert response.context["figures"].total.activities == count


@pytest.mark.parametrize("count", [1, 50])
def test_the_activity_list_and_its_export_are_a_fixed_number_of_queries(
    login, center, center_director, django_assert_max_num_queries, count
):
    _year_of(center, center_director, count)
    client = login(center_director)
    url = reverse("centers:activity_list", args=[center.pk]) + "?year=2018&q=lop"
    # session, user, roles, the user's ward (menu), centre, first activity year, the topic search,
    # the activities with their kind, partner and session sums, the filter's kinds and partners
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert len(response.context["activities"]) == (count + 1) // 2
    with django_assert_max_num_queries(8):
        client.get(reverse("centers:activity_export", args=[center.pk]) + "?year=2018")


@pytest.mark.parametrize("count", [1, 50])
def test_the_calendar_is_a_fixed_number_of_queries(
    login, center, center_director, django_assert_max_num_queries, count
):
    _year_of(center, center_director, count)
    client = login(center_director)
    # session, user, roles, the user's ward (menu), centre, calendar, activities, sessions
    with django_assert_max_num_queries(8):
        response = client.get(reverse("centers:calendar", args=[center.pk, 2018]))
    assert sum(len(month.sessions) for month in response.context["months"]) == count + (count + 1) // 2


@pytest.mark.parametrize("count", [1, 15])
def test_the_comparison_is_a_fixed_number_of_queries(
    login, ward, education_staff, django_assert_max_num_queries, count
):
    _centres(ward, count)
    client = login(education_staff)
    # session, user, roles, centres, and district_comparison's activities, sessions and learners,
    # the wards without a centre, the clusters; compare_centers' literacy standards and register counts,
    # learning families and approved ratings; the standards again for the columns
    with django_assert_max_num_queries(14):
        response = client.get(reverse("centers:list") + "?year=2018")
    assert len(response.context["rows"]) == count
    with django_assert_max_num_queries(13):
        client.get(reverse("centers:comparison_export") + "?year=2018")
