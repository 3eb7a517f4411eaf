"""How the wards were classified this year beside last year.

Each year is classified by the framework it was assessed with (its own grades,
from the best down); a grade of last year's framework that this year's lacks
still gets its row. Results imported from past records count like the others.
One query for the grades, one for the counts.
"""

from dataclasses import dataclass

from django.db.models import Count

from assessments.models import Assessment, ClassificationBand


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
    counts: dict[tuple[int, str | None], int] = {
        (row["cycle__year"], row["result__classification__code"]): row["n"]
        for row in Assessment.objects.filter(cycle__year__in=years)
        .values("cycle__year", "result__classification__code")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return Distribution(
        year,
        [
            BandCount(code, label, counts.get((year, code), 0), counts.get((year - 1, code), 0))
            for code, label in labels.items()
        ],
        counts.get((year, None), 0),
        counts.get((year - 1, None), 0),
    )
