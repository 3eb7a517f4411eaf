"""The district's documents of steps 3–4: the inspection plan (per plan) and the inspection minutes (per ward).

How numbers, drafts and issuers work: see ``assessments.documents.district_side``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from assessments.authority import cycle_authority
from assessments.documents.district_side import (
    TEAM_BODY,
    TEAM_ISSUER,
    current_district,
    draft_date_line,
    draft_number,
    draft_signature,
    framework_subject,
    local_day,
    plan_number,
    plan_reference,
    signature,
    ward_level,
)
from assessments.documents.ward_side import DocumentNotAvailable
from assessments.indicators import indicator_statuses, level_comparisons
from assessments.models import (
    Assessment,
    Criterion,
    InspectionPlan,
    InspectionResult,
    PlanState,
    TeamMember,
)
from assessments.strategies import strategy_for
from engines.documents.numbering import number_for_document
from engines.documents.render import (
    DocumentFrame,
    Signature,
    vn_date,
    vn_date_line,
    vn_number,
)
from wards.models import UnitKind

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
    authority = cycle_authority(plan.cycle, district)
    parent, issuing = authority.recognising_parent_body.upper(), authority.recognising_body.upper()
    year = plan.cycle.year
    approved = plan.state == PlanState.APPROVED and plan.approved_at is not None
    if approved:
        issued = plan_number(plan, issuing)
        on = issued.issued_on
        approver = plan.approved_by
        number, date_line = issued.symbol, vn_date_line(district.place_name, on)
        signed_by = signature(authority, approver.get_full_name(), approver.position)
    else:
        on = None
        number, date_line = draft_number(kind.type_code, "UBND"), draft_date_line(district.place_name, year)
        signed_by = draft_signature(authority)
    members = list(plan.members.all())
    return {
        "doc": DocumentFrame(
            title=f"{kind.title} – {plan.title}",
            parent_body=parent,
            issuing_body=issuing,
            number=number,
            date_line=date_line,
            signatures=[signed_by],
            date=on,
        ),
        "plan": plan,
        "draft": not approved,
        "district": district,
        "authority": authority,
        "office": authority.reviewing_body,
        "ward_level": ward_level(district),
        "year": year,
        "framework": plan.cycle.framework,
        "framework_subject": framework_subject(plan.cycle.framework),
        "assessed_as": strategy_for(plan.cycle.framework).assessed_as(ward_level(district)),
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


@dataclass
class LevelRow:
    """One indicator of the minutes under levels: the level the ward's finding comes to, and the team's."""

    code: str
    title: str
    self_level: str
    team_level: str


def _level_label(level: int | None) -> str:
    if level is None:
        return ""
    return f"Mức độ {level}" if level else "Chưa đạt"


def _level_rows(assessment: Assessment) -> list[LevelRow]:
    return [
        LevelRow(
            code=row.status.indicator.code,
            title=row.status.indicator.title_vi,
            self_level=_level_label(row.self_level),
            team_level=_level_label(row.team_level),
        )
        for row in level_comparisons(indicator_statuses(assessment, with_inspection=True))
    ]


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
    strategy = strategy_for(assessment.cycle.framework)
    level_rows = _level_rows(assessment) if strategy.by_level else []
    if result is None and not scores and not any(row.team_level for row in level_rows):
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
    authority = cycle_authority(assessment.cycle, district)
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
        held_on = local_day(result.closed_at)
        if plan is not None:
            held_on = min(held_on, plan.end_date)
    else:
        total = sum(scores.values(), Decimal(0))
        band = strategy_for(framework).result(assessment).classification
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
            parent_body=authority.recognising_body.upper(),
            issuing_body="ĐOÀN KIỂM TRA",
            number=issued.symbol,
            date_line=vn_date_line(district.place_name, issued.issued_on),
            signatures=signatures,
            date=issued.issued_on,
        ),
        "assessment": assessment,
        "ward": assessment.ward,
        "district": district,
        "authority": authority,
        "ward_level": ward_level(district),
        "assessed_as": strategy_for(framework).assessed_as(ward_level(district)),
        "year": year,
        "plan": plan,
        "plan_reference": plan_reference([plan], authority) if plan else "",
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
        "classification": band.label_vi if band else strategy.no_classification,
        "by_level": strategy.by_level,
        "level_rows": level_rows,
        "closed": result is not None,
        "filename": f"{kind.file_code}-{assessment.ward.code}-{year}",
    }
