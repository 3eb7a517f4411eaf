"""Sending the dossier to the district: what exactly will be sent, and the ward's confirmation.

Circular 44 gives 0 points to a criterion without fitting evidence (under
Circular 25 an indicator marked as met without evidence is not met), so a ward
may send a dossier with such criteria, but only after confirming it has seen
them: ``send_dossier`` refuses a confirmation that does not cover every
criterion without evidence at the moment of sending.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from assessments.dossier import CriterionStatus, criterion_statuses, documents_by_kind, missing_items
from assessments.indicators import IndicatorStatus, self_level
from assessments.models import Assessment, Criterion, DocumentKind, DossierDocument, Indicator, StateChange
from assessments.strategies import strategy_for
from assessments.workflow import TRANSITIONS, TransitionError, perform_transition


class ZeroScoresNotConfirmed(TransitionError):
    """Criteria (indicators) without evidence that the ward has not confirmed; ``criteria`` lists them."""

    def __init__(self, message: str, criteria: list[Criterion] | list[Indicator]):
        super().__init__(message)
        self.criteria = criteria


@dataclass(frozen=True)
class DossierSummary:
    """The dossier as the district would receive it now: the confirmation page of "Send the dossier"."""

    statuses: list[CriterionStatus]
    documents: list[tuple[str, DossierDocument | None]]
    missing: list[str]
    # What the framework's strategy lists: the criteria (or indicators) without evidence, and its table.
    without_evidence: list[Criterion] | list[Indicator]
    template: str
    indicators: list[IndicatorStatus]

    @property
    def total(self) -> Decimal:
        return sum((status.score.points for status in self.statuses if status.has_score), Decimal(0))

    @property
    def level(self) -> int:
        """The level the ward's own findings reach (level-based frameworks)."""
        return self_level(self.indicators)


def dossier_summary(assessment: Assessment) -> DossierSummary:
    """Criteria with self-scores and evidence, the three documents, and what still blocks sending."""
    strategy = strategy_for(assessment.cycle.framework)
    return DossierSummary(
        statuses=criterion_statuses(assessment),
        documents=[(DocumentKind(kind).label, doc) for kind, doc in documents_by_kind(assessment).items()],
        missing=missing_items(assessment),
        without_evidence=strategy.without_evidence(assessment),
        template=strategy.summary_template,
        indicators=strategy.indicator_statuses(assessment),
    )


def send_dossier(
    assessment: Assessment,
    actor,
    *,
    confirmed_without_evidence: Collection[int] = (),
    today: date | None = None,
) -> StateChange:
    """The ward sends its dossier to the district (transition ``submit_dossier``).

    ``confirmed_without_evidence`` holds the numbers of the criteria the ward
    confirmed will score 0 for lack of evidence (the ids of the indicators
    that will count as not met, under a level-based framework: ``strategy.key``). Checked on the locked row: if
    a criterion has no evidence and was not confirmed (say, a file was deleted
    after the page was opened), ``ZeroScoresNotConfirmed`` lists every such
    criterion and nothing changes. State, permission and the guard (what is
    missing) are the engine's, and are checked first.
    """
    transition = TRANSITIONS["submit_dossier"]
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if (
            locked.state in transition.sources
            and actor.has_perm(transition.permission, locked)
            and not missing_items(locked, today)
        ):
            strategy = strategy_for(locked.cycle.framework)
            unconfirmed = [
                item
                for item in strategy.without_evidence(locked)
                if strategy.key(item) not in confirmed_without_evidence
            ]
            if unconfirmed:
                raise ZeroScoresNotConfirmed(strategy.unconfirmed_message(unconfirmed), unconfirmed)
        return perform_transition(assessment, transition.name, actor, today=today)
