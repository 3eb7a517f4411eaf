"""Points, totals and classification, computed from the framework's data.

A framework's ``scoring_mode`` picks the strategy (``assessments.strategies``);
views and templates never branch on it. Circular 44/2014 scores points per
criterion and maps the total to a grade (here); a level-based framework
(Circular 25/2023) reaches a level (``assessments.levels``).
"""

from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.formats import localize
from django.utils.translation import gettext as _

from assessments.models import ClassificationBand, Criterion, Framework, ScoringMode

HALF_POINT = Decimal("0.5")


def validate_points(criterion: Criterion, points: Decimal) -> None:
    """0 to the criterion's maximum, in half-point steps, as published results are."""
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("Criterion %(number)s: the score must be between 0 and %(max)s.")
            % {"number": criterion.number, "max": localize(criterion.max_points)},
            code="out_of_range",
        )
    if points % HALF_POINT != 0:
        raise ValidationError(
            _("Criterion %(number)s: scores go in steps of 0.5 points.") % {"number": criterion.number},
            code="not_half_point",
        )


def classify_points(framework: Framework, total: Decimal) -> ClassificationBand | None:
    """The highest grade whose minimum the total reaches (thresholds are rows of the framework)."""
    bands = sorted(framework.bands.all(), key=lambda band: band.min_points, reverse=True)
    return next((band for band in bands if total >= band.min_points), None)


def classify(framework: Framework, total: Decimal) -> ClassificationBand | None:
    strategies = {ScoringMode.POINTS: classify_points}
    try:
        strategy = strategies[framework.scoring_mode]
    except KeyError:
        raise ImproperlyConfigured(f"No scoring strategy for mode {framework.scoring_mode!r} yet.") from None
    return strategy(framework, total)


def maxima_problem(maxima: list[Decimal], total: Decimal) -> str | None:
    """Why a set of per-criterion maxima cannot be saved, or ``None`` when they sum to the total."""
    actual = sum(maxima, Decimal(0))
    if actual != total:
        return _("The maximum points must add up to %(total)s; they add up to %(actual)s.") % {
            "total": localize(total),
            "actual": localize(actual),
        }
    return None
