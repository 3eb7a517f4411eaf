"""Field-level history of the records people change: who changed which field, from what, when, why.

A model an administrator must be able to trace declares ``history = FieldHistory()``
(django-simple-history): every ``save()`` and ``delete()`` writes a snapshot row
with the signed-in user (``HistoryRequestMiddleware`` hands it over) and, inside
``history_reason(...)``, the reason. The audit page (``wards.audit``) compares
consecutive snapshots to show "field: old → new".

What writes no row, on purpose:
- a save that writes only fields the history leaves out (a sign-in's ``last_login``);
- ``QuerySet.update()`` and ``bulk_create``: the workflow engine writes a state
  this way, and its ``StateChange`` rows are the state's history; the yearly
  opening of a cycle, the demo seed and the centres' imports create rows in bulk.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from simple_history.models import HistoricalRecords

_reason: ContextVar[str] = ContextVar("history_reason", default="")


@contextmanager
def history_reason(reason: str) -> Iterator[None]:
    """Give every history row written inside the block ``reason`` (an undo's, a return's)."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


class FieldHistory(HistoricalRecords):
    """simple-history's ``HistoricalRecords`` with the portal's two rules (see the module)."""

    def __init__(self, **kwargs):
        # A reason is as long as the person wrote it (a return lists every missing item).
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True))
        super().__init__(**kwargs)

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields is not None and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or _reason.get()
