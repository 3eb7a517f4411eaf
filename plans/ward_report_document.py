"""A ward's report or plan as a Decree 30 document of its People's Committee, with the centre's figures.

Printed through the shared document engine. The number and day are left blank
(the ward registers and dates it when the chairman signs); the figures are
read from ``centers`` at printing time, like on the page.
"""

from django.utils import translation

from assessments.documents.district_side import draft_date_line, draft_number
from engines.documents.render import DocumentFrame, Signature, render_pdf
from plans.models import WardReport, WardReportKind
from plans.ward_reports import SECTIONS, clc_figures, section_label

REPORT_HEADINGS = {
    WardReportKind.REPORT: ("BÁO CÁO", "Kết quả xây dựng xã hội học tập năm {year}"),
    WardReportKind.PLAN: ("KẾ HOẠCH", "Xây dựng xã hội học tập năm {year}"),
}


def ward_report_pdf(report: WardReport) -> tuple[str, bytes]:
    """(file name, PDF) of ``report`` in Vietnamese, whatever the reader's language."""
    ward = report.ward
    heading, summary = REPORT_HEADINGS[WardReportKind(report.kind)]
    with translation.override("vi"):
        frame = DocumentFrame(
            title=f"{heading.capitalize()} – {ward.name} – {report.year}",
            parent_body=ward.district.authority_name.upper(),
            issuing_body=f"ỦY BAN NHÂN DÂN {ward.name.upper()}",
            number=draft_number("BC" if report.kind == WardReportKind.REPORT else "KH", "UBND"),
            date_line=draft_date_line(ward.name, report.year + (report.kind == WardReportKind.REPORT)),
            signatures=[Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ward.chairman_name)],
        )
        context = {
            "doc": frame,
            "report": report,
            "heading": heading,
            "summary": summary.format(year=report.year),
            "sections": [(section_label(name), getattr(report, name)) for name in SECTIONS],
            "figures": clc_figures(ward, report.year),
        }
        pdf = render_pdf("plans/documents/ward_report.html", context)
    prefix = "BC" if report.kind == WardReportKind.REPORT else "KH"
    return f"{prefix}-XHHT-{ward.code}-{report.year}.pdf", pdf
