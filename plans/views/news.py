"""News items and good examples: the public list and item (no login), the district staff's pages.

The public reads published items only (anything else is a 404). The staff's
pages start from ``items_for_staff``: reading needs ``plans.view_news_drafts``,
writing and each step ``plans.manage_news``, undo ``plans.undo_transition``; the
domain functions and the workflow engine check the same again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from engines.forms import ReasonForm
from engines.views import undo_page
from engines.workflow import ReasonRequired, TransitionNotAllowed
from plans.forms.news import NewsItemForm
from plans.models import NewsItem, NewsKind, NewsState
from plans.news import create_news_item, items_for_staff, update_news_item
from plans.news_workflow import NEWS_WORKFLOW, last_withdraw_reason
from wards.permissions import require_perm

PAGE_SIZE = 20


@login_not_required
def public_list(request):
    """Published items, newest first; ``?kind=`` keeps one kind."""
    kind = request.GET.get("kind", "")
    items = NewsItem.objects.published().select_related("ward")
    if kind in NewsKind.values:
        items = items.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/news/public_list.html", {"page": page, "kind": kind, "kinds": NewsKind})


@login_not_required
def public_detail(request, pk: int):
    item = get_object_or_404(NewsItem.objects.published().select_related("ward"), pk=pk)
    return render(request, "plans/news/public_detail.html", {"item": item})


def _staff_item(request, pk: int) -> NewsItem:
    require_perm(request, "plans.view_news_drafts")
    return get_object_or_404(items_for_staff(request.user), pk=pk)


def manage_list(request):
    require_perm(request, "plans.view_news_drafts")
    page = Paginator(items_for_staff(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/news/manage_list.html", {"page": page})


def manage_create(request):
    require_perm(request, "plans.manage_news")
    data = request.POST if request.method == "POST" else None
    form = NewsItemForm(data, initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        item = create_news_item(request.user, **form.news_fields())
        messages.success(request, _("The draft has been saved. It is public only once published."))
        return redirect(item)
    return render(request, "plans/news/form.html", {"form": form, "item": None})


def manage_detail(request, pk: int):
    item = _staff_item(request, pk)
    user = request.user
    context = {
        "item": item,
        "may_edit": item.state == NewsState.DRAFT and user.has_perm("plans.manage_news", item),
        "actions": NEWS_WORKFLOW.available(item, user),
        "withdraw_reason": last_withdraw_reason(item),
        "may_undo": user.has_perm(NEWS_WORKFLOW.undo_permission, item),
        "history": NEWS_WORKFLOW.history_rows(item),
    }
    return render(request, "plans/news/manage_detail.html", context)


def manage_edit(request, pk: int):
    item = _staff_item(request, pk)
    require_perm(request, "plans.manage_news", item)
    if item.state != NewsState.DRAFT:
        messages.error(request, NEWS_WORKFLOW.no_longer_possible(item))
        return redirect(item)
    data = request.POST if request.method == "POST" else None
    form = NewsItemForm(data, instance=NewsItem.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        try:
            update_news_item(item, request.user, **form.news_fields())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect(item)
    return render(request, "plans/news/form.html", {"form": form, "item": item})


def manage_step(request, pk: int, name: str):
    """Confirm (GET) and take (POST) one step: publish, withdraw with a reason, or back to draft."""
    if name not in NEWS_WORKFLOW.transitions:
        raise Http404
    transition = NEWS_WORKFLOW.transitions[name]
    item = _staff_item(request, pk)
    if not NEWS_WORKFLOW.may(request.user, name, item):
        if item.state not in transition.sources:
            messages.error(request, NEWS_WORKFLOW.no_longer_possible(item))
            return redirect(item)
        raise PermissionDenied(transition.permission)
    form = ReasonForm(
        request.POST if request.method == "POST" else None, reason_required=transition.reason_required
    )
    if request.method == "POST" and form.is_valid():
        try:
            NEWS_WORKFLOW.perform(item, name, request.user, reason=form.cleaned_data["reason"])
        except ReasonRequired as error:
            form.add_error("reason", str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(item)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            return redirect(item)
    return render(request, "plans/news/step.html", {"item": item, "action": transition, "form": form})


def manage_undo(request, pk: int):
    item = _staff_item(request, pk)
    return undo_page(request, item, NEWS_WORKFLOW, str(item))
