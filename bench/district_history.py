"""District-scale data for ``bench.dashboards``, built through the portal's own paths.

``manage.py seed_demo`` makes the demo district (its wards, units, people,
plans and learning centres, 2017 published, 2018 the current cycle with wards
at every step); wards beyond the demo's 15 are added to it before its cycles
are seeded, so they take part in both. The years before 2017 are imported as
CSV through ``assessments.results.import_results``, as an administrator loads
past results. Import only after ``django.setup()``.
"""

import io
import random
from decimal import Decimal

from django.core.management import call_command
from django.db.models import Max

from assessments.demo import YEAR
from assessments.models import Cycle, Framework, InspectionResult
from assessments.results import import_results
from wards.demo import seed_district
from wards.models import Cluster, User, Ward

DEMO_WARDS = 15
DEMO_HISTORY = [YEAR - 1]  # the demo's published year


def build_district(wards: int, years: int) -> None:
    """The demo district with ``wards`` wards and ``years`` years of results before ``YEAR``."""
    seed_district(io.StringIO())
    _add_wards(wards)
    call_command("seed_demo", stdout=io.StringIO())
    first = YEAR - years
    # Circular 44 applies from 2015 in the data; older years are scored on it too, so that the
    # history is as long as asked.
    Framework.objects.filter(pk=Cycle.objects.get(year=YEAR).framework_id, first_year__gt=first).update(
        first_year=first
    )
    past_years = [year for year in range(first, YEAR) if year not in DEMO_HISTORY]
    if past_years:
        admin = User.objects.get(username="admin")
        import_results(_results_csv(past_years, random.Random(12)), admin)


def latest_results_year() -> int | None:
    """The latest year with inspection results: the heat map's year."""
    return InspectionResult.objects.aggregate(year=Max("assessment__cycle__year"))["year"]


def _add_wards(count: int) -> None:
    clusters = list(Cluster.objects.order_by("number"))
    for number in range(DEMO_WARDS + 1, count + 1):
        Ward.objects.get_or_create(
            code=f"P{number:02d}",
            defaults={
                "district": clusters[0].district,
                "cluster": clusters[number % len(clusters)],
                "name": f"Phường {number}",
                "population": 15_000 + number * 37,
            },
        )


def _results_csv(years: list[int], rng: random.Random) -> str:
    """Every ward's inspection points for every criterion of ``years``, with a recognition decision a year."""
    criteria = list(Framework.objects.for_year(years[0]).first().criteria.order_by("number"))
    codes = list(Ward.objects.order_by("code").values_list("code", flat=True))
    lines = ["year,ward_code,criterion,points,decision_number,decision_date"]
    for year in years:
        for code in codes:
            strength = rng.uniform(0.5, 1.0)  # a ward is strong or weak across its criteria
            for criterion in criteria:
                halves = int(criterion.max_points * 2)
                share = min(1.0, max(0.0, rng.gauss(strength, 0.15)))
                points = Decimal(round(halves * share)) / 2
                lines.append(f"{year},{code},{criterion.number},{points},{year - 1900}/QĐ-UBND,20/11/{year}")
    return "\n".join(lines) + "\n"
