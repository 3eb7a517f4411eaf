"""Vietnamese text helpers: diacritic-free search keys and alphabetical sort keys."""

import re
import unicodedata

# The Vietnamese alphabet in dictionary order. Letters with a breve, circumflex,
# horn or bar are letters of their own that come right after their base letter
# (A < Ă < Â < B, D < Đ < E), unlike a plain Unicode sort that puts them after Z.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Each letter becomes a two-digit code: the key is made of ASCII digits only,
# so it sorts the same under any database collation (SQLite binary, PostgreSQL
# en_US or C). 00 ends the letters, 02 is a space, 03 other signs, 05 a number.
_LETTER_CODE = {letter: f"{index + 10:02d}" for index, letter in enumerate(_ALPHABET)}
_END, _SPACE, _OTHER, _NUMBER_MARK = "00", "02", "03", "05"
# Tone marks break ties after the letters: a < à < á < ả < ã < ạ.
_TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_NUMBER = re.compile(r"\d+")


def strip_diacritics(text: str) -> str:
    """``"Phường Đa Kao"`` → ``"phuong da kao"``: what a user types without accents."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _encode_letters(text: str) -> tuple[str, str]:
    codes, tones = [], []
    for char in unicodedata.normalize("NFC", text.lower()):
        marks = unicodedata.normalize("NFD", char)
        tones.append(next((_TONES[mark] for mark in marks if mark in _TONES), "0"))
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
        if base in _LETTER_CODE:
            codes.append(_LETTER_CODE[base])
        else:
            codes.append(_SPACE if base.isspace() else _OTHER)
    return "".join(codes), "".join(tones)


def vietnamese_sort_key(text: str) -> str:
    """A key whose plain order is Vietnamese dictionary order.

    Numbers sort by value ("Phường 2" before "Phường 10"), letters by the
    Vietnamese alphabet, and tone marks only break ties, so a database can
    order by this column the same way on SQLite and PostgreSQL.
    """
    primary, tones = [], []
    position = 0
    for match in _NUMBER.finditer(text):
        codes, marks = _encode_letters(text[position : match.start()])
        primary.append(codes + _NUMBER_MARK + match.group().lstrip("0").rjust(10, "0"))
        tones.append(marks)
        position = match.end()
    codes, marks = _encode_letters(text[position:])
    primary.append(codes)
    tones.append(marks)
    return ("".join(primary) + _END + "".join(tones))[:255]
