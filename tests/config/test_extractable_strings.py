"""Every text the portal translates can be found by ``makemessages``.

xgettext does not look inside f-strings: ``f"{_('Text')}"`` is never extracted,
so regenerating the catalogue drops its translation and the page falls back to
English. This test finds such calls in the project's code.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["config", "wards", "engines", "centers", "assessments", "plans"]
CALL_IN_F_STRING = re.compile(
    r"""\bf(["'])[^"'\n]*\{\s*(?:_|gettext|pgettext|ngettext|gettext_lazy|pgettext_lazy)\("""
)


def test_no_translation_call_inside_an_f_string():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CALL_IN_F_STRING.search(line)
    ]
    assert found == []


def test_the_pattern_finds_a_call_inside_an_f_string():
    assert CALL_IN_F_STRING.search("""title = f"{_('Scores')} {year}\"""")
    assert CALL_IN_F_STRING.search("""return f"{circular} — {pgettext('rated by', 'levels')}\"""")
    assert not CALL_IN_F_STRING.search("""title = " ".join([_("Scores"), str(year)])""")
