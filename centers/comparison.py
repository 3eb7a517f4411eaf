"""The district's table comparing its learning centres: activity figures, literacy, learning families, rating.

A constant number of queries whatever the number of centres: the four of
``district_comparison``, two for literacy (standards, one grouped count over
the registers), one for the learning families, one for the approved ratings.
"""

from centers.figures import ComparisonRow, district_comparison
from centers.literacy import literacy_by_ward
from centers.models import CenterRating, LearningModelKind, LearningModelRecord, RatingState
from centers.percentages import percent


def compare_centers(year: int, *, cluster=None) -> list[ComparisonRow]:
    """One row per open centre (of ``cluster`` when given) with every column of the comparison for ``year``."""
    rows = district_comparison(year, cluster=cluster)
    if not rows:
        return rows
    ward_ids = [row.center.ward_id for row in rows]
    literacy = literacy_by_ward(ward_ids, year)
    families = {
        record.ward_id: percent(record.recognised, record.total)
        for record in LearningModelRecord.objects.filter(
            ward_id__in=ward_ids, year=year, kind=LearningModelKind.FAMILY
        )
    }
    ratings = {
        rating.center_id: rating
        for rating in CenterRating.objects.filter(
            center__in=[row.center for row in rows], year=year, state=RatingState.APPROVED
        )
    }
    for row in rows:
        row.literacy = literacy.get(row.center.ward_id, [])
        row.learning_families = families.get(row.center.ward_id)
        row.rating = ratings.get(row.center.pk)
    return rows
