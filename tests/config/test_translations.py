"""Vietnamese is the primary language: every message of ours must have a Vietnamese translation."""

from pathlib import Path

import polib
from django.utils import translation
from django.utils.translation import gettext

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_vietnamese_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])


def test_vietnamese_catalogue_keeps_every_placeholder():
    """A translation that drops or renames %(name)s would crash the page that uses it."""
    import re

    placeholder = re.compile(r"%\((\w+)\)[sd]")
    catalogue = polib.pofile(str(CATALOGUE))
    broken = []
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(placeholder.findall(text)) != set(placeholder.findall(entry.msgid)):
                broken.append(entry.msgid)
    assert broken == []


def test_django_whole_number_message_is_overridden():
    with translation.override("vi"):
        assert gettext("Enter a whole number.") == "Nhập một số nguyên."
