"""A level-based framework's indicators as one ward has them: its own findings, its evidence, the team's.

Every reader loads the framework's indicators, the findings and the evidence in
a fixed number of queries (the number of files never adds one); the level
itself is ``assessments.levels``'s. An indicator the ward marks as met without
any evidence file counts as not met, as a Circular 44 criterion without
evidence scores 0.
"""

from dataclasses import dataclass, field

from assessments.levels import IndicatorFinding, indicator_level, level_reached
from assessments.models import (
    Assessment,
    Criterion,
    EvidenceFile,
    Indicator,
    IndicatorInspectionFinding,
    IndicatorSelfFinding,
)


@dataclass(frozen=True)
class IndicatorStatus:
    """One indicator with the ward's finding, its evidence files and the team's finding."""

    indicator: Indicator
    finding: IndicatorSelfFinding | None
    evidence: list[EvidenceFile] = field(default_factory=list)
    inspection: IndicatorInspectionFinding | None = None

    @property
    def answered(self) -> bool:
        """Level 1 answered, and level 2 too where it asks more and level 1 is met."""
        finding = self.finding
        if finding is None or finding.meets_level_1 is None:
            return False
        return not (
            finding.meets_level_1
            and self.indicator.has_higher_level_2_target
            and finding.meets_level_2 is None
        )

    @property
    def claimed_met(self) -> bool:
        return bool(self.finding and self.finding.meets_level_1)

    @property
    def self_finding(self) -> IndicatorFinding:
        finding = self.finding
        return IndicatorFinding(
            indicator=self.indicator,
            meets_level_1=bool(finding and finding.meets_level_1),
            meets_level_2=bool(finding and finding.meets_level_2),
            has_evidence=bool(self.evidence),
        )

    @property
    def inspection_finding(self) -> IndicatorFinding | None:
        """The team's finding; evidence found insufficient means not met."""
        found = self.inspection
        if found is None:
            return None
        return IndicatorFinding(
            indicator=self.indicator,
            meets_level_1=found.meets_level_1,
            meets_level_2=found.meets_level_2,
            has_evidence=found.evidence_sufficient,
        )


def framework_indicators(assessment: Assessment, criterion: Criterion | None = None) -> list[Indicator]:
    indicators = Indicator.objects.filter(criterion__framework_id=assessment.cycle.framework_id)
    if criterion is not None:
        indicators = indicators.filter(criterion=criterion)
    return list(indicators.select_related("criterion").order_by("criterion__number", "number"))


def indicator_statuses(
    assessment: Assessment, criterion: Criterion | None = None, *, with_inspection: bool = False
) -> list[IndicatorStatus]:
    """The indicators (of ``criterion``, or all) with findings and evidence: three or four queries."""
    indicators = framework_indicators(assessment, criterion)
    ids = [indicator.pk for indicator in indicators]
    findings = {
        finding.indicator_id: finding
        for finding in IndicatorSelfFinding.objects.filter(assessment=assessment, indicator_id__in=ids)
        .select_related("updated_by")
        .order_by()
    }
    evidence: dict[int, list[EvidenceFile]] = {}
    for item in EvidenceFile.objects.filter(assessment=assessment, indicator_id__in=ids).select_related(
        "uploaded_by"
    ):
        evidence.setdefault(item.indicator_id, []).append(item)
    inspected = {}
    if with_inspection:
        inspected = {
            finding.indicator_id: finding
            for finding in IndicatorInspectionFinding.objects.filter(
                assessment=assessment, indicator_id__in=ids
            )
            .select_related("scored_by")
            .order_by()
        }
    return [
        IndicatorStatus(
            indicator=indicator,
            finding=findings.get(indicator.pk),
            evidence=evidence.get(indicator.pk, []),
            inspection=inspected.get(indicator.pk),
        )
        for indicator in indicators
    ]


def self_level(statuses: list[IndicatorStatus]) -> int:
    """The level the ward's own findings reach (an indicator without evidence is not met)."""
    return level_reached((s.indicator for s in statuses), (s.self_finding for s in statuses))


def claimed_level(statuses: list[IndicatorStatus]) -> int:
    """The level the ward's answers claim, evidence aside: the most its meeting may ask for.

    An indicator claimed without evidence is the confirmation's business when
    the dossier is sent (it counts as not met in the review), not a reason to
    ask for less.
    """
    findings = [
        IndicatorFinding(
            indicator=s.indicator,
            meets_level_1=bool(s.finding and s.finding.meets_level_1),
            meets_level_2=bool(s.finding and s.finding.meets_level_2),
            has_evidence=True,
        )
        for s in statuses
    ]
    return level_reached((s.indicator for s in statuses), findings)


def inspection_level(statuses: list[IndicatorStatus]) -> int:
    """The level the team's findings reach (an indicator with insufficient evidence is not met)."""
    findings = [s.inspection_finding for s in statuses if s.inspection is not None]
    return level_reached((s.indicator for s in statuses), findings)


def unanswered(statuses: list[IndicatorStatus]) -> list[Indicator]:
    return [status.indicator for status in statuses if not status.answered]


def met_without_evidence(statuses: list[IndicatorStatus]) -> list[Indicator]:
    """Indicators the ward marks as met but gave no evidence for: they count as not met."""
    return [status.indicator for status in statuses if status.claimed_met and not status.evidence]


@dataclass(frozen=True)
class LevelComparison:
    """One indicator of the consolidation: the level the ward's finding comes to, and the team's."""

    status: IndicatorStatus
    self_level: int
    team_level: int | None  # None until the team has assessed it

    @property
    def flagged(self) -> bool:
        """The team found otherwise than the ward: checked again before the inspection is closed."""
        return self.team_level is not None and self.team_level != self.self_level


def level_comparisons(statuses: list[IndicatorStatus]) -> list[LevelComparison]:
    """Every indicator with the level each side's finding reaches (``statuses`` loaded ``with_inspection``)."""
    return [
        LevelComparison(
            status=status,
            self_level=indicator_level(status.self_finding),
            team_level=None if status.inspection is None else indicator_level(status.inspection_finding),
        )
        for status in statuses
    ]
