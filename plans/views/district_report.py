"""The district's compiled yearly report: the page, and the annual report as PDF or DOCX (``plans.compile_district_report``)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from plans.district_report import FORMATS, compile_district_report, district_report_file
from plans.overdue import district_today
from plans.ward_reports import FIRST_YEAR
from wards.models import District
from wards.permissions import require_perm

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _district_and_year(request, year: int) -> District:
    require_perm(request, "plans.compile_district_report")
    district = District.current()
    if district is None or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    return district


def district_report_current(request):
    require_perm(request, "plans.compile_district_report")
    return redirect("plans:district_report", year=timezone.localdate().year - 1)


def district_report(request, year: int):
    district = _district_and_year(request, year)
    this_year = timezone.localdate().year
    context = {
        "report": compile_district_report(district, year),
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year_link": year + 1 if year < this_year else None,
    }
    return render(request, "plans/ward_reports/district_report.html", context)


def district_report_download(request, year: int, fmt: str):
    district = _district_and_year(request, year)
    if fmt not in FORMATS:
        raise Http404
    filename, content = district_report_file(district, year, fmt, district_today())
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
