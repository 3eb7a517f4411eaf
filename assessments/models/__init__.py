from assessments.models.assessment import Assessment, AssessmentState, ProtectedStateError, StateChange
from assessments.models.batch import BatchState, DocumentBatch
from assessments.models.cycle import Cycle
from assessments.models.dossier import (
    CriterionSelfScore,
    DocumentKind,
    DossierDocument,
    EvidenceFile,
    SelfInspectionPlan,
)
from assessments.models.framework import ClassificationBand, Criterion, Framework, ScoringMode
from assessments.models.inspection import (
    DecisionState,
    InspectionPlan,
    InspectionResult,
    InspectionScore,
    PlanState,
    RecognitionDecision,
    ReminderLog,
    ReturnItem,
    ScoreRevision,
    TeamMember,
)
from assessments.models.notification import Notification

__all__ = [
    "Assessment",
    "AssessmentState",
    "BatchState",
    "ClassificationBand",
    "Criterion",
    "CriterionSelfScore",
    "Cycle",
    "DecisionState",
    "DocumentBatch",
    "DocumentKind",
    "DossierDocument",
    "EvidenceFile",
    "Framework",
    "InspectionPlan",
    "InspectionResult",
    "InspectionScore",
    "Notification",
    "PlanState",
    "ProtectedStateError",
    "RecognitionDecision",
    "ReminderLog",
    "ReturnItem",
    "ScoreRevision",
    "ScoringMode",
    "SelfInspectionPlan",
    "StateChange",
    "TeamMember",
]
