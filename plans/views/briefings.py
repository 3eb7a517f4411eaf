"""The clusters' quarterly briefings: the year's list, the record form with its progress grid, the detail,
and the emulation plan's texts. Reading needs ``plans.view_briefings``; recording and
editing ``plans.manage_briefings`` (checked again by the domain functions)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.briefings import (
    ROMAN,
    briefings_of_year,
    criteria_of_year,
    emulation_contents,
    has_placeholders,
    latest_year,
    progress_grid,
    record_briefing,
    rename_emulation_items,
)
from plans.forms.briefings import BriefingForm, EmulationTextsForm
from plans.models import ClusterBriefing
from plans.ward_reports import FIRST_YEAR
from wards.models import Cluster, Ward
from wards.permissions import require_perm


def _check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def briefing_list_current(request):
    require_perm(request, "plans.view_briefings")
    return redirect("plans:briefing_list", year=latest_year(timezone.localdate().year))


def briefing_list(request, year: int):
    """The 3 clusters × quarters I–III of ``year``, and the year's emulation contents and criteria."""
    require_perm(request, "plans.view_briefings")
    _check_year(year)
    contents = emulation_contents(year)
    context = {
        "year": year,
        "rows": briefings_of_year(year),
        "quarters": [(quarter, ROMAN[quarter]) for quarter in (1, 2, 3)],
        "contents": contents,
        "placeholders": has_placeholders(contents),
        "may_manage": request.user.has_perm("plans.manage_briefings"),
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year <= timezone.localdate().year else None,
    }
    return render(request, "plans/briefings/briefing_list.html", context)


def briefing_record(request, year: int, cluster: int, quarter: int):
    """Record (or correct) a cluster's briefing of a quarter; nothing is saved unless all of it is valid."""
    require_perm(request, "plans.manage_briefings")
    _check_year(year)
    if quarter not in ROMAN:
        raise Http404
    cluster = get_object_or_404(Cluster, number=cluster)
    briefing = ClusterBriefing.objects.filter(cluster=cluster, year=year, quarter=quarter).first()
    wards = Ward.objects.filter(cluster=cluster).order_by("sort_key")
    criteria = criteria_of_year(year)
    form = BriefingForm(
        request.POST if request.method == "POST" else None, wards=wards, criteria=criteria, briefing=briefing
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            briefing = record_briefing(
                cluster,
                year,
                quarter,
                request.user,
                held_on=data["held_on"],
                place=data["place"],
                wards_present=data["wards_present"],
                minutes=data["minutes"],
                progress=form.progress(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The briefing has been recorded."))
            return redirect(briefing)
    context = {
        "form": form,
        "cluster": cluster,
        "year": year,
        "quarter": ROMAN[quarter],
        "criteria": criteria,
        "briefing": briefing,
    }
    return render(request, "plans/briefings/briefing_form.html", context)


def briefing_detail(request, pk: int):
    require_perm(request, "plans.view_briefings")
    briefing = get_object_or_404(ClusterBriefing.objects.select_related("cluster", "recorded_by"), pk=pk)
    criteria = criteria_of_year(briefing.year)
    context = {
        "briefing": briefing,
        "quarter": ROMAN[briefing.quarter],
        "criteria": criteria,
        "grid": progress_grid(briefing, criteria),
        "may_manage": request.user.has_perm("plans.manage_briefings"),
    }
    return render(request, "plans/briefings/briefing_detail.html", context)


def emulation_texts(request, year: int):
    """A manager corrects the year's contents and criteria (the demo's are placeholders)."""
    require_perm(request, "plans.manage_briefings")
    _check_year(year)
    contents = emulation_contents(year)
    if not contents:
        raise Http404
    form = EmulationTextsForm(request.POST if request.method == "POST" else None, contents=contents)
    if request.method == "POST" and form.is_valid():
        try:
            rename_emulation_items(request.user, titles=form.titles(), texts=form.texts())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved."))
            return redirect("plans:briefing_list", year=year)
    return render(request, "plans/briefings/emulation_texts.html", {"form": form, "year": year})
