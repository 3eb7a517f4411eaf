"""The register of document numbers: per issuing body, type and year; kept per document; never reused."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from engines.documents.numbering import (
    issue_number,
    keep_number,
    kept_number,
    number_for_document,
    numbers_of,
    owner_key,
)
from engines.models import DocumentSequence, IssuedNumber
from tests.factories import WardFactory


def issue(issuer="P01", type_code="KH", year=2018, **kwargs):
    return issue_number(issuer, "ỦY BAN NHÂN DÂN PHƯỜNG 1", type_code, year, "Kế hoạch", **kwargs)


def document_number(owner, key="ward_plan", on=datetime.date(2018, 10, 5)):
    return number_for_document(
        owner, key, issuer_code="P01", issuer_label="UBND P1", type_code="KH", subject="Kế hoạch", on=on
    )


def kept(key, on=datetime.date(2018, 10, 5)):
    return keep_number(
        key,
        issuer_code="QUAN",
        issuer_label="UBND QUẬN 5",
        type_code="TB",
        subject="Thông báo",
        on=on,
        body_code="UBND",
    )


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


def test_owner_key_names_the_app_model_and_row(ward):
    assert owner_key(ward) == f"wards.ward:{ward.pk}"


def test_owner_key_refuses_an_unsaved_row(db):
    with pytest.raises(ValueError):
        owner_key(WardFactory.build())


def test_a_document_keeps_its_number_and_date_and_names_its_owner(ward):
    first = document_number(ward)

    again = document_number(ward, on=datetime.date(2019, 3, 1))

    assert again == first
    assert (first.symbol, first.issued_on, first.owner_key, first.document_key) == (
        "01/KH-UBND",
        datetime.date(2018, 10, 5),
        f"wards.ward:{ward.pk}",
        "ward_plan",
    )
    assert IssuedNumber.objects.count() == 1


def test_two_owners_of_one_issuer_get_different_numbers(ward, other_ward):
    assert [document_number(owner).symbol for owner in (ward, other_ward)] == ["01/KH-UBND", "02/KH-UBND"]


def test_numbers_of_an_owner_by_document_key(ward, other_ward, django_assert_num_queries):
    plan, report = document_number(ward), document_number(ward, "ward_report")
    document_number(other_ward)
    issue()

    with django_assert_num_queries(1):
        numbers = numbers_of(ward)

    assert numbers == {"ward_plan": plan, "ward_report": report}


def test_issue_number_for_a_document_that_has_one_returns_it(ward):
    first = issue(owner=ward, document_key="ward_plan")

    again = issue(owner=ward, document_key="ward_plan")

    assert again == first
    assert IssuedNumber.objects.count() == 1
    assert DocumentSequence.objects.get().last_number == 1


def test_issue_number_for_an_owner_needs_the_document_key(ward):
    with pytest.raises(ValueError):
        issue(owner=ward)

    assert IssuedNumber.objects.count() == 0


def test_keep_number_gives_a_document_without_owner_one_number(db):
    assert kept_number("public_notice:2018") is None

    first = kept("public_notice:2018")
    again = kept("public_notice:2018", on=datetime.date(2019, 1, 2))
    other = kept("public_notice:2019")

    assert again == first
    assert (first.symbol, first.owner_key, other.symbol) == ("01/TB-UBND", "", "02/TB-UBND")
    assert kept_number("public_notice:2018") == first


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


def test_the_database_refuses_a_second_number_for_one_owners_document(ward):
    issued = document_number(ward)

    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            issuer_code="P01",
            issuer_label="x",
            type_code="KH",
            year=2018,
            number=issued.number + 1,
            subject="x",
            issued_on=datetime.date(2018, 1, 1),
            owner_key=issued.owner_key,
            document_key=issued.document_key,
        )
