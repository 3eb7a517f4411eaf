"""Failures of the outside world seen by the user as a page of the portal, not as a bare server error."""

from django.shortcuts import render

from config.errors import back_url
from engines.documents.render import DocumentRenderingFailed


class DocumentFailureMiddleware:
    """A PDF that WeasyPrint could not write: the 503 page says so and asks to try again.

    Every view that serves a document (a ward's or the district's documents,
    the dossier ZIP, the ward reports, the annual report) gets the same
    answer without catching the error itself. Nothing was changed by the
    attempt: documents are rendered on request, never inside a workflow step.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DocumentRenderingFailed):
            return None
        context = {"back_url": back_url(request), "message": str(exception)}
        return render(request, "engines/document_failed.html", context, status=503)
