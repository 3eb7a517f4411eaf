"""The district's documents: the pieces they share, and step 3's receipt slip and return notice (per ward).

The inspection plan and minutes are in ``district_inspection``; the proposal,
the decision and the public notice in ``district_decisions``. Each builder loads what it prints in a fixed number of queries, takes (or keeps)
the document's number from the register, and returns the template context. The
wording is in the templates (templates/documents/*.html).

Who issues what (Decree 30 header and number); the names and the signer are the
cycle's (``assessments.authority``: by default the district's, as below):
- the recognising body, the district People's Committee (``UBND-Q``, ``…/KH-UBND``):
  inspection plan, decision, public notice; the receipt slip too, unless the
  cycle names a reviewing body, which then receives the dossiers;
- the reviewing body, Phòng GD&ĐT (``PGDDT``, ``…/TB-PGDĐT``, ``…/TTr-PGDĐT``): the
  return notice and the proposal, which it drafts for the signer;
- the inspection team (``DKT-Q``, ``…/BB-ĐKT``): the inspection minutes.

A plan or decision that has not been approved is printed as a draft: blank
number and day, no signer, nothing taken from the register.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments.authority import Authority, committee_signature_lines, cycle_authority
from assessments.documents.ward_side import DocumentNotAvailable
from assessments.models import (
    Assessment,
    DocumentKind,
    Framework,
    InspectionPlan,
    PlanState,
    Procedure,
)
from assessments.procedures import procedure_of
from assessments.strategies import LevelScoring, PointsScoring, strategy_for
from assessments.workflow import latest_change
from engines.documents.numbering import keep_number, number_for_document
from engines.documents.render import (
    DocumentFrame,
    Signature,
    vn_date,
    vn_date_line,
)
from engines.models import IssuedNumber
from wards.models import District

DISTRICT_ISSUER = "UBND-Q"
EDUCATION_ISSUER, EDUCATION_BODY = "PGDDT", "PGDĐT"
TEAM_ISSUER, TEAM_BODY = "DKT-Q", "ĐKT"
RECEIPT_TYPE = "PTN"  # phiếu tiếp nhận: not in Decree 30's list of abbreviations
BLANK = "\u00a0" * 8  # room left on a draft for the number and the day, filled in by hand

# The dossier's signed documents as the receipt slip names them (official text, not UI labels).
DOSSIER_DOCUMENT_NAMES = {
    Procedure.PLAN_FIRST: {
        DocumentKind.PROPOSAL: "Tờ trình đề nghị kiểm tra, đánh giá, xếp loại",
        DocumentKind.REPORT: "Báo cáo kết quả tự kiểm tra, kèm theo minh chứng",
        DocumentKind.SELF_INSPECTION_MINUTES: "Biên bản tự kiểm tra",
    },
    Procedure.MEETING_REQUEST: {
        DocumentKind.PROPOSAL: "Tờ trình đề nghị đánh giá, công nhận",
        DocumentKind.REPORT: "Báo cáo tự đánh giá, kèm theo minh chứng",
        DocumentKind.SUMMARY_TABLE: "Bảng tổng hợp kết quả tự đánh giá các tiêu chí, chỉ tiêu",
        DocumentKind.MEETING_MINUTES: "Biên bản họp thống nhất kết quả tự đánh giá",
    },
}


# --- Shared pieces -----------------------------------------------------------------------------------


def current_district() -> District:
    district = District.current()
    if district is None:
        raise DocumentNotAvailable("The district has not been set up.")
    return district


def signature(authority: Authority, name: str, title: str) -> Signature:
    """The recognising body's signer: the typed ``title`` tells a vice-chairman when the committee signs."""
    return Signature(authority.signature_lines(title), name)


def draft_signature(authority: Authority) -> Signature:
    return Signature(authority.draft_signature_lines, "")


def chairman_signature(name: str, title: str) -> Signature:
    """For the People's Committee: the chairman signs as ``CHỦ TỊCH``, a vice-chairman ``KT. CHỦ TỊCH``."""
    return Signature(committee_signature_lines(title), name)


def education_head_signature(user) -> Signature:
    """Phòng GD&ĐT signs by its head (or a deputy for the head); the name is printed only when it is theirs."""
    position = (getattr(user, "position", "") or "").strip().lower()
    if position.startswith("phó trưởng phòng"):
        return Signature(("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"), user.get_full_name())
    if position.startswith("trưởng phòng"):
        return Signature(("TRƯỞNG PHÒNG",), user.get_full_name())
    return Signature(("TRƯỞNG PHÒNG",), "")


def draft_number(type_code: str, body_code: str) -> str:
    return f"{BLANK}/{type_code}-{body_code}"


def draft_date_line(place: str, year: int) -> str:
    return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"


def decision_symbol(number: str) -> str:
    """What the chairman typed: ``5`` → ``05/QĐ-UBND``; a full symbol (``302/QĐ-UBND``) stays as it is."""
    number = number.strip()
    if number.isdigit():
        return f"{int(number):02d}/QĐ-UBND"
    return number


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def plan_number(plan: InspectionPlan, issuing_body: str) -> IssuedNumber:
    """The number of an approved inspection plan, issued the first time it is printed or cited.

    Dated the day of approval, but no later than the first inspection day: a plan
    is signed before the inspection, even when its approval was entered afterwards.
    """
    return keep_number(
        f"inspection_plan:{plan.pk}",
        issuer_code=DISTRICT_ISSUER,
        issuer_label=issuing_body,
        type_code="KH",
        subject=plan.title,
        on=min(local_day(plan.approved_at), plan.start_date),
        body_code="UBND",
    )


def plan_reference(plans, authority: Authority) -> str:
    """``số 03/KH-UBND ngày 05/11/2018`` for each approved plan (cited by the minutes, proposal, decision)."""
    issuing = authority.recognising_body.upper()
    numbers = [
        plan_number(plan, issuing) for plan in plans if plan.state == PlanState.APPROVED and plan.approved_at
    ]
    return ", ".join(
        f"số {number.symbol} ngày {number.issued_on:%d/%m/%Y}"
        for number in sorted(numbers, key=lambda n: n.pk)
    )


@dataclass
class WardResult:
    ward: str
    total: str
    classification: str
    decision_number: str = ""
    decision_date: str = ""


def result_of(assessment: Assessment, strategy: PointsScoring | LevelScoring) -> WardResult:
    """The ward's result as the framework's ``strategy`` prints it (no points under levels)."""
    result = getattr(assessment, "result", None)
    if result is None:
        return WardResult(assessment.ward.name, "", "")
    band = result.classification
    return WardResult(
        assessment.ward.name, strategy.printed_total(result.total), band.label_vi if band else ""
    )


def framework_subject(framework: Framework) -> str:
    """What the framework's Circular rules, as a legal basis cites it: "quy định về <this>"."""
    return f"{framework.name[:1].lower()}{framework.name[1:]}"


def ward_level(district: District) -> str:
    return district.ward_level_name


# --- Step 3: receipt slip and return notice (per assessment) ----------------------------------------


def receipt_slip_context(kind, assessment: Assessment) -> dict:
    """Phiếu tiếp nhận: when and by whom the dossier was received, its documents, the plan's due date."""
    assessment = Assessment.objects.select_related("ward", "cycle__framework").get(pk=assessment.pk)
    change = latest_change(assessment, "receive_dossier")
    if change is None:
        raise DocumentNotAvailable("The dossier has not been received.")
    district = current_district()
    authority = cycle_authority(assessment.cycle, district)
    parent, issuing = authority.receiving_parent_body.upper(), authority.dossier_addressee.upper()
    received_at = timezone.localtime(change.at)
    year = assessment.cycle.year
    issued = number_for_document(
        assessment,
        f"{kind.key}:{change.pk}",
        issuer_code=DISTRICT_ISSUER,
        issuer_label=issuing,
        type_code=kind.type_code,
        subject=f"Tiếp nhận hồ sơ của {assessment.ward.name} năm {year}",
        on=received_at.date(),
    )
    documents = sorted(assessment.documents.all(), key=lambda d: DocumentKind.values.index(d.kind))
    actor = change.actor
    doc = DocumentFrame(
        title=f"{kind.title} – {assessment.ward.name} – {year}",
        parent_body=parent,
        issuing_body=issuing,
        number=issued.symbol,
        date_line=vn_date_line(district.place_name, received_at.date()),
        signatures=[
            Signature(("NGƯỜI NỘP HỒ SƠ",), "", note="(Ký, ghi rõ họ tên)"),
            Signature(("NGƯỜI TIẾP NHẬN",), actor.get_full_name(), note="(Ký, ghi rõ họ tên)"),
        ],
        date=received_at.date(),
    )
    return {
        "doc": doc,
        "assessment": assessment,
        "ward": assessment.ward,
        "district": district,
        "authority": authority,
        "ward_level": ward_level(district),
        "assessed_as": strategy_for(assessment.cycle.framework).assessed_as(ward_level(district)),
        "year": year,
        "received_at": f"{received_at:%H} giờ {received_at:%M} phút, {vn_date(received_at.date())}",
        "received_by": actor.get_full_name(),
        "received_by_position": actor.position,
        "due_date": change.due_date,
        "documents": [
            {
                "name": DOSSIER_DOCUMENT_NAMES[procedure_of(assessment)].get(document.kind, document.kind),
                "number": document.number,
                "issued_on": document.issued_on,
                "signer": document.signer,
            }
            for document in documents
        ],
        "evidence_count": assessment.evidence.count(),
        "filename": f"{kind.file_code}-{assessment.ward.code}-{year}",
    }


def return_notice_context(kind, assessment: Assessment) -> dict:
    """Thông báo trả hồ sơ: the items of the latest return, one line each, sent to the ward."""
    assessment = Assessment.objects.select_related("ward", "cycle__framework").get(pk=assessment.pk)
    change = latest_change(assessment, "return_dossier")
    if change is None:
        raise DocumentNotAvailable("The dossier has not been returned.")
    district = current_district()
    authority = cycle_authority(assessment.cycle, district)
    office = authority.reviewing_body
    returned_on = local_day(change.at)
    year = assessment.cycle.year
    lines = [item.text for item in change.return_items.all()] or change.reason.splitlines()
    items = [line.strip().rstrip(".;,").strip() for line in lines if line.strip()]  # the template punctuates
    submitted = (
        assessment.history.filter(transition="submit_dossier", at__lte=change.at).order_by("-pk").first()
    )
    issued = number_for_document(
        assessment,
        f"{kind.key}:{change.pk}",
        issuer_code=EDUCATION_ISSUER,
        issuer_label=office.upper(),
        type_code=kind.type_code,
        subject=f"Trả hồ sơ của {assessment.ward.name} năm {year} để bổ sung",
        on=returned_on,
        body_code=EDUCATION_BODY,
    )
    doc = DocumentFrame(
        title=f"{kind.title} – {assessment.ward.name} – {year}",
        parent_body=authority.recognising_body.upper(),
        issuing_body=office.upper(),
        number=issued.symbol,
        date_line=vn_date_line(district.place_name, returned_on),
        signatures=[education_head_signature(change.actor)],
        date=returned_on,
    )
    return {
        "doc": doc,
        "assessment": assessment,
        "ward": assessment.ward,
        "district": district,
        "authority": authority,
        "office": office,
        "ward_level": ward_level(district),
        "assessed_as": strategy_for(assessment.cycle.framework).assessed_as(ward_level(district)),
        "year": year,
        "submitted_on": local_day(submitted.at) if submitted else None,
        "items": items,
        "filename": f"{kind.file_code}-{assessment.ward.code}-{year}",
    }
