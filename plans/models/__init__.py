from plans.models.briefing import (
    BriefingProgress,
    ClusterBriefing,
    EmulationContent,
    EmulationCriterion,
    ProgressLevel,
)
from plans.models.news import NewsItem, NewsItemChange, NewsKind, NewsState
from plans.models.plan import (
    PlanBasis,
    PlanRecipient,
    PlanSection,
    PlanTask,
    SectionPart,
    TaskChange,
    TaskPeriod,
    TaskState,
    YearPlan,
)
from plans.models.progress import TaskEvent, TaskEventAttendance, TaskEvidence, TaskReport
from plans.models.reminder import TaskReminder
from plans.models.ward_report import WardReport, WardReportChange, WardReportKind, WardReportState

__all__ = [
    "BriefingProgress",
    "ClusterBriefing",
    "EmulationContent",
    "EmulationCriterion",
    "NewsItem",
    "NewsItemChange",
    "NewsKind",
    "NewsState",
    "PlanBasis",
    "PlanRecipient",
    "PlanSection",
    "PlanTask",
    "ProgressLevel",
    "SectionPart",
    "TaskChange",
    "TaskEvent",
    "TaskEventAttendance",
    "TaskEvidence",
    "TaskPeriod",
    "TaskReminder",
    "TaskReport",
    "TaskState",
    "WardReport",
    "WardReportChange",
    "WardReportKind",
    "WardReportState",
    "YearPlan",
]
