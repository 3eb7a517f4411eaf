"""A centre's year in numbers, and the district's table comparing its centres.

What a year counts (the same rule on the centre's page, the comparison, the
export and the calendar):

- **activities**: the activities running during the year (from their first to
  their last day), so a class of September–May counts in both years, as the
  centres report it; in a month, the activities running in that month;
- **sessions**, **attendances** (*lượt người học*: the sum of the sessions'
  attendance), **women** and **ethnic minority** (of those attendances): the
  sessions dated in the year (or month);
- **learners**: the distinct learners named in those sessions (activities that
  keep a list of learners; a talk recorded as counts has none).

Only aggregate queries are run, a fixed number whatever the data: four for a
centre, four for the whole district, one for a ward's key figures. No name
ever leaves this module.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from centers.models import Activity, ActivityGroup, Center, CenterRating, Learner, Session

MONTHS = range(1, 13)
Attendee = Session.attendees.through


@dataclass
class Figures:
    activities: int = 0
    sessions: int = 0
    attendances: int = 0
    learners: int = 0
    women: int = 0
    ethnic_minority: int = 0

    def add_sessions(self, row: dict) -> None:
        self.sessions += row["sessions"]
        self.attendances += row["attendances"] or 0
        self.women += row["women"] or 0
        self.ethnic_minority += row["ethnic_minority"] or 0


@dataclass
class CenterFigures:
    """A centre's year: the totals, per group of the catalogue (every group, in order) and per month 1–12."""

    year: int
    total: Figures = field(default_factory=Figures)
    by_group: dict[str, Figures] = field(default_factory=lambda: {g: Figures() for g in ActivityGroup.values})
    by_month: dict[int, Figures] = field(default_factory=lambda: {m: Figures() for m in MONTHS})

    def group_rows(self) -> list[tuple[str, Figures]]:
        """(label, figures) of each group of the catalogue, in the catalogue's order."""
        return [(ActivityGroup(group).label, figures) for group, figures in self.by_group.items()]

    def month_rows(self) -> list[tuple[int, Figures]]:
        return list(self.by_month.items())


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def running_in(start: date, end: date) -> Q:
    """Activities with at least one day between ``start`` and ``end``."""
    return Q(starts_on__lte=end, ends_on__gte=start)


def _session_sums() -> dict:
    return {
        "sessions": Count("pk"),
        "attendances": Sum("total"),
        "women": Sum("women"),
        "ethnic_minority": Sum("ethnic_minority"),
    }


def center_figures(center: Center, year: int) -> CenterFigures:
    """``center``'s figures for ``year`` in four queries (see the module's docstring for what counts)."""
    result = CenterFigures(year)
    start, end = year_bounds(year)

    # 1. Activities running in the year and in each month, per group.
    per_month = {f"m{month}": Count("pk", filter=running_in(*month_bounds(year, month))) for month in MONTHS}
    activity_rows = (
        Activity.objects.filter(running_in(start, end), center=center)
        .values(group=F("kind__group"))
        .annotate(n=Count("pk"), **per_month)
        .order_by()
    )
    for row in activity_rows:
        result.total.activities += row["n"]
        result.by_group[row["group"]].activities += row["n"]
        for month in MONTHS:
            result.by_month[month].activities += row[f"m{month}"]

    # 2. Sessions dated in the year, per group and month.
    session_rows = (
        Session.objects.filter(activity__center=center, date__range=(start, end))
        .values(group=F("activity__kind__group"), month=ExtractMonth("date"))
        .annotate(**_session_sums())
        .order_by()
    )
    for row in session_rows:
        for figures in (result.total, result.by_group[row["group"]], result.by_month[row["month"]]):
            figures.add_sessions(row)

    # 3–4. Distinct learners named in those sessions: in the year and each month (conditional counts,
    # no date function per row), and per group.
    attendees = Attendee.objects.filter(session__activity__center=center, session__date__range=(start, end))
    distinct = {"year": Count("learner_id", distinct=True)} | {
        f"m{month}": Count(
            "learner_id", distinct=True, filter=Q(session__date__range=month_bounds(year, month))
        )
        for month in MONTHS
    }
    counts = attendees.aggregate(**distinct)
    result.total.learners = counts["year"]
    for month in MONTHS:
        result.by_month[month].learners = counts[f"m{month}"]
    by_group = attendees.values(group=F("session__activity__kind__group")).annotate(
        n=Count("learner_id", distinct=True)
    )
    for row in by_group.order_by():
        result.by_group[row["group"]].learners = row["n"]
    return result


@dataclass
class ComparisonRow:
    """One centre's line of the district comparison; ``centers.comparison`` fills the other columns."""

    center: Center
    figures: Figures = field(default_factory=Figures)
    literacy: list = field(default_factory=list)  # the ward's ``StandardStatus`` per literacy standard
    learning_families: Decimal | None = None  # share of families recognised as learning families
    rating: CenterRating | None = None  # the approved year-end rating


def comparison_centers(cluster=None):
    """The open centres the comparison lists (of one emulation cluster when given), in ward order."""
    centers = Center.objects.open().select_related("ward", "ward__cluster").order_by("ward__sort_key")
    if cluster is not None:
        centers = centers.filter(ward__cluster=cluster)
    return centers


def district_comparison(year: int, *, cluster=None) -> list[ComparisonRow]:
    """One row per open centre (of ``cluster`` when given) with its figures for ``year``, in four queries."""
    rows = {center.pk: ComparisonRow(center) for center in comparison_centers(cluster)}
    if not rows:
        return []
    ids = list(rows)
    start, end = year_bounds(year)
    activity_counts = (
        Activity.objects.filter(running_in(start, end), center_id__in=ids)
        .values("center_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in activity_counts:
        rows[row["center_id"]].figures.activities = row["n"]
    session_sums = (
        Session.objects.filter(activity__center_id__in=ids, date__range=(start, end))
        .values(center_id=F("activity__center_id"))
        .annotate(**_session_sums())
        .order_by()
    )
    for row in session_sums:
        rows[row["center_id"]].figures.add_sessions(row)
    # A learner belongs to one centre; "came to a session this year" is an EXISTS that stops at the
    # first such session, cheaper than counting distinct names over every attendance.
    came = Attendee.objects.filter(learner_id=OuterRef("pk"), session__date__range=(start, end))
    learner_counts = (
        Learner.objects.filter(Exists(came), center_id__in=ids)
        .values("center_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in learner_counts:
        rows[row["center_id"]].figures.learners = row["n"]
    return list(rows.values())


def _per_center(queryset, value) -> Coalesce:
    """A correlated subquery of ``queryset`` (rows of the outer centre) reduced to ``value``, 0 when none."""
    grouped = queryset.values("center_ref").annotate(value=value).values("value").order_by()
    return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)


def open_center_with_key_figures(ward, year: int) -> Center | None:
    """The ward's open centre with ``key_figures`` (activities, sessions, attendances, learners) of ``year``.

    One query (what the ward's page can afford for its section); ``None`` when the ward has no open centre.
    """
    start, end = year_bounds(year)
    activities = Activity.objects.filter(running_in(start, end), center=OuterRef("pk")).annotate(
        center_ref=F("center_id")
    )
    sessions = Session.objects.filter(activity__center=OuterRef("pk"), date__range=(start, end)).annotate(
        center_ref=F("activity__center_id")
    )
    came = Attendee.objects.filter(learner_id=OuterRef("pk"), session__date__range=(start, end))
    learners = Learner.objects.filter(Exists(came), center=OuterRef("pk")).annotate(center_ref=F("center_id"))
    center = (
        Center.objects.open()
        .filter(ward=ward)
        .annotate(
            n_activities=_per_center(activities, Count("pk")),
            n_sessions=_per_center(sessions, Count("pk")),
            n_attendances=_per_center(sessions, Sum("total")),
            n_learners=_per_center(learners, Count("pk")),
        )
        .first()
    )
    if center is not None:
        center.key_figures = Figures(
            activities=center.n_activities,
            sessions=center.n_sessions,
            attendances=center.n_attendances,
            learners=center.n_learners,
        )
    return center
