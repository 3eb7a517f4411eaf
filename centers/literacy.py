"""A ward's literacy status from its register (Decree 20/2014/NĐ-CP), with the standards as data.

The register is imported from the national PCGD-XMC system (the master copy,
``centers.register_import``); here it is only counted. Everything is
aggregate: no name leaves this module, so every signed-in user may see it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from centers.models import LEVEL_RANK, LiteracyLevel, LiteracyStandard, RegisterImport, RegisterPerson
from centers.percentages import meets, percent
from wards.models import Ward


def age_in_year(birth_year: int, year: int) -> int:
    """A person's age in ``year``: ``year`` minus the year of birth.

    The PCGD-XMC system counts ages by year of birth only (its household
    forms record the year, not the day): someone turning 15 in the year is
    15 for the whole year, and someone turning 61 is already out of 15–60.
    The portal counts the same way, so its figures agree with the system's.
    """
    return year - birth_year


def birth_years_for_ages(min_age: int, max_age: int, year: int) -> tuple[int, int]:
    """The first and last year of birth of people aged ``min_age``–``max_age`` in ``year``."""
    return year - max_age, year - min_age


def levels_reaching(level: str) -> list[str]:
    """The levels that count as reaching ``level``: level 2 also reaches level 1."""
    rank = LEVEL_RANK[LiteracyLevel(level)]
    return [str(other) for other, other_rank in LEVEL_RANK.items() if other_rank >= rank]


def current_standards(year: int) -> list[LiteracyStandard]:
    """Per level, the standard in force in ``year`` (the latest ``valid_from`` ≤ ``year``), by level.

    Thresholds and age bands are data: a district that adopts a new decree
    adds a standard from that year on, and past years keep their own.
    One query.
    """
    latest: dict[str, LiteracyStandard] = {}
    for standard in LiteracyStandard.objects.filter(valid_from__lte=year).order_by("level", "-valid_from"):
        latest.setdefault(standard.level, standard)
    return sorted(latest.values(), key=lambda standard: LEVEL_RANK[LiteracyLevel(standard.level)])


def standard_for(level: str, year: int) -> LiteracyStandard | None:
    """The standard of ``level`` in force in ``year``, or ``None`` before any applies."""
    return LiteracyStandard.objects.filter(level=level, valid_from__lte=year).order_by("-valid_from").first()


@dataclass(frozen=True)
class StandardStatus:
    """How a ward stands against one standard in one year.

    ``people``: people of the register in the standard's age band; ``reached``:
    those of them at the standard's level or above; ``percent`` is ``None``
    and ``meets`` is ``None`` when nobody of that age is in the register.
    """

    standard: LiteracyStandard
    people: int
    reached: int
    percent: Decimal | None
    meets: bool | None


@dataclass(frozen=True)
class LiteracyStatus:
    ward: Ward
    year: int
    standards: list[StandardStatus]
    in_register: int
    last_import: RegisterImport | None

    @property
    def has_register(self) -> bool:
        return self.last_import is not None


def last_import(ward: Ward) -> RegisterImport | None:
    """The latest refresh of the ward's register (date, source, as of, by whom)."""
    return RegisterImport.objects.filter(ward=ward).select_related("imported_by").first()


def literacy_status(ward: Ward, year: int) -> LiteracyStatus:
    """The ward's literacy figures for ``year``: for each standard, the share of the age band at its level.

    Only people ``in_register`` count (those a later import no longer listed
    have moved away or died). Three queries whatever the register's size:
    the standards, one aggregate over the register, the latest import.
    """
    standards = current_standards(year)
    totals = RegisterPerson.objects.filter(ward=ward, in_register=True).aggregate(
        **_band_counts(standards, year)
    )
    return LiteracyStatus(
        ward=ward,
        year=year,
        standards=_statuses(standards, totals),
        in_register=totals["in_register"],
        last_import=last_import(ward),
    )


def literacy_by_ward(ward_ids, year: int) -> dict[int, list[StandardStatus]]:
    """Per ward id, its ``StandardStatus`` list of ``year`` (as ``literacy_status``), in two queries.

    Wards with nobody in their register are left out; the district's
    comparison shows them as "no register".
    """
    standards = current_standards(year)
    rows = (
        RegisterPerson.objects.filter(ward_id__in=ward_ids, in_register=True)
        .values("ward_id")
        .annotate(**_band_counts(standards, year))
        .order_by()
    )
    return {row["ward_id"]: _statuses(standards, row) for row in rows}


def _band_counts(standards: list[LiteracyStandard], year: int) -> dict:
    """The aggregates of a register: everybody, and per standard the people of its age band and those at its level."""
    counts = {"in_register": Count("pk")}
    for index, standard in enumerate(standards):
        first, last = birth_years_for_ages(standard.min_age, standard.max_age, year)
        in_band = Q(birth_year__gte=first, birth_year__lte=last)
        counts[f"people_{index}"] = Count("pk", filter=in_band)
        counts[f"reached_{index}"] = Count(
            "pk", filter=in_band & Q(level__in=levels_reaching(standard.level))
        )
    return counts


def _statuses(standards: list[LiteracyStandard], totals: dict) -> list[StandardStatus]:
    statuses = []
    for index, standard in enumerate(standards):
        people, reached = totals[f"people_{index}"], totals[f"reached_{index}"]
        share = percent(reached, people)
        statuses.append(
            StandardStatus(
                standard=standard,
                people=people,
                reached=reached,
                percent=share,
                meets=meets(share, standard.threshold_percent),
            )
        )
    return statuses
