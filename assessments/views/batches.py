"""Batches of documents rendered in the background: start one, watch its progress, download its ZIP.

Starting a batch is district work (``wards.view_district_overview``; others 403).
A batch is seen by the one who asked for it and the district side; anybody
else gets a 404, as for an unknown batch.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.batches import batch_objects, may_start_batches, may_view_batch, start_batch
from assessments.documents.registry import DOCUMENT_TYPES
from assessments.forms.batches import BatchForm
from assessments.models import BatchState, DocumentBatch
from engines.storage import private_file_response


@require_POST
def batch_create(request):
    """Every document of one kind for one year's objects the user may see, e.g. all wards' minutes."""
    if not may_start_batches(request.user):
        raise PermissionDenied
    form = BatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This batch of documents cannot be produced."))
        return redirect("assessments:list")
    key, year = form.cleaned_data["kind"], form.cleaned_data["year"]
    try:
        batch = start_batch(request.user, key, batch_objects(request.user, key, year))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:list")
    return redirect(batch)


def _visible_batch(request, pk: int) -> DocumentBatch:
    batch = get_object_or_404(DocumentBatch, pk=pk)
    if not may_view_batch(request.user, batch):
        raise Http404
    return batch


def batch_detail(request, pk: int):
    """How far the batch is (the page reloads itself every 2 seconds until it is finished)."""
    batch = _visible_batch(request, pk)
    kind = DOCUMENT_TYPES.get(batch.kind)
    return render(
        request,
        "assessments/batch_detail.html",
        {
            "batch": batch,
            "title": kind.title if kind else batch.kind,
            "is_done": batch.state == BatchState.DONE,
            "is_failed": batch.state == BatchState.FAILED,
        },
    )


def batch_download(request, pk: int):
    batch = _visible_batch(request, pk)
    if batch.state != BatchState.DONE or not batch.result:
        raise Http404
    return private_file_response(
        batch.result.name, filename=batch.result.name.rsplit("/", 1)[-1], content_type="application/zip"
    )
