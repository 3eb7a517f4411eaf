"""How a framework turns the ward's and the team's work into a result: the one place that reads ``scoring_mode``.

``strategy_for(framework)`` returns ``PointsScoring`` (Circular 44/2014: points per
criterion, a grade for the total) or ``LevelScoring`` (Circular 25/2023: indicators
met or not per level, the level reached). The dossier's guard, the confirmation
of sending, the closing of the inspection and the pages ask the strategy; none
of them branches on the mode. The district's documents and decision pages ask it
too how a result is printed: points and a grade, or the level and no points
(the official wording, in Vietnamese whatever the reader's language).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import indicators
from assessments.levels import NOT_RECOGNISED, classification_for_level
from assessments.models import Assessment, ClassificationBand, Criterion, Framework, Indicator, ScoringMode
from assessments.scoring import classify
from engines.documents.render import vn_number


@dataclass(frozen=True)
class Outcome:
    """What the inspection's findings come to: points (0 for levels), the level (``None`` for points), the band."""

    total: Decimal
    level: int | None
    classification: ClassificationBand | None


class PointsScoring:
    """Circular 44/2014: a self-score per criterion; a criterion without evidence scores 0."""

    # Whether the criterion's pages (self-assessment, team scoring) are kept per indicator.
    per_indicator = False
    summary_template = "assessments/partials/summary_points.html"
    detail_template = "assessments/partials/detail_points.html"
    without_evidence_template = "assessments/partials/without_evidence.html"
    confirm_label = gettext_lazy("I confirm: the criteria listed above have no evidence and will score 0.")
    # How the decision, the proposal and the public notice print the result.
    by_level = False  # no points column; the classification is the level
    classification_heading = "Xếp loại"
    no_classification = "Chưa xếp loại"

    def recognised_as(self, ward_level: str) -> str:
        """What the decision recognises: "công nhận <this> năm 2018"."""
        return f"kết quả đánh giá, xếp loại “Cộng đồng học tập” cấp {ward_level}"

    def assessed_as(self, ward_level: str) -> str:
        """What the inspection plan is for: "Kế hoạch kiểm tra, <this> năm 2018"."""
        return f"đánh giá, xếp loại “Cộng đồng học tập” cấp {ward_level}"

    def printed_total(self, total: Decimal) -> str:
        return vn_number(total)

    def self_missing(self, assessment: Assessment) -> list[str]:
        scored = {score.criterion_id for score in assessment.self_scores.all() if score.points is not None}
        return [
            _("Criterion %(number)s: no self-score.") % {"number": criterion.number}
            for criterion in assessment.cycle.framework.criteria.all()
            if criterion.pk not in scored
        ]

    def without_evidence(self, assessment: Assessment) -> list[Criterion]:
        with_evidence = {item.criterion_id for item in assessment.evidence.all()}
        return [c for c in assessment.cycle.framework.criteria.all() if c.pk not in with_evidence]

    def key(self, item: Criterion) -> int:
        """What the confirmation page carries for one item it lists."""
        return item.number

    def unconfirmed_message(self, items: list[Criterion]) -> str:
        return _(
            "Criteria %(numbers)s have no evidence and will score 0: confirm this to send the dossier."
        ) % {"numbers": ", ".join(str(criterion.number) for criterion in items)}

    def indicator_statuses(self, assessment: Assessment) -> list:
        return []

    def unscored(self, assessment: Assessment) -> str | None:
        scored = set(assessment.inspection_scores.values_list("criterion__number", flat=True))
        numbers = [c.number for c in assessment.cycle.framework.criteria.all() if c.number not in scored]
        if not numbers:
            return None
        return _("Criteria not scored yet: %(numbers)s.") % {"numbers": ", ".join(map(str, numbers))}

    def self_classification(self, assessment: Assessment, total: Decimal) -> ClassificationBand | None:
        """The grade the ward's own total (``total`` of its self-scores) reaches."""
        return classify(assessment.cycle.framework, total)

    def result(self, assessment: Assessment) -> Outcome:
        total = sum((score.points for score in assessment.inspection_scores.all()), Decimal(0))
        return Outcome(total=total, level=None, classification=classify(assessment.cycle.framework, total))


class LevelScoring:
    """Circular 25/2023: each indicator met or not at levels 1 and 2, with evidence; the level every one reaches."""

    per_indicator = True
    summary_template = "assessments/partials/summary_levels.html"
    detail_template = "assessments/partials/detail_levels.html"
    without_evidence_template = "assessments/partials/indicators_without_evidence.html"
    confirm_label = gettext_lazy(
        "I confirm: the indicators listed above have no evidence and will count as not met."
    )
    by_level = True
    classification_heading = "Mức độ đạt chuẩn"
    no_classification = "Chưa đạt chuẩn"

    def recognised_as(self, ward_level: str) -> str:
        """Circular 25 recognises a commune-level unit as meeting the standard of its title, at a level."""
        return "đạt chuẩn “Cộng đồng học tập” cấp xã"

    def assessed_as(self, ward_level: str) -> str:
        return "đánh giá, công nhận “Cộng đồng học tập” cấp xã"

    def printed_total(self, total: Decimal) -> str:
        return ""  # no points under levels

    def self_missing(self, assessment: Assessment) -> list[str]:
        return [
            _("Indicator %(code)s: not answered.") % {"code": indicator.code}
            for indicator in indicators.unanswered(indicators.indicator_statuses(assessment))
        ]

    def without_evidence(self, assessment: Assessment) -> list[Indicator]:
        return indicators.met_without_evidence(indicators.indicator_statuses(assessment))

    def key(self, item: Indicator) -> int:
        return item.pk

    def unconfirmed_message(self, items: list[Indicator]) -> str:
        return _(
            "Indicators %(codes)s are marked as met but have no evidence and will count as not met: "
            "confirm this to send the dossier."
        ) % {"codes": ", ".join(indicator.code for indicator in items)}

    def indicator_statuses(self, assessment: Assessment) -> list[indicators.IndicatorStatus]:
        return indicators.indicator_statuses(assessment)

    def unscored(self, assessment: Assessment) -> str | None:
        statuses = indicators.indicator_statuses(assessment, with_inspection=True)
        codes = [status.indicator.code for status in statuses if status.inspection is None]
        if not codes:
            return None
        return _("Indicators not assessed yet: %(codes)s.") % {"codes": ", ".join(codes)}

    def self_classification(self, assessment: Assessment, total: Decimal) -> ClassificationBand | None:
        """The level the ward's own findings reach (``total`` is not used under levels)."""
        level = indicators.self_level(indicators.indicator_statuses(assessment))
        return classification_for_level(assessment.cycle.framework, level)

    def result(self, assessment: Assessment) -> Outcome:
        """The level the team's findings reach, but no higher than the dossier asked for.

        The authority recognises the level a ward applied for: a ward that may
        not yet ask for level 2 (the waiting time) is not recognised at it because
        the team found it met.
        """
        level = indicators.inspection_level(indicators.indicator_statuses(assessment, with_inspection=True))
        if assessment.requested_level:
            level = min(level, assessment.requested_level)
        framework = assessment.cycle.framework
        band = classification_for_level(framework, level) if level != NOT_RECOGNISED else None
        return Outcome(total=Decimal(0), level=level, classification=band)


STRATEGIES = {ScoringMode.POINTS: PointsScoring(), ScoringMode.LEVELS: LevelScoring()}


def strategy_for(framework: Framework) -> PointsScoring | LevelScoring:
    return STRATEGIES[framework.scoring_mode]
