"""The register of document numbers (sổ đăng ký văn bản đi): one sequence per issuing body, type and year.

Numbers restart at 1 each year, are handed out under a row lock on the
sequence, and are never reused: nothing deletes an ``IssuedNumber`` and the
sequence only grows. A generated document of an assessment keeps the number
it got the first time it was produced (``number_for_document``); so does a
document not tied to one assessment (``keep_number``).
"""

import datetime

from django.db import IntegrityError, transaction

from assessments.models import Assessment, DocumentSequence, IssuedNumber

PEOPLES_COMMITTEE = "UBND"


def issue_number(
    issuer_code: str,
    issuer_label: str,
    type_code: str,
    year: int,
    subject: str,
    assessment: Assessment | None = None,
    *,
    document_key: str = "",
    body_code: str = PEOPLES_COMMITTEE,
    issued_on: datetime.date | None = None,
) -> IssuedNumber:
    """Register the next number of ``issuer_code``'s ``type_code`` documents in ``year``.

    With ``assessment`` and ``document_key``, a document that already has a
    number keeps it (checked again under the lock, so two first renderings at
    the same time still give one number).
    """
    if assessment is not None and not document_key:
        raise ValueError("A number linked to an assessment needs the document key.")
    with transaction.atomic():
        DocumentSequence.objects.get_or_create(issuer_code=issuer_code, type_code=type_code, year=year)
        sequence = DocumentSequence.objects.select_for_update().get(
            issuer_code=issuer_code, type_code=type_code, year=year
        )
        if assessment is not None:
            existing = IssuedNumber.objects.filter(assessment=assessment, document_key=document_key).first()
            if existing is not None:
                return existing
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        return IssuedNumber.objects.create(
            issuer_code=issuer_code,
            issuer_label=issuer_label,
            body_code=body_code,
            type_code=type_code,
            year=year,
            number=sequence.last_number,
            subject=subject[:500],
            issued_on=issued_on or datetime.date(year, 1, 1),
            assessment=assessment,
            document_key=document_key,
        )


def number_for_document(
    assessment: Assessment,
    document_key: str,
    *,
    issuer_code: str,
    issuer_label: str,
    type_code: str,
    subject: str,
    on: datetime.date,
    body_code: str = PEOPLES_COMMITTEE,
) -> IssuedNumber:
    """The number of ``assessment``'s document ``document_key``: issued the first time, the same ever after."""
    existing = IssuedNumber.objects.filter(assessment=assessment, document_key=document_key).first()
    if existing is not None:
        return existing
    try:
        return issue_number(
            issuer_code,
            issuer_label,
            type_code,
            on.year,
            subject,
            assessment,
            document_key=document_key,
            body_code=body_code,
            issued_on=on,
        )
    except IntegrityError:
        # Issued meanwhile by a concurrent request under another year's sequence.
        return IssuedNumber.objects.get(assessment=assessment, document_key=document_key)


def keep_number(
    document_key: str,
    *,
    issuer_code: str,
    issuer_label: str,
    type_code: str,
    subject: str,
    on: datetime.date,
    body_code: str,
) -> IssuedNumber:
    """The register's number of a document not tied to one assessment (a plan, a decision, a year's notice).

    Issued the first time, the same ever after: looked up by ``document_key``
    again under the lock of the sequence, so two first renderings give one number.
    """
    existing = IssuedNumber.objects.filter(assessment=None, document_key=document_key).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        DocumentSequence.objects.get_or_create(issuer_code=issuer_code, type_code=type_code, year=on.year)
        DocumentSequence.objects.select_for_update().get(
            issuer_code=issuer_code, type_code=type_code, year=on.year
        )
        existing = IssuedNumber.objects.filter(assessment=None, document_key=document_key).first()
        if existing is not None:
            return existing
        return issue_number(
            issuer_code,
            issuer_label,
            type_code,
            on.year,
            subject,
            document_key=document_key,
            body_code=body_code,
            issued_on=on,
        )
