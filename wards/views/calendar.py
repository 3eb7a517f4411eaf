"""The administrator's working-day calendar: days off, extra working days and exceptions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wards.calendar import calendar_for_year, save_exception
from wards.forms_calendar import CalendarOverrideForm
from wards.models import CalendarOverride
from wards.permissions import require_perm

# The Vietnamese lunar calendar in ``holidays`` covers these years safely.
MIN_YEAR, MAX_YEAR = 1995, 2099


def _chosen_year(value) -> int:
    """The year asked for in ``?year=``; the current year when missing or not usable."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if MIN_YEAR <= year <= MAX_YEAR else timezone.localdate().year


def _page_url(year: int) -> str:
    return f"{reverse('wards:calendar')}?year={year}"


def calendar_page(request):
    """List a year's days off and extra working days; add or delete an administrator's exception.

    An exception for a day the calendar already names (a holiday, a swapped
    working day, an earlier exception) is saved only once the administrator has
    confirmed the warning the form shows (see ``CalendarOverrideForm``).
    """
    require_perm(request, "wards.manage_calendar")

    year = _chosen_year(request.GET.get("year"))
    form = CalendarOverrideForm()

    if request.method == "POST":
        if "delete" in request.POST:
            pk = request.POST["delete"]
            override = get_object_or_404(CalendarOverride, pk=pk if pk.isdigit() else None)
            day = override.day
            override.delete()
            messages.success(
                request,
                _("The calendar exception of %(date)s has been deleted.")
                % {"date": day.strftime("%d/%m/%Y")},
            )
            return redirect(_page_url(day.year))

        form = CalendarOverrideForm(request.POST)
        if form.is_valid():
            override = save_exception(
                form.cleaned_data["day"],
                is_working_day=form.cleaned_data["is_working_day"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _("The calendar exception of %(date)s has been saved.")
                % {"date": override.day.strftime("%d/%m/%Y")},
            )
            return redirect(_page_url(override.day.year))

    days_off, extra_working_days = calendar_for_year(year)
    context = {
        "year": year,
        "previous_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
        "days_off": days_off,
        "extra_working_days": extra_working_days,
        "form": form,
    }
    return render(request, "wards/calendar.html", context)
