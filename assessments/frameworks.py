"""Business rules for frameworks and cycles: editing a scoring scheme, freezing and copying versions.

A framework version is frozen once an assessment that uses it has been
recognised (or published): its maxima and grades made that result. The
administrator then copies it into a new version for later years.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import (
    Assessment,
    AssessmentState,
    ClassificationBand,
    Criterion,
    Cycle,
    Framework,
    Indicator,
)
from assessments.scoring import HALF_POINT, maxima_problem

LOCKING_STATES = (AssessmentState.RECOGNISED, AssessmentState.PUBLISHED)

# The cycle's calendar, in the order the dates must follow.
CYCLE_DATE_FIELDS = (
    "self_assessment_start",
    "self_assessment_end",
    "dossier_deadline",
    "inspection_start",
    "inspection_end",
    "recognition_deadline",
)


def _locking_assessments():
    return Assessment.objects.filter(state__in=LOCKING_STATES)


def is_framework_locked(framework: Framework) -> bool:
    """True once an assessment of a cycle using ``framework`` is recognised or published."""
    return _locking_assessments().filter(cycle__framework=framework).exists()


def frameworks_with_status() -> QuerySet[Framework]:
    """All frameworks, each annotated with ``locked`` (one query for the whole list)."""
    return Framework.objects.annotate(
        locked=Exists(_locking_assessments().filter(cycle__framework=OuterRef("pk")))
    ).order_by("code", "version")


def validate_half_points(value: Decimal) -> None:
    """A maximum is a positive number of points in half-point steps (7, 6.5 …)."""
    if value is None:
        return
    if value <= 0:
        raise ValidationError(_("The maximum must be more than 0 points."), code="not_positive")
    if value % HALF_POINT != 0:
        raise ValidationError(_("Points go in steps of 0.5."), code="not_half_point")


def band_problems(minimums: Sequence[Decimal], total: Decimal) -> list[str]:
    """What is wrong with the grades' minimum points, given from the highest grade to the lowest."""
    problems = []
    if any(minimum < 0 or minimum > total for minimum in minimums):
        problems.append(
            _("The minimum points of a grade must be between 0 and %(total)s.") % {"total": localize(total)}
        )
    if any(higher <= lower for higher, lower in zip(minimums, minimums[1:], strict=False)):
        problems.append(_("Each grade must need more points than the grade below it."))
    if minimums and minimums[-1] != 0:
        problems.append(_("The lowest grade must start at 0 points."))
    return problems


@transaction.atomic
def save_framework_scheme(
    framework: Framework,
    criteria_data: Sequence[Mapping],
    bands_data: Sequence[Mapping],
    confirm: bool,
) -> None:
    """Save the criteria and grades of ``framework`` all together, or nothing.

    ``criteria_data``: one mapping per criterion of the framework with ``id``,
    ``title_vi``, ``title_en``, ``guidance`` and ``max_points``.
    ``bands_data``: one mapping per grade, highest first, with ``id``,
    ``label_vi``, ``label_en`` and ``min_points``. ``confirm`` is the
    administrator's statement that the maxima were checked against the
    official text: the scheme is confirmed when it is given and unconfirmed
    when it is not.

    Raises ``ValidationError`` (listing every problem) when the framework is
    frozen, the maxima do not add up to its total or are not in half-point
    steps, or the grades' minimums do not go down strictly to 0.
    """
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if is_framework_locked(framework):
        raise ValidationError(framework_locked_message(), code="locked")

    criteria = {criterion.pk: criterion for criterion in framework.criteria.all()}
    bands = {band.pk: band for band in framework.bands.all()}
    if sorted(row["id"] for row in criteria_data) != sorted(criteria):
        raise ValidationError(_("The list of criteria has changed; reload the page."), code="stale")
    if sorted(row["id"] for row in bands_data) != sorted(bands):
        raise ValidationError(_("The list of grades has changed; reload the page."), code="stale")

    problems = []
    maxima = [Decimal(row["max_points"]) for row in criteria_data]
    for maximum in maxima:
        try:
            validate_half_points(maximum)
        except ValidationError as error:
            problems.extend(error.messages)
            break
    if problem := maxima_problem(maxima, plain_points(framework.total_points)):
        problems.insert(0, problem)
    problems.extend(
        band_problems(
            [Decimal(row["min_points"]) for row in bands_data], plain_points(framework.total_points)
        )
    )
    if problems:
        raise ValidationError(problems)

    for row in criteria_data:
        criterion = criteria[row["id"]]
        for field in ("title_vi", "title_en", "guidance", "max_points"):
            setattr(criterion, field, row[field])
    Criterion.objects.bulk_update(criteria.values(), ["title_vi", "title_en", "guidance", "max_points"])
    for row in bands_data:
        band = bands[row["id"]]
        for field in ("label_vi", "label_en", "min_points"):
            setattr(band, field, row[field])
    ClassificationBand.objects.bulk_update(bands.values(), ["label_vi", "label_en", "min_points"])
    framework.scheme_confirmed = bool(confirm)
    framework.save(update_fields=["scheme_confirmed"])


def plain_points(number: Decimal) -> Decimal:
    """100.0 → 100 (for messages), 99.5 stays 99.5."""
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def framework_locked_message() -> str:
    return _(
        "A recognised assessment uses this version of the framework, so it can no longer be changed. "
        "Copy it into a new version for the following years."
    )


def suggested_first_year(framework: Framework) -> int:
    """The first year a copy of ``framework`` could start: the year after its last cycle."""
    last_cycle_year = framework.cycles.aggregate(year=Max("year"))["year"]
    return (last_cycle_year or framework.first_year) + 1


@transaction.atomic
def copy_framework(framework: Framework, first_year: int) -> Framework:
    """A new version of ``framework`` from ``first_year`` on, with copies of its criteria and grades.

    The copy keeps the source's confirmation flag and its last year; the
    source then ends the year before (its cycles must all fall before
    ``first_year``, so that they stay inside the years of their framework).
    """
    source = Framework.objects.select_for_update().get(pk=framework.pk)
    if first_year <= source.first_year:
        raise ValidationError(
            _("The new version must start after %(year)s, the first year of the version it copies.")
            % {"year": source.first_year},
            code="first_year",
        )
    if source.last_year is not None and first_year > source.last_year + 1:
        raise ValidationError(
            _("The new version must start by %(year)s, the year after this version ends.")
            % {"year": source.last_year + 1},
            code="first_year",
        )
    if (last_cycle := source.cycles.filter(year__gte=first_year).order_by("-year").first()) is not None:
        raise ValidationError(
            _("The %(year)s cycle uses this version; the new version must start after it.")
            % {"year": last_cycle.year},
            code="first_year",
        )
    latest = Framework.objects.filter(code=source.code).aggregate(version=Max("version"))["version"]
    copy = Framework.objects.create(
        code=source.code,
        version=latest + 1,
        name=source.name,
        legal_reference=source.legal_reference,
        first_year=first_year,
        last_year=source.last_year,
        scoring_mode=source.scoring_mode,
        procedure=source.procedure,
        total_points=source.total_points,
        scheme_confirmed=source.scheme_confirmed,
        validity_years=source.validity_years,
        upgrade_wait_months=source.upgrade_wait_months,
    )
    for criterion in source.criteria.order_by("number").prefetch_related("indicators"):
        criterion_copy = Criterion.objects.create(
            framework=copy,
            number=criterion.number,
            title_vi=criterion.title_vi,
            title_en=criterion.title_en,
            guidance=criterion.guidance,
            max_points=criterion.max_points,
            center_topic=criterion.center_topic,
        )
        Indicator.objects.bulk_create(
            Indicator(
                criterion=criterion_copy,
                number=indicator.number,
                title_vi=indicator.title_vi,
                title_en=indicator.title_en,
                guidance=indicator.guidance,
                level_1_target=indicator.level_1_target,
                level_2_target=indicator.level_2_target,
            )
            for indicator in criterion.indicators.all()
        )
    ClassificationBand.objects.bulk_create(
        ClassificationBand(
            framework=copy,
            code=band.code,
            label_vi=band.label_vi,
            label_en=band.label_en,
            min_points=band.min_points,
        )
        for band in source.bands.all()
    )
    if source.last_year is None or source.last_year >= first_year:
        source.last_year = first_year - 1
        source.save(update_fields=["last_year"])
    return copy


def framework_covers_year(framework: Framework, year: int) -> bool:
    return Framework.objects.for_year(year).filter(pk=framework.pk).exists()


DATE_ORDER_MESSAGE = gettext_lazy("This date must not be before “%(previous)s” (%(date)s).")


def cycle_date_problems(dates: Mapping[str, date | None]) -> dict[str, str]:
    """For each of the cycle's dates that comes before the date it must follow, why.

    The order: self-assessment start ≤ end ≤ dossier deadline ≤ inspection
    start ≤ inspection end ≤ recognition deadline. Missing dates are skipped.
    """
    problems = {}
    previous_field = None
    for field in CYCLE_DATE_FIELDS:
        value = dates.get(field)
        if value is None:
            continue
        if previous_field is not None and value < dates[previous_field]:
            problems[field] = str(DATE_ORDER_MESSAGE) % {
                "previous": Cycle._meta.get_field(previous_field).verbose_name,
                "date": dates[previous_field].strftime("%d/%m/%Y"),
            }
        else:
            previous_field = field
    return problems
