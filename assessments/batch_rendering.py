"""Rendering a batch of documents into one ZIP (the work of the ``render_batch`` task).

``run_batch`` renders each document, counting progress after each one, and
stores the result as one ZIP in the private storage.
"""

import logging
import tempfile
import zipfile

from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.documents import registry
from assessments.models import Assessment, BatchState, DocumentBatch
from engines.archives import unique_arcname

logger = logging.getLogger(__name__)
ZIP_SPOOL_MAX_MEMORY = 10 * 1024 * 1024

# Where the objects of each kind of subject (``DocumentType.subject``) are loaded from.
SUBJECT_QUERYSETS = {
    "assessment": lambda: Assessment.objects.select_related("ward", "cycle"),
    "district_assessment": lambda: Assessment.objects.select_related("ward", "cycle"),
}


def _load_objects(kind, ids: list[int]) -> list:
    found = SUBJECT_QUERYSETS[kind.subject]().in_bulk(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise LookupError(_("%(count)s of the objects no longer exist.") % {"count": len(missing)})
    return [found[pk] for pk in ids]


def _arcname(kind, obj) -> str:
    """``BB-P01-2018.pdf`` for an assessment's document (as its own download), ``<code>-<id>.pdf`` otherwise."""
    if isinstance(obj, Assessment):
        return f"{kind.file_code}-{obj.ward.code}-{obj.cycle.year}.pdf"
    return f"{kind.file_code}-{obj.pk}.pdf"


def _zip_name(kind, objects: list) -> str:
    years = {obj.cycle.year for obj in objects if isinstance(obj, Assessment)}
    return f"{kind.file_code}-{years.pop()}.zip" if len(years) == 1 else f"{kind.file_code}.zip"


def run_batch(batch_id: int) -> DocumentBatch:
    """Render every document of the batch into one ZIP, counting ``done`` after each; never raises.

    A batch already finished is left as it is (a task delivered twice does
    the work once). Any error marks the batch failed with the error's text,
    naming the object whose document failed.
    """
    batch = DocumentBatch.objects.select_related("requested_by").get(pk=batch_id)
    if batch.is_finished:
        return batch
    DocumentBatch.objects.filter(pk=batch.pk).update(state=BatchState.RUNNING, done=0)
    current = None
    try:
        kind = registry.DOCUMENT_TYPES[batch.kind]
        objects = _load_objects(kind, batch.object_ids)
        with tempfile.SpooledTemporaryFile(max_size=ZIP_SPOOL_MAX_MEMORY) as spool:
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                used: set[str] = set()
                for done, current in enumerate(objects, start=1):
                    pdf = registry.render_document(batch.kind, current)
                    archive.writestr(unique_arcname(_arcname(kind, current), used), pdf)
                    DocumentBatch.objects.filter(pk=batch.pk).update(done=done)
                current = None
            spool.seek(0)
            batch.result.save(_zip_name(kind, objects), File(spool), save=False)
        DocumentBatch.objects.filter(pk=batch.pk).update(
            result=batch.result.name, state=BatchState.DONE, finished_at=timezone.now()
        )
    except Exception as error:
        logger.exception("Document batch %s failed.", batch.pk)
        message = str(error) or error.__class__.__name__
        if current is not None:
            message = f"{current}: {message}"
        mark_batch_failed(batch.pk, message)
    batch.refresh_from_db()
    return batch


def mark_batch_failed(batch_id: int, message: str) -> None:
    """End the batch as failed; its page shows ``message`` and stops waiting."""
    DocumentBatch.objects.filter(pk=batch_id).update(
        state=BatchState.FAILED, error=message, finished_at=timezone.now()
    )
