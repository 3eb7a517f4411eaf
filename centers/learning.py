"""Learning models (Decision 281/QĐ-TTg; Decision 387/QĐ-TTg for 2021–2030): a ward's counts and rates.

Each year a ward counts, for each kind (families, clans, residential groups,
units), how many there are, how many registered to become "learning" ones
and how many were recognised. The rate that matters is recognised of all
(the targets read "70 % of families are learning families"), against the
target in force that year — targets are data the district edits.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from centers.models import LearningModelKind, LearningModelRecord, LearningModelTarget
from centers.percentages import meets, percent
from wards.models import Ward


@dataclass(frozen=True)
class LearningModelRate:
    """One kind in one ward and year; counts are ``None`` when the ward has not recorded them."""

    kind: LearningModelKind
    total: int | None
    registered: int | None
    recognised: int | None
    rate: Decimal | None
    target: LearningModelTarget | None
    meets: bool | None

    @property
    def label(self) -> str:
        return self.kind.label


def targets_for(year: int) -> dict[str, LearningModelTarget]:
    """Per kind, the target in force in ``year`` (the latest ``valid_from`` ≤ ``year``). One query."""
    targets: dict[str, LearningModelTarget] = {}
    for target in LearningModelTarget.objects.filter(valid_from__lte=year).order_by("kind", "-valid_from"):
        targets.setdefault(target.kind, target)
    return targets


def learning_model_rates(ward: Ward, year: int) -> list[LearningModelRate]:
    """The four kinds in the catalogue's order, with the ward's counts, rate and target. Two queries."""
    records = {record.kind: record for record in LearningModelRecord.objects.filter(ward=ward, year=year)}
    targets = targets_for(year)
    rates = []
    for kind in LearningModelKind:
        record, target = records.get(kind.value), targets.get(kind.value)
        rate = percent(record.recognised, record.total) if record else None
        rates.append(
            LearningModelRate(
                kind=kind,
                total=record.total if record else None,
                registered=record.registered if record else None,
                recognised=record.recognised if record else None,
                rate=rate,
                target=target,
                meets=meets(rate, target.target_percent if target else None),
            )
        )
    return rates


def count_problems(total, registered, recognised) -> dict[str, str]:
    """What is wrong with one kind's counts, by count: none negative, recognised ≤ registered ≤ total.

    Only existing families (clans…) can register and only registered ones can
    be recognised; the database refuses the rest too, this says it in words.
    """
    problems = {
        name: _("Enter a whole number of 0 or more.")
        for name, value in (("total", total), ("registered", registered), ("recognised", recognised))
        if value is None or value < 0
    }
    if problems:
        return problems
    if registered > total:
        problems["registered"] = _("More registered than there are in the ward.")
    if recognised > registered:
        problems["recognised"] = _("More recognised than registered.")
    return problems


def record_learning_models(
    ward: Ward, year: int, actor, counts: dict[str, tuple[int, int, int]]
) -> list[LearningModelRecord]:
    """Save ``counts`` (kind → (total, registered, recognised)) for ``ward`` and ``year``, all or none.

    Kinds left out of ``counts`` keep what was recorded before.
    """
    if not actor.has_perm("centers.manage_learning_models", ward):
        raise PermissionDenied("centers.manage_learning_models")
    problems = []
    for kind, values in counts.items():
        if kind not in LearningModelKind.values:
            problems.append(_("Unknown learning model: %(kind)s.") % {"kind": kind})
            continue
        problems.extend(
            f"{LearningModelKind(kind).label}: {problem}" for problem in count_problems(*values).values()
        )
    if problems:
        raise ValidationError(problems)
    saved = []
    with transaction.atomic():
        for kind, (total, registered, recognised) in counts.items():
            record, _created = LearningModelRecord.objects.update_or_create(
                ward=ward,
                year=year,
                kind=kind,
                defaults={
                    "total": total,
                    "registered": registered,
                    "recognised": recognised,
                    "updated_by": actor,
                },
            )
            saved.append(record)
    return saved
