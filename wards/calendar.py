"""Vietnamese working days: which days offices work, and deadlines counted in them.

Deadlines in administrative procedures are counted in working days (ngày làm
việc): Monday to Friday, minus public holidays and the days the government
gives off in exchange for a Saturday worked. Three sources decide a day, the
later winning over the earlier:

1. the weekday: Monday–Friday work, Saturday and Sunday do not;
2. the ``holidays`` package (country ``VN``): public holidays, observed days,
   the Tết days and the yearly swaps it knows (a weekday off, and the Saturday
   worked in exchange, e.g. Friday 02/05/2025 off and Saturday 26/04/2025
   worked);
3. ``CalendarOverride`` rows entered by an administrator for notices the
   package does not know yet.

The package is asked once per year (cached for the life of the process: it
only changes with a new release, which restarts the process); the overrides
are read from the database in one query per call, never one per day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import holidays
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wards.models import CalendarOverride

if TYPE_CHECKING:
    from collections.abc import Mapping

COUNTRY = "VN"
ONE_DAY = timedelta(days=1)
# Overrides are loaded for a window of calendar days large enough for the
# count asked for: over a year Vietnam has about 250 working days in 365, so
# twice the count plus a month (for a nine-day Tết) always suffices unless an
# administrator enters an unusual run of days off; then one more window is
# loaded.
_WINDOW_SLACK_DAYS = 31
_EXTRA_WINDOW_DAYS = 366


@dataclass(frozen=True)
class _PackageYear:
    """What the ``holidays`` package says about one year, frozen for caching."""

    days_off: Mapping[date, str]
    # A Saturday (or Sunday) worked → the day off it pays for, when known.
    weekend_workdays: Mapping[date, date | None]


@dataclass(frozen=True)
class CalendarEntry:
    """One line of the calendar page: a day off or an extra working day."""

    day: date
    name: str
    # The administrator's row when the entry comes from one (it can be deleted).
    override: CalendarOverride | None = None

    @property
    def from_package(self) -> bool:
        return self.override is None


def _package_language() -> str:
    """The ``holidays`` translation matching the interface language (Vietnamese by default)."""
    language = (get_language() or "vi").lower()
    return "en_US" if language.startswith("en") else "vi"


def _normalize(day: date) -> date:
    # A datetime is a date too, but would never match the date keys below.
    return day.date() if isinstance(day, datetime) else day


@lru_cache(maxsize=128)
def _package_year(year: int, language: str = "vi") -> _PackageYear:
    """The package's days off and worked weekend days of ``year``, in ``language``.

    ``weekend_workdays`` is public in ``holidays`` (>= 0.109) and lists the
    worked weekend days of every year the package knows; the day off a worked
    Saturday pays for is only named in the substituted holiday's label ("Day
    off (substituted from 26/04/2025)"), so it is found by matching that label,
    looking one year either side because a swap may cross New Year (31/12/2018
    off for Saturday 05/01/2019).
    """
    named = holidays.country_holidays(COUNTRY, years=year, language=language)
    days_off = {day: name for day, name in named.items() if day.year == year}

    worked = sorted(day for day in named.weekend_workdays if day.year == year)
    paid_for: dict[date, date | None] = dict.fromkeys(worked)
    if worked:
        span = holidays.country_holidays(COUNTRY, years=range(year - 1, year + 2), language="vi")
        date_format = getattr(span, "substituted_date_format", "%d/%m/%Y")
        for day in worked:
            label = day.strftime(date_format)
            paid_for[day] = next((off for off, name in sorted(span.items()) if label in name), None)
    return _PackageYear(MappingProxyType(days_off), MappingProxyType(paid_for))


def _is_working_day(day: date, override: bool | None) -> bool:
    """The decision for one day, given the administrator's override for it (or ``None``)."""
    if override is not None:
        return override
    package = _package_year(day.year)
    if day.weekday() >= 5:
        return day in package.weekend_workdays
    return day not in package.days_off


class _Overrides:
    """The administrator's overrides for a range of days, read in as few queries as possible.

    Created for the range a calculation is expected to need (one query); if
    the calculation runs past it, the next stretch is read in one more query.
    """

    def __init__(self, first: date, last: date):
        self._loaded_until = first - ONE_DAY
        self._days: dict[date, bool] = {}
        self._load_until(last)

    def _load_until(self, last: date) -> None:
        rows = CalendarOverride.objects.filter(day__gt=self._loaded_until, day__lte=last).values_list(
            "day", "is_working_day"
        )
        self._days.update(rows)
        self._loaded_until = last

    def get(self, day: date) -> bool | None:
        if day > self._loaded_until:
            self._load_until(day + timedelta(days=_EXTRA_WINDOW_DAYS))
        return self._days.get(day)


def is_working_day(day: date) -> bool:
    """Whether offices work on ``day``.

    Monday–Friday, except the public holidays and government days off known to
    the ``holidays`` package; a Saturday the government swapped in as a working
    day counts. An administrator's ``CalendarOverride`` for the day wins over
    all of this.
    """
    day = _normalize(day)
    override = CalendarOverride.objects.filter(day=day).values_list("is_working_day", flat=True).first()
    return _is_working_day(day, override)


def add_working_days(start: date, count: int) -> date:
    """The deadline ``count`` working days after ``start``.

    The day of receipt is not counted (the rule for administrative deadlines):
    the result is the ``count``-th working day after ``start``. With ``count``
    0 the result is ``start`` itself. Examples: Fri 24/01/2025 + 10 is Fri
    14/02/2025 (Tết 27–31/01 skipped); Fri 25/04/2025 + 5 is Tue 06/05/2025
    (Saturday 26/04 worked; 30/04, 01/05 and 02/05 off).
    """
    start = _normalize(start)
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        return start
    overrides = _Overrides(start + ONE_DAY, start + timedelta(days=2 * count + _WINDOW_SLACK_DAYS))
    day = start
    remaining = count
    while remaining:
        day += ONE_DAY
        if _is_working_day(day, overrides.get(day)):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` ("x working days left").

    Counted like ``add_working_days``: ``add_working_days(start, n)`` is the
    first day ``d`` with ``working_days_between(start, d) == n``. When ``end``
    is before ``start`` the result is negative (a deadline already passed by
    that many working days); when they are the same day it is 0.
    """
    start, end = _normalize(start), _normalize(end)
    if end < start:
        return -working_days_between(end, start)
    overrides = _Overrides(start + ONE_DAY, end)
    count = 0
    day = start + ONE_DAY
    while day <= end:
        count += _is_working_day(day, overrides.get(day))
        day += ONE_DAY
    return count


def calendar_for_year(year: int) -> tuple[list[CalendarEntry], list[CalendarEntry]]:
    """The days off and the extra working days of ``year``, each sorted by day.

    Days off are the package's holidays (including those falling on a weekend,
    as the official calendar lists them) and the administrator's extra days
    off; extra working days are the weekend days worked for a government swap
    and the administrator's extra working days. An override replaces the
    package's entry for its day. One database query.
    """
    package = _package_year(year, _package_language())
    overrides = {
        row.day: row
        for row in CalendarOverride.objects.filter(day__year=year).only("day", "is_working_day", "reason")
    }

    days_off = [CalendarEntry(day, name) for day, name in package.days_off.items() if day not in overrides]
    days_off += [
        CalendarEntry(row.day, row.reason, row) for row in overrides.values() if not row.is_working_day
    ]

    extra = [
        CalendarEntry(day, _swap_reason(day_off))
        for day, day_off in package.weekend_workdays.items()
        if day not in overrides
    ]
    extra += [CalendarEntry(row.day, row.reason, row) for row in overrides.values() if row.is_working_day]

    return sorted(days_off, key=lambda entry: entry.day), sorted(extra, key=lambda entry: entry.day)


def _swap_reason(day_off: date | None) -> str:
    if day_off is None:
        return _("Working day in exchange for a day off (government swap)")
    return _("Working day in exchange for the day off on %(date)s") % {"date": day_off.strftime("%d/%m/%Y")}


def days_off(year: int) -> list[CalendarEntry]:
    """The days off of ``year`` with their names (see ``calendar_for_year``)."""
    return calendar_for_year(year)[0]


def extra_working_days(year: int) -> list[CalendarEntry]:
    """The weekend days worked in ``year`` with their reasons (see ``calendar_for_year``)."""
    return calendar_for_year(year)[1]


class Replaced(StrEnum):
    """What an administrator's exception for a day takes the place of."""

    HOLIDAY = "holiday"  # an official day off (public holiday, Tết, a government day off)
    OFFICIAL_WORKING_DAY = "official_working_day"  # a weekend day worked for a government swap
    EXCEPTION = "exception"  # an earlier exception for the same day


@dataclass(frozen=True)
class Replacement:
    """An entry of the calendar that a new exception for ``day`` would replace."""

    day: date
    kind: Replaced
    name: str


def replaced_by_exception(day: date) -> Replacement | None:
    """What an exception for ``day`` would replace, or ``None`` when it replaces nothing.

    An exception wins over the official calendar, so an extra working day
    entered by mistake on 02/09 would silently turn the National Day into a
    working day and shorten every deadline across it. The calendar page shows
    what is replaced and asks the administrator to confirm first. The name is
    in the interface language. One database query.
    """
    day = _normalize(day)
    existing = CalendarOverride.objects.filter(day=day).values_list("reason", flat=True).first()
    if existing is not None:
        return Replacement(day, Replaced.EXCEPTION, existing)
    package = _package_year(day.year, _package_language())
    if day in package.days_off:
        return Replacement(day, Replaced.HOLIDAY, package.days_off[day])
    if day in package.weekend_workdays:
        return Replacement(day, Replaced.OFFICIAL_WORKING_DAY, _swap_reason(package.weekend_workdays[day]))
    return None


def save_exception(day: date, *, is_working_day: bool, reason: str) -> CalendarOverride:
    """Make ``day`` an extra working day or an extra day off, replacing an earlier exception for it.

    Callers confirm first with the administrator what ``replaced_by_exception``
    names; this function only writes the row.
    """
    with transaction.atomic():
        override, _created = CalendarOverride.objects.update_or_create(
            day=_normalize(day), defaults={"is_working_day": is_working_day, "reason": reason}
        )
    return override
