"""The rating rubrics: editing areas and bands, freezing a rubric in use, copying it for later years.

A rubric is frozen once a rating scored with it has been submitted (scored or
approved): its areas, maxima and bands made that result. The district then
copies it into a new rubric valid from a later year and edits the copy; a
year's ratings keep the rubric they were started with. While a rubric is used
by draft ratings only, editing it recomputes their totals and results, and an
area taken away takes its draft scores with it.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, QuerySet
from django.utils.translation import gettext as _

from centers.models import CenterRating, RatingArea, RatingBand, RatingRubric, RatingScore, RatingState
from centers.rating import HALF_POINT, plain_points, recompute_rating

# The kept areas' orders are first moved out of the way, so that areas may swap places under the
# unique constraint (rubric, order).
ORDER_SHIFT = 10000


def _freezing_ratings():
    return CenterRating.objects.exclude(state=RatingState.DRAFT)


def is_rubric_frozen(rubric: RatingRubric) -> bool:
    """True once a rating scored with ``rubric`` has been submitted or approved."""
    return _freezing_ratings().filter(rubric=rubric).exists()


def rubrics_with_status() -> QuerySet[RatingRubric]:
    """Every rubric, newest first, with ``frozen`` (one query for the whole list)."""
    return RatingRubric.objects.annotate(
        frozen=Exists(_freezing_ratings().filter(rubric=OuterRef("pk"))),
    ).order_by("-valid_from")


def rubric_frozen_message() -> str:
    return _(
        "A submitted or approved rating was scored with this rubric, so it can no longer be changed. "
        "Make a new rubric from a later year."
    )


def suggested_copy_year(rubric: RatingRubric) -> int:
    """The first year a copy of ``rubric`` could start: after the years rated with it and after it began."""
    last = rubric.ratings.aggregate(year=Max("year"))["year"]
    return max(last or rubric.valid_from, rubric.valid_from) + 1


def _area_problems(areas: Sequence[Mapping]) -> list[str]:
    problems = []
    if not areas:
        problems.append(_("A rubric needs at least one area."))
    orders = [row["order"] for row in areas]
    if len(set(orders)) != len(orders):
        problems.append(_("Two areas have the same order number."))
    for row in areas:
        if row["max_points"] <= 0 or row["max_points"] % HALF_POINT != 0:
            problems.append(
                _("The maximum of “%(area)s” must be more than 0, in steps of 0.5.") % {"area": row["name"]}
            )
    return problems


def _band_problems(bands: Sequence[Mapping], total: Decimal) -> list[str]:
    problems = []
    if not bands:
        problems.append(_("A rubric needs at least one result band."))
        return problems
    minimums = [row["min_points"] for row in bands]
    if len(set(minimums)) != len(minimums):
        problems.append(_("Two results start at the same number of points."))
    if any(minimum < 0 or minimum > total for minimum in minimums):
        problems.append(
            _("A result starts between 0 and %(total)s points (the sum of the maxima).")
            % {"total": plain_points(total)}
        )
    if min(minimums) != 0:
        problems.append(_("The lowest result must start at 0 points."))
    return problems


def _scores_above_maxima(rubric: RatingRubric, areas: Sequence[Mapping]) -> list[str]:
    """Draft scores that a lowered maximum would leave above it (named, to be changed first)."""
    problems = []
    for row in areas:
        if row["id"] is None:
            continue
        too_high = RatingScore.objects.filter(area_id=row["id"], points__gt=row["max_points"]).select_related(
            "rating__center"
        )
        for score in too_high:
            problems.append(
                _(
                    "%(center)s (%(year)s) already has %(points)s points for “%(area)s”: change that score first."
                )
                % {
                    "center": score.rating.center.name,
                    "year": score.rating.year,
                    "points": plain_points(score.points),
                    "area": row["name"],
                }
            )
    return problems


@transaction.atomic
def save_rubric(
    rubric: RatingRubric,
    fields: Mapping,
    areas: Sequence[Mapping],
    bands: Sequence[Mapping],
) -> RatingRubric:
    """Save the rubric's name, year and note, its areas and its bands all together, or nothing.

    ``fields``: ``name``, ``valid_from``, ``note``. ``areas``: the areas to keep
    or add, each with ``id`` (None for a new one), ``order``, ``name``,
    ``guidance``, ``max_points``; existing areas not listed are taken away.
    ``bands``: every band with ``label`` and ``min_points``. Raises
    ``ValidationError`` listing every problem, or when the rubric is frozen.
    """
    rubric = RatingRubric.objects.select_for_update().get(pk=rubric.pk)
    if is_rubric_frozen(rubric):
        raise ValidationError(rubric_frozen_message(), code="frozen")
    existing = {area.pk: area for area in rubric.areas.all()}
    if {row["id"] for row in areas if row["id"] is not None} - set(existing):
        raise ValidationError(_("The list of areas has changed; reload the page."), code="stale")
    if RatingRubric.objects.filter(valid_from=fields["valid_from"]).exclude(pk=rubric.pk).exists():
        raise ValidationError(
            _("Another rubric already starts in %(year)s.") % {"year": fields["valid_from"]}, code="year"
        )
    total = sum((row["max_points"] for row in areas), Decimal(0))
    problems = [*_area_problems(areas), *_band_problems(bands, total), *_scores_above_maxima(rubric, areas)]
    if problems:
        raise ValidationError(problems)

    for field in ("name", "valid_from", "note"):
        setattr(rubric, field, fields[field])
    rubric.save()
    kept = {row["id"] for row in areas}
    removed = [pk for pk in existing if pk not in kept]
    RatingScore.objects.filter(area_id__in=removed).delete()  # draft scores only: the rubric is not frozen
    RatingArea.objects.filter(pk__in=removed).delete()
    RatingArea.objects.filter(rubric=rubric).update(order=F("order") + ORDER_SHIFT)
    for row in areas:
        area = existing.get(row["id"]) or RatingArea(rubric=rubric)
        for field in ("order", "name", "guidance", "max_points"):
            setattr(area, field, row[field])
        area.save()
    rubric.bands.all().delete()
    RatingBand.objects.bulk_create(
        RatingBand(rubric=rubric, label=row["label"], min_points=row["min_points"]) for row in bands
    )
    for rating in rubric.ratings.select_related("rubric"):
        recompute_rating(rating)
        rating.save(update_fields=["total", "result"])
    return rubric


@transaction.atomic
def copy_rubric(rubric: RatingRubric, valid_from: int) -> RatingRubric:
    """A new rubric from ``valid_from`` on with copies of ``rubric``'s areas and bands, to edit.

    It must start after the years already rated with ``rubric`` (their
    ratings keep it) and in a year no other rubric starts.
    """
    source = RatingRubric.objects.select_for_update().get(pk=rubric.pk)
    earliest = suggested_copy_year(source)
    if valid_from < earliest:
        raise ValidationError(
            _("The new rubric must start in %(year)s or later: earlier years are rated with this one.")
            % {"year": earliest},
            code="year",
        )
    if RatingRubric.objects.filter(valid_from=valid_from).exists():
        raise ValidationError(
            _("Another rubric already starts in %(year)s.") % {"year": valid_from}, code="year"
        )
    copy = RatingRubric.objects.create(name=source.name, valid_from=valid_from, note=source.note)
    RatingArea.objects.bulk_create(
        RatingArea(
            rubric=copy, order=area.order, name=area.name, guidance=area.guidance, max_points=area.max_points
        )
        for area in source.areas.all()
    )
    RatingBand.objects.bulk_create(
        RatingBand(rubric=copy, label=band.label, min_points=band.min_points) for band in source.bands.all()
    )
    return copy
