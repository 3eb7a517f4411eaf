"""Official documents of an assessment as PDF or DOCX (assessments/documents/registry.py).

An assessment the user may not see is a 404, as is an unknown document or one
that cannot be produced yet; a document whose permission the user lacks on an
assessment they can see is a 403. The first rendering issues the document's
number.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from assessments.documents.registry import DOCUMENT_TYPES, BuiltDocument, DocumentNotAvailable, build_document
from assessments.queries import assessments_for_user

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _assessment_document(request, pk: int, key: str) -> BuiltDocument:
    assessment = get_object_or_404(assessments_for_user(request.user), pk=pk)
    kind = DOCUMENT_TYPES.get(key)
    if kind is None or kind.subject != "assessment":
        raise Http404
    if not request.user.has_perm(kind.permission, assessment):
        if not request.user.has_perm("assessments.view_assessment", assessment):
            raise Http404
        raise PermissionDenied
    try:
        return build_document(key, assessment)
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
