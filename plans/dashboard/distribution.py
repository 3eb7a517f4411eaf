"""How the wards were classified this year beside last year.

Each year is classified by the framework it was assessed with (its own grades,
from the best down); a grade of last year's framework that this year's lacks
still gets its row. Only a recognised classification counts (recognised or
published, imported history included): an inspection result still waiting for
the chairman's decision is not yet the ward's classification, so until then the
ward is "not yet classified". One query for the grades, one for the counts.
"""

from dataclasses import dataclass

from django.db.models import Count

from assessments.models import Assessment, AssessmentState, ClassificationBand

RECOGNISED_STATES = (AssessmentState.RECOGNISED, AssessmentState.PUBLISHED)


@dataclass(frozen=True)
class BandCount:
    code: str
    label: str
    this_year: int
    last_year: int


@dataclass(frozen=True)
class Distribution:
    year: int
    bands: list[BandCount]  # best grade first
    unclassified_this_year: int  # assessments of the year without a result yet
    unclassified_last_year: int


def distribution(year: int) -> Distribution:
    """Wards per grade in ``year`` and ``year - 1``, and those not yet classified in each."""
    years = (year, year - 1)
    bands = ClassificationBand.objects.filter(framework__cycles__year__in=years).order_by(
        "-framework__cycles__year", "-min_points"
    )
    labels: dict[str, str] = {}
    for band in bands:
        labels.setdefault(band.code, band.label)
    counts: dict[tuple[int, str | None], int] = {}
    for row in (
        Assessment.objects.filter(cycle__year__in=years)
        .values("cycle__year", "state", "result__classification__code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        code = row["result__classification__code"] if row["state"] in RECOGNISED_STATES else None
        key = (row["cycle__year"], code)
        counts[key] = counts.get(key, 0) + row["n"]
    return Distribution(
        year,
        [
            BandCount(code, label, counts.get((year, code), 0), counts.get((year - 1, code), 0))
            for code, label in labels.items()
        ],
        counts.get((year, None), 0),
        counts.get((year - 1, None), 0),
    )
