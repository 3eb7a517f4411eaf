"""A centre's activities: the filtered list and its export, an activity's page, creating, editing, deleting.

Every centre and its activities are visible to signed-in users as aggregates;
learners' names only to ``centers.view_personal_data``; changes only to
``centers.manage_activities`` (the ward's officers and the centre's staff).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from centers.activities import create_activity, delete_activity, update_activity
from centers.activity_filters import ActivityFilter
from centers.activity_queries import activity_or_404, center_years, current_year
from centers.exports import activities_xlsx
from centers.forms.activities import ActivityForm
from centers.models import Attendance
from centers.queries import center_or_404
from centers.views.common import show_errors, xlsx_response
from wards.permissions import require_perm
from wards.text import vietnamese_sort_key


def _filtered(request, center):
    """The filter of the request and the activities it keeps, each with its sessions' count and attendance."""
    activity_filter = ActivityFilter(
        request.GET,
        center.activities.all(),
        center=center,
        years=center_years(center),
        default_year=current_year(),
    )
    activities = activity_filter.qs if activity_filter.is_valid() else activity_filter.queryset.none()
    activities = (
        activities.select_related("kind", "partner")
        .annotate(session_count=Count("sessions"), attendance_sum=Sum("sessions__total"))
        .order_by("starts_on", "pk")
    )
    return activity_filter, activities


def activity_list(request, pk):
    center = center_or_404(pk)
    require_perm(request, "centers.view_center", center)
    activity_filter, activities = _filtered(request, center)
    query = request.GET.urlencode()
    return render(
        request,
        "centers/activity_list.html",
        {
            "center": center,
            "form": activity_filter.form,
            "activities": activities,
            "export_url": reverse("centers:activity_export", args=[center.pk])
            + (f"?{query}" if query else ""),
            "can_manage": request.user.has_perm("centers.manage_activities", center),
        },
    )


def activity_export(request, pk):
    """The activity list as XLSX, with the same filter as the page."""
    center = center_or_404(pk)
    require_perm(request, "centers.view_center", center)
    activity_filter, activities = _filtered(request, center)
    year = activity_filter.form.cleaned_data.get("year") if activity_filter.is_valid() else current_year()
    return xlsx_response(activities_xlsx(activities), f"hoat-dong-{center.ward.code}-{year}.xlsx")


def activity_detail(request, pk, activity_pk):
    center = center_or_404(pk)
    require_perm(request, "centers.view_center", center)
    activity = activity_or_404(center, activity_pk)
    user = request.user
    sees_names = user.has_perm("centers.view_personal_data", center)
    learners = None
    if sees_names and activity.attendance == Attendance.LIST:
        learners = sorted(
            activity.learners.annotate(attended=Count("sessions", filter=Q(sessions__activity=activity))),
            key=lambda learner: vietnamese_sort_key(learner.full_name),
        )
    sessions = list(activity.sessions.order_by("date", "pk"))
    return render(
        request,
        "centers/activity_detail.html",
        {
            "center": center,
            "activity": activity,
            "sessions": sessions,
            "totals": {
                "total": sum(session.total for session in sessions),
                "women": sum(session.women for session in sessions),
                "ethnic_minority": sum(session.ethnic_minority for session in sessions),
            },
            "learner_count": activity.learners.count(),
            "learners": learners,
            "is_list": activity.attendance == Attendance.LIST,
            "can_manage": user.has_perm("centers.manage_activities", center),
        },
    )


def activity_create(request, pk):
    center = center_or_404(pk)
    require_perm(request, "centers.manage_activities", center)
    form = ActivityForm(request.POST if request.method == "POST" else None, center=center)
    if form.is_valid():
        try:
            activity = create_activity(center, request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("The activity “%(title)s” has been saved.") % {"title": activity.title}
            )
            return redirect(activity)
    return render(request, "centers/activity_form.html", {"center": center, "form": form, "activity": None})


def activity_edit(request, pk, activity_pk):
    center = center_or_404(pk)
    require_perm(request, "centers.manage_activities", center)
    activity = activity_or_404(center, activity_pk)
    form = ActivityForm(request.POST if request.method == "POST" else None, center=center, activity=activity)
    if form.is_valid():
        try:
            activity = update_activity(activity, request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("The activity “%(title)s” has been saved.") % {"title": activity.title}
            )
            return redirect(activity)
    return render(
        request, "centers/activity_form.html", {"center": center, "form": form, "activity": activity}
    )


def activity_delete(request, pk, activity_pk):
    """Asks first (GET), deletes on POST; an activity with sessions is refused with the reason."""
    center = center_or_404(pk)
    require_perm(request, "centers.manage_activities", center)
    activity = activity_or_404(center, activity_pk)
    if request.method == "POST":
        try:
            delete_activity(activity, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(activity)
        messages.success(request, _("The activity “%(title)s” has been deleted.") % {"title": activity.title})
        return redirect("centers:activity_list", center.pk)
    return render(
        request,
        "centers/confirm_delete.html",
        {
            "center": center,
            "title": _("Delete the activity"),
            "question": _("Delete the activity “%(title)s”? This cannot be undone.")
            % {"title": activity.title},
            "back": activity.get_absolute_url(),
        },
    )
