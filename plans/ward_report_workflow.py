"""The workflow of a ward's yearly report or plan: the ward sends it, the district acknowledges or returns it.

Same engine, same guarantees as every stateful object of the portal (locked,
permission- and state-checked, kept in the history, undoable by an
administrator with a reason). A report is sent only when each of its text
sections is written (the guard names the empty ones): the district compiles
the wards' texts into its own report, and a blank section would leave a hole
in it. A return needs a reason, which the ward reads above its form.
"""

from django.utils.translation import gettext_lazy as _

from engines.workflow import Transition, Workflow
from plans.models import WardReport, WardReportChange, WardReportState
from plans.ward_reports import empty_section_labels

S = WardReportState

WARD_REPORT_WORKFLOW = Workflow(
    model=WardReport,
    history_model=WardReportChange,
    subject_field="report",
    undo_permission="plans.undo_transition",
    transitions=[
        Transition(
            "submit",
            _("Send to the district"),
            frozenset({S.DRAFT, S.RETURNED}),
            S.SUBMITTED,
            "plans.submit_ward_report",
            guard=empty_section_labels,
            guard_message=_("It cannot be sent yet. These sections are empty:"),
        ),
        Transition(
            "acknowledge",
            _("Acknowledge receipt"),
            frozenset({S.SUBMITTED}),
            S.ACKNOWLEDGED,
            "plans.acknowledge_ward_report",
            style="success",
        ),
        Transition(
            "return",
            _("Return to the ward with a reason"),
            frozenset({S.SUBMITTED}),
            S.RETURNED,
            "plans.acknowledge_ward_report",
            reason_required=True,
            style="warning",
        ),
    ],
)


def last_return_reason(report: WardReport) -> str:
    """Why the district returned the report (shown to the ward while it is returned), else ``""``."""
    if report.state != S.RETURNED:
        return ""
    change = WARD_REPORT_WORKFLOW.latest_change(report, "return")
    return change.reason if change else ""
