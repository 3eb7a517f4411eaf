"""The district overview: this year's pipeline, results, plan and centres, with their charts.

Assembled from the dashboard's figure modules (a fixed number of aggregate
queries in all) and kept by ``engines.figures_cache`` until the data changes;
the same object feeds the page and the annual report.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from centers.summaries import DistrictLearning, MonthlyActivity, district_learning, district_monthly_activity
from engines.charts import Chart, Series, bar_chart, column_chart, number_text, stacked_bar_chart
from engines.figures_cache import cached_figure
from plans.dashboard.distribution import Distribution, distribution
from plans.dashboard.pipeline import Pipeline, pipeline
from plans.dashboard.plan_status import PlanStatus, plan_status

MONTHS = range(1, 13)


@dataclass(frozen=True)
class ActivityGroupRow:
    """One kind of activity's sessions per month (1–12) and attendances in the year."""

    label: str
    sessions: list[int]
    attendances: int

    @property
    def total_sessions(self) -> int:
        return sum(self.sessions)


@dataclass(frozen=True)
class Overview:
    year: int
    pipeline: Pipeline
    distribution: Distribution
    plan: PlanStatus
    activity: MonthlyActivity
    activity_rows: list[ActivityGroupRow]
    learning: DistrictLearning
    charts: dict[str, Chart]

    @property
    def month_sessions(self) -> list[int]:
        return [sum(row.sessions[month - 1] for row in self.activity_rows) for month in MONTHS]


def _activity_rows(activity: MonthlyActivity) -> list[ActivityGroupRow]:
    return [ActivityGroupRow(*row) for row in activity.group_rows()]


def _charts(year, steps: Pipeline, grades: Distribution, plan: PlanStatus, rows) -> dict[str, Chart]:
    charts = {
        "pipeline": bar_chart(
            _("Wards at each step of the %(year)s procedure") % {"year": year},
            [step.label for step in steps.steps],
            [
                Series(_("Wards"), [step.wards for step in steps.steps]),
                Series(_("of which overdue"), [step.overdue for step in steps.steps]),
            ],
            label_header=_("Step"),
        ),
        "distribution": bar_chart(
            _("Classification of the wards: %(last)s and %(year)s") % {"last": year - 1, "year": year},
            [band.label for band in grades.bands] + [_("Not yet classified")],
            [
                Series(
                    str(year - 1),
                    [band.last_year for band in grades.bands] + [grades.unclassified_last_year],
                ),
                Series(
                    str(year),
                    [band.this_year for band in grades.bands] + [grades.unclassified_this_year],
                ),
            ],
            label_header=_("Classification"),
        ),
        "activity": column_chart(
            _("Learning-centre sessions per month in %(year)s, by kind") % {"year": year},
            [_("M%(month)s") % {"month": month} for month in MONTHS],
            [Series(row.label, row.sessions) for row in rows if row.total_sessions],
            label_header=_("Month"),
        ),
    }
    if plan.units:
        charts["plan"] = stacked_bar_chart(
            _("Tasks of the %(year)s plan per responsible unit") % {"year": year},
            [unit.name for unit in plan.units],
            [
                Series(_("Done"), [unit.done for unit in plan.units]),
                Series(_("In progress"), [unit.in_progress for unit in plan.units]),
                Series(_("Not started"), [unit.not_started for unit in plan.units]),
            ],
            label_header=_("Responsible"),
        )
    return charts


def compute_overview(year: int, today: datetime.date) -> Overview:
    """Every figure of the overview of ``year`` on ``today`` (uncached)."""
    steps, grades, plan = pipeline(year, today), distribution(year), plan_status(year, today)
    activity = district_monthly_activity(year)
    rows = _activity_rows(activity)
    return Overview(
        year=year,
        pipeline=steps,
        distribution=grades,
        plan=plan,
        activity=activity,
        activity_rows=rows,
        learning=district_learning(year),
        charts=_charts(year, steps, grades, plan, rows),
    )


def district_overview(year: int, today: datetime.date) -> Overview:
    """``compute_overview``, cached until the data changes (and per day: "overdue" moves with the date)."""
    return cached_figure("overview", (year, today.isoformat()), lambda: compute_overview(year, today))


def _percent_text(value) -> str:
    return "" if value is None else f"{number_text(value)} %"


def overview_table(overview: Overview, name: str) -> tuple[str, list[str], list[list]] | None:
    """The overview's table ``name`` as (title, headers, rows) for a spreadsheet; ``None`` for no such table.

    The same rows the page shows, in its order: numbers stay numbers, labels are text.
    """
    year = overview.year
    if name == "pipeline":
        return (
            _("Wards at each step %(year)s") % {"year": year},
            [_("Step"), _("Wards"), _("Overdue")],
            [[step.label, step.wards, step.overdue] for step in overview.pipeline.steps],
        )
    if name == "late":
        return (
            _("Overdue wards %(year)s") % {"year": year},
            [pgettext("administrative unit", "Ward"), _("What is due"), _("Due date"), _("Days late")],
            [
                [late.ward_name, late.due_label or late.state_label, late.due_date, late.days_late]
                for late in overview.pipeline.late
            ],
        )
    if name == "distribution":
        grades = overview.distribution
        return (
            _("Classification %(last)s and %(year)s") % {"last": year - 1, "year": year},
            [_("Classification"), str(year - 1), str(year)],
            [[band.label, band.last_year, band.this_year] for band in grades.bands]
            + [[_("Not yet classified"), grades.unclassified_last_year, grades.unclassified_this_year]],
        )
    if name == "plan":
        return (
            _("Plan tasks %(year)s") % {"year": year},
            [_("Responsible"), _("Done"), _("In progress"), _("Not started"), _("Overdue")],
            [[u.name, u.done, u.in_progress, u.not_started, u.overdue] for u in overview.plan.units],
        )
    if name == "activity":
        return (
            _("Learning-centre sessions %(year)s") % {"year": year},
            [_("Kind of activity"), *(_("M%(month)s") % {"month": m} for m in MONTHS), _("Attendances")],
            [[row.label, *row.sessions, row.attendances] for row in overview.activity_rows],
        )
    if name == "learning":
        learning = overview.learning
        return (
            _("Literacy and learning models %(year)s") % {"year": year},
            [
                pgettext("administrative unit", "Ward"),
                *(standard.name for standard in learning.standards),
                *learning.kinds,
            ],
            [
                [
                    ward.ward_name,
                    *(
                        [_percent_text(status.percent) for status in ward.literacy]
                        or ["" for _standard in learning.standards]
                    ),
                    *(_percent_text(rate) for rate in ward.learning_models),
                ]
                for ward in learning.wards
            ],
        )
    return None
