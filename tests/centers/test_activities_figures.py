"""``center_figures`` and ``district_comparison``: what a year counts, per centre, group and month."""

from datetime import date

from centers.activities import add_learner, create_activity, record_session
from centers.figures import center_figures, district_comparison, open_center_with_key_figures
from tests.centers.activity_data import LEARNERS, class_with_sessions, health_talk, kind, literacy_class
from tests.factories import CenterFactory, ClusterFactory, UserFactory, WardFactory
from wards.models import Role


def _numbers(figures) -> tuple:
    return (
        figures.activities,
        figures.sessions,
        figures.attendances,
        figures.learners,
        figures.women,
        figures.ethnic_minority,
    )


def test_a_class_across_new_year_counts_in_both_years_its_sessions_where_they_fall(center, center_director):
    class_with_sessions(
        center,
        center_director,
        starts_on=date(2017, 9, 4),
        ends_on=date(2018, 5, 31),
        sessions=[(date(2017, 9, 11), 3), (date(2017, 12, 4), 2), (date(2018, 1, 8), 1)],
    )
    figures_2017, figures_2018 = center_figures(center, 2017), center_figures(center, 2018)
    assert _numbers(figures_2017.total) == (1, 2, 5, 3, 3, 1)
    assert _numbers(figures_2018.total) == (1, 1, 1, 1, 1, 0)
    assert [figures_2017.by_month[m].activities for m in range(1, 13)] == [0] * 8 + [1] * 4
    assert [figures_2018.by_month[m].activities for m in range(1, 13)] == [1] * 5 + [0] * 7
    assert _numbers(center_figures(center, 2019).total) == (0, 0, 0, 0, 0, 0)


def test_a_learner_in_two_classes_is_one_learner_of_the_year(center, center_director):
    literacy, (lan, _minh, _sara) = class_with_sessions(center, center_director)
    computing = create_activity(
        center,
        center_director,
        kind=kind("tin-hoc"),
        title="Tin học cơ bản",
        starts_on=date(2018, 4, 1),
        ends_on=date(2018, 4, 30),
    )
    same = add_learner(computing, center_director, **LEARNERS[0])
    assert same == lan
    record_session(computing, center_director, date=date(2018, 4, 2), attendees=[same])
    figures = center_figures(center, 2018)
    assert figures.total.learners == 3
    assert figures.by_group["literacy"].learners == 3
    assert figures.by_group["it"].learners == 1
    assert figures.by_month[4].learners == 3  # Lan came to both classes in April: once
    assert figures.total.attendances == 2 + 3 + 1


def test_another_centres_records_do_not_count(center, other_center, center_director, other_center_director):
    class_with_sessions(other_center, other_center_director)
    talk = health_talk(other_center, other_center_director)
    record_session(talk, other_center_director, date=date(2018, 4, 10), total=300)
    assert _numbers(center_figures(center, 2018).total) == (0, 0, 0, 0, 0, 0)


def test_the_comparison_has_one_row_per_open_centre_in_ward_order(center, other_center, center_director):
    class_with_sessions(center, center_director)
    talk = health_talk(center, center_director)
    record_session(talk, center_director, date=date(2018, 4, 10), total=120, women=70, ethnic_minority=5)
    closed = CenterFactory(ward=WardFactory(code="P03", name="Phường 3"), closed_on=date(2017, 12, 31))
    rows = district_comparison(2018)
    assert [row.center for row in rows] == [center, other_center]
    assert closed not in [row.center for row in rows]
    assert _numbers(rows[0].figures) == _numbers(center_figures(center, 2018).total) == (2, 3, 125, 3, 73, 6)
    assert _numbers(rows[1].figures) == (0, 0, 0, 0, 0, 0)


def test_the_comparison_filters_by_cluster(center, other_center, ward):
    second = ClusterFactory(district=ward.district, number=2)
    far_ward = WardFactory(code="P09", name="Phường 9", district=ward.district, cluster=second)
    far = CenterFactory(ward=far_ward)
    director = UserFactory(ward=far_ward, roles=[Role.CLC_DIRECTOR])
    literacy_class(far, director)
    assert [row.center for row in district_comparison(2018, cluster=second)] == [far]
    assert [row.center for row in district_comparison(2018, cluster=ward.cluster)] == [center, other_center]
    assert district_comparison(2018, cluster=second)[0].figures.activities == 1


def test_the_wards_key_figures_are_the_centres_totals(
    center, other_center, center_director, other_center_director
):
    class_with_sessions(center, center_director)
    class_with_sessions(
        center,
        center_director,
        title="Lớp 2017",
        starts_on=date(2017, 3, 1),
        ends_on=date(2017, 6, 1),
        sessions=[(date(2017, 3, 2), 1)],
    )
    talk = health_talk(center, center_director)
    record_session(talk, center_director, date=date(2018, 4, 10), total=120, women=70)
    class_with_sessions(other_center, other_center_director)
    key = open_center_with_key_figures(center.ward, 2018)
    total = center_figures(center, 2018).total
    assert key == center
    assert (
        (
            key.key_figures.activities,
            key.key_figures.sessions,
            key.key_figures.attendances,
            key.key_figures.learners,
        )
        == (
            total.activities,
            total.sessions,
            total.attendances,
            total.learners,
        )
        == (2, 3, 125, 3)
    )
    assert open_center_with_key_figures(WardFactory(code="P08"), 2018) is None
