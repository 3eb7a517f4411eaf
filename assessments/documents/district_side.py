"""Context builders for the district's documents (steps 3–5 and the published results).

Per assessment: the receipt slip, the return-for-supplement notice and the
inspection minutes; per inspection plan: the plan; per recognition decision:
Phòng GD&ĐT's proposal and the chairman's decision; per year: the public notice.
Each builder loads what it prints in a fixed number of queries, takes (or keeps)
the document's number from the register, and returns the template context. The
wording is in the templates (templates/documents/*.html).

Who issues what (Decree 30 header and number):
- the district People's Committee (``UBND-Q``, ``…/KH-UBND``): receipt slip,
  inspection plan, decision, public notice;
- Phòng GD&ĐT (``PGDDT``, ``…/TB-PGDĐT``, ``…/TTr-PGDĐT``): the return notice and
  the proposal, which it drafts for the chairman;
- the inspection team (``DKT-Q``, ``…/BB-ĐKT``): the inspection minutes.

A plan or decision that has not been approved is printed as a draft: blank
number and day, no signer, nothing taken from the register.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Prefetch
from django.utils import timezone, translation

from assessments.documents.ward_side import DocumentNotAvailable
from assessments.models import (
    Assessment,
    AssessmentState,
    Criterion,
    DecisionState,
    DocumentKind,
    InspectionPlan,
    InspectionResult,
    PlanState,
    RecognitionDecision,
    StateChange,
    TeamMember,
)
from assessments.public import results_of_year
from assessments.scoring import classify
from assessments.workflow import latest_change
from engines.documents.numbering import keep_number, kept_number, number_for_document
from engines.documents.render import (
    DocumentFrame,
    Signature,
    vn_date,
    vn_date_line,
    vn_number,
)
from engines.models import IssuedNumber
from wards.models import District, DistrictUnit, UnitKind

DISTRICT_ISSUER = "UBND-Q"
EDUCATION_ISSUER, EDUCATION_BODY = "PGDDT", "PGDĐT"
TEAM_ISSUER, TEAM_BODY = "DKT-Q", "ĐKT"
RECEIPT_TYPE = "PTN"  # phiếu tiếp nhận: not in Decree 30's list of abbreviations
EDUCATION_OFFICE_NAME = "Phòng Giáo dục và Đào tạo"
BLANK = "\u00a0" * 8  # room left on a draft for the number and the day, filled in by hand

# The dossier's signed documents as the receipt slip names them (official text, not UI labels).
DOSSIER_DOCUMENT_NAMES = {
    DocumentKind.PROPOSAL: "Tờ trình đề nghị kiểm tra, đánh giá, xếp loại",
    DocumentKind.REPORT: "Báo cáo kết quả tự kiểm tra, kèm theo minh chứng",
    DocumentKind.SELF_INSPECTION_MINUTES: "Biên bản tự kiểm tra",
}


# --- Shared pieces -----------------------------------------------------------------------------------


def current_district() -> District:
    district = District.current()
    if district is None:
        raise DocumentNotAvailable("The district has not been set up.")
    return district


def district_bodies(district: District) -> tuple[str, str]:
    """(parent body, issuing body): ``ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH`` above ``ỦY BAN NHÂN DÂN QUẬN 5``."""
    return district.parent_authority_name.upper(), district.authority_name.upper()


def education_office_name(district: District) -> str:
    unit = (
        DistrictUnit.objects.filter(district=district, kind=UnitKind.EDUCATION_OFFICE)
        .only("name")
        .order_by("pk")
        .first()
    )
    return unit.name if unit else EDUCATION_OFFICE_NAME


def chairman_signature(name: str, title: str) -> Signature:
    """For the People's Committee: the chairman signs as ``CHỦ TỊCH``, a vice-chairman ``KT. CHỦ TỊCH``."""
    if title.strip().lower().startswith("chủ tịch"):
        return Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), name)
    return Signature(("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), name)


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


def _local_day(moment: datetime.datetime) -> datetime.date:
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
        on=min(_local_day(plan.approved_at), plan.start_date),
        body_code="UBND",
    )


def _plan_reference(plans, district: District) -> str:
    """``số 03/KH-UBND ngày 05/11/2018`` for each approved plan (cited by the minutes, proposal, decision)."""
    issuing = district.authority_name.upper()
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


def _result_of(assessment: Assessment) -> WardResult:
    result = getattr(assessment, "result", None)
    if result is None:
        return WardResult(assessment.ward.name, "", "")
    band = result.classification
    return WardResult(assessment.ward.name, vn_number(result.total), band.label_vi if band else "")


def _ward_level(district: District) -> str:
    return district.ward_level_name


# --- Step 3: receipt slip and return notice (per assessment) ----------------------------------------


def receipt_slip_context(kind, assessment: Assessment) -> dict:
    """Phiếu tiếp nhận: when and by whom the dossier was received, its documents, the plan's due date."""
    assessment = Assessment.objects.select_related("ward", "cycle").get(pk=assessment.pk)
    change = latest_change(assessment, "receive_dossier")
    if change is None:
        raise DocumentNotAvailable("The dossier has not been received.")
    district = current_district()
    parent, issuing = district_bodies(district)
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
        "ward_level": _ward_level(district),
        "year": year,
        "received_at": f"{received_at:%H} giờ {received_at:%M} phút, {vn_date(received_at.date())}",
        "received_by": actor.get_full_name(),
        "received_by_position": actor.position,
        "due_date": change.due_date,
        "documents": [
            {
                "name": DOSSIER_DOCUMENT_NAMES.get(document.kind, document.kind),
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
    assessment = Assessment.objects.select_related("ward", "cycle").get(pk=assessment.pk)
    change = latest_change(assessment, "return_dossier")
    if change is None:
        raise DocumentNotAvailable("The dossier has not been returned.")
    district = current_district()
    office = education_office_name(district)
    returned_on = _local_day(change.at)
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
        parent_body=district.authority_name.upper(),
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
        "office": office,
        "ward_level": _ward_level(district),
        "year": year,
        "submitted_on": _local_day(submitted.at) if submitted else None,
        "items": items,
        "filename": f"{kind.file_code}-{assessment.ward.code}-{year}",
    }


# --- Step 3: the inspection plan (per plan) ---------------------------------------------------------


def load_plan(plan: InspectionPlan) -> InspectionPlan:
    """The plan with its wards and its team (users, units, criteria): four queries whatever its size."""
    return (
        InspectionPlan.objects.select_related("cycle__framework", "cycle__lead_body", "approved_by")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("ward").order_by("ward__sort_key"),
            ),
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related("user", "unit").prefetch_related(
                    Prefetch("criteria", queryset=Criterion.objects.order_by("number"))
                ),
            ),
        )
        .get(pk=plan.pk)
    )


def _member_rows(members) -> list[dict]:
    return [
        {
            "name": member.user.get_full_name(),
            "position": member.user.position,
            "unit": member.unit.name if member.unit else "",
            "role": "Trưởng đoàn" if member.is_lead else "Thành viên",
            "criteria": ", ".join(str(criterion.number) for criterion in member.criteria.all()),
            "is_lead": member.is_lead,
        }
        for member in members
    ]


def inspection_plan_context(kind, plan: InspectionPlan) -> dict:
    """Kế hoạch kiểm tra: purpose, days, wards, the team with units and criteria; signed once approved."""
    plan = load_plan(plan)
    district = current_district()
    parent, issuing = district_bodies(district)
    year = plan.cycle.year
    approved = plan.state == PlanState.APPROVED and plan.approved_at is not None
    if approved:
        issued = plan_number(plan, issuing)
        on = issued.issued_on
        approver = plan.approved_by
        number, date_line = issued.symbol, vn_date_line(district.place_name, on)
        signature = chairman_signature(approver.get_full_name(), approver.position)
    else:
        on = None
        number, date_line = draft_number(kind.type_code, "UBND"), draft_date_line(district.place_name, year)
        signature = Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "")
    members = list(plan.members.all())
    return {
        "doc": DocumentFrame(
            title=f"{kind.title} – {plan.title}",
            parent_body=parent,
            issuing_body=issuing,
            number=number,
            date_line=date_line,
            signatures=[signature],
            date=on,
        ),
        "plan": plan,
        "draft": not approved,
        "district": district,
        "office": education_office_name(district),
        "ward_level": _ward_level(district),
        "year": year,
        "framework": plan.cycle.framework,
        "lead_body": plan.cycle.lead_body,
        "wards": [assessment.ward.name for assessment in plan.assessments.all()],
        "members": _member_rows(members),
        "filename": f"{kind.file_code}-kiem-tra-{year}-{plan.pk}",
    }


# --- Step 4: the inspection minutes (per assessment) ------------------------------------------------


@dataclass
class MinutesRow:
    number: int
    title: str
    max_points: str
    self_points: str
    points: str
    difference: str


def _signed(value: Decimal) -> str:
    return f"+{vn_number(value)}" if value > 0 else vn_number(value)


def _minutes_secretary(members: list[TeamMember]) -> TeamMember | None:
    """The team has no secretary field: the first non-lead member from Phòng GD&ĐT, else the first non-lead."""
    others = [member for member in members if not member.is_lead]
    education = [m for m in others if m.unit and m.unit.kind == UnitKind.EDUCATION_OFFICE]
    return (education or others or [None])[0]


def inspection_minutes_context(kind, assessment: Assessment) -> dict:
    """Biên bản kiểm tra: when, where, who; the per-criterion table; total, grade; every member signs."""
    assessment = (
        Assessment.objects.select_related("ward", "cycle__framework")
        .prefetch_related("cycle__framework__criteria", "cycle__framework__bands", "self_scores")
        .prefetch_related("inspection_scores")
        .get(pk=assessment.pk)
    )
    scores = {score.criterion_id: score.points for score in assessment.inspection_scores.all()}
    result = InspectionResult.objects.select_related("classification").filter(assessment=assessment).first()
    if result is None and not scores:
        raise DocumentNotAvailable("The team has not scored this ward yet.")
    plan = (
        InspectionPlan.objects.filter(assessments=assessment, state=PlanState.APPROVED)
        .prefetch_related(
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related("user", "unit").prefetch_related(
                    Prefetch("criteria", queryset=Criterion.objects.order_by("number"))
                ),
            )
        )
        .order_by("-approved_at", "-pk")
        .first()
    )
    members = list(plan.members.all()) if plan else []
    district = current_district()
    framework = assessment.cycle.framework
    self_points = {score.criterion_id: score.points for score in assessment.self_scores.all()}
    rows, self_total, maximum = [], Decimal(0), Decimal(0)
    for criterion in sorted(framework.criteria.all(), key=lambda c: c.number):
        own, team = self_points.get(criterion.pk), scores.get(criterion.pk)
        self_total += own or 0
        maximum += criterion.max_points
        rows.append(
            MinutesRow(
                number=criterion.number,
                title=criterion.title_vi,
                max_points=vn_number(criterion.max_points),
                self_points=vn_number(own),
                points=vn_number(team),
                difference=_signed(team - own) if own is not None and team is not None else "",
            )
        )
    if result is not None:
        total, band = result.total, result.classification
        # Minutes are signed on site: a closing recorded after the last inspection day keeps that day.
        held_on = _local_day(result.closed_at)
        if plan is not None:
            held_on = min(held_on, plan.end_date)
    else:
        total = sum(scores.values(), Decimal(0))
        band = classify(framework, total)
        held_on = plan.end_date if plan else timezone.localdate()
    year = assessment.cycle.year
    issued = number_for_document(
        assessment,
        kind.key,
        issuer_code=TEAM_ISSUER,
        issuer_label="ĐOÀN KIỂM TRA",
        type_code=kind.type_code,
        body_code=TEAM_BODY,
        subject=f"Kiểm tra “Cộng đồng học tập” {assessment.ward.name} năm {year}",
        on=held_on,
    )
    lead = next((member for member in members if member.is_lead), None)
    secretary = _minutes_secretary(members)
    signatures = [
        Signature(("ĐẠI DIỆN ỦY BAN NHÂN DÂN", assessment.ward.name.upper()), assessment.ward.chairman_name)
    ]
    if lead is not None:
        signatures.append(Signature(("TRƯỞNG ĐOÀN KIỂM TRA",), lead.user.get_full_name()))
    if secretary is not None:
        signatures.append(Signature(("THƯ KÝ",), secretary.user.get_full_name()))
    signatures += [
        Signature(("THÀNH VIÊN ĐOÀN KIỂM TRA",), member.user.get_full_name())
        for member in members
        if member is not lead and member is not secretary
    ]
    return {
        "doc": DocumentFrame(
            title=f"{kind.title} – {assessment.ward.name} – {year}",
            parent_body=district.authority_name.upper(),
            issuing_body="ĐOÀN KIỂM TRA",
            number=issued.symbol,
            date_line=vn_date_line(district.place_name, issued.issued_on),
            signatures=signatures,
            date=issued.issued_on,
        ),
        "assessment": assessment,
        "ward": assessment.ward,
        "district": district,
        "ward_level": _ward_level(district),
        "year": year,
        "plan": plan,
        "plan_reference": _plan_reference([plan], district) if plan else "",
        "held_on": vn_date(issued.issued_on),
        "members": _member_rows(members),
        "lead": lead,
        "secretary": secretary,
        "rows": rows,
        "signature_rows": [signatures[i : i + 2] for i in range(0, len(signatures), 2)],  # two a row
        "self_total": vn_number(self_total),
        "total": vn_number(total),
        "max_total": vn_number(maximum),
        "difference": _signed(total - self_total),
        "classification": band.label_vi if band else "Chưa xếp loại",
        "closed": result is not None,
        "filename": f"{kind.file_code}-{assessment.ward.code}-{year}",
    }


# --- Step 5: the proposal and the decision (per decision) -------------------------------------------


def load_decision(decision: RecognitionDecision) -> RecognitionDecision:
    wards = Assessment.objects.select_related("ward", "result__classification").order_by("ward__sort_key")
    return (
        RecognitionDecision.objects.select_related("cycle__framework", "cycle__lead_body", "prepared_by")
        .prefetch_related(Prefetch("assessments", queryset=wards))
        .get(pk=decision.pk)
    )


def _decision_common(decision: RecognitionDecision) -> dict:
    district = current_district()
    office = education_office_name(district)
    assessments = list(decision.assessments.all())
    results = [_result_of(assessment) for assessment in assessments]
    counts: dict[str, int] = {}
    for result in results:
        counts[result.classification or "Chưa xếp loại"] = (
            counts.get(result.classification or "Chưa xếp loại", 0) + 1
        )
    plans = InspectionPlan.objects.filter(assessments__in=assessments, state=PlanState.APPROVED).distinct()
    return {
        "decision": decision,
        "district": district,
        "office": office,
        "office_head": f"Trưởng {office[:1].lower()}{office[1:]}",  # Trưởng phòng Giáo dục và Đào tạo
        "ward_level": _ward_level(district),
        "year": decision.cycle.year,
        "framework": decision.cycle.framework,
        "results": results,
        "ward_count": len(results),
        "counts": sorted(counts.items()),
        "plan_reference": _plan_reference(plans, district),
    }


def recognition_proposal_context(kind, decision: RecognitionDecision) -> dict:
    """Tờ trình of Phòng GD&ĐT: the wards inspected, their totals and grades, for the chairman to recognise."""
    decision = load_decision(decision)
    context = _decision_common(decision)
    district, office = context["district"], context["office"]
    on = _local_day(decision.created_at)
    if decision.issued_on:  # the proposal comes before the decision it proposes
        on = min(on, decision.issued_on)
    issued = keep_number(
        f"{kind.key}:{decision.pk}",
        issuer_code=EDUCATION_ISSUER,
        issuer_label=office.upper(),
        type_code=kind.type_code,
        subject=f"Đề nghị công nhận “Cộng đồng học tập” năm {decision.cycle.year}",
        on=on,
        body_code=EDUCATION_BODY,
    )
    context["doc"] = DocumentFrame(
        title=f"{kind.title} – {decision.cycle.year}",
        parent_body=district.authority_name.upper(),
        issuing_body=office.upper(),
        number=issued.symbol,
        date_line=vn_date_line(district.place_name, issued.issued_on),
        signatures=[education_head_signature(decision.prepared_by)],
        date=issued.issued_on,
    )
    context["filename"] = f"{kind.file_code}-cong-nhan-{decision.cycle.year}-{decision.pk}"
    return context


def decision_context(kind, decision: RecognitionDecision) -> dict:
    """Quyết định công nhận: the chairman's number and date, the legal bases, three articles and the list."""
    decision = load_decision(decision)
    context = _decision_common(decision)
    district = context["district"]
    parent, issuing = district_bodies(district)
    year = decision.cycle.year
    signed = decision.state in {DecisionState.APPROVED, DecisionState.RELEASED}
    proposal = kept_number(f"recognition_proposal:{decision.pk}")
    if signed:  # a signed decision always has its number: approval and import require one
        number = decision_symbol(decision.number)
        on = decision.issued_on or _local_day(decision.created_at)
        date_line = vn_date_line(district.place_name, on)
        signature = chairman_signature(decision.signer, decision.signer_title)
        appendix_reference = f"số {number} {vn_date(on)}"
    else:
        on = None
        number, date_line = draft_number(kind.type_code, "UBND"), draft_date_line(district.place_name, year)
        signature = Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "")
        appendix_reference = f"số{BLANK}/QĐ-UBND ngày{BLANK}tháng{BLANK}năm {year}"
    context["doc"] = DocumentFrame(
        title=f"{kind.title} – {year}",
        parent_body=parent,
        issuing_body=issuing,
        number=number,
        date_line=date_line,
        signatures=[signature],
        date=on,
    )
    context.update(
        draft=not signed,
        appendix_reference=appendix_reference,
        proposal_reference=f"số {proposal.symbol} ngày {proposal.issued_on:%d/%m/%Y}" if proposal else "",
        amended_law=on is not None and on >= datetime.date(2020, 7, 1),
        filename=f"{kind.file_code}-cong-nhan-{year}-{decision.pk}",
    )
    return context


# --- After step 5: the public notice (per year) -----------------------------------------------------


def public_notice_context(kind, year: int) -> dict:
    """Thông báo kết quả: every published ward of ``year`` with its total, grade and decision — nothing else."""
    with translation.override("vi"):  # grade labels in Vietnamese whatever the visitor's language
        _criteria, published = results_of_year(year)
    if not published:
        raise DocumentNotAvailable("Nothing has been published for this year.")
    district = current_district()
    parent, issuing = district_bodies(district)
    released = (
        RecognitionDecision.objects.filter(cycle__year=year, state=DecisionState.RELEASED)
        .only("pk", "signer", "signer_title")
        .order_by("-pk")
        .first()
    )
    last_published = StateChange.objects.filter(
        assessment__cycle__year=year, transition="publish", assessment__state=AssessmentState.PUBLISHED
    ).aggregate(at=Max("at"))["at"]
    on = _local_day(last_published) if last_published else timezone.localdate()
    issued = keep_number(
        f"{kind.key}:{year}:{released.pk if released else 0}",
        issuer_code=DISTRICT_ISSUER,
        issuer_label=issuing,
        type_code=kind.type_code,
        subject=f"Kết quả công nhận “Cộng đồng học tập” năm {year}",
        on=on,
        body_code="UBND",
    )
    signature = (
        chairman_signature(released.signer, released.signer_title)
        if released
        else Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "")
    )
    results = [
        WardResult(
            ward=row.ward_name,
            total=vn_number(row.total),
            classification=row.classification,
            decision_number=decision_symbol(row.decision_number) if row.decision_number else "",
            decision_date=f"{row.decision_date:%d/%m/%Y}" if row.decision_date else "",
        )
        for row in published
    ]
    return {
        "doc": DocumentFrame(
            title=f"{kind.title} – {year}",
            parent_body=parent,
            issuing_body=issuing,
            number=issued.symbol,
            date_line=vn_date_line(district.place_name, issued.issued_on),
            signatures=[signature],
            date=issued.issued_on,
        ),
        "district": district,
        "ward_level": _ward_level(district),
        "year": year,
        "results": results,
        "filename": f"{kind.file_code}-ket-qua-{year}",
    }
