"""Refreshing a ward's literacy register from the national PCGD-XMC system or the ward's own sheet.

The portal is not the master copy: the Ministry recognises literacy only from
the PCGD-XMC system's data, so the ward imports that system's export (or its
own XLSX) instead of typing the register twice. An import is all or nothing:
every row is checked first and every problem is listed with its row and
column; only a clean file changes the register, in one transaction.

Matching (so that a person's history survives re-imports): on the source
system's person code when the row has one, otherwise on the name without
diacritics, the year of birth and the residential group. People the file no
longer lists are kept but marked ``in_register=False`` (moved away, died):
their history stays readable and they stop counting in the figures.

``import_register_rows`` is the one path into the register: the file import
calls it after reading the file, and the demo seeder calls it with plain dicts.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centers.models import LiteracyChange, RegisterImport, RegisterPerson, RegisterSource
from centers.register_files import read_register_file
from centers.register_rows import RegisterRow, clean_rows, match_key
from wards.models import Ward
from wards.text import strip_diacritics


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    added: int
    changed: int
    left: int


def _check_import(ward: Ward, actor, source: str, as_of) -> None:
    """The actor keeps this ward's records; the source is known; the data are not from the future."""
    if not actor.has_perm("centers.manage_register", ward):
        raise PermissionDenied("centers.manage_register")
    if source not in RegisterSource.values:
        raise ValidationError({"source": _("Choose where the data come from.")})
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": _("The data cannot be as of a day in the future.")})


def _match(
    rows: list[RegisterRow], existing: list[RegisterPerson]
) -> list[tuple[RegisterRow, RegisterPerson | None]]:
    """Each row with the person of the register it describes, or ``None`` for a new person.

    A row with a code matches the person with that code, or else a person
    without any code of the same name, year of birth and group (the code is
    then recorded). A row without a code matches on name, year and group.
    """
    by_code = {person.person_code: person for person in existing if person.person_code}
    by_key: dict[tuple, list[RegisterPerson]] = {}
    for person in sorted(existing, key=lambda person: (not person.in_register, person.pk)):
        key = match_key(person.full_name, person.birth_year, person.residential_group)
        by_key.setdefault(key, []).append(person)
    taken: set[int] = set()
    pairs = []
    for row in rows:
        person = by_code.get(row.person_code) if row.person_code else None
        if person is None:
            person = next(
                (
                    candidate
                    for candidate in by_key.get(row.match_key, [])
                    if candidate.pk not in taken and not (row.person_code and candidate.person_code)
                ),
                None,
            )
        if person is not None:
            taken.add(person.pk)
        pairs.append((row, person))
    return pairs


# What a row says about a person; a matched person whose values all agree is not rewritten.
ROW_FIELDS = [
    "person_code",
    "full_name",
    "search_name",
    "birth_year",
    "gender",
    "ethnic_minority",
    "residential_group",
    "level",
    "current_class",
]
CHUNK = 500


def _values(row: RegisterRow, person: RegisterPerson | None) -> dict:
    return {
        "person_code": row.person_code or (person.person_code if person else ""),
        "full_name": row.full_name,
        "search_name": strip_diacritics(row.full_name),
        "birth_year": row.birth_year,
        "gender": row.gender,
        "ethnic_minority": row.ethnic_minority,
        "residential_group": row.residential_group,
        "level": row.level,
        "current_class": row.current_class,
    }


def _save(ward, actor, rows, *, source, as_of, file_name) -> RegisterImport:
    """Write a checked import: new people, changed people, level changes, people no longer listed.

    Every person the file lists ends with ``last_import`` = this import and
    ``in_register`` set; whoever is left with an older import is no longer listed.
    """
    existing = list(RegisterPerson.objects.select_for_update().filter(ward=ward))
    record = RegisterImport.objects.create(
        ward=ward, source=source, as_of=as_of, file_name=file_name[:255], rows=len(rows), imported_by=actor
    )
    new_people, changed_people, matched, changes = [], [], [], []
    for row, person in _match(rows, existing):
        values = _values(row, person)
        if person is None:
            new_people.append(RegisterPerson(ward=ward, last_import=record, in_register=True, **values))
            continue
        matched.append(person.pk)
        if person.level != row.level:
            changes.append(
                LiteracyChange(
                    person=person, register_import=record, from_level=person.level, to_level=row.level
                )
            )
        if any(getattr(person, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(person, field, value)
            changed_people.append(person)
    RegisterPerson.objects.bulk_create(new_people, batch_size=CHUNK)
    changes.extend(
        LiteracyChange(person=person, register_import=record, from_level="", to_level=person.level)
        for person in new_people
    )
    RegisterPerson.objects.bulk_update(changed_people, ROW_FIELDS, batch_size=CHUNK)
    for first in range(0, len(matched), CHUNK):
        RegisterPerson.objects.filter(pk__in=matched[first : first + CHUNK]).update(
            last_import=record, in_register=True
        )
    LiteracyChange.objects.bulk_create(changes, batch_size=CHUNK)
    left = (
        RegisterPerson.objects.filter(ward=ward, in_register=True)
        .exclude(last_import=record)
        .update(in_register=False)
    )
    record.summary = ImportSummary(
        rows=len(rows), added=len(new_people), changed=len(changes) - len(new_people), left=left
    )
    return record


def _import(ward, actor, numbered_rows, *, source, as_of, file_name, labels) -> RegisterImport:
    _check_import(ward, actor, source, as_of)
    rows = clean_rows(numbered_rows, labels, as_of)
    with transaction.atomic():
        return _save(ward, actor, rows, source=source, as_of=as_of, file_name=file_name)


def import_register_rows(
    ward: Ward, actor, rows: Sequence[Mapping], *, source: str, as_of: datetime.date, file_name: str = ""
) -> RegisterImport:
    """Refresh ``ward``'s register from ``rows`` (dicts), exactly as a file with those lines would.

    Keys: ``full_name``, ``birth_year``, ``gender`` (``"F"``/``"M"`` or Nam/Nữ),
    ``level`` (a ``LiteracyLevel`` value or Chưa biết chữ / Mức độ 1 / Mức độ 2),
    ``ethnic_minority`` (bool) or ``ethnicity`` (Kinh, Tày…), and optionally
    ``person_code``, ``residential_group``, ``current_class``. Rows are
    numbered from 1 in error messages. The returned import carries a
    ``summary`` (``ImportSummary``: rows, added, changed, left).
    """
    return _import(
        ward,
        actor,
        list(enumerate(rows, start=1)),
        source=source,
        as_of=as_of,
        file_name=file_name,
        labels={},
    )


def import_register(ward: Ward, actor, uploaded_file, *, source: str, as_of: datetime.date) -> RegisterImport:
    """Refresh ``ward``'s register from an uploaded XLSX or CSV file (see ``centers.register_files``).

    Raises ``PermissionDenied`` unless ``actor`` may manage the ward's register,
    ``ValidationError`` (nothing changed) when the file or any row is wrong.
    """
    _check_import(ward, actor, source, as_of)
    sheet = read_register_file(uploaded_file)
    return _import(
        ward,
        actor,
        sheet.rows,
        source=source,
        as_of=as_of,
        file_name=sheet.file_name,
        labels=sheet.labels,
    )
