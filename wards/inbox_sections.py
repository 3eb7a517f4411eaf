"""Sections that apps above ``wards`` add to the inbox; the inbox's app never imports them.

A section is a function ``(request) -> str`` returning its HTML, or ``""``
when it has nothing for this user. An app registers its sections by dotted
path in its ``AppConfig.ready`` (the plans app adds "my unit's tasks"); the
inbox shows them below its own rows, in the order they were registered. A
section keeps a constant number of queries, whatever the amount of work.
"""

from django.utils.module_loading import import_string

_sections: list[str] = []


def register_inbox_section(dotted_path: str) -> None:
    """Add the section function at ``dotted_path`` to the inbox (once, however often called)."""
    if dotted_path not in _sections:
        _sections.append(dotted_path)


def inbox_sections(request) -> list[str]:
    """The HTML of each registered section that has something to show ``request.user``."""
    rendered = (import_string(path)(request) for path in _sections)
    return [html for html in rendered if html]
