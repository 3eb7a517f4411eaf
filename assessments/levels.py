"""Level-based recognition (Circular 25/2023): which level a ward reaches, and how long it holds.

A ward is recognised at a level when it meets *every* indicator of the
framework at that level; the level reached is the highest such level, and 0
(not recognised) when some indicator misses even level 1. An indicator counts
as met only with evidence: "a criterion without evidence scores 0" holds for
indicators too. Where an indicator sets no higher target for level 2, meeting
level 1 meets level 2.

A recognition stays in force for the framework's ``validity_years`` after the
year of recognition, and a ward recognised at a lower level may apply for a
higher one only ``upgrade_wait_months`` after its decision. Both are data of the
framework (3 years and 12 months under Circular 25), never constants here.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from assessments.models import ClassificationBand, Framework, Indicator

NOT_RECOGNISED = 0


@dataclass(frozen=True)
class IndicatorFinding:
    """What the ward (or the inspection) found for one indicator."""

    indicator: Indicator
    meets_level_1: bool
    meets_level_2: bool
    has_evidence: bool


def indicator_level(finding: IndicatorFinding) -> int:
    """The highest level the indicator is met at: 0, 1 or 2."""
    if not finding.has_evidence or not finding.meets_level_1:
        return NOT_RECOGNISED
    if finding.indicator.has_higher_level_2_target and not finding.meets_level_2:
        return 1
    return 2


def level_reached(indicators: Iterable[Indicator], findings: Iterable[IndicatorFinding]) -> int:
    """The highest level at which every one of ``indicators`` is met; an indicator without a finding is not."""
    levels = {finding.indicator.pk: indicator_level(finding) for finding in findings}
    return min((levels.get(indicator.pk, NOT_RECOGNISED) for indicator in indicators), default=NOT_RECOGNISED)


def classification_for_level(framework: Framework, level: int) -> ClassificationBand | None:
    """The framework's classification row for ``level`` (``None`` when not recognised)."""
    if level == NOT_RECOGNISED:
        return None
    return next((band for band in framework.bands.all() if band.min_points == level), None)


def valid_through(framework: Framework, year_recognised: int) -> int | None:
    """The last year a recognition of ``year_recognised`` is in force; ``None`` when it does not expire."""
    if framework.validity_years is None:
        return None
    return year_recognised + framework.validity_years


def in_force(framework: Framework, year_recognised: int, year: int) -> bool:
    """Whether a recognition of ``year_recognised`` still holds in ``year``."""
    last = valid_through(framework, year_recognised)
    return year_recognised <= year and (last is None or year <= last)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day when it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def higher_level_possible_from(framework: Framework, decided_on: datetime.date) -> datetime.date:
    """The first day a ward recognised at a lower level on ``decided_on`` may apply for a higher one."""
    return add_months(decided_on, framework.upgrade_wait_months or 0)


class ApplicationTooEarly(Exception):
    """A higher level asked for before the waiting time is over; ``possible_from`` says when it will be."""

    def __init__(self, possible_from: datetime.date):
        super().__init__(possible_from)
        self.possible_from = possible_from


def check_higher_level_application(
    framework: Framework, decided_on: datetime.date, day: datetime.date
) -> None:
    """Refuse (``ApplicationTooEarly``) an application on ``day`` for a higher level than the one decided on
    ``decided_on``, when the framework's waiting time is not over."""
    possible_from = higher_level_possible_from(framework, decided_on)
    if day < possible_from:
        raise ApplicationTooEarly(possible_from)
