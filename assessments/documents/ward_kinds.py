"""Which of the ward's documents can be produced for an assessment now (page buttons and the ZIP)."""

from django.core.exceptions import ObjectDoesNotExist

from assessments.documents.registry import DOCUMENT_TYPES, DocumentType
from assessments.models import Assessment, Procedure
from assessments.procedures import procedure_of

# The ward's documents of each procedure, in the order of the dossier.
WARD_DOCUMENT_KEYS = {
    Procedure.PLAN_FIRST: ("ward_plan", "ward_proposal", "ward_report", "ward_minutes"),
    Procedure.MEETING_REQUEST: ("ward_request", "ward_self_report", "ward_summary", "ward_meeting"),
}


def has_plan(assessment: Assessment) -> bool:
    """Whether the ward has written its self-inspection plan (free when ``plan`` was select_related)."""
    try:
        assessment.plan  # noqa: B018
    except ObjectDoesNotExist:
        return False
    return True


def ward_document_kinds(assessment: Assessment) -> list[DocumentType]:
    """The ward documents of the assessment's procedure that can be produced: the plan once it is written."""
    kinds = [DOCUMENT_TYPES[key] for key in WARD_DOCUMENT_KEYS[procedure_of(assessment)]]
    if not has_plan(assessment):
        kinds = [kind for kind in kinds if kind.key != "ward_plan"]
    return kinds
