"""The wards' yearly reports and plans: who sees them, starting and writing them, and the centre's figures.

A ward files, each year, its report on the year just ended and its plan for the
new one (the plan of the district asks for both together, "báo cáo … năm 2017
và triển khai kế hoạch năm 2018"): so a *round* ``year`` holds the report on
``year`` and the plan for ``year + 1``. The ward writes four text sections; the
learning centre's figures are never typed in, they are read from ``centers``
for the ward and the year the document is about, whenever it is shown.

A report is the ward's until it is sent: its officer and chairman see it in any
state, the district side once it has been sent (``plans.view_ward_report``).
State changes go through ``plans.ward_report_workflow``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from centers.summaries import TopicSummary, topic_summary
from centers.topics import Topic
from plans.models import WardReport, WardReportKind, WardReportState
from wards.models import Role, Ward

SECTIONS = ("situation", "shortcomings", "directions", "proposals")
EDITABLE_STATES = frozenset({WardReportState.DRAFT, WardReportState.RETURNED})
SENT_STATES = frozenset({WardReportState.SUBMITTED, WardReportState.ACKNOWLEDGED})
FIRST_YEAR = 2000


def section_label(name: str) -> str:
    return str(WardReport._meta.get_field(name).verbose_name).capitalize()


def empty_sections(report: WardReport) -> list[str]:
    """The text sections still blank (a report is sent only with every section written)."""
    return [name for name in SECTIONS if not getattr(report, name).strip()]


def empty_section_labels(report: WardReport) -> list[str]:
    """The submit guard: the labels of the blank sections, in the form's order."""
    return [section_label(name) for name in empty_sections(report)]


def reports_for_user(user) -> QuerySet[WardReport]:
    """The reports and plans ``user`` may see: every page starts here (outside it: 404).

    - the ward's officer and chairman: their ward's, in any state;
    - the district side: every ward's once sent (submitted, acknowledged, or
      returned after it was sent); never a draft;
    - anybody else: none.
    """
    reports = WardReport.objects.select_related("ward", "updated_by")
    if not user.is_authenticated:
        return reports.none()
    visible = Q(pk__in=[])
    if user.ward_id and user.has_role(Role.WARD_OFFICER, Role.WARD_CHAIRMAN):
        visible |= Q(ward_id=user.ward_id)
    if user.has_perm("plans.view_ward_reports"):
        visible |= ~Q(state=WardReportState.DRAFT)
    return reports.filter(visible)


def start_ward_report(ward: Ward, year: int, kind: str, actor) -> WardReport:
    """The ward's report on ``year`` or plan for ``year``: the existing one, or a new empty draft.

    Starting twice gives the same document (one per ward, year and kind), so a
    double click or a second officer never makes a copy.
    """
    kind = WardReportKind(kind)
    if not actor.has_perm("plans.edit_ward_report", WardReport(ward=ward)):
        raise PermissionDenied("plans.edit_ward_report")
    with transaction.atomic():
        report, _created = WardReport.objects.get_or_create(
            ward=ward, year=year, kind=kind, defaults={"updated_by": actor}
        )
    return report


def save_ward_report(report: WardReport, actor, **sections: str) -> WardReport:
    """Write the report's text sections (those given); only while a draft or returned, by the ward's officer.

    The row is locked and its state read again, so a text is never saved into a
    report the district acknowledged meanwhile.
    """
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise TypeError(f"Unknown sections: {sorted(unknown)}")
    with transaction.atomic():
        locked = WardReport.objects.select_for_update().select_related("ward").get(pk=report.pk)
        if not actor.has_perm("plans.edit_ward_report", locked):
            raise PermissionDenied("plans.edit_ward_report")
        if locked.state not in EDITABLE_STATES:
            raise ValidationError(
                _("This can no longer be changed: it is now “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        for name, text in sections.items():
            setattr(locked, name, (text or "").strip())
        locked.updated_by = actor
        locked.save(update_fields=[*sections, "updated_by", "updated_at"])
    report.refresh_from_db()
    return report


def clc_figures(ward: Ward, year: int) -> list[TopicSummary]:
    """What the ward's learning centre's records say about ``year``, topic by topic (aggregates only).

    Read from ``centers.summaries`` each time: the figures of the report are
    those of the records, never a copy typed by the ward.
    """
    return [topic_summary(ward, year, topic) for topic in Topic]


@dataclass
class RoundRow:
    """One ward's line of the district's table: its report on the year and its plan for the next."""

    ward: Ward
    report: WardReport | None
    plan: WardReport | None


def round_of(report: WardReport) -> int:
    """The round a document belongs to: the report on ``year`` and the plan for ``year + 1`` go together."""
    return report.year if report.kind == WardReportKind.REPORT else report.year - 1


def round_rows(user, year: int) -> list[RoundRow]:
    """Every ward of the district with the report on ``year`` and plan for ``year + 1`` ``user`` may see.

    Two queries whatever the number of wards.
    """
    documents = reports_for_user(user).filter(
        Q(kind=WardReportKind.REPORT, year=year) | Q(kind=WardReportKind.PLAN, year=year + 1)
    )
    by_ward: dict[int, dict[str, WardReport]] = {}
    for document in documents:
        by_ward.setdefault(document.ward_id, {})[document.kind] = document
    return [
        RoundRow(
            ward,
            by_ward.get(ward.pk, {}).get(WardReportKind.REPORT),
            by_ward.get(ward.pk, {}).get(WardReportKind.PLAN),
        )
        for ward in Ward.objects.order_by("sort_key")
    ]
