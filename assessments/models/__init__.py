from assessments.models.assessment import Assessment, AssessmentState, ProtectedStateError, StateChange
from assessments.models.cycle import Cycle
from assessments.models.dossier import (
    CriterionSelfScore,
    DossierDocument,
    DocumentKind,
    EvidenceFile,
    SelfInspectionPlan,
)
from assessments.models.framework import ClassificationBand, Criterion, Framework, ScoringMode
from assessments.models.notification import Notification

__all__ = [
    "Assessment",
    "AssessmentState",
    "ClassificationBand",
    "Criterion",
    "CriterionSelfScore",
    "Cycle",
    "DocumentKind",
    "DossierDocument",
    "EvidenceFile",
    "Framework",
    "Notification",
    "ProtectedStateError",
    "ScoringMode",
    "SelfInspectionPlan",
    "StateChange",
]
