"""Recording an activity's sessions: the date, the topic and who came (ticked names, or counts)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from centers.activities import delete_session, record_session, update_session
from centers.activity_queries import activity_or_404, session_or_404
from centers.forms.activities import SessionForm
from centers.models import Attendance
from centers.queries import center_or_404
from centers.views.common import show_errors
from wards.permissions import require_perm


def _activity_to_manage(request, pk, activity_pk):
    center = center_or_404(pk)
    require_perm(request, "centers.manage_activities", center)
    return center, activity_or_404(center, activity_pk)


def _render_form(request, center, activity, form, session=None):
    return render(
        request,
        "centers/session_form.html",
        {
            "center": center,
            "activity": activity,
            "form": form,
            "session": session,
            "is_list": activity.attendance == Attendance.LIST,
        },
    )


def session_create(request, pk, activity_pk):
    center, activity = _activity_to_manage(request, pk, activity_pk)
    form = SessionForm(request.POST if request.method == "POST" else None, activity=activity)
    if form.is_valid():
        try:
            session = record_session(
                activity,
                request.user,
                date=form.cleaned_data["date"],
                topic=form.cleaned_data["topic"],
                **form.attendance(),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("The session of %(date)s has been recorded: %(total)s attended.")
                % {"date": session.date.strftime("%d/%m/%Y"), "total": session.total},
            )
            return redirect(activity)
    return _render_form(request, center, activity, form)


def session_edit(request, pk, activity_pk, session_pk):
    center, activity = _activity_to_manage(request, pk, activity_pk)
    session = session_or_404(activity, session_pk)
    form = SessionForm(request.POST if request.method == "POST" else None, activity=activity, session=session)
    if form.is_valid():
        try:
            session = update_session(
                session,
                request.user,
                date=form.cleaned_data["date"],
                topic=form.cleaned_data["topic"],
                **form.attendance(),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("The session of %(date)s has been saved.") % {"date": session.date.strftime("%d/%m/%Y")},
            )
            return redirect(activity)
    return _render_form(request, center, activity, form, session)


def session_delete(request, pk, activity_pk, session_pk):
    center, activity = _activity_to_manage(request, pk, activity_pk)
    session = session_or_404(activity, session_pk)
    day = session.date.strftime("%d/%m/%Y")
    if request.method == "POST":
        delete_session(session, request.user)
        messages.success(request, _("The session of %(date)s has been deleted.") % {"date": day})
        return redirect(activity)
    return render(
        request,
        "centers/confirm_delete.html",
        {
            "center": center,
            "title": _("Delete the session"),
            "question": _("Delete the session of %(date)s of “%(title)s”? This cannot be undone.")
            % {"date": day, "title": activity.title},
            "back": activity.get_absolute_url(),
        },
    )
