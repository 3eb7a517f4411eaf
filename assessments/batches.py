"""Many documents of one kind at once (e.g. every ward's minutes of a year), rendered in the background.

Rendering fifteen PDFs takes long enough to hold up a web worker, so
``start_batch`` only records what to produce and queues the task
(``assessments.tasks.render_batch``, run by ``manage.py db_worker``);
``run_batch`` renders each document, counting progress after each one, and
stores the result as one ZIP in the private storage. In tests the immediate
task backend runs ``run_batch`` at once, through the same code path.
"""

import logging
import tempfile
import zipfile
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.documents import registry
from assessments.dossier import _unique_arcname
from assessments.models import Assessment, BatchState, DocumentBatch
from assessments.queries import assessments_for_user

logger = logging.getLogger(__name__)
ZIP_SPOOL_MAX_MEMORY = 10 * 1024 * 1024

# The document kinds offered as batches on the pages, in the order of the procedure.
BATCH_KINDS = ("ward_minutes",)
# Where the objects of each kind of subject (``DocumentType.subject``) are loaded from.
SUBJECT_QUERYSETS = {
    "assessment": lambda: Assessment.objects.select_related("ward", "cycle"),
    "district_assessment": lambda: Assessment.objects.select_related("ward", "cycle"),
}
DISTRICT_OVERVIEW = "wards.view_district_overview"


def may_start_batches(user) -> bool:
    """Batches are district work: the district side (``wards.view_district_overview``) starts them."""
    return user.has_perm(DISTRICT_OVERVIEW)


def may_view_batch(user, batch: DocumentBatch) -> bool:
    """The one who asked for the batch and the district side see its progress and download its ZIP."""
    if not user.is_authenticated or not user.is_active:
        return False
    return batch.requested_by_id == user.pk or user.has_perm(DISTRICT_OVERVIEW)


def batch_kind_choices() -> list[tuple[str, str]]:
    return [
        (key, registry.DOCUMENT_TYPES[key].title) for key in BATCH_KINDS if key in registry.DOCUMENT_TYPES
    ]


def batch_objects(user, key: str, year: int) -> QuerySet:
    """What a batch of document ``key`` for ``year`` covers: every object of that year ``user`` may see.

    A document that exists only from some step on (e.g. the inspection minutes)
    must narrow the assessments here: one document that cannot be produced
    fails the whole batch.
    """
    kind = registry.DOCUMENT_TYPES[key]
    if kind.subject not in {"assessment", "district_assessment"}:
        raise ValueError(f"No batch selection for documents of a {kind.subject!r}.")
    return assessments_for_user(user).filter(cycle__year=year).order_by("ward__code")


def start_batch(user, key: str, objects: Iterable) -> DocumentBatch:
    """Record a batch of document ``key`` for ``objects`` and queue its rendering once the row is committed.

    Raises ``PermissionDenied`` unless ``user`` is on the district side and may
    get the document for every object, ``ValidationError`` when there is
    nothing to produce, ``KeyError`` for an unknown document.
    """
    kind = registry.DOCUMENT_TYPES[key]
    if not may_start_batches(user):
        raise PermissionDenied
    objects = list(objects)
    if not objects:
        raise ValidationError(_("There is no document to produce."), code="empty")
    if any(not user.has_perm(kind.permission, obj) for obj in objects):
        raise PermissionDenied
    with transaction.atomic():
        batch = DocumentBatch.objects.create(
            requested_by=user, kind=key, object_ids=[obj.pk for obj in objects], total=len(objects)
        )
        transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    from assessments.tasks import render_batch

    render_batch.enqueue(batch_id)


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
                    archive.writestr(_unique_arcname(_arcname(kind, current), used), pdf)
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
        DocumentBatch.objects.filter(pk=batch.pk).update(
            state=BatchState.FAILED, error=message, finished_at=timezone.now()
        )
    batch.refresh_from_db()
    return batch
