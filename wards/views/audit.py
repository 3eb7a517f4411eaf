"""The system administrator's audit trail: who changed which field of which record, when and why.

Read-only pages (GET only): the trail is written by the records' saves
(``wards.history``) and nothing in the portal changes it.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.text import capfirst
from django.views.decorators.http import require_safe

from wards.audit import audit_entries, audit_rows, audited_models, history_entries, object_history_ids
from wards.forms_audit import AuditFilterForm
from wards.permissions import require_perm

PER_PAGE = 50


@require_safe
def audit_list(request):
    require_perm(request, "wards.view_audit")
    form = AuditFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    rows = audit_rows(
        model_key=chosen.get("model", ""),
        user=chosen.get("user"),
        since=chosen.get("since"),
        until=chosen.get("until"),
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "wards/audit_list.html", {"form": form, "page": page, "entries": audit_entries(page)}
    )


@require_safe
def audit_object(request, model, pk):
    """Every snapshot of one record, newest first, its texts in full."""
    require_perm(request, "wards.view_audit")
    model_class = audited_models().get(model)
    if model_class is None:
        raise Http404
    page = Paginator(object_history_ids(model_class, pk), PER_PAGE).get_page(request.GET.get("page"))
    entries = history_entries(model_class, list(page), text_length=100_000)
    if not entries:
        raise Http404
    current = model_class._default_manager.filter(pk=pk).first()
    context = {
        "page": page,
        "entries": entries,
        "model_name": capfirst(model_class._meta.verbose_name),
        "object_label": entries[0].object_label,
        "object_url": current.get_absolute_url() if hasattr(current, "get_absolute_url") else "",
    }
    return render(request, "wards/audit_object.html", context)
