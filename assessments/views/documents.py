"""Official documents of an assessment as PDF or DOCX (assessments/documents/registry.py).

An assessment the user may not see is a 404, as is an unknown document or one
that cannot be produced yet; a document whose permission the user lacks on an
assessment they can see is a 403. The first rendering issues the document's
number.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from assessments.documents.registry import (
    ASSESSMENT_SUBJECTS,
    DOCUMENT_TYPES,
    BuiltDocument,
    DocumentNotAvailable,
    DocumentType,
    build_document,
)
from assessments.models import AssessmentState, DecisionState, RecognitionDecision
from assessments.public import published_years
from assessments.queries import plans_for_user, visible_assessment_or_404

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _assessment_document(request, pk: int, key: str) -> BuiltDocument:
    assessment = visible_assessment_or_404(request.user, pk)
    kind = DOCUMENT_TYPES.get(key)
    if kind is None or kind.subject not in ASSESSMENT_SUBJECTS:
        raise Http404
    if not request.user.has_perm(kind.permission, assessment):
        if not request.user.has_perm("assessments.view_assessment", assessment):
            raise Http404
        raise PermissionDenied
    try:
        return build_document(key, assessment)
    except DocumentNotAvailable:
        raise Http404 from None


def _build(kind: DocumentType, obj) -> BuiltDocument:
    try:
        return build_document(kind.key, obj)
    except DocumentNotAvailable:
        raise Http404 from None


def _response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_pdf(request, pk: int, key: str):
    document = _assessment_document(request, pk, key)
    return _response(document.pdf(), "application/pdf", document.filename("pdf"))


def document_docx(request, pk: int, key: str):
    document = _assessment_document(request, pk, key)
    response = _response(document.docx(), DOCX, document.filename("docx"))
    response["Content-Disposition"] = f'attachment; filename="{document.filename("docx")}"'
    return response


# The district's documents of a plan, a decision or a year: ``fmt`` is "pdf" or "docx".


def _kind_or_404(key: str, subject: str) -> DocumentType:
    kind = DOCUMENT_TYPES.get(key)
    if kind is None or kind.subject != subject:
        raise Http404
    return kind


def _serve(document: BuiltDocument, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        return _response(document.pdf(), "application/pdf", document.filename("pdf"))
    response = _response(document.docx(), DOCX, document.filename("docx"))
    response["Content-Disposition"] = f'attachment; filename="{document.filename("docx")}"'
    return response


def _check_format(fmt: str) -> None:
    if fmt not in {"pdf", "docx"}:
        raise Http404


def plan_document(request, pk: int, key: str, fmt: str):
    """A document of an inspection plan, for whoever may see the plan (``plans_for_user``; others: 404)."""
    _check_format(fmt)
    kind = _kind_or_404(key, "plan")
    plan = get_object_or_404(plans_for_user(request.user), pk=pk)
    return _serve(_build(kind, plan), fmt)


@login_not_required
def decision_document(request, pk: int, key: str, fmt: str):
    """The proposal and the decision, for the district side; the decision of a released one for anyone.

    Anonymous visitors: a released decision is served, an unreleased one is a 404,
    the proposal sends them to the login page. Signed-in users without
    ``wards.view_district_overview``: the released decision only (403 otherwise),
    as on the decision page.
    """
    _check_format(fmt)
    kind = _kind_or_404(key, "decision")
    if kind.key != "decision" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    decision = get_object_or_404(RecognitionDecision.objects.select_related("cycle"), pk=pk)
    public = kind.key == "decision" and decision.state == DecisionState.RELEASED
    if not public and not request.user.has_perm(kind.permission):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied
    return _serve(_build(kind, decision), fmt)


@login_not_required
def public_document(request, year: int, key: str, fmt: str):
    """The notice of a year's published results, for anyone; a year with nothing published is a 404."""
    _check_format(fmt)
    kind = _kind_or_404(key, "year")
    if year not in published_years():
        raise Http404
    return _serve(_build(kind, year), fmt)


@login_not_required
def public_decision(request, year: int, code: str):
    """The released decision that recognised ward ``code`` in ``year`` (a link per row of the results page)."""
    decision = (
        RecognitionDecision.objects.filter(
            state=DecisionState.RELEASED,
            cycle__year=year,
            assessments__ward__code=code,
            assessments__state=AssessmentState.PUBLISHED,
        )
        .order_by("-pk")
        .first()
    )
    if decision is None:
        raise Http404
    return redirect("assessments:decision_document", pk=decision.pk, key="decision", fmt="pdf")
