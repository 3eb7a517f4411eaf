"""Sending the dossier to the district: what exactly will be sent, and the ward's confirmation.

Circular 44 gives 0 points to a criterion without fitting evidence, so a ward
may send a dossier with such criteria, but only after confirming it has seen
them: ``send_dossier`` refuses a confirmation that does not cover every
criterion without evidence at the moment of sending.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from assessments.dossier import (
    CriterionStatus,
    criteria_without_evidence,
    criterion_statuses,
    documents_by_kind,
    missing_items,
)
from assessments.models import Assessment, Criterion, DocumentKind, DossierDocument, StateChange
from assessments.workflow import TRANSITIONS, TransitionError, perform_transition


class ZeroScoresNotConfirmed(TransitionError):
    """Criteria without evidence that the ward has not confirmed; ``criteria`` lists them."""

    def __init__(self, message: str, criteria: list[Criterion]):
        super().__init__(message)
        self.criteria = criteria


@dataclass(frozen=True)
class DossierSummary:
    """The dossier as the district would receive it now: the confirmation page of "Send the dossier"."""

    statuses: list[CriterionStatus]
    documents: list[tuple[str, DossierDocument | None]]
    missing: list[str]

    @property
    def total(self) -> Decimal:
        return sum((status.score.points for status in self.statuses if status.has_score), Decimal(0))

    @property
    def without_evidence(self) -> list[Criterion]:
        return [status.criterion for status in self.statuses if not status.evidence]


def dossier_summary(assessment: Assessment) -> DossierSummary:
    """Criteria with self-scores and evidence, the three documents, and what still blocks sending."""
    return DossierSummary(
        statuses=criterion_statuses(assessment),
        documents=[(DocumentKind(kind).label, doc) for kind, doc in documents_by_kind(assessment).items()],
        missing=missing_items(assessment),
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
    confirmed will score 0 for lack of evidence. Checked on the locked row: if
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
            and not missing_items(locked)
        ):
            unconfirmed = [
                criterion
                for criterion in criteria_without_evidence(locked)
                if criterion.number not in confirmed_without_evidence
            ]
            if unconfirmed:
                raise ZeroScoresNotConfirmed(
                    _(
                        "Criteria %(numbers)s have no evidence and will score 0: confirm this to send the dossier."
                    )
                    % {"numbers": ", ".join(str(criterion.number) for criterion in unconfirmed)},
                    unconfirmed,
                )
        return perform_transition(assessment, transition.name, actor, today=today)
