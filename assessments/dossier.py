"""Business rules of the ward's self-assessment dossier (steps 1 and 2)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from assessments.models import (
    Assessment,
    Criterion,
    CriterionSelfScore,
    DocumentKind,
    DossierDocument,
    EvidenceFile,
)


@dataclass(frozen=True)
class CriterionStatus:
    """One line of the completeness meter."""

    criterion: Criterion
    score: CriterionSelfScore | None
    evidence: list[EvidenceFile]

    @property
    def has_score(self) -> bool:
        return self.score is not None and self.score.points is not None

    @property
    def is_complete(self) -> bool:
        return self.has_score and bool(self.evidence)

    @property
    def percent(self) -> int:
        return 50 * self.has_score + 50 * bool(self.evidence)


def criterion_statuses(assessment: Assessment) -> list[CriterionStatus]:
    """Every criterion of the cycle's framework with the ward's score and evidence (three queries)."""
    criteria = list(assessment.cycle.framework.criteria.all())
    scores = {score.criterion_id: score for score in assessment.self_scores.all()}
    evidence: dict[int, list[EvidenceFile]] = {}
    for item in assessment.evidence.all():
        evidence.setdefault(item.criterion_id, []).append(item)
    return [CriterionStatus(c, scores.get(c.pk), evidence.get(c.pk, [])) for c in criteria]


def documents_by_kind(assessment: Assessment) -> dict[str, DossierDocument | None]:
    found = {document.kind: document for document in assessment.documents.all()}
    return {kind: found.get(kind) for kind in DocumentKind.values}


def missing_items(assessment: Assessment) -> list[str]:
    """Everything that keeps the dossier from being complete, one line each, in the ward's words."""
    problems = []
    for status in criterion_statuses(assessment):
        number = status.criterion.number
        if not status.has_score:
            problems.append(_("Criterion %(number)s: no self-score.") % {"number": number})
        if not status.evidence:
            problems.append(_("Criterion %(number)s: no evidence file.") % {"number": number})
    for kind, document in documents_by_kind(assessment).items():
        label = DocumentKind(kind).label
        if document is None:
            problems.append(_("%(document)s: not entered.") % {"document": label})
            continue
        for value, what in (
            (document.number, _("number")),
            (document.issued_on, _("date")),
            (document.signer, _("signer")),
            (document.scan, _("signed scan")),
        ):
            if not value:
                problems.append(_("%(document)s: %(what)s missing.") % {"document": label, "what": what})
    return problems


def completeness_percent(assessment: Assessment) -> int:
    """The dossier meter: criteria count for 80 %, the three documents for 20 %."""
    statuses = criterion_statuses(assessment)
    criteria_part = sum(status.percent for status in statuses) / (100 * len(statuses)) if statuses else 0
    documents = [doc for doc in documents_by_kind(assessment).values() if doc and doc.is_complete]
    return round(80 * criteria_part + 20 * len(documents) / len(DocumentKind.values))


def recompute_self_total(assessment: Assessment) -> Decimal:
    """Store the sum of the self-scores so lists read a column."""
    total = assessment.self_scores.aggregate(total=Sum("points"))["total"] or Decimal(0)
    Assessment.objects.filter(pk=assessment.pk).update(self_total=total)
    assessment.self_total = total
    return total


def evidence_counts(assessment: Assessment) -> dict[int, int]:
    rows = assessment.evidence.values("criterion_id").annotate(n=Count("pk"))
    return {row["criterion_id"]: row["n"] for row in rows}


@transaction.atomic
def carry_over_evidence(assessment: Assessment, criterion: Criterion, actor) -> int:
    """Reuse last year's evidence files for the same criterion number, by reference (no copy).

    Returns how many files were carried over; files already carried over are skipped.
    """
    previous = (
        Assessment.objects.filter(ward_id=assessment.ward_id, cycle__year=assessment.cycle.year - 1).first()
    )
    if previous is None:
        return 0
    already = set(
        assessment.evidence.filter(criterion=criterion, carried_from__isnull=False).values_list(
            "carried_from__file", flat=True
        )
    )
    sources = previous.evidence.filter(criterion__number=criterion.number).exclude(file__in=already)
    created = [
        EvidenceFile(
            assessment=assessment,
            criterion=criterion,
            file=source.file.name,
            original_name=source.original_name,
            content_type=source.content_type,
            size=source.size,
            sha256=source.sha256,
            uploaded_by=actor,
            carried_from=source,
        )
        for source in sources
    ]
    EvidenceFile.objects.bulk_create(created)
    return len(created)
