"""The register of document numbers (sổ đăng ký văn bản đi): one sequence per issuing body, type and year.

Numbers restart at 1 each year, are handed out under a row lock on the
sequence, and are never reused: nothing deletes an ``IssuedNumber`` and the
sequence only grows. A generated document of a row (an assessment, a plan…)
keeps the number it got the first time it was produced (``number_for_document``);
so does a document that belongs to no single row (``keep_number``).
"""

import datetime

from django.db import IntegrityError, models, transaction

from engines.models import DocumentSequence, IssuedNumber

PEOPLES_COMMITTEE = "UBND"


def owner_key(owner: models.Model) -> str:
    """How the register names the row a document belongs to: ``"assessments.assessment:12"``."""
    if owner.pk is None:
        raise ValueError("A number can only belong to a saved row.")
    return f"{owner._meta.label_lower}:{owner.pk}"


def issue_number(
    issuer_code: str,
    issuer_label: str,
    type_code: str,
    year: int,
    subject: str,
    owner: models.Model | None = None,
    *,
    document_key: str = "",
    body_code: str = PEOPLES_COMMITTEE,
    issued_on: datetime.date | None = None,
) -> IssuedNumber:
    """Register the next number of ``issuer_code``'s ``type_code`` documents in ``year``.

    With ``owner`` and ``document_key``, a document that already has a number
    keeps it (checked again under the lock, so two first renderings at the
    same time still give one number).
    """
    if owner is not None and not document_key:
        raise ValueError("A number that belongs to a row needs the document key.")
    key = owner_key(owner) if owner is not None else ""
    with transaction.atomic():
        DocumentSequence.objects.get_or_create(issuer_code=issuer_code, type_code=type_code, year=year)
        sequence = DocumentSequence.objects.select_for_update().get(
            issuer_code=issuer_code, type_code=type_code, year=year
        )
        if key:
            existing = IssuedNumber.objects.filter(owner_key=key, document_key=document_key).first()
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
            owner_key=key,
            document_key=document_key,
        )


def numbers_of(owner: models.Model) -> dict[str, IssuedNumber]:
    """The numbers issued so far to ``owner``'s documents, by document key (one query)."""
    return {issued.document_key: issued for issued in IssuedNumber.objects.filter(owner_key=owner_key(owner))}


def number_for_document(
    owner: models.Model,
    document_key: str,
    *,
    issuer_code: str,
    issuer_label: str,
    type_code: str,
    subject: str,
    on: datetime.date,
    body_code: str = PEOPLES_COMMITTEE,
) -> IssuedNumber:
    """The number of ``owner``'s document ``document_key``: issued the first time, the same ever after."""
    key = owner_key(owner)
    existing = IssuedNumber.objects.filter(owner_key=key, document_key=document_key).first()
    if existing is not None:
        return existing
    try:
        return issue_number(
            issuer_code,
            issuer_label,
            type_code,
            on.year,
            subject,
            owner,
            document_key=document_key,
            body_code=body_code,
            issued_on=on,
        )
    except IntegrityError:
        # Issued meanwhile by a concurrent request under another year's sequence.
        return IssuedNumber.objects.get(owner_key=key, document_key=document_key)


def kept_number(document_key: str) -> IssuedNumber | None:
    """The number ``keep_number`` gave the document ``document_key``, or ``None`` before it gave one."""
    return IssuedNumber.objects.filter(owner_key="", document_key=document_key).first()


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
    """The register's number of a document that belongs to no single row (a year's notice, a decision).

    Issued the first time, the same ever after: looked up by ``document_key``
    again under the lock of the sequence, so two first renderings give one number.
    """
    existing = kept_number(document_key)
    if existing is not None:
        return existing
    with transaction.atomic():
        DocumentSequence.objects.get_or_create(issuer_code=issuer_code, type_code=type_code, year=on.year)
        DocumentSequence.objects.select_for_update().get(
            issuer_code=issuer_code, type_code=type_code, year=on.year
        )
        existing = kept_number(document_key)
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
