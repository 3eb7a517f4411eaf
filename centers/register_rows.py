"""Checking the lines of a register import, whatever they come from (a file or the demo seeder).

Cells are read the way people type them: "Nữ", "nu", "NỮ" are one gender;
"Mức độ 1", "muc do 1", "MĐ1" one level; a year of birth may be a number,
a date or "15/03/1985". Every problem is reported with its row and column,
so a ward can correct its file in one go.
"""

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from centers.models import Gender, LiteracyLevel
from centers.register_files import COLUMN_LABELS
from wards.text import strip_diacritics

FIRST_BIRTH_YEAR = 1900
MAX_PROBLEMS_LISTED = 50
# What a cell may say, as a diacritic-free key (see ``_key``), for each value.
GENDER_WORDS = {
    "nam": Gender.MALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "nu": Gender.FEMALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
}
LEVEL_WORDS = {
    **dict.fromkeys(["chua biet chu", "mu chu", "none", "0"], LiteracyLevel.NONE),
    **dict.fromkeys(
        ["muc do 1", "muc 1", "md1", "md 1", "biet chu muc do 1", "level 1", "1"], LiteracyLevel.LEVEL_1
    ),
    **dict.fromkeys(
        ["muc do 2", "muc 2", "md2", "md 2", "biet chu muc do 2", "level 2", "2"], LiteracyLevel.LEVEL_2
    ),
}
YES_WORDS = {"co", "x", "yes", "true", "1"}
NO_WORDS = {"khong", "no", "false", "0", ""}
NOT_MINORITY = "kinh"
TEXT_LIMITS = {"person_code": 40, "full_name": 120, "residential_group": 60, "current_class": 200}


@dataclass(frozen=True)
class RegisterRow:
    """One checked line of an import, with the values the register stores."""

    number: int
    person_code: str
    full_name: str
    birth_year: int
    gender: str
    ethnic_minority: bool
    residential_group: str
    level: str
    current_class: str

    @property
    def match_key(self) -> tuple[str, int, str]:
        return match_key(self.full_name, self.birth_year, self.residential_group)


def _key(value) -> str:
    """``"  Mức độ 1 "`` → ``"muc do 1"``: how cells are compared, whatever the typing."""
    text = strip_diacritics(str(value)) if value is not None else ""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def match_key(full_name: str, birth_year: int, residential_group: str) -> tuple[str, int, str]:
    """Who a line is when it has no code: name and group without diacritics or extra spaces, and year."""
    return (_key(full_name), birth_year, _key(residential_group))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed into a number cell: 1234.0 → "1234"
    return " ".join(str(value).split())


def _column(labels: Mapping[str, str], field: str) -> str:
    """How a problem names a column: as the file's header has it, else as the template does."""
    return labels.get(field) or f"“{COLUMN_LABELS[field]}”"


def _problem(number: int, column: str, problem: str) -> str:
    return _("Row %(row)s, column %(column)s: %(problem)s") % {
        "row": number,
        "column": column,
        "problem": problem,
    }


def _birth_year(value, last_year: int) -> int:
    """A year of birth from a number, a date, or text such as "1985", "15/03/1985" or "1985-03-15"."""
    if isinstance(value, datetime.date):
        year = value.year
    elif isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        year = int(value)
    else:
        text = _text(value)
        match = re.fullmatch(
            r"(\d{4})(?:\.0+)?|\d{1,2}[/.-]\d{1,2}[/.-](\d{4})|(\d{4})-\d{1,2}-\d{1,2}", text
        )
        if not match:
            raise ValueError(value)
        year = int(next(group for group in match.groups() if group))
    if not FIRST_BIRTH_YEAR <= year <= last_year:
        raise ValueError(value)
    return year


def _clean_row(number: int, values: Mapping, labels: Mapping[str, str], last_year: int):
    """``(RegisterRow, [])`` for a good row, ``(None, problems)`` otherwise."""
    problems = []

    def problem(field, message):
        problems.append(_problem(number, _column(labels, field), message))

    texts = {field: _text(values.get(field)) for field in TEXT_LIMITS}
    for field, limit in TEXT_LIMITS.items():
        if len(texts[field]) > limit:
            problem(field, _("the text is longer than %(limit)s characters.") % {"limit": limit})
    if not texts["full_name"]:
        problem("full_name", _("the cell is empty."))

    birth_year = None
    if _text(values.get("birth_year")) == "":
        problem("birth_year", _("the cell is empty."))
    else:
        try:
            birth_year = _birth_year(values.get("birth_year"), last_year)
        except ValueError:
            problem(
                "birth_year",
                _("“%(value)s” is not a year of birth between %(first)s and %(last)s.")
                % {"value": _text(values.get("birth_year")), "first": FIRST_BIRTH_YEAR, "last": last_year},
            )

    gender = GENDER_WORDS.get(_key(values.get("gender")))
    if gender is None:
        problem(
            "gender",
            _("“%(value)s” is not a gender; write Nam or Nữ.") % {"value": _text(values.get("gender"))},
        )

    level = LEVEL_WORDS.get(_key(values.get("level")))
    if level is None:
        problem(
            "level",
            _("“%(value)s” is not a literacy level; write Chưa biết chữ, Mức độ 1 or Mức độ 2.")
            % {"value": _text(values.get("level"))},
        )

    minority = None
    if "ethnic_minority" in values:
        raw = values["ethnic_minority"]
        answer = raw if isinstance(raw, bool) else _key(raw)
        minority = (
            True
            if answer is True or answer in YES_WORDS
            else False
            if answer is False or answer in NO_WORDS
            else None
        )
        if minority is None:
            problem(
                "ethnic_minority",
                _("“%(value)s” is not an answer; write Có or Không.") % {"value": _text(raw)},
            )
    elif not _text(values.get("ethnicity")):
        problem("ethnicity", _("the cell is empty."))
    else:
        minority = _key(values["ethnicity"]) != NOT_MINORITY

    if problems:
        return None, problems
    return (
        RegisterRow(
            number=number,
            birth_year=birth_year,
            gender=gender,
            ethnic_minority=minority,
            level=level,
            **texts,
        ),
        [],
    )


def clean_rows(
    numbered_rows: Sequence[tuple[int, Mapping]], labels: Mapping[str, str], as_of
) -> list[RegisterRow]:
    """Check every row; return them all, or raise ``ValidationError`` listing every problem by row and column.

    A person may appear once: the same code twice, or (without a code) the
    same name, year of birth and residential group twice, would make the
    file say two things about one person.
    """
    problems: list[str] = []
    cleaned: list[RegisterRow] = []
    seen_codes: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}
    for number, values in numbered_rows:
        row, row_problems = _clean_row(number, values, labels, as_of.year)
        problems.extend(row_problems)
        if row is None:
            continue
        if row.person_code:
            if row.person_code in seen_codes:
                problems.append(
                    _problem(
                        number,
                        _column(labels, "person_code"),
                        _("code %(code)s is already on row %(row)s.")
                        % {"code": row.person_code, "row": seen_codes[row.person_code]},
                    )
                )
                continue
            seen_codes[row.person_code] = number
        else:
            if row.match_key in seen_keys:
                problems.append(
                    _problem(
                        number,
                        _column(labels, "full_name"),
                        _(
                            "the same person (name, year of birth, residential group) is already on row %(row)s."
                        )
                        % {"row": seen_keys[row.match_key]},
                    )
                )
                continue
            seen_keys[row.match_key] = number
        cleaned.append(row)
    if problems:
        raise ValidationError(_listed(problems))
    if not cleaned:
        raise ValidationError(_("The file has no rows of people."))
    return cleaned


def _listed(problems: list[str]) -> list[str]:
    """At most ``MAX_PROBLEMS_LISTED`` problems, and how many more there are."""
    if len(problems) <= MAX_PROBLEMS_LISTED:
        return problems
    more = len(problems) - MAX_PROBLEMS_LISTED
    return [
        *problems[:MAX_PROBLEMS_LISTED],
        ngettext("… and %(count)s more problem.", "… and %(count)s more problems.", more) % {"count": more},
    ]
