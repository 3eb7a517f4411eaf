"""Ward mergers: several wards become one new ward on a day (the 2025 reform; a province may merge more).

``merge_wards`` is the one way a merger is made — from the administrator's page
(``wards.views.mergers``), a command or a test. The new ward carries on; the
old wards are closed and keep their records, read-only (``wards.rules.ward_is_open``).
The apps above ``wards`` take part through ``wards.merger_steps``: they may
refuse the merger (an assessment in progress) and carry their records over
(the learning centres).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wards.merger_steps import merger_refusals, run_merger_steps
from wards.models import User, Ward, WardMerger

FIGURES = ("population", "households", "residential_groups")


def check_merger(
    predecessors: list[Ward], *, new_ward_code: str, new_ward_name: str, effective_on: datetime.date | None
) -> None:
    """Raise ``ValidationError`` (by field: ``predecessors``, ``new_ward_code``, ``new_ward_name``,
    ``effective_on``) when the merger may not be made:

    - fewer than two wards, or a ward merged already;
    - a ward refused by an app above (``merger_steps``: an assessment still in progress);
    - a code that is not a valid ward code, or one another ward has; no name;
    - a date in the future: a merger is recorded once it has taken effect, because the
      users and learning centres move at once.
    """
    errors: dict[str, list[str]] = {}
    problems = []
    if len(predecessors) < 2:
        problems.append(_("Choose at least two wards to merge."))
    problems += [
        _("%(ward)s was already merged on %(date)s.")
        % {"ward": ward.name, "date": ward.closed_on.strftime("%d/%m/%Y")}
        for ward in predecessors
        if ward.closed_on is not None
    ]
    if predecessors:
        problems += merger_refusals(predecessors)
    if problems:
        errors["predecessors"] = problems
    try:
        Ward._meta.get_field("code").clean(new_ward_code, None)
    except ValidationError as error:
        errors["new_ward_code"] = error.messages
    else:
        if Ward.objects.filter(code__iexact=new_ward_code).exists():
            errors["new_ward_code"] = [
                _("A ward with the code %(code)s exists already.") % {"code": new_ward_code}
            ]
    if not new_ward_name.strip():
        errors["new_ward_name"] = [_("Give the new ward a name.")]
    if effective_on is not None and effective_on > timezone.localdate():
        errors["effective_on"] = [
            _("Record a merger once it has taken effect: the date may not be in the future.")
        ]
    if errors:
        raise ValidationError(errors)


def merge_wards(
    predecessors: Iterable[Ward],
    *,
    new_ward_code: str,
    new_ward_name: str,
    effective_on: datetime.date,
    legal_basis: str = "",
    actor: User,
) -> WardMerger:
    """Merge ``predecessors`` into a new ward, in one transaction, or do nothing.

    The new ward (``new_ward_code``, ``new_ward_name``) takes the district and
    emulation cluster of the first predecessor and the sum of their population,
    households and residential groups. Each predecessor is closed on
    ``effective_on`` and its users move to the new ward; then every registered
    step runs (the centres app closes the old learning centres and opens the
    new ward's). A merger always makes a new ward: merging into an existing one
    is not offered, so every ward's history keeps one beginning.

    Needs ``wards.manage_mergers`` (PermissionDenied otherwise); refusals are
    those of ``check_merger`` (ValidationError).
    """
    if not actor.has_perm("wards.manage_mergers"):
        raise PermissionDenied("wards.manage_mergers")
    with transaction.atomic():
        # Locked, and read afresh: a ward merged meanwhile by somebody else is refused.
        wanted = [ward.pk for ward in predecessors]
        locked = Ward.objects.select_for_update().in_bulk(wanted)
        wards = [locked[pk] for pk in wanted if pk in locked]
        check_merger(
            wards, new_ward_code=new_ward_code, new_ward_name=new_ward_name, effective_on=effective_on
        )
        first = wards[0]
        new_ward = Ward.objects.create(
            district_id=first.district_id,
            cluster_id=first.cluster_id,
            code=new_ward_code,
            name=" ".join(new_ward_name.split()),
            **{figure: sum(getattr(ward, figure) for ward in wards) for figure in FIGURES},
        )
        merger = WardMerger.objects.create(
            new_ward=new_ward, effective_on=effective_on, legal_basis=legal_basis.strip(), recorded_by=actor
        )
        merger.predecessors.set(wards)
        for ward in wards:
            ward.closed_on = effective_on
            ward.save(update_fields=["closed_on"])
        for user in User.objects.filter(ward__in=wards):
            user.ward = new_ward
            user.save(update_fields=["ward"])
        run_merger_steps(merger)
    return merger


def mergers_of(ward: Ward) -> tuple[WardMerger | None, WardMerger | None]:
    """(the merger that closed ``ward``, the merger that formed it), each ``None`` when there is none."""
    closed_by = ward.merged_into.select_related("new_ward").first() if ward.closed_on else None
    formed_by = ward.formed_by.prefetch_related("predecessors").first()
    return closed_by, formed_by
