"""Context builders for the ward's documents under a level-based framework (Circular 25/2023).

The dossier asks for a level: the proposal (tờ trình đề nghị công nhận), the
self-assessment report with every indicator and its evidence, the summary table
of criteria and indicators, and the minutes of the meeting that agreed the
result and the level to ask for. The frame (header, number, date, signer) is the
same as the Circular 44 documents' (``ward_side.ward_frame``).
"""

from dataclasses import dataclass, field

from assessments.documents.ward_side import (
    DOSSIER_KIND,
    _common,
    _dossier_documents,
    _issued,
    _subject,
    load_assessment,
)
from assessments.indicators import claimed_level, indicator_statuses, self_level
from assessments.levels import NOT_RECOGNISED, classification_for_level
from assessments.models import Assessment
from engines.documents.render import Signature, vn_date, vn_int
from wards.models import CommitteeRole

MET, NOT_MET, SAME = "Đạt", "Chưa đạt", "Như mức độ 1"


@dataclass
class IndicatorRow:
    code: str
    title: str
    level_1: str
    level_2: str
    comment: str
    files: list[str] = field(default_factory=list)


@dataclass
class CriterionGroup:
    number: int
    title: str
    rows: list[IndicatorRow]


def _answer(value: bool | None) -> str:
    return "" if value is None else MET if value else NOT_MET


def indicator_groups(assessment: Assessment) -> tuple[list[CriterionGroup], int]:
    """The criteria with their indicators as the ward answered them; the level its findings reach."""
    statuses = indicator_statuses(assessment)
    groups: dict[int, CriterionGroup] = {}
    for status in statuses:
        indicator, finding = status.indicator, status.finding
        criterion = indicator.criterion
        group = groups.setdefault(criterion.number, CriterionGroup(criterion.number, criterion.title_vi, []))
        meets_1 = finding.meets_level_1 if finding else None
        if not indicator.has_higher_level_2_target:
            level_2 = SAME
        elif meets_1 is False:
            level_2 = NOT_MET  # level 2 needs level 1
        else:
            level_2 = _answer(finding.meets_level_2 if finding else None)
        group.rows.append(
            IndicatorRow(
                code=indicator.code,
                title=indicator.title_vi,
                level_1=_answer(meets_1),
                level_2=level_2,
                comment=finding.comment if finding else "",
                files=sorted(item.original_name for item in status.evidence),
            )
        )
    return [groups[number] for number in sorted(groups)], self_level(statuses)


def level_label(assessment: Assessment, level: int | None) -> str:
    """``Mức độ 2 (Tốt)``; the framework's "not recognised" wording below level 1."""
    if not level or level == NOT_RECOGNISED:
        return "Chưa đạt mức độ 1"
    band = classification_for_level(assessment.cycle.framework, level)
    return band.label_vi if band else f"Mức độ {level}"


def _levels_common(kind, assessment: Assessment) -> dict:
    assessment = load_assessment(assessment)
    groups, reached = indicator_groups(assessment)
    return {
        **_common(kind, assessment, _subject(kind, assessment)),
        "groups": groups,
        "criteria_count": len(groups),
        "indicator_count": sum(len(group.rows) for group in groups),
        "self_level": level_label(assessment, reached),
        "claimed_level": level_label(assessment, claimed_level(indicator_statuses(assessment))),
        "requested_level": level_label(assessment, assessment.requested_level)
        if assessment.requested_level
        else "",
        "evidence_count": sum(len(row.files) for group in groups for row in group.rows),
    }


def _reference(assessment: Assessment, key: str) -> str:
    """``số 02/BC-UBND ngày 20/01/2025``: a dossier document by the number the ward entered or was given."""
    issued = _issued(assessment)
    document = _dossier_documents(assessment).get(DOSSIER_KIND.get(key))
    number = (document.number if document else "") or (issued[key].symbol if key in issued else "")
    on = (document.issued_on if document else None) or (issued[key].issued_on if key in issued else None)
    parts = [f"số {number}" if number else "", f"ngày {on:%d/%m/%Y}" if on else ""]
    return " ".join(part for part in parts if part)


def request_context(kind, assessment: Assessment) -> dict:
    """Tờ trình: the ward asks the reviewing body to assess and recognise it at the level the meeting agreed."""
    context = _levels_common(kind, assessment)
    loaded = context["assessment"]
    return {
        **context,
        "report_reference": _reference(loaded, "ward_self_report"),
        "summary_reference": _reference(loaded, "ward_summary"),
        "meeting_reference": _reference(loaded, "ward_meeting"),
    }


def self_report_context(kind, assessment: Assessment) -> dict:
    """Báo cáo tự đánh giá: every indicator at levels 1 and 2 with the ward's comment and evidence."""
    context = _levels_common(kind, assessment)
    ward = context["ward"]
    return {**context, "population": vn_int(ward.population), "households": vn_int(ward.households)}


def summary_context(kind, assessment: Assessment) -> dict:
    """Bảng tổng hợp: the criteria and indicators met or not at each level, and the level reached."""
    return _levels_common(kind, assessment)


def meeting_context(kind, assessment: Assessment) -> dict:
    """Biên bản họp: the meeting chaired by the ward chairman agrees the result and the level to ask for."""
    context = _levels_common(kind, assessment)
    ward = context["ward"]
    secretary = next(
        (m for m in ward.steering_members.all() if m.committee_role == CommitteeRole.SECRETARY), None
    )
    context["doc"].signatures = [
        Signature(("THƯ KÝ",), secretary.full_name if secretary else ""),
        Signature(("CHỦ TRÌ",), ward.chairman_name),
    ]
    return {
        **context,
        "held_on": vn_date(context["doc"].date),
        "chairman": ward.chairman_name,
        "secretary": secretary,
        "members": [m for m in ward.steering_members.all() if m is not secretary],
    }
