"""The district's reference data for the centres: the activity catalogue, literacy standards, targets.

None of it is a constant of the code (``centers/defaults.py`` only seeds it):
the education office and the system administrator edit it on the settings
pages (``centers.manage_catalogue``). A kind of activity that has been used
is never deleted — the centres' records name it — only taken out of use, so
no new activity picks it; standards and targets change from a year on by
adding a row valid from that year, so earlier years keep their figures.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from centers.models import ActivityKind, LearningModelTarget, LiteracyStandard


def kinds_with_use() -> QuerySet[ActivityKind]:
    """Every kind of the catalogue with ``activity_count``, the number of activities of that kind."""
    return ActivityKind.objects.annotate(activity_count=Count("activities")).order_by("order", "name")


def is_kind_in_use(kind: ActivityKind) -> bool:
    return kind.activities.exists()


def set_kind_in_use(kind: ActivityKind, active: bool) -> ActivityKind:
    """Take a kind out of use (new activities no longer offer it; recorded ones keep it) or back in."""
    kind.active = active
    kind.save(update_fields=["active"])
    return kind


@transaction.atomic
def delete_kind(kind: ActivityKind) -> None:
    """Delete a kind entered by mistake; one that an activity uses is refused (take it out of use)."""
    kind = ActivityKind.objects.select_for_update().get(pk=kind.pk)
    if is_kind_in_use(kind):
        raise ValidationError(
            _("“%(kind)s” is used by recorded activities: it cannot be deleted, only taken out of use.")
            % {"kind": kind.name},
            code="in_use",
        )
    kind.delete()


def age_range_problem(min_age: int | None, max_age: int | None) -> str | None:
    if min_age is not None and max_age is not None and min_age >= max_age:
        return _("The lower age must be below the upper age.")
    return None


def percent_problem(percent) -> str | None:
    if percent is not None and not 0 < percent <= 100:
        return _("A percentage is more than 0 and at most 100.")
    return None


def duplicate_standard_problem(level: str, valid_from: int, exclude_pk: int | None) -> str | None:
    """Only one standard per level and year: a second is a mistake (edit the first)."""
    duplicates = LiteracyStandard.objects.filter(level=level, valid_from=valid_from).exclude(pk=exclude_pk)
    if duplicates.exists():
        return _("There is already a standard of this level from %(year)s: edit that one instead.") % {
            "year": valid_from
        }
    return None


def duplicate_target_problem(kind: str, valid_from: int, exclude_pk: int | None) -> str | None:
    duplicates = LearningModelTarget.objects.filter(kind=kind, valid_from=valid_from).exclude(pk=exclude_pk)
    if duplicates.exists():
        return _("There is already a target of this kind from %(year)s: edit that one instead.") % {
            "year": valid_from
        }
    return None
