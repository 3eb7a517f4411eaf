"""The register of document numbers: per issuing body, type and year; kept per document; never reused."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.documents.numbering import issue_number
from assessments.documents.registry import build_document
from assessments.models import DocumentSequence, IssuedNumber
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import write_plan


def issue(issuer="P01", type_code="KH", year=2018, **kwargs):
    return issue_number(issuer, "ỦY BAN NHÂN DÂN PHƯỜNG 1", type_code, year, "Kế hoạch", **kwargs)


def test_numbers_grow_per_issuer_type_and_year_and_restart_each_year(db):
    first, second, third = issue(), issue(), issue()
    report = issue(type_code="BC")
    other_ward = issue(issuer="P02")
    next_year = issue(year=2019)

    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert (report.number, other_ward.number, next_year.number) == (1, 1, 1)
    assert [first.symbol, report.symbol, next_year.symbol] == ["01/KH-UBND", "01/BC-UBND", "01/KH-UBND"]
    assert DocumentSequence.objects.get(issuer_code="P01", type_code="KH", year=2018).last_number == 3


@pytest.mark.parametrize(("number", "symbol"), [(5, "05/KH-UBND"), (9, "09/KH-UBND"), (12, "12/KH-UBND")])
def test_symbol_has_a_leading_zero_below_ten(db, number, symbol):
    for _ in range(number - 1):
        issue()

    assert issue().symbol == symbol


def test_symbol_uses_the_issuing_body_abbreviation(db):
    assert issue(type_code="QĐ", body_code="GDĐT").symbol == "01/QĐ-GDĐT"


def test_issued_number_reads_as_a_register_line(db):
    issued = issue(issued_on=datetime.date(2018, 10, 5))

    assert str(issued) == "Số 01/KH-UBND ngày 05/10/2018 – ỦY BAN NHÂN DÂN PHƯỜNG 1: Kế hoạch"


def test_regenerating_a_document_keeps_its_number_and_date(assessment, ward_officer):
    write_plan(
        assessment, ward_officer, number="", issued_on=None
    )  # not numbered by the ward: the register numbers it

    first = build_document("ward_plan", assessment).context["doc"]
    again = build_document("ward_plan", assessment).context["doc"]

    assert (first.number, first.date_line) == ("01/KH-UBND", again.date_line)
    assert again.number == "01/KH-UBND"
    issued = IssuedNumber.objects.get()
    assert (issued.assessment, issued.document_key, issued.issued_on) == (
        assessment,
        "ward_plan",
        timezone.localdate(),
    )


def test_two_assessments_of_one_ward_get_different_numbers(assessment, ward_officer, ward):
    later = AssessmentFactory(cycle=CycleFactory(year=2019), ward=ward)
    write_plan(assessment, ward_officer, number="", issued_on=None)
    write_plan(later, ward_officer, number="", issued_on=None)

    numbers = [build_document("ward_plan", a).context["doc"].number for a in (assessment, later)]

    assert numbers == ["01/KH-UBND", "02/KH-UBND"]


def test_issue_number_for_a_document_that_has_one_returns_it(assessment):
    first = issue(assessment=assessment, document_key="ward_plan")

    again = issue(assessment=assessment, document_key="ward_plan")

    assert again == first
    assert IssuedNumber.objects.count() == 1
    assert DocumentSequence.objects.get().last_number == 1


def test_issue_number_for_an_assessment_needs_the_document_key(assessment):
    with pytest.raises(ValueError):
        issue(assessment=assessment)

    assert IssuedNumber.objects.count() == 0


def test_an_issued_number_is_never_deleted_nor_given_again(db):
    first, second = issue(), issue()

    with pytest.raises(RuntimeError):
        second.delete()
    IssuedNumber.objects.filter(pk=second.pk).delete()  # even a row removed behind the register's back
    third = issue()

    assert (first.number, third.number) == (1, 3)


def test_the_database_refuses_a_number_twice(db):
    issued = issue()

    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            issuer_code="P01",
            issuer_label="x",
            type_code="KH",
            year=2018,
            number=issued.number,
            subject="x",
            issued_on=datetime.date(2018, 1, 1),
        )
