"""A plan's task list as CSV or XLSX: the rows of the filtered page, in its order.

Text goes through ``engines.spreadsheets``: a task typed as ``=…`` stays text.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from engines.spreadsheets import append_row, csv_writer


def task_headers() -> list[str]:
    return [
        _("No."),
        _("Section"),
        _("Task"),
        _("Responsible"),
        _("Coordinating units"),
        _("When"),
        _("Due by"),
        _("Status"),
        _("Overdue"),
        _("Assessment criteria"),
    ]


def task_row(number: int, task) -> list:
    return [
        number,
        str(task.section),
        task.text,
        str(task.responsible),
        ", ".join(str(unit) for unit in task.coordinating_units.all()),
        task.period_label,
        task.due_on.strftime("%d/%m/%Y"),
        str(task.get_state_display()),
        _("Yes") if task.overdue else "",
        ", ".join(str(criterion.number) for criterion in task.criteria.all()),
    ]


def tasks_csv(tasks) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(task_headers())
    writer.writerows(task_row(number, task) for number, task in enumerate(tasks, start=1))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tasks_xlsx(tasks, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    append_row(sheet, task_headers())
    for number, task in enumerate(tasks, start=1):
        append_row(sheet, task_row(number, task))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate([6, 30, 70, 22, 30, 20, 12, 16, 10, 16], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
