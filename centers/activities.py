"""A centre's activities, their learners and their sessions: the business rules.

Views, the class-list import, the demo seeder and tests all call these
functions; each checks ``centers.manage_activities`` on the centre itself (so
no caller can bypass it), validates, and writes in one transaction or not at
all. A problem is a ``ValidationError`` whose messages are for the user
(in the request's language), keyed by the form field they belong to.

Attendance is recorded one of two ways, chosen per activity:

- ``LIST`` — a class: the learners are enrolled in the activity, and a
  session names who came; its counts are computed from them here, so the
  figures of the centre only ever sum the session columns;
- ``COUNTS`` — a large talk: a session holds how many came, how many of them
  women and of an ethnic minority.
"""

import unicodedata
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centers.attendance import checked_attendance
from centers.models import Activity, ActivityKind, Attendance, Center, Gender, Learner, Partner, Session

ACTIVITY_FIELDS = frozenset(
    {"kind", "title", "instructor", "partner", "starts_on", "ends_on", "place", "attendance", "note"}
)
LEARNER_FIELDS = frozenset({"full_name", "birth_year", "gender", "ethnic_minority", "residential_group"})
OLDEST_BIRTH_YEAR = 1900


def _require_manager(actor, center: Center) -> None:
    if not actor.has_perm("centers.manage_activities", center):
        raise PermissionDenied("centers.manage_activities")


def _clean_text(value) -> str:
    """Text as typed, in composed Unicode, with runs of spaces made one (names compare alike)."""
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split())


def _unknown(fields: dict, allowed: frozenset[str]) -> None:
    if unknown := set(fields) - allowed:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


# --- Activities ----------------------------------------------------------------------------------------


def _check_activity(activity: Activity, *, kind_changed: bool) -> None:
    """Every problem of ``activity`` at once, keyed by field."""
    errors: dict[str, list[str]] = {}
    if not activity.title:
        errors.setdefault("title", []).append(_("Give the activity a topic."))
    if activity.kind_id is None:
        errors.setdefault("kind", []).append(_("Choose the kind of activity."))
    elif kind_changed and not activity.kind.active:
        errors.setdefault("kind", []).append(_("This kind of activity is no longer in use."))
    if activity.partner_id is not None and activity.partner.center_id != activity.center_id:
        errors.setdefault("partner", []).append(_("Choose one of this centre's partners."))
    if activity.attendance not in Attendance.values:
        errors.setdefault("attendance", []).append(_("Choose how attendance is recorded."))
    if activity.starts_on is None:
        errors.setdefault("starts_on", []).append(_("Give the first day."))
    if activity.ends_on is None:
        errors.setdefault("ends_on", []).append(_("Give the last day."))
    elif activity.starts_on and activity.ends_on < activity.starts_on:
        errors.setdefault("ends_on", []).append(_("The last day cannot be before the first day."))
    for name, limit in (("title", 255), ("instructor", 200), ("place", 200)):
        if len(getattr(activity, name)) > limit:
            errors.setdefault(name, []).append(_("At most %(limit)s characters, please.") % {"limit": limit})
    if errors:
        raise ValidationError(errors)


def _apply_activity_fields(activity: Activity, fields: dict) -> None:
    for name, value in fields.items():
        if name in {"title", "instructor", "place"}:
            value = _clean_text(value)
        elif name == "note":
            value = str(value or "").strip()
        elif name == "kind" and not isinstance(value, ActivityKind):
            value = ActivityKind.objects.get(pk=value)
        elif name == "partner" and value is not None and not isinstance(value, Partner):
            value = Partner.objects.get(pk=value)
        setattr(activity, name, value)


def create_activity(center: Center, actor, **fields) -> Activity:
    """A new class, course or talk of ``center``.

    ``fields``: ``kind`` (an ``ActivityKind``), ``title``, ``starts_on``,
    ``ends_on`` (dates), and optionally ``instructor``, ``partner`` (one of the
    centre's), ``place``, ``note`` and ``attendance``; without ``attendance``
    the kind decides: a kind marked "counts only" (a large talk) records counts,
    any other a list of learners.
    """
    _require_manager(actor, center)
    _unknown(fields, ACTIVITY_FIELDS)
    activity = Activity(center=center, created_by=actor, title="", instructor="", place="", note="")
    _apply_activity_fields(activity, fields)
    if "attendance" not in fields or not fields["attendance"]:
        kind = activity.kind if activity.kind_id else None
        activity.attendance = Attendance.COUNTS if kind and kind.counts_only else Attendance.LIST
    _check_activity(activity, kind_changed=True)
    with transaction.atomic():
        activity.save()
    return activity


def update_activity(activity: Activity, actor, **fields) -> Activity:
    """Change ``fields`` of ``activity`` (same names as ``create_activity``).

    Its sessions must stay within its dates, and once a session is recorded
    the way attendance is recorded can no longer change: a list's sessions
    would lose their names, counts would gain none.
    """
    _require_manager(actor, activity.center)
    _unknown(fields, ACTIVITY_FIELDS)
    old_attendance, old_kind = activity.attendance, activity.kind_id
    with transaction.atomic():
        activity = Activity.objects.select_for_update().select_related("center").get(pk=activity.pk)
        _apply_activity_fields(activity, fields)
        _check_activity(activity, kind_changed=activity.kind_id != old_kind)
        sessions = activity.sessions.all()
        errors: dict[str, list[str]] = {}
        if activity.attendance != old_attendance and sessions.exists():
            errors["attendance"] = [
                _("Sessions are already recorded: the way attendance is recorded cannot change.")
            ]
        outside = sessions.exclude(date__range=(activity.starts_on, activity.ends_on)).order_by("date")
        if first_outside := outside.first():
            errors.setdefault("starts_on", []).append(
                _("A session on %(date)s would fall outside the activity's dates.")
                % {"date": first_outside.date.strftime("%d/%m/%Y")}
            )
        if errors:
            raise ValidationError(errors)
        activity.save()
    return activity


def delete_activity(activity: Activity, actor) -> None:
    """Remove an activity entered by mistake; one with recorded sessions must lose them first."""
    _require_manager(actor, activity.center)
    with transaction.atomic():
        if activity.sessions.exists():
            raise ValidationError(_("This activity has sessions: delete its sessions first."))
        activity.learners.clear()
        activity.delete()


# --- Learners ------------------------------------------------------------------------------------------


def _check_learner(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    if not values["full_name"]:
        errors["full_name"] = [_("Give the learner's full name.")]
    elif len(values["full_name"]) > 120:
        errors["full_name"] = [_("At most %(limit)s characters, please.") % {"limit": 120}]
    birth_year = values["birth_year"]
    this_year = timezone.localdate().year
    if not isinstance(birth_year, int) or not OLDEST_BIRTH_YEAR <= birth_year <= this_year:
        errors["birth_year"] = [
            _("Give a year of birth between %(first)s and %(last)s.")
            % {"first": OLDEST_BIRTH_YEAR, "last": this_year}
        ]
    if values["gender"] not in Gender.values:
        errors["gender"] = [_("Choose the gender.")]
    if len(values["residential_group"]) > 60:
        errors["residential_group"] = [_("At most %(limit)s characters, please.") % {"limit": 60}]
    if errors:
        raise ValidationError(errors)


def _learner_values(fields: dict) -> dict:
    _unknown(fields, LEARNER_FIELDS)
    birth_year = fields.get("birth_year")
    if isinstance(birth_year, str) and birth_year.strip().isdigit():
        birth_year = int(birth_year)
    return {
        "full_name": _clean_text(fields.get("full_name")),
        "birth_year": birth_year,
        "gender": fields.get("gender"),
        "ethnic_minority": bool(fields.get("ethnic_minority", False)),
        "residential_group": _clean_text(fields.get("residential_group")),
    }


def _check_list_activity(activity: Activity) -> None:
    if activity.attendance != Attendance.LIST:
        raise ValidationError(_("This activity records attendance as counts: it has no list of learners."))


def _enrol(activity: Activity, values: dict) -> Learner:
    """The centre's learner with these name, year of birth and residential group (new if none), enrolled.

    The same person attends several classes of the centre: matching on name,
    year of birth and residential group keeps them one learner, so the
    centre's count of distinct learners stays true.
    """
    learner = (
        Learner.objects.filter(
            center_id=activity.center_id,
            full_name=values["full_name"],
            birth_year=values["birth_year"],
            residential_group=values["residential_group"],
        )
        .order_by("pk")
        .first()
    )
    if learner is None:
        learner = Learner.objects.create(center_id=activity.center_id, **values)
    activity.learners.add(learner)
    return learner


def add_learner(activity: Activity, actor, **fields) -> Learner:
    """Enrol a learner in ``activity`` (a class recording a list of learners).

    ``fields``: ``full_name``, ``birth_year``, ``gender`` (``Gender``), and
    optionally ``ethnic_minority`` (bool) and ``residential_group``. A learner
    of the centre with the same name, year of birth and residential group is
    reused; enrolling someone already enrolled changes nothing.
    """
    _require_manager(actor, activity.center)
    _check_list_activity(activity)
    values = _learner_values(fields)
    _check_learner(values)
    with transaction.atomic():
        return _enrol(activity, values)


def add_learners(activity: Activity, actor, rows: Iterable[dict]) -> list[Learner]:
    """Enrol every learner of ``rows`` (each as ``add_learner``'s fields), all or none.

    ``ValidationError`` names the first bad row (counted from 1); the class-list
    import checks its rows itself before calling this, naming row and column.
    """
    _require_manager(actor, activity.center)
    _check_list_activity(activity)
    checked = []
    for number, fields in enumerate(rows, start=1):
        values = _learner_values(fields)
        try:
            _check_learner(values)
        except ValidationError as error:
            raise ValidationError(
                _("Row %(row)s: %(problem)s") % {"row": number, "problem": " ".join(error.messages)}
            ) from None
        checked.append(values)
    with transaction.atomic():
        return [_enrol(activity, values) for values in checked]


def remove_learner(activity: Activity, actor, learner: Learner) -> None:
    """Take a learner off the class list; one who attended a session stays (the session names them)."""
    _require_manager(actor, activity.center)
    with transaction.atomic():
        if learner.sessions.filter(activity=activity).exists():
            raise ValidationError(
                _("%(name)s attended a session of this activity and stays on its list.")
                % {"name": learner.full_name}
            )
        activity.learners.remove(learner)


# --- Sessions ------------------------------------------------------------------------------------------


def _save_session(session: Session, values: dict) -> Session:
    session.total, session.women, session.ethnic_minority = (
        values["total"],
        values["women"],
        values["ethnic_minority"],
    )
    session.save()
    if values["learners"] is not None:
        session.attendees.set(values["learners"])
    return session


def record_session(
    activity: Activity,
    actor,
    *,
    date,
    topic: str = "",
    attendees=None,
    total=None,
    women=None,
    ethnic_minority=None,
) -> Session:
    """A session of ``activity`` on ``date`` (within the activity's dates) and who came.

    For a list activity give ``attendees`` (learners enrolled in it, or their
    ids): the counts are computed from them (women: gender F). For a counts
    activity give ``total`` and, optionally, ``women`` and ``ethnic_minority``,
    neither more than ``total``.
    """
    _require_manager(actor, activity.center)
    values = checked_attendance(activity, date, attendees, total, women, ethnic_minority)
    with transaction.atomic():
        session = Session(activity=activity, date=date, topic=_clean_text(topic)[:255])
        return _save_session(session, values)


_UNSET = object()


def update_session(
    session: Session,
    actor,
    *,
    date=_UNSET,
    topic=_UNSET,
    attendees=_UNSET,
    total=_UNSET,
    women=_UNSET,
    ethnic_minority=_UNSET,
) -> Session:
    """Change a session: what is given replaces what was recorded, the rest stays (same rules as recording)."""
    activity = session.activity
    _require_manager(actor, activity.center)
    day = session.date if date is _UNSET else date
    if activity.attendance == Attendance.LIST:
        if attendees is _UNSET:
            attendees = list(session.attendees.all())
        attendance = (
            attendees,
            *(None if value is _UNSET else value for value in (total, women, ethnic_minority)),
        )
    else:
        attendance = (
            None if attendees is _UNSET else attendees,
            session.total if total is _UNSET else total,
            session.women if women is _UNSET else women,
            session.ethnic_minority if ethnic_minority is _UNSET else ethnic_minority,
        )
    values = checked_attendance(activity, day, *attendance)
    with transaction.atomic():
        session.date = day
        if topic is not _UNSET:
            session.topic = _clean_text(topic)[:255]
        return _save_session(session, values)


def delete_session(session: Session, actor) -> None:
    _require_manager(actor, session.activity.center)
    with transaction.atomic():
        session.delete()
