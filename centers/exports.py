"""The centres' tables as XLSX files, exactly as filtered on screen (no learner's name in any of them).

Text goes through ``engines.spreadsheets.append_row``: a topic that begins with
``=`` stays text.
"""

import io
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from centers.figures import ComparisonRow, Figures
from engines.spreadsheets import append_row

_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def figure_headers() -> list[str]:
    return [
        _("Activities"),
        pgettext("activity", "Sessions"),
        _("Attendances"),
        _("Learners"),
        _("of which women"),
        _("of which ethnic minority"),
    ]


def figure_values(figures: Figures) -> list[int]:
    return [
        figures.activities,
        figures.sessions,
        figures.attendances,
        figures.learners,
        figures.women,
        figures.ethnic_minority,
    ]


def _workbook(title: str, headers: list[str], rows: list[list], widths: list[int]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title.translate(_SHEET_TITLE_FORBIDDEN)[:31]
    append_row(sheet, headers)
    for row in rows:
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def comparison_xlsx(rows: list[ComparisonRow], total: Figures, standards) -> bytes:
    """One line per centre as on the comparison page, and the total line."""
    headers = [
        pgettext("administrative unit", "Ward"),
        _("Learning centre"),
        *figure_headers(),
        *(f"{standard.get_level_display()} (%)" for standard in standards),
        _("Learning families (%)"),
        _("Year-end rating"),
    ]
    lines = [
        [
            row.center.ward.name,
            row.center.name,
            *figure_values(row.figures),
            *(_literacy_cell(row, index) for index in range(len(standards))),
            row.learning_families,
            row.rating.result if row.rating else "",
        ]
        for row in rows
    ]
    lines.append([_("Total"), "", *figure_values(total)])
    widths = [18, 40, *[14] * 6, *[18] * len(standards), 16, 16]
    return _workbook(_("Learning centres"), headers, lines, widths)


def _literacy_cell(row: ComparisonRow, index: int):
    return row.literacy[index].percent if index < len(row.literacy) else None


def activities_xlsx(activities) -> bytes:
    """The activities as listed (each annotated with ``session_count`` and ``attendance_sum``)."""
    headers = [
        _("Topic"),
        _("Kind"),
        _("Starts on"),
        _("Ends on"),
        _("Partner"),
        _("Instructor"),
        _("Place"),
        _("Attendance recorded as"),
        pgettext("activity", "Sessions"),
        _("Attendances"),
    ]
    lines = [
        [
            activity.title,
            activity.kind.name,
            activity.starts_on,
            activity.ends_on,
            activity.partner.name if activity.partner else "",
            activity.instructor,
            activity.place,
            str(activity.get_attendance_display()),
            activity.session_count,
            activity.attendance_sum or 0,
        ]
        for activity in activities
    ]
    return _workbook(_("Activities"), headers, lines, [40, 30, 12, 12, 24, 24, 24, 18, 10, 12])
