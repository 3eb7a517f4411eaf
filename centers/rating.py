"""The year-end rating of the centres: the rubric of a year, starting a rating, scoring it, reading results.

In December the district (education office with the continuing-education
centre and the Hội Khuyến học) scores each centre against the rubric in force
for the year — local data the district edits. The total and the result (the
rubric's band) are stored on the rating and recomputed in one place
(``recompute_rating``), so lists read columns. States change only through
``centers.rating_workflow.RATING_WORKFLOW``; what the centres and everyone else
see is the approved rating (``rating_of``), never a draft.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _

from centers.models import Center, CenterRating, RatingRubric, RatingScore, RatingState

HALF_POINT = Decimal("0.5")


def plain_points(number: Decimal) -> str:
    """Points as people write them, in the page's language: 25, 18,5 (never 25.0 or 1E+2)."""
    whole = number == number.to_integral_value()
    return localize(number.quantize(Decimal(1)) if whole else number.quantize(HALF_POINT / 5))


def rubric_for(year: int) -> RatingRubric | None:
    """The rubric in force in ``year``: the one with the latest ``valid_from`` not after it."""
    return RatingRubric.objects.filter(valid_from__lte=year).order_by("-valid_from").first()


def band_for(bands, total: Decimal) -> str:
    """The label of the band with the highest minimum not above ``total`` ("" when none fits)."""
    fitting = [band for band in bands if band.min_points <= total]
    return max(fitting, key=lambda band: band.min_points).label if fitting else ""


def centers_of_year(year: int):
    """The centres that existed in ``year``: established by its end and not closed before it began.

    A centre closed later (a ward merger) is still rated for the years it worked.
    """
    return Center.objects.filter(
        Q(established_on__isnull=True) | Q(established_on__lte=date(year, 12, 31)),
        Q(closed_on__isnull=True) | Q(closed_on__gte=date(year, 1, 1)),
    )


def start_rating(center: Center, year: int, actor) -> CenterRating:
    """The centre's rating of ``year``: the existing one, or a new draft with the year's rubric.

    Only the district's scorers (``centers.score_rating``) start ratings; a
    year not yet begun, a centre that did not exist that year, or a year with no
    rubric is refused with a message.
    """
    if not actor.has_perm("centers.score_rating", center):
        raise PermissionDenied("centers.score_rating")
    existing = CenterRating.objects.filter(center=center, year=year).first()
    if existing is not None:
        return existing
    if year > timezone.localdate().year:
        raise ValidationError(_("A year that has not begun cannot be rated."), code="future")
    if not centers_of_year(year).filter(pk=center.pk).exists():
        raise ValidationError(
            _("%(center)s did not work in %(year)s.") % {"center": center.name, "year": year}, code="closed"
        )
    rubric = rubric_for(year)
    if rubric is None:
        raise ValidationError(
            _("No rating rubric applies to %(year)s: add one in the centres' settings first.")
            % {"year": year},
            code="no_rubric",
        )
    rating, _created = CenterRating.objects.get_or_create(
        center=center, year=year, defaults={"rubric": rubric, "updated_by": actor}
    )
    return rating


def _parse_points(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("Enter a number of points, e.g. 18 or 18.5.")) from None


def points_problem(points: Decimal, maximum: Decimal) -> str | None:
    """What is wrong with ``points`` for an area worth ``maximum``: 0 to the maximum, in half points."""
    if points < 0 or points > maximum:
        return _("The points must be between 0 and %(max)s.") % {"max": plain_points(maximum)}
    if points % HALF_POINT != 0:
        return _("Points go in steps of 0.5.")
    return None


def recompute_rating(rating: CenterRating) -> None:
    """Store the rating's total (sum of its scores) and its result (the rubric's band for the total)."""
    rating.total = sum((score.points for score in rating.scores.all()), Decimal(0))
    rating.result = band_for(list(rating.rubric.bands.all()), rating.total)


def record_rating_scores(
    rating: CenterRating,
    actor,
    scores: Mapping[int, tuple[Decimal | str | None, str]],
    remarks: str = "",
) -> CenterRating:
    """Record the points and comments of the areas in ``scores`` ({area id: (points, comment)}), all or nothing.

    Only while the rating is a draft and by a scorer (``centers.score_rating``).
    Points go from 0 to the area's maximum in half points; empty points take
    the area's score away (it must then have no comment). Raises
    ``ValidationError`` whose ``message_dict`` is keyed by area id (``None``
    for the rating as a whole). The total and the result are recomputed.
    """
    with transaction.atomic():
        locked = CenterRating.objects.select_for_update().select_related("rubric").get(pk=rating.pk)
        if not actor.has_perm("centers.score_rating", locked):
            raise PermissionDenied("centers.score_rating")
        if locked.state != RatingState.DRAFT:
            raise ValidationError(
                {
                    None: _(
                        "The scores can only be changed while the rating is being scored (now “%(state)s”)."
                    )
                    % {"state": locked.get_state_display()}
                }
            )
        areas = {area.pk: area for area in locked.rubric.areas.all()}
        if set(scores) - set(areas):
            raise ValidationError({None: _("The rubric has changed since the page was opened; reload it.")})
        existing = {score.area_id: score for score in locked.scores.all()}
        errors: dict[int, list[str]] = {}
        for area_id, (raw_points, comment) in scores.items():
            comment = (comment or "").strip()
            try:
                points = _parse_points(raw_points)
            except ValidationError as error:
                errors[area_id] = error.messages
                continue
            if points is None:
                if comment:
                    errors[area_id] = [_("Give the points of this area, or leave its comment empty.")]
                elif area_id in existing:
                    existing.pop(area_id).delete()
                continue
            if problem := points_problem(points, areas[area_id].max_points):
                errors[area_id] = [problem]
                continue
            score = existing.get(area_id) or RatingScore(rating=locked, area=areas[area_id])
            score.points, score.comment = points, comment
            existing[area_id] = score
        if errors:
            raise ValidationError(errors)
        for score in existing.values():
            score.save()
        locked.remarks = remarks.strip()
        locked.updated_by = actor
        recompute_rating(locked)
        locked.save()
    rating.refresh_from_db()
    return rating


def rating_of(center: Center, year: int) -> CenterRating | None:
    """The centre's APPROVED rating of ``year`` (None otherwise): what the centre's page and others show."""
    return (
        CenterRating.objects.filter(center=center, year=year, state=RatingState.APPROVED)
        .select_related("rubric")
        .first()
    )


def latest_rating_of(center: Center, before: int) -> CenterRating | None:
    """The centre's most recent approved rating of a year before ``before``."""
    return (
        CenterRating.objects.filter(center=center, year__lt=before, state=RatingState.APPROVED)
        .order_by("-year")
        .first()
    )


@dataclass(frozen=True)
class RatingRow:
    center: Center
    rating: CenterRating | None


def ratings_for_year(year: int) -> list[RatingRow]:
    """Every centre that worked in ``year`` (or has a rating for it) with its rating, in any state.

    Two queries whatever the number of centres: the centres with their wards,
    and the year's ratings.
    """
    ratings = {
        rating.center_id: rating
        for rating in CenterRating.objects.filter(year=year).select_related("rubric", "updated_by")
    }
    centers = (
        Center.objects.filter(Q(pk__in=centers_of_year(year).values("pk")) | Q(pk__in=list(ratings)))
        .select_related("ward")
        .order_by("ward__sort_key", "name")
    )
    return [RatingRow(center, ratings.get(center.pk)) for center in centers]
