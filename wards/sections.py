"""Sections that apps above ``wards`` add to a ward's page; the ward app never imports them.

A section is a function ``(request, ward) -> str`` returning its HTML, or ``""``
when it has nothing to show this user. An app registers its sections by dotted
path in its ``AppConfig.ready`` (the assessments app adds the ward's
assessments); the page shows them in the order they were registered, which is
the order of ``INSTALLED_APPS``.
"""

from django.utils.module_loading import import_string

_sections: list[str] = []


def register_ward_section(dotted_path: str) -> None:
    """Add the section function at ``dotted_path`` to every ward page (once, however often called)."""
    if dotted_path not in _sections:
        _sections.append(dotted_path)


def ward_sections(request, ward) -> list[str]:
    """The HTML of each registered section that has something to show ``request.user`` about ``ward``."""
    rendered = (import_string(path)(request, ward) for path in _sections)
    return [html for html in rendered if html]
