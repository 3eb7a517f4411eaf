"""The steps that lead to a ward's dossier, as the law of its framework sets them (``Framework.procedure``).

Circular 44/2014 (``plan_first``): the ward chairman approves a self-inspection
plan, then the ward prepares its dossier — tờ trình, báo cáo with evidence,
biên bản tự kiểm tra. Circular 25/2023 (``meeting_request``): the ward assesses
itself on the figures of the calendar year, a meeting chaired by the ward
chairman agrees the result, and the dossier — tờ trình, báo cáo, the summary
table of criteria and indicators, the meeting's minutes — asks for the level the
ward meets. The transition table (``assessments.workflow``) and the documents
follow the procedure; the rest of the workflow is common.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.indicators import claimed_level, indicator_statuses
from assessments.levels import ApplicationTooEarly, check_higher_level_application
from assessments.models import Assessment, DocumentKind, Procedure
from assessments.recognition import RecognitionStatus, recognition_in_force

DOCUMENT_KINDS = {
    Procedure.PLAN_FIRST: (
        DocumentKind.PROPOSAL,
        DocumentKind.REPORT,
        DocumentKind.SELF_INSPECTION_MINUTES,
    ),
    Procedure.MEETING_REQUEST: (
        DocumentKind.PROPOSAL,
        DocumentKind.REPORT,
        DocumentKind.SUMMARY_TABLE,
        DocumentKind.MEETING_MINUTES,
    ),
}


def procedure_of(assessment: Assessment) -> str:
    """The procedure of the framework the assessment's year is assessed with."""
    return assessment.cycle.framework.procedure


def document_kinds(assessment: Assessment) -> tuple[str, ...]:
    """The signed documents the ward's dossier holds, in the order the dossier lists them."""
    return DOCUMENT_KINDS[procedure_of(assessment)]


def asks_for_level(assessment: Assessment) -> bool:
    return procedure_of(assessment) == Procedure.MEETING_REQUEST


def level_choices(assessment: Assessment) -> list[tuple[int, str]]:
    """The levels a dossier may ask for: the framework's levels above "not recognised", with their labels."""
    bands = assessment.cycle.framework.bands.filter(min_points__gte=1).order_by("min_points")
    return [(int(band.min_points), band.label) for band in bands]


def level_request_problems(assessment: Assessment, today: datetime.date) -> list[str]:
    """What keeps the dossier from asking for its level on ``today``, one line each.

    The meeting agrees the level asked for; it cannot exceed the level the
    ward's own answers claim (``indicators.claimed_level``), and a ward recognised at a lower level may ask
    for a higher one only once the framework's waiting time since that decision
    is over (Circular 25: 12 months) — the refusal names the first possible day.
    """
    if not asks_for_level(assessment):
        return []
    requested = assessment.requested_level
    if not requested:
        return [_("The level the dossier asks for has not been chosen.")]
    reached = claimed_level(indicator_statuses(assessment))
    if requested > reached:
        return [
            _("The dossier asks for level %(requested)s but the self-assessment claims level %(reached)s.")
            % {"requested": requested, "reached": reached}
        ]
    return higher_level_problems(assessment, requested, today)


def higher_level_problems(assessment: Assessment, requested: int, today: datetime.date) -> list[str]:
    """The waiting time before a higher level than the ward's recognition, when it is not over on ``today``."""
    status = recognition_in_force(assessment.ward, today.year)
    if status is None or not status.in_force or status.decided_on is None or requested <= status.level:
        return []
    try:
        check_higher_level_application(assessment.cycle.framework, status.decided_on, today)
    except ApplicationTooEarly as too_early:
        return [
            _(
                "The ward was recognised at level %(level)s on %(decided)s: it may ask for a higher level "
                "from %(possible)s."
            )
            % {
                "level": status.level,
                "decided": date_format(status.decided_on, "SHORT_DATE_FORMAT"),
                "possible": date_format(too_early.possible_from, "SHORT_DATE_FORMAT"),
            }
        ]
    return []


def choose_requested_level(
    assessment: Assessment, level: int, user, today: datetime.date | None = None
) -> None:
    """Store the level the dossier asks for, refusing one the ward may not ask for (``ValidationError``).

    Checked when chosen, so the ward hears of a waiting time at once, and again
    when the dossier is sent (the guard of ``submit_dossier``), since the
    findings may change in between.
    """
    with transaction.atomic():
        locked = Assessment.objects.select_for_update(of=("self",)).select_related("cycle__framework", "ward")
        locked = locked.get(pk=assessment.pk)
        if not user.has_perm("assessments.edit_dossier", locked):
            raise PermissionDenied("assessments.edit_dossier")
        if level not in dict(level_choices(locked)):
            raise ValidationError(_("This framework has no level %(level)s.") % {"level": level})
        locked.requested_level = level
        if problems := level_request_problems(locked, today or timezone.localdate()):
            raise ValidationError(problems)
        locked.save(update_fields=["requested_level", "updated_at"])
    assessment.requested_level = level


@dataclass(frozen=True)
class LevelRequest:
    """What the assessment page says about the level asked for."""

    requested: str  # the level's label, "" while not chosen
    recognition: RecognitionStatus | None  # the ward's latest recognition, in force or not
    higher_level_possible_from: datetime.date | None  # None: no waiting time to tell


def level_request(assessment: Assessment, today: datetime.date | None = None) -> LevelRequest:
    today = today or timezone.localdate()
    labels = dict(level_choices(assessment))
    status = recognition_in_force(assessment.ward, today.year)
    waiting_until = status.higher_level_possible_from if status and status.in_force else None
    return LevelRequest(
        requested=labels.get(assessment.requested_level, ""),
        recognition=status,
        higher_level_possible_from=waiting_until if waiting_until and waiting_until > today else None,
    )
