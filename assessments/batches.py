"""Many documents of one kind at once (e.g. every ward's minutes of a year): who may ask, and asking.

Rendering fifteen PDFs takes long enough to hold up a web worker, so
``start_batch`` only records what to produce and queues the task
(``assessments.tasks.render_batch``, run by ``manage.py db_worker``), which
renders it with ``assessments.batch_rendering.run_batch``. In tests the
immediate task backend runs it at once, through the same code path.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.batch_rendering import mark_batch_failed
from assessments.documents import registry
from assessments.models import DocumentBatch
from assessments.queries import assessments_for_user
from assessments.tasks import render_batch

logger = logging.getLogger(__name__)

# The document kinds offered as batches on the pages, in the order of the procedure.
BATCH_KINDS = ("ward_minutes",)
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
    """Queue the rendering; if the queue cannot take it, the batch fails at once, saying why.

    Otherwise a batch whose task was never queued would wait forever, its page
    refreshing itself; failed, the page tells the user to start it again.
    """
    try:
        render_batch.enqueue(batch_id)
    except Exception:
        logger.exception("Document batch %s could not be queued.", batch_id)
        with translation.override(settings.LANGUAGE_CODE):  # stored, like the worker's errors
            error = _("The background worker could not be reached; start the batch again in a few minutes.")
        mark_batch_failed(batch_id, error)
