"""The learning centre's records as evidence of the criteria that draw on them.

A criterion whose ``center_topic`` is set (Circular 44: 4, 5, 8, 9, 10) shows,
on the ward's self-assessment page, what the centre's records of that year
say (``centers.summaries``, aggregates only), and the ward can attach that
summary as an official report in PDF — the same figures the district sees.
"""

from assessments.dossier import attach_generated_evidence
from assessments.models import Assessment, Criterion, EvidenceFile
from centers.summaries import TopicSummary, summary_pdf, topic_summary


def criterion_summary(assessment: Assessment, criterion: Criterion) -> TopicSummary | None:
    """The centre's figures of the assessment's year for ``criterion``, if it draws on them."""
    if not criterion.center_topic:
        return None
    return topic_summary(assessment.ward, assessment.cycle.year, criterion.center_topic)


def attach_center_summary(assessment: Assessment, criterion: Criterion, actor) -> EvidenceFile:
    """Render the summary as a PDF report and attach it to ``criterion`` (replacing an earlier one)."""
    if not criterion.center_topic:
        raise ValueError("This criterion does not draw on the learning centre's records.")
    name, content = summary_pdf(assessment.ward, assessment.cycle.year, criterion.center_topic)
    return attach_generated_evidence(
        assessment, criterion, actor, topic=criterion.center_topic, name=name, content=content
    )
