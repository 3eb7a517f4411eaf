"""The audit trail read back: who changed which field of a traced record, from what to what, when and why.

The rows are the snapshots ``wards.history.FieldHistory`` writes, one table per
traced model; ``audit_rows`` pages through all of them as one list, newest
first, and ``audit_entries`` turns a page of them into "field: old → new" by
comparing each snapshot with the one before it (simple-history's
``diff_against``), with a fixed number of queries per model on the page.
The trail is only read here: nothing in the portal writes or changes it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import models
from django.db.models import CharField, OuterRef, Subquery, Value
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Written by the workflow engine with an UPDATE (the StateChange rows are their history) or counting the
# saves: a difference in them between two snapshots is not the doing of the later snapshot's author.
UNSHOWN_FIELDS = frozenset({"state", "due_date", "due_label", "version"})
KIND_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
TEXT_LENGTH = 200


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class AuditEntry:
    """One snapshot of one record, with what it changed compared with the snapshot before."""

    model: type[models.Model]
    record: models.Model  # the historical row: history_date, history_user, history_change_reason …
    object_label: str
    changes: list[FieldChange] = field(default_factory=list)
    # A change whose earlier values were never written (the record was created in bulk, or before the trail).
    earlier_unknown: bool = False

    @property
    def model_key(self) -> str:
        return self.model._meta.label_lower

    @property
    def model_name(self) -> str:
        return capfirst(self.model._meta.verbose_name)

    @property
    def kind(self) -> str:
        return str(KIND_LABELS[self.record.history_type])

    @property
    def object_pk(self):
        return getattr(self.record, self.model._meta.pk.attname)


def audited_models() -> dict[str, type[models.Model]]:
    """Every model with a field history, by its lower-case label (``assessments.criterionselfscore``)."""
    return {
        model._meta.label_lower: model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    }


def _historical(model: type[models.Model]) -> type[models.Model]:
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_rows(*, model_key: str = "", user=None, since: date | None = None, until: date | None = None):
    """``(history_id, history_date, model key)`` of every snapshot that matches, newest first.

    One UNION query over the traced models' history tables, so a paginator
    counts and slices the whole trail in the database.
    """
    selected = audited_models()
    if model_key:
        selected = {model_key: selected[model_key]}
    pages = []
    for key, model in selected.items():
        rows = _historical(model).objects.order_by()
        if user is not None:
            rows = rows.filter(history_user=user)
        if since is not None:
            rows = rows.filter(history_date__gte=_start_of(since))
        if until is not None:
            rows = rows.filter(history_date__lt=_start_of(until + timedelta(days=1)))
        rows = rows.annotate(model_key=Value(key, output_field=CharField()))
        pages.append(rows.values_list("history_id", "history_date", "model_key"))
    first, *others = pages
    return first.union(*others, all=True).order_by("-history_date", "-history_id")


def audit_entries(rows) -> list[AuditEntry]:
    """The entries of ``rows`` (from ``audit_rows``), in the same order."""
    ids_by_model = defaultdict(list)
    for history_id, _when, key in rows:
        ids_by_model[key].append(history_id)
    models_by_key = audited_models()
    found = {}
    for key, ids in ids_by_model.items():
        for entry in history_entries(models_by_key[key], ids):
            found[key, entry.record.history_id] = entry
    return [found[key, history_id] for history_id, _when, key in rows]


def object_history_ids(model: type[models.Model], pk):
    """The history ids of one record's snapshots, newest first."""
    return (
        _historical(model)
        .objects.filter(**{model._meta.pk.attname: pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
    )


def history_entries(model: type[models.Model], history_ids, *, text_length: int = TEXT_LENGTH):
    """The entries of ``model``'s snapshots ``history_ids``, newest first.

    Queries: the snapshots with their authors and the id of each one's previous
    snapshot; the previous snapshots; the records as they are now (for their
    names); one per kind of record a changed foreign key points at.
    """
    historical = _historical(model)
    pk_name = model._meta.pk.attname
    previous_id = (
        historical.objects.filter(**{pk_name: OuterRef(pk_name)}, history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    records = list(
        historical.objects.filter(history_id__in=history_ids)
        .select_related("history_user")
        .annotate(previous_id=Subquery(previous_id))
        .order_by("-history_id")
    )
    previous = historical.objects.in_bulk([r.previous_id for r in records if r.previous_id])
    current = model._default_manager.select_related().in_bulk({getattr(r, pk_name) for r in records})
    raw = {r.history_id: _raw_changes(model, r, previous.get(r.previous_id)) for r in records}
    related = _related_objects(model, [change for changes in raw.values() for change in changes])
    entries = []
    for record in records:
        obj = current.get(getattr(record, pk_name))
        entries.append(
            AuditEntry(
                model=model,
                record=record,
                object_label=str(obj)
                if obj
                else f"{capfirst(model._meta.verbose_name)} #{getattr(record, pk_name)}",
                changes=[_display(model, change, related, text_length) for change in raw[record.history_id]],
                earlier_unknown=record.history_type == "~" and not record.previous_id,
            )
        )
    return entries


def _raw_changes(model, record, previous) -> list[tuple[str, object, object]]:
    """``(field name, old, new)``: against the previous snapshot, or a new record's filled-in fields."""
    if record.history_type == "~" and previous is not None:
        delta = record.diff_against(previous, excluded_fields=UNSHOWN_FIELDS)
        return [(change.field, change.old, change.new) for change in delta.changes]
    if record.history_type == "+":
        return [
            (f.name, None, getattr(record, f.attname))
            for f in record.tracked_fields
            if f.editable
            and not f.primary_key
            and f.name not in UNSHOWN_FIELDS
            and getattr(record, f.attname) not in (None, "")
        ]
    return []


def _related_objects(model, changes) -> dict[tuple[type, object], models.Model]:
    """The objects the changed foreign keys point at, one query per related model."""
    wanted = defaultdict(set)
    for name, old, new in changes:
        model_field = model._meta.get_field(name)
        if model_field.is_relation:
            wanted[model_field.related_model].update(value for value in (old, new) if value is not None)
    return {
        (related, pk): obj
        for related, pks in wanted.items()
        for pk, obj in related._default_manager.in_bulk(pks).items()
    }


def _display(model, change, related, text_length: int) -> FieldChange:
    name, old, new = change
    model_field = model._meta.get_field(name)
    return FieldChange(
        label=capfirst(model_field.verbose_name),
        old=_value(model_field, old, related, text_length),
        new=_value(model_field, new, related, text_length),
    )


def _value(model_field, value, related, text_length: int) -> str:
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        obj = related.get((model_field.related_model, value))
        return str(obj) if obj is not None else f"#{value}"
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, date):
        return formats.localize(value)
    return Truncator(formats.localize(value)).chars(text_length)
