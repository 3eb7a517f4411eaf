"""Which of the ward's four documents can be produced for an assessment now (page buttons and the ZIP)."""

from django.core.exceptions import ObjectDoesNotExist

from assessments.documents.registry import DOCUMENT_TYPES, DocumentType
from assessments.models import Assessment

# The ward's documents in procedure order: plan, proposal, report, self-inspection minutes.
WARD_DOCUMENT_KEYS = ("ward_plan", "ward_proposal", "ward_report", "ward_minutes")


def has_plan(assessment: Assessment) -> bool:
    """Whether the ward has written its self-inspection plan (free when ``plan`` was select_related)."""
    try:
        assessment.plan  # noqa: B018
    except ObjectDoesNotExist:
        return False
    return True


def ward_document_kinds(assessment: Assessment) -> list[DocumentType]:
    """The ward documents that can be produced for ``assessment``: all four, the plan once it is written."""
    kinds = [DOCUMENT_TYPES[key] for key in WARD_DOCUMENT_KEYS if key in DOCUMENT_TYPES]
    if not has_plan(assessment):
        kinds = [kind for kind in kinds if kind.key != "ward_plan"]
    return kinds
