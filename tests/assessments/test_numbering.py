"""The ward's documents take their numbers from the register and keep them."""

from django.utils import timezone

from assessments.documents.registry import build_document
from engines.models import IssuedNumber
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import write_plan


def test_regenerating_a_document_keeps_its_number_and_date(assessment, ward_officer):
    write_plan(
        assessment, ward_officer, number="", issued_on=None
    )  # not numbered by the ward: the register numbers it

    first = build_document("ward_plan", assessment).context["doc"]
    again = build_document("ward_plan", assessment).context["doc"]

    assert (first.number, first.date_line) == ("01/KH-UBND", again.date_line)
    assert again.number == "01/KH-UBND"
    issued = IssuedNumber.objects.get()
    assert (issued.owner_key, issued.document_key, issued.issued_on) == (
        f"assessments.assessment:{assessment.pk}",
        "ward_plan",
        timezone.localdate(),
    )


def test_two_assessments_of_one_ward_get_different_numbers(assessment, ward_officer, ward):
    later = AssessmentFactory(cycle=CycleFactory(year=2019), ward=ward)
    write_plan(assessment, ward_officer, number="", issued_on=None)
    write_plan(later, ward_officer, number="", issued_on=None)

    numbers = [build_document("ward_plan", a).context["doc"].number for a in (assessment, later)]

    assert numbers == ["01/KH-UBND", "02/KH-UBND"]
