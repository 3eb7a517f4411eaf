"""Writing a level-based framework's findings: the ward's per indicator with its evidence, the team's.

Both follow their points counterparts (``assessments.dossier.save_criterion_self_assessment``,
``assessments.inspection.record_score``): the same permissions, the same lock,
the same optimistic ``version`` per row, all or nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from assessments.dossier import StaleSelfScore, lock_for_dossier_edit
from assessments.inspection import StaleScore, assigned_criteria
from assessments.models import (
    Assessment,
    Criterion,
    EvidenceFile,
    Indicator,
    IndicatorInspectionFinding,
    IndicatorSelfFinding,
)
from engines.storage import removed_on_failure
from engines.uploads import CheckedUpload
from wards.models import User


@dataclass(frozen=True)
class SelfAnswer:
    """What the ward typed for one indicator (``None``: not answered) and the files it chose."""

    indicator: Indicator
    meets_level_1: bool | None
    meets_level_2: bool | None
    comment: str
    uploads: list[CheckedUpload]
    expected_version: int


def save_indicator_self_assessment(
    assessment: Assessment, criterion: Criterion, actor, answers: list[SelfAnswer]
) -> list[IndicatorSelfFinding]:
    """Store the ward's findings for the indicators of one criterion with their new evidence, all or nothing.

    A finding someone saved after the user loaded it (its version moved on) raises
    ``StaleSelfScore`` and nothing is written; stored files are removed again on failure.
    """
    saved = []
    with removed_on_failure() as stored, transaction.atomic():
        locked = lock_for_dossier_edit(assessment, actor)
        current = {
            finding.indicator_id: finding
            for finding in IndicatorSelfFinding.objects.filter(
                assessment=locked, indicator__criterion=criterion
            ).order_by()
        }
        for answer in answers:
            finding = current.get(answer.indicator.pk)
            if (finding.version if finding else 0) != answer.expected_version:
                raise StaleSelfScore(
                    _("Someone else changed indicator %(code)s while you were editing it.")
                    % {"code": answer.indicator.code}
                )
            meets_level_2 = answer.meets_level_2 if answer.indicator.has_higher_level_2_target else None
            if finding is None:
                finding = IndicatorSelfFinding(assessment=locked, indicator=answer.indicator, version=0)
            finding.meets_level_1, finding.meets_level_2 = answer.meets_level_1, meets_level_2
            finding.comment, finding.updated_by, finding.version = answer.comment, actor, finding.version + 1
            finding.save()
            saved.append(finding)
            for upload in answer.uploads:
                evidence = EvidenceFile(
                    assessment=locked,
                    criterion=criterion,
                    indicator=answer.indicator,
                    original_name=upload.original_name,
                    content_type=upload.content_type,
                    size=upload.size,
                    sha256=upload.sha256,
                    uploaded_by=actor,
                )
                evidence.file.save(upload.original_name, upload.file, save=False)
                stored.append(evidence.file.name)
                evidence.save()
    return saved


def record_indicator_finding(
    assessment: Assessment,
    indicator: Indicator,
    actor: User,
    *,
    meets_level_1: bool,
    meets_level_2: bool,
    evidence_sufficient: bool,
    comment: str,
    expected_version: int,
) -> IndicatorInspectionFinding:
    """The team's finding for one indicator of a criterion assigned to ``actor``; stale saves are refused."""
    assessment = Assessment.objects.select_related("cycle").get(pk=assessment.pk)  # current state
    if not actor.has_perm("assessments.score_inspection", assessment):
        raise PermissionDenied
    if indicator.criterion_id not in assigned_criteria(actor, assessment):
        raise PermissionDenied(_("Indicator %(code)s is not assigned to you.") % {"code": indicator.code})
    if not indicator.has_higher_level_2_target:
        meets_level_2 = meets_level_1
    stale = _("Someone changed this finding in the meantime. Please reload the page.")
    try:
        with transaction.atomic():
            finding = (
                IndicatorInspectionFinding.objects.select_for_update()
                .filter(assessment=assessment, indicator=indicator)
                .first()
            )
            if (finding.version if finding else 0) != expected_version:
                raise StaleScore(stale)
            if finding is None:
                finding = IndicatorInspectionFinding(assessment=assessment, indicator=indicator, version=0)
            finding.meets_level_1, finding.meets_level_2 = meets_level_1, meets_level_2 and meets_level_1
            finding.evidence_sufficient, finding.comment = evidence_sufficient, comment
            finding.scored_by, finding.version = actor, finding.version + 1
            finding.save()
    except IntegrityError:
        raise StaleScore(stale) from None
    return finding


@dataclass(frozen=True)
class TeamAnswer:
    indicator: Indicator
    meets_level_1: bool
    meets_level_2: bool
    evidence_sufficient: bool
    comment: str
    expected_version: int


@transaction.atomic
def record_indicator_findings(assessment: Assessment, actor: User, answers: list[TeamAnswer]) -> None:
    """The team's findings for the indicators of one criterion, all or nothing."""
    for answer in answers:
        record_indicator_finding(
            assessment,
            answer.indicator,
            actor,
            meets_level_1=answer.meets_level_1,
            meets_level_2=answer.meets_level_2,
            evidence_sufficient=answer.evidence_sufficient,
            comment=answer.comment,
            expected_version=answer.expected_version,
        )
