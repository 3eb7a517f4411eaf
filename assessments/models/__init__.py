from assessments.models.assessment import Assessment, AssessmentState, StateChange
from assessments.models.batch import BatchState, DocumentBatch
from assessments.models.cycle import Cycle
from assessments.models.dossier import (
    CriterionSelfScore,
    DocumentKind,
    DossierDocument,
    EvidenceFile,
    IndicatorSelfFinding,
    SelfInspectionPlan,
)
from assessments.models.framework import ClassificationBand, Criterion, Framework, Indicator, ScoringMode
from assessments.models.inspection import (
    DecisionChange,
    DecisionState,
    IndicatorInspectionFinding,
    InspectionPlan,
    InspectionPlanChange,
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
    "DecisionChange",
    "DecisionState",
    "DocumentBatch",
    "DocumentKind",
    "DossierDocument",
    "EvidenceFile",
    "Framework",
    "Indicator",
    "IndicatorInspectionFinding",
    "IndicatorSelfFinding",
    "InspectionPlan",
    "InspectionPlanChange",
    "InspectionResult",
    "InspectionScore",
    "Notification",
    "PlanState",
    "RecognitionDecision",
    "ReminderLog",
    "ReturnItem",
    "ScoreRevision",
    "ScoringMode",
    "SelfInspectionPlan",
    "StateChange",
    "TeamMember",
]
