"""One ward's own page of the dashboards: its row of the heat map and its self vs inspection, every year.

For each year the ward has an assessment, each criterion of that year's
framework with the ward's self-score, the inspection's score, the share of
the maximum and the difference; the totals and classifications across the
years come from ``plans.dashboard.trends`` (the same figure the district sees).
A year under a level-based framework (Circular 25) has no points: it names
its framework and shows the level the inspection found, no criterion lines.

Four queries whatever the number of years: the ward's assessments, the
criteria of their frameworks, the ward's inspection scores and its self-scores.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.models import Assessment, Criterion, ScoringMode
from assessments.public import framework_title_of
from engines.charts import number_text
from engines.figures_cache import cached_figure
from plans.dashboard.scores import (
    WEAK_MARK,
    inspection_scores,
    is_weak,
    localized,
    percent_text,
    self_scores,
    shade,
    share_percent,
)
from plans.dashboard.self_vs_inspection import delta_shade, signed_text
from wards.models import Ward


@dataclass(frozen=True)
class CriterionLine:
    number: int
    title: str
    max_points: Decimal
    self_points: Decimal | None
    inspected: Decimal | None

    @property
    def share(self) -> Decimal | None:
        return share_percent(self.inspected, self.max_points)

    @property
    def delta(self) -> Decimal | None:
        if self.self_points is None or self.inspected is None:
            return None
        return self.self_points - self.inspected

    @property
    def weak(self) -> bool:
        return is_weak(self.share)

    @property
    def shade(self) -> str:
        return shade(self.share)

    @property
    def delta_shade(self) -> str:
        return delta_shade(self.delta)

    @property
    def share_text(self) -> str:
        return f"{WEAK_MARK} {percent_text(self.share)}" if self.weak else percent_text(self.share)

    @property
    def delta_text(self) -> str:
        return signed_text(self.delta)

    @property
    def self_text(self) -> str:
        return number_text(self.self_points)

    @property
    def inspected_text(self) -> str:
        return number_text(self.inspected)


@dataclass(frozen=True)
class WardYear:
    year: int
    lines: tuple[CriterionLine, ...]  # none under a level-based framework
    framework: str = ""  # ``framework_title`` of the year's framework
    by_level: bool = False
    level: str = ""  # a level-based year's result: the level's label ("" before the inspection closed)


@dataclass(frozen=True)
class WardPage:
    years: tuple[WardYear, ...]  # newest first

    def table(self) -> tuple[list[str], list[list]]:
        headers = [
            _("Year"),
            _("Criterion"),
            _("Title"),
            _("Maximum points"),
            _("Self-score"),
            _("Inspection score"),
            _("Inspection (%)"),
            _("Self − inspection"),
        ]
        rows = [
            [
                ward_year.year,
                line.number,
                line.title,
                line.max_points,
                line.self_points,
                line.inspected,
                line.share,
                line.delta,
            ]
            for ward_year in self.years
            for line in ward_year.lines
        ]
        return headers, rows


def ward_page(ward: Ward) -> WardPage:
    return cached_figure("ward_page", (ward.pk,), lambda: _compute(ward))


def _compute(ward: Ward) -> WardPage:
    assessments = list(
        Assessment.objects.filter(ward=ward)
        .order_by("-cycle__year")
        .values(
            "cycle__year",
            "cycle__framework_id",
            "cycle__framework__legal_reference",
            "cycle__framework__name",
            "cycle__framework__scoring_mode",
            "result__classification__label_vi",
            "result__classification__label_en",
        )
    )
    criteria = list(
        Criterion.objects.filter(framework_id__in={a["cycle__framework_id"] for a in assessments})
        .order_by("number")
        .only("framework_id", "number", "title_vi", "title_en", "max_points")
    )
    inspected = _points(inspection_scores().filter(assessment__ward=ward))
    own = _points(self_scores().filter(assessment__ward=ward))
    return WardPage(tuple(_ward_year(assessment, criteria, own, inspected) for assessment in assessments))


def _ward_year(assessment: dict, criteria: list[Criterion], own: dict, inspected: dict) -> WardYear:
    year, framework = assessment["cycle__year"], assessment["cycle__framework_id"]
    mode = assessment["cycle__framework__scoring_mode"]
    title = framework_title_of(
        assessment["cycle__framework__legal_reference"], assessment["cycle__framework__name"], mode
    )
    if mode == ScoringMode.LEVELS:
        label_vi, label_en = (
            assessment["result__classification__label_vi"],
            assessment["result__classification__label_en"],
        )
        level = localized(label_vi, label_en) if label_vi else ""
        return WardYear(year, (), framework=title, by_level=True, level=level)
    lines = tuple(
        CriterionLine(c.number, c.title, c.max_points, own.get((year, c.pk)), inspected.get((year, c.pk)))
        for c in criteria
        if c.framework_id == framework
    )
    return WardYear(year, lines, framework=title)


def _points(scores) -> dict[tuple[int, int], Decimal]:
    return {
        (year, criterion): points
        for year, criterion, points in scores.values_list("assessment__cycle__year", "criterion_id", "points")
    }
