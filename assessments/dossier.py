"""Business rules of the ward's self-assessment dossier (steps 1 and 2)."""

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from assessments.cycles import check_plausible_date
from assessments.models import (
    Assessment,
    Criterion,
    CriterionSelfScore,
    DocumentKind,
    DossierDocument,
    EvidenceFile,
)
from assessments.procedures import document_kinds, level_request_problems
from assessments.strategies import strategy_for
from engines.storage import private_storage, removed_on_failure
from engines.uploads import CheckedUpload


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
    """The signed documents of the assessment's procedure, in its order, each entered or ``None``."""
    found = {document.kind: document for document in assessment.documents.all()}
    return {kind: found.get(kind) for kind in document_kinds(assessment)}


def missing_items(assessment: Assessment, today: datetime.date | None = None) -> list[str]:
    """Everything that keeps the dossier from being sent on ``today``, one line each, in the ward's words.

    Every criterion needs a self-score (every indicator an answer, under a
    level-based framework: the framework's strategy says) and the signed
    documents of the procedure need their number, date, signer and scan; a
    dossier that asks for a level needs a level it may ask for on that day
    (``assessments.procedures``). Evidence is not required: a criterion without
    it scores 0 (Circular 44), an indicator without it is not met, which the
    ward confirms when sending (``assessments.submission.send_dossier``).
    """
    problems = strategy_for(assessment.cycle.framework).self_missing(assessment)
    problems += level_request_problems(assessment, today or timezone.localdate())
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


def criteria_without_evidence(assessment: Assessment) -> list[Criterion]:
    """The criteria without any evidence file: they score 0, for the ward and for the inspection."""
    return [status.criterion for status in criterion_statuses(assessment) if not status.evidence]


def completeness_percent(assessment: Assessment) -> int:
    """The dossier meter: criteria count for 80 %, the three documents for 20 %."""
    statuses = criterion_statuses(assessment)
    criteria_part = sum(status.percent for status in statuses) / (100 * len(statuses)) if statuses else 0
    documents = [doc for doc in documents_by_kind(assessment).values() if doc and doc.is_complete]
    return round(80 * criteria_part + 20 * len(documents) / len(document_kinds(assessment)))


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
    previous = Assessment.objects.filter(
        ward_id=assessment.ward_id, cycle__year=assessment.cycle.year - 1
    ).first()
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
    if created:  # with their rows in the audit trail, as uploaded evidence has
        bulk_create_with_history(created, EvidenceFile, default_user=actor)
    return len(created)


# --- Editing the dossier: scores, evidence, documents (every write checks ``assessments.edit_dossier``). ---


def lock_for_dossier_edit(assessment: Assessment, actor) -> Assessment:
    """Lock the assessment row and re-check, on the locked row, that ``actor`` may edit the dossier."""
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "ward")
        .get(pk=assessment.pk)
    )
    if not actor.has_perm("assessments.edit_dossier", locked):
        raise PermissionDenied
    return locked


class StaleSelfScore(Exception):
    """Someone saved the criterion's self-score after this user loaded it; ``str()`` says so."""


def check_score_has_evidence(criterion: Criterion, points: Decimal | None, evidence_count: int) -> None:
    """Circular 44: a criterion without evidence scores 0."""
    if points is not None and points > 0 and evidence_count == 0:
        raise ValidationError(
            _("A criterion without evidence cannot score above 0: attach at least one evidence file."),
            code="no_evidence",
        )


def save_criterion_self_assessment(
    assessment: Assessment,
    criterion: Criterion,
    actor,
    *,
    points: Decimal | None,
    comment: str,
    uploads: list[CheckedUpload],
    expected_version: int,
) -> CriterionSelfScore:
    """Store the ward's score and comment for one criterion with new evidence files, all or nothing.

    ``expected_version`` is the version of the score the user loaded (0 when
    there was none): if someone saved the criterion since, ``StaleSelfScore`` is
    raised and nothing is written, so two officers never silently overwrite each
    other. ``uploads`` have passed ``engines.uploads.check_upload``. If
    anything fails, no row is written and the files already stored are removed again.
    """
    with removed_on_failure() as stored, transaction.atomic():
        locked = lock_for_dossier_edit(assessment, actor)
        score = locked.self_scores.filter(criterion=criterion).first()
        if (score.version if score else 0) != expected_version:
            raise StaleSelfScore(_("Someone else changed this score while you were editing it."))
        existing = locked.evidence.filter(criterion=criterion).count()
        check_score_has_evidence(criterion, points, existing + len(uploads))
        score = _write_self_score(locked, criterion, score, actor, points=points, comment=comment)
        for upload in uploads:
            evidence = EvidenceFile(
                assessment=locked,
                criterion=criterion,
                original_name=upload.original_name,
                content_type=upload.content_type,
                size=upload.size,
                sha256=upload.sha256,
                uploaded_by=actor,
            )
            evidence.file.save(upload.original_name, upload.file, save=False)
            stored.append(evidence.file.name)
            evidence.save()
        recompute_self_total(locked)
    assessment.self_total = locked.self_total
    return score


def _write_self_score(
    locked: Assessment, criterion: Criterion, score: CriterionSelfScore | None, actor, *, points, comment
) -> CriterionSelfScore:
    """Create the score at version 1 or update it to the next version (the caller holds the lock)."""
    if score is None:
        return CriterionSelfScore.objects.create(
            assessment=locked, criterion=criterion, points=points, comment=comment, updated_by=actor
        )
    score.points, score.comment, score.updated_by = points, comment, actor
    score.version += 1
    score.save()
    return score


def attach_generated_evidence(
    assessment: Assessment, criterion: Criterion, actor, *, topic: str, name: str, content: bytes
) -> EvidenceFile:
    """Attach a PDF the portal generated (the learning centre's summary) as evidence of ``criterion``.

    Generating it again replaces the earlier generated file of the same topic,
    so the dossier holds the latest figures once; uploaded and carried-over
    files are left alone. Same lock and permission as any dossier edit.
    """
    with removed_on_failure() as stored, transaction.atomic():
        locked = lock_for_dossier_edit(assessment, actor)
        replaced = list(locked.evidence.filter(criterion=criterion, generated_from=topic))
        evidence = EvidenceFile(
            assessment=locked,
            criterion=criterion,
            original_name=name,
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=actor,
            generated_from=topic,
        )
        evidence.file.save(name, ContentFile(content), save=False)
        stored.append(evidence.file.name)
        evidence.save()
        for old in replaced:
            old_name = old.file.name
            old.delete()
            if not EvidenceFile.objects.filter(file=old_name).exists():
                transaction.on_commit(lambda old_name=old_name: private_storage.delete(old_name))
    return evidence


def delete_evidence(evidence: EvidenceFile, actor) -> None:
    """Remove one evidence file; the stored file goes only when no other row still points at it.

    Evidence carried over from last year shares last year's stored file, so
    deleting a carried row keeps the file, and the file of a row that was
    carried over survives as long as a carried copy uses it. The last file of
    a criterion scoring above 0 cannot be deleted (the score would lose its
    evidence).
    """
    with transaction.atomic():
        locked = lock_for_dossier_edit(evidence.assessment, actor)
        criterion = evidence.criterion
        others = locked.evidence.filter(criterion=criterion).exclude(pk=evidence.pk).count()
        score = locked.self_scores.filter(criterion=criterion).values_list("points", flat=True).first()
        if others == 0 and score:
            raise ValidationError(
                _(
                    "This is the only evidence file of criterion %(number)s, which scores %(points)s: "
                    "attach another file or set the score to 0 first."
                )
                % {"number": criterion.number, "points": score},
                code="last_evidence",
            )
        name = evidence.file.name
        evidence.delete()
        if not EvidenceFile.objects.filter(file=name).exists():
            transaction.on_commit(lambda: private_storage.delete(name))


def save_dossier_document(
    assessment: Assessment,
    kind: str,
    actor,
    *,
    number: str,
    issued_on,
    signer: str,
    scan: CheckedUpload | None,
) -> DossierDocument:
    """Store one of the three signed documents; a new scan replaces the old one (removed after commit).

    The date must be plausible for the cycle (``check_plausible_date``).
    """
    with removed_on_failure() as stored, transaction.atomic():
        locked = lock_for_dossier_edit(assessment, actor)
        check_plausible_date(locked.cycle, issued_on)
        document, _created = DossierDocument.objects.get_or_create(assessment=locked, kind=kind)
        document.assessment = locked
        document.number, document.issued_on, document.signer = number, issued_on, signer
        replaced = document.scan.name if scan is not None else ""
        if scan is not None:
            document.scan.save(scan.original_name, scan.file, save=False)
            stored.append(document.scan.name)
            document.scan_name = scan.original_name
        document.save()
        if replaced:
            transaction.on_commit(lambda: private_storage.delete(replaced))
    return document


def apply_self_scores(assessment: Assessment, rows, actor) -> int:
    """Write imported scores and comments (``assessments.spreadsheet.ScoreRow``) in one transaction.

    The rows were validated when the sheet was read; the evidence rule is checked
    again on the locked assessment in case a file was deleted meanwhile. A score
    the sheet changes gets its next version, so an officer still editing that
    criterion on its page is told rather than overwritten; unchanged rows are
    left as they are.
    """
    with transaction.atomic():
        locked = lock_for_dossier_edit(assessment, actor)
        counts = evidence_counts(locked)
        scores = {score.criterion_id: score for score in locked.self_scores.all()}
        for row in rows:
            try:
                check_score_has_evidence(row.criterion, row.points, counts.get(row.criterion.pk, 0))
            except ValidationError as error:
                raise ValidationError(
                    _("Criterion %(number)s: %(problem)s")
                    % {"number": row.criterion.number, "problem": error.messages[0]},
                    code="no_evidence",
                ) from None
            score = scores.get(row.criterion.pk)
            if score is None or (score.points, score.comment) != (row.points, row.comment):
                _write_self_score(locked, row.criterion, score, actor, points=row.points, comment=row.comment)
        recompute_self_total(locked)
    assessment.self_total = locked.self_total
    return len(rows)
