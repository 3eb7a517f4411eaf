"""How a session's attendance is checked and counted (``centers.activities`` records it).

A class (``LIST``) names who came — learners enrolled in the activity — and
its counts are computed from them; a talk (``COUNTS``) gives how many came,
of whom women and of an ethnic minority, neither more than the total. A
session falls within its activity's dates.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from centers.models import Activity, Attendance, Gender


def _count(value, field: str, errors: dict) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.setdefault(field, []).append(_("Give a whole number, 0 or more."))
        return None
    return value


def _attendance_values(activity: Activity, attendees, total, women, ethnic_minority) -> dict:
    """The session's attendees and counts, checked against the activity's way of recording."""
    errors: dict[str, list[str]] = {}
    if activity.attendance == Attendance.LIST:
        if any(value not in (None, "") for value in (total, women, ethnic_minority)):
            raise ValidationError(
                _("This activity records a list of learners: the counts are computed from it.")
            )
        wanted = {getattr(learner, "pk", learner) for learner in attendees or ()}
        if not wanted:
            raise ValidationError({"attendees": [_("Tick at least one learner who came.")]})
        learners = list(activity.learners.filter(pk__in=wanted))
        if len(learners) != len(wanted):
            raise ValidationError({"attendees": [_("Only learners enrolled in this activity can attend.")]})
        return {
            "learners": learners,
            "total": len(learners),
            "women": sum(learner.gender == Gender.FEMALE for learner in learners),
            "ethnic_minority": sum(learner.ethnic_minority for learner in learners),
        }
    if attendees:
        raise ValidationError(_("This activity records attendance as counts, not a list of learners."))
    total = _count(total, "total", errors)
    women = _count(women, "women", errors) or 0
    ethnic_minority = _count(ethnic_minority, "ethnic_minority", errors) or 0
    if not errors:
        if not total:
            errors["total"] = [_("Give how many came (at least 1).")]
        else:
            if women > total:
                errors["women"] = [_("Cannot be more than the attendance.")]
            if ethnic_minority > total:
                errors["ethnic_minority"] = [_("Cannot be more than the attendance.")]
    if errors:
        raise ValidationError(errors)
    return {"learners": None, "total": total, "women": women, "ethnic_minority": ethnic_minority}


def _check_date(activity: Activity, day) -> None:
    if not isinstance(day, date):
        raise ValidationError({"date": [_("Give the date of the session.")]})
    if not activity.starts_on <= day <= activity.ends_on:
        raise ValidationError(
            {
                "date": [
                    _("The session must fall within the activity's dates (%(start)s – %(end)s).")
                    % {
                        "start": activity.starts_on.strftime("%d/%m/%Y"),
                        "end": activity.ends_on.strftime("%d/%m/%Y"),
                    }
                ]
            }
        )


def checked_attendance(activity: Activity, day, *attendance) -> dict:
    """``{"learners", "total", "women", "ethnic_minority"}`` of a session of ``activity`` on ``day``.

    ``attendance`` is ``(attendees, total, women, ethnic_minority)``; every
    problem of the date and of the attendance is raised at once, by field.
    """
    errors: dict[str, list] = {}
    values = None
    for check in (lambda: _check_date(activity, day), lambda: _attendance_values(activity, *attendance)):
        try:
            values = check() or values
        except ValidationError as error:
            for field, messages in error.update_error_dict({}).items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return values
