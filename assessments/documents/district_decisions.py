"""The district's documents of step 5 and after: the proposal and the decision (per decision), the public notice (per year).

How numbers, drafts and issuers work: see ``assessments.documents.district_side``.
"""

import datetime

from django.db.models import Max, Prefetch
from django.utils import timezone, translation

from assessments.authority import cycle_authority
from assessments.documents.district_side import (
    BLANK,
    DISTRICT_ISSUER,
    EDUCATION_BODY,
    EDUCATION_ISSUER,
    WardResult,
    current_district,
    decision_symbol,
    draft_date_line,
    draft_number,
    draft_signature,
    education_head_signature,
    framework_subject,
    local_day,
    plan_reference,
    result_of,
    signature,
    ward_level,
)
from assessments.documents.ward_side import DocumentNotAvailable
from assessments.levels import valid_through
from assessments.models import (
    Assessment,
    AssessmentState,
    Cycle,
    DecisionState,
    Framework,
    InspectionPlan,
    PlanState,
    RecognitionDecision,
    StateChange,
)
from assessments.public import results_of_year
from assessments.strategies import LevelScoring, PointsScoring, strategy_for
from engines.documents.numbering import keep_number, kept_number
from engines.documents.render import (
    DocumentFrame,
    vn_date,
    vn_date_line,
)

# --- Step 5: the proposal and the decision (per decision) -------------------------------------------


def result_wording(strategy: PointsScoring | LevelScoring, framework: Framework, year: int, ward_level: str):
    """How the proposal, the decision and the notice speak of a year's results: the framework's words.

    ``recognised_as`` what the decision recognises, ``by_level`` (a level and no points column), the
    heading of the classification column, the subject of the framework as its legal basis names it, and how
    long the recognition holds (``validity_years`` years, through ``valid_through``) when it expires.
    """
    return {
        "framework": framework,
        "framework_subject": framework_subject(framework),
        "recognised_as": strategy.recognised_as(ward_level),
        "assessed_as": strategy.assessed_as(ward_level),
        "by_level": strategy.by_level,
        "classification_heading": strategy.classification_heading,
        "validity_years": f"{framework.validity_years:02d}" if framework.validity_years else "",
        "valid_through": valid_through(framework, year),
    }


def load_decision(decision: RecognitionDecision) -> RecognitionDecision:
    wards = Assessment.objects.select_related("ward", "result__classification").order_by("ward__sort_key")
    return (
        RecognitionDecision.objects.select_related("cycle__framework", "cycle__lead_body", "prepared_by")
        .prefetch_related(Prefetch("assessments", queryset=wards))
        .get(pk=decision.pk)
    )


def _decision_common(decision: RecognitionDecision) -> dict:
    district = current_district()
    authority = cycle_authority(decision.cycle, district)
    office = authority.reviewing_body
    assessments = list(decision.assessments.all())
    framework = decision.cycle.framework
    strategy = strategy_for(framework)
    results = [result_of(assessment, strategy) for assessment in assessments]
    counts: dict[str, int] = {}
    for result in results:
        label = result.classification or strategy.no_classification
        counts[label] = counts.get(label, 0) + 1
    plans = InspectionPlan.objects.filter(assessments__in=assessments, state=PlanState.APPROVED).distinct()
    return {
        **result_wording(strategy, framework, decision.cycle.year, ward_level(district)),
        "decision": decision,
        "district": district,
        "authority": authority,
        "office": office,
        "office_head": f"Trưởng {office[:1].lower()}{office[1:]}",  # Trưởng phòng Giáo dục và Đào tạo
        "ward_level": ward_level(district),
        "year": decision.cycle.year,
        "results": results,
        "ward_count": len(results),
        "counts": sorted(counts.items()),
        "plan_reference": plan_reference(plans, authority),
    }


def recognition_proposal_context(kind, decision: RecognitionDecision) -> dict:
    """Tờ trình of Phòng GD&ĐT: the wards inspected, their totals and grades, for the chairman to recognise."""
    decision = load_decision(decision)
    context = _decision_common(decision)
    district, office, authority = context["district"], context["office"], context["authority"]
    on = local_day(decision.created_at)
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
        parent_body=authority.recognising_body.upper(),
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
    district, authority = context["district"], context["authority"]
    parent, issuing = authority.recognising_parent_body.upper(), authority.recognising_body.upper()
    year = decision.cycle.year
    signed = decision.state in {DecisionState.APPROVED, DecisionState.RELEASED}
    proposal = kept_number(f"recognition_proposal:{decision.pk}")
    if signed:  # a signed decision always has its number: approval and import require one
        number = decision_symbol(decision.number)
        on = decision.issued_on or local_day(decision.created_at)
        date_line = vn_date_line(district.place_name, on)
        signed_by = signature(authority, decision.signer, decision.signer_title)
        appendix_reference = f"số {number} {vn_date(on)}"
    else:
        on = None
        number, date_line = draft_number(kind.type_code, "UBND"), draft_date_line(district.place_name, year)
        signed_by = draft_signature(authority)
        appendix_reference = f"số{BLANK}/QĐ-UBND ngày{BLANK}tháng{BLANK}năm {year}"
    context["doc"] = DocumentFrame(
        title=f"{kind.title} – {year}",
        parent_body=parent,
        issuing_body=issuing,
        number=number,
        date_line=date_line,
        signatures=[signed_by],
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
    cycle = Cycle.objects.select_related("framework").get(year=year)
    authority = cycle_authority(cycle, district)
    strategy = strategy_for(cycle.framework)
    parent, issuing = authority.recognising_parent_body.upper(), authority.recognising_body.upper()
    released = (
        RecognitionDecision.objects.filter(cycle__year=year, state=DecisionState.RELEASED)
        .only("pk", "signer", "signer_title")
        .order_by("-pk")
        .first()
    )
    last_published = StateChange.objects.filter(
        assessment__cycle__year=year, transition="publish", assessment__state=AssessmentState.PUBLISHED
    ).aggregate(at=Max("at"))["at"]
    on = local_day(last_published) if last_published else timezone.localdate()
    issued = keep_number(
        f"{kind.key}:{year}:{released.pk if released else 0}",
        issuer_code=DISTRICT_ISSUER,
        issuer_label=issuing,
        type_code=kind.type_code,
        subject=f"Kết quả công nhận “Cộng đồng học tập” năm {year}",
        on=on,
        body_code="UBND",
    )
    signed_by = (
        signature(authority, released.signer, released.signer_title)
        if released
        else draft_signature(authority)
    )
    results = [
        WardResult(
            ward=row.ward_name,
            total=strategy.printed_total(row.total),
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
            signatures=[signed_by],
            date=issued.issued_on,
        ),
        "district": district,
        "authority": authority,
        "ward_level": ward_level(district),
        "year": year,
        "results": results,
        **result_wording(strategy, cycle.framework, year, ward_level(district)),
        "filename": f"{kind.file_code}-ket-qua-{year}",
    }
