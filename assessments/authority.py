"""Who reviews and recognises a cycle's dossiers, and who signs, as the documents print them.

Under Circular 44/2014, and under Circular 25/2023 before the reform of
01/07/2025, a ward sends its dossier to the district People's Committee;
Phòng GD&ĐT reviews it and drafts the proposal, and the committee's chairman
(or a vice-chairman for him) signs the plan and the decision "TM. ỦY BAN NHÂN
DÂN / CHỦ TỊCH". Since the reform there is no district: the head of the
education office recognises, or the body a province designates (a department,
the commune's culture and society office…). Each cycle therefore names its own
bodies and signer (``Cycle.reviewing_body`` …); a blank field keeps what the
documents printed before these fields existed, taken from the district set-up.
This module is the one place that decides; the documents only read it.
"""

from dataclasses import dataclass

from assessments.models import Cycle
from wards.models import District, DistrictUnit, UnitKind

EDUCATION_OFFICE_NAME = "Phòng Giáo dục và Đào tạo"
COMMITTEE_CAPACITY = "TM. ỦY BAN NHÂN DÂN"
CHAIRMAN = "CHỦ TỊCH"


def committee_signature_lines(title: str) -> tuple[str, ...]:
    """For the People's Committee: the chairman signs as ``CHỦ TỊCH``, a vice-chairman ``KT. CHỦ TỊCH``."""
    if title.strip().lower().startswith("chủ tịch"):
        return (COMMITTEE_CAPACITY, CHAIRMAN)
    return (COMMITTEE_CAPACITY, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def education_office_name(district: District) -> str:
    """The district's education office as set up (a unit of that kind), else its generic name."""
    unit = (
        DistrictUnit.objects.filter(district=district, kind=UnitKind.EDUCATION_OFFICE)
        .only("name")
        .order_by("pk")
        .first()
    )
    return unit.name if unit else EDUCATION_OFFICE_NAME


def dossier_addressee(cycle: Cycle, district: District) -> str:
    """Where a ward sends its dossier: the reviewing body when the cycle names one, else the recognising body.

    Needs no query (the ward's documents print it and keep a fixed query count).
    """
    return cycle.reviewing_body.strip() or cycle.recognising_body.strip() or district.authority_name


@dataclass(frozen=True)
class Authority:
    """The bodies and the signer of a cycle, in the case the documents print them (header lines upper-cased)."""

    reviewing_body: str  # receives and reviews the dossiers, drafts the proposal: Phòng GD&ĐT quận 5
    recognising_body: str  # issues the inspection plan, the decision and the public notice
    recognising_parent_body: str  # first header line above the recognising body
    signer_capacity: tuple[str, ...]  # lines above the title: ("TM. ỦY BAN NHÂN DÂN",), ("KT. GIÁM ĐỐC",)
    signer_title: str  # CHỦ TỊCH, PHÓ GIÁM ĐỐC, TRƯỞNG PHÒNG
    committee_signs: bool  # no signer configured: the People's Committee, chairman or vice-chairman
    dossier_addressee: str  # who the wards write to and who receives the dossier
    receiving_parent_body: str  # the header line above the receiving body on the receipt slip

    def signature_lines(self, title: str) -> tuple[str, ...]:
        """Capacity and title above a signature; ``title`` is the one the signer typed (committee only)."""
        if self.committee_signs:
            return committee_signature_lines(title)
        return (*self.signer_capacity, self.signer_title)

    @property
    def draft_signature_lines(self) -> tuple[str, ...]:
        """Above the blank signature of a draft: the chairman's, or the configured signer's."""
        return self.signature_lines(CHAIRMAN)


def capacity_lines(text: str) -> tuple[str, ...]:
    """``TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH`` → its two lines (a slash separates lines)."""
    return tuple(line.strip() for line in text.split("/") if line.strip())


def cycle_authority(cycle: Cycle, district: District) -> Authority:
    """The cycle's bodies and signer, each blank field replaced by the district's default (one query at most).

    The signer is one setting: with both capacity and title blank the People's Committee signs as today;
    with a title alone the signer signs in their own right (no capacity line); with a capacity alone the
    title is ``CHỦ TỊCH``.
    """
    recognising = cycle.recognising_body.strip() or district.authority_name
    parent = cycle.recognising_parent_body.strip() or district.parent_authority_name
    reviewing = cycle.reviewing_body.strip()
    capacity, title = cycle.signer_capacity.strip(), cycle.signer_title.strip()
    committee_signs = not (capacity or title)
    return Authority(
        reviewing_body=reviewing or education_office_name(district),
        recognising_body=recognising,
        recognising_parent_body=parent,
        signer_capacity=capacity_lines(capacity.upper())
        if capacity
        else (COMMITTEE_CAPACITY,) * committee_signs,
        signer_title=title.upper() or CHAIRMAN,
        committee_signs=committee_signs,
        dossier_addressee=dossier_addressee(cycle, district),
        # A configured reviewing body receives the dossiers and sits under the recognising body (Phòng GD&ĐT
        # under the People's Committee, a department under the province); otherwise the committee receives.
        receiving_parent_body=recognising if reviewing else parent,
    )
