"""Numbers of recognition decisions: proposed from the number register, checked against it, kept in it.

A decision number ("302/QĐ-UBND") is public: two decisions with one number would
make both doubtful. The chairman may type the number of the signed paper, but it
is checked against the district's register of outgoing documents (every decision,
plan and notice it numbered that year) and against the other decisions, and on
signing it enters the register so that the register never hands it out again.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.documents.district_side import DISTRICT_ISSUER, decision_symbol
from assessments.models import DecisionState, RecognitionDecision
from engines.models import DocumentSequence, IssuedNumber

DECISION_TYPE = "QĐ"
SYMBOL = re.compile(r"^(?P<number>\d+)/(?P<type>[^-/\s]+)-(?P<body>\S+)$")


def register_key(decision: RecognitionDecision) -> str:
    """The register's document key of a decision (the one the decision document uses too)."""
    return f"decision:{decision.pk}"


def parse_number(number: str) -> tuple[int, str, str] | None:
    """``302/QĐ-UBND`` (or ``302``) → (302, "QĐ", "UBND"); None when it is not a document symbol."""
    match = SYMBOL.match(decision_symbol(number))
    if match is None:
        return None
    return int(match["number"]), match["type"], match["body"]


def proposed_decision_number(decision: RecognitionDecision, on: datetime.date | None = None) -> str:
    """The next number the register would give a district decision this year (skipping numbers in use)."""
    year = (on or timezone.localdate()).year
    sequence = DocumentSequence.objects.filter(
        issuer_code=DISTRICT_ISSUER, type_code=DECISION_TYPE, year=year
    ).first()
    used = set(
        IssuedNumber.objects.filter(
            issuer_code=DISTRICT_ISSUER, type_code=DECISION_TYPE, year=year
        ).values_list("number", flat=True)
    )
    used |= {parsed[0] for parsed in map(parse_number, _other_decision_numbers(decision, year)) if parsed}
    candidate = (sequence.last_number if sequence else 0) + 1
    while candidate in used:
        candidate += 1
    return f"{candidate:02d}/{DECISION_TYPE}-UBND"


def _other_decision_numbers(decision: RecognitionDecision, year: int) -> list[str]:
    return list(
        RecognitionDecision.objects.exclude(pk=decision.pk)
        .exclude(state=DecisionState.WITHDRAWN)
        .exclude(number="")
        .filter(issued_on__year=year)
        .values_list("number", flat=True)
    )


def check_decision_number(decision: RecognitionDecision, number: str, issued_on: datetime.date) -> None:
    """Refuse a malformed number, or one the register or another decision of that year already holds."""
    parsed = parse_number(number)
    if parsed is None:
        raise ValidationError(_("The number must be written like 05/QĐ-UBND."))
    value, type_code, _body = parsed
    symbol = decision_symbol(number)
    taken = (
        IssuedNumber.objects.filter(
            issuer_code=DISTRICT_ISSUER, type_code=type_code, year=issued_on.year, number=value
        )
        .exclude(document_key=register_key(decision))
        .first()
    )
    if taken is not None:
        raise ValidationError(
            _("Number %(number)s is already in the register: %(document)s, dated %(date)s.")
            % {"number": symbol, "document": taken.subject, "date": taken.issued_on.strftime("%d/%m/%Y")}
        )
    if any(decision_symbol(other) == symbol for other in _other_decision_numbers(decision, issued_on.year)):
        raise ValidationError(
            _("Number %(number)s is already used by another recognition decision of %(year)s.")
            % {"number": symbol, "year": issued_on.year}
        )


def register_decision_number(decision: RecognitionDecision, issuer_label: str) -> IssuedNumber:
    """Enter a signed decision's number in the register (the sequence never falls behind it)."""
    value, type_code, body = parse_number(decision.number)
    year = decision.issued_on.year
    with transaction.atomic():
        DocumentSequence.objects.get_or_create(issuer_code=DISTRICT_ISSUER, type_code=type_code, year=year)
        sequence = DocumentSequence.objects.select_for_update().get(
            issuer_code=DISTRICT_ISSUER, type_code=type_code, year=year
        )
        existing = IssuedNumber.objects.filter(
            issuer_code=DISTRICT_ISSUER, type_code=type_code, year=year, number=value
        ).first()
        if existing is not None:  # the same decision signed again after an undo
            return existing
        if value > sequence.last_number:
            sequence.last_number = value
            sequence.save(update_fields=["last_number"])
        return IssuedNumber.objects.create(
            issuer_code=DISTRICT_ISSUER,
            issuer_label=issuer_label,
            body_code=body,
            type_code=type_code,
            year=year,
            number=value,
            subject=f"Công nhận “Cộng đồng học tập” năm {decision.cycle.year}",
            issued_on=decision.issued_on,
            document_key=register_key(decision),
        )
