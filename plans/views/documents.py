"""The plan as PDF or DOCX, and its progress report at a chosen day (PDF)."""

import datetime

from django.http import Http404, HttpResponse

from plans.documents import build_plan_document, build_progress_report
from plans.overdue import district_today
from plans.queries import plan_or_404
from wards.permissions import require_perm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def plan_document(request, year, fmt):
    plan = plan_or_404(year)
    require_perm(request, "plans.view_plan", plan)
    document = build_plan_document(plan)
    if fmt == "pdf":
        return _file(document.pdf(), "application/pdf", document.filename("pdf"))
    if fmt == "docx":
        return _file(document.docx(), DOCX, document.filename("docx"))
    raise Http404


def progress_report(request, year):
    """``?on=YYYY-MM-DD`` (today when absent or not a date)."""
    plan = plan_or_404(year)
    require_perm(request, "plans.view_plan", plan)
    try:
        day = datetime.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        day = district_today()
    document = build_progress_report(plan, day)
    return _file(document.pdf(), "application/pdf", document.filename("pdf"))
