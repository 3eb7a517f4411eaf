"""Context builders for the ward's four documents: plan, proposal, report and self-inspection minutes.

Each builder takes the registry entry and an assessment, loads everything it
prints in a fixed number of queries, gets (or keeps) the document's number from
the register, and returns the template context. The wording is in the
templates (templates/documents/ward_*.html).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone

from assessments.authority import dossier_addressee
from assessments.models import Assessment, DocumentKind, EvidenceFile
from assessments.strategies import strategy_for
from engines.documents.numbering import number_for_document, numbers_of
from engines.documents.render import DocumentFrame, Signature, vn_date, vn_date_line, vn_int, vn_number
from wards.models import CommitteeRole


class DocumentNotAvailable(Exception):
    """The document cannot be produced yet (e.g. the plan has not been written)."""


@dataclass
class CriterionRow:
    number: int
    title: str
    max_points: str
    points: str
    comment: str
    files: list[str] = field(default_factory=list)


# Which signed dossier document each generated document is (its date comes from there when known).
DOSSIER_KIND = {
    "ward_proposal": DocumentKind.PROPOSAL,
    "ward_report": DocumentKind.REPORT,
    "ward_minutes": DocumentKind.SELF_INSPECTION_MINUTES,
    # Circular 25/2023 (assessments.documents.ward_levels)
    "ward_request": DocumentKind.PROPOSAL,
    "ward_self_report": DocumentKind.REPORT,
    "ward_summary": DocumentKind.SUMMARY_TABLE,
    "ward_meeting": DocumentKind.MEETING_MINUTES,
}


def load_assessment(assessment: Assessment) -> Assessment:
    """The assessment with everything a ward document prints, in 8 queries whatever its size.

    Queries: the assessment with ward, district, cycle, framework and plan; criteria;
    grades; self-scores; evidence names; dossier documents; issued numbers; the
    ward's steering committee. The register adds its own when a number is new.
    """
    loaded = (
        Assessment.objects.select_related("ward__district", "cycle__framework", "plan")
        .prefetch_related(
            "cycle__framework__criteria",
            "cycle__framework__bands",
            "self_scores",
            Prefetch(
                "evidence",
                queryset=EvidenceFile.objects.only("pk", "assessment_id", "criterion_id", "original_name"),
            ),
            "documents",
            "ward__steering_members",
        )
        .get(pk=assessment.pk)
    )
    # The register names its owners by key, not by a relation: read the numbers once here.
    loaded.issued_numbers = numbers_of(loaded)
    return loaded


def _plan(assessment: Assessment):
    try:
        return assessment.plan
    except ObjectDoesNotExist:
        return None


def ward_issuing_body(assessment: Assessment) -> tuple[str, str]:
    """(parent body, issuing body): ``ỦY BAN NHÂN DÂN QUẬN 5`` above ``ỦY BAN NHÂN DÂN PHƯỜNG 1``."""
    district = assessment.ward.district
    parent = (district.authority_name or f"Ủy ban nhân dân {district.name}").upper()
    return parent, f"ỦY BAN NHÂN DÂN {assessment.ward.name.upper()}"


def _dossier_documents(assessment: Assessment) -> dict:
    return {document.kind: document for document in assessment.documents.all()}


def _issued(assessment: Assessment) -> dict:
    """The numbers the register gave the assessment's documents, by key (read by ``load_assessment``)."""
    return assessment.issued_numbers


def ward_frame(kind, assessment: Assessment, subject: str) -> DocumentFrame:
    """Header, number and date line of a ward document, the chairman signing for the People's Committee.

    The date is the one the ward entered (the plan's, or the signed dossier
    document's), otherwise the day the number was issued (today, the first
    time). A plan the ward numbered itself prints that number, as the tờ trình
    cites it, and takes none from the register.
    """
    parent, issuing_body = ward_issuing_body(assessment)
    dossier_document = _dossier_documents(assessment).get(DOSSIER_KIND.get(kind.key))
    plan = _plan(assessment) if kind.key == "ward_plan" else None
    known_date = plan.issued_on if plan else dossier_document.issued_on if dossier_document else None
    if plan and plan.number:
        number, on = plan.number, known_date or timezone.localdate()
    else:
        issued = _issued(assessment).get(kind.key) or number_for_document(
            assessment,
            kind.key,
            issuer_code=assessment.ward.code,
            issuer_label=issuing_body,
            type_code=kind.type_code,
            subject=subject,
            on=known_date or timezone.localdate(),
        )
        number, on = issued.symbol, known_date or issued.issued_on
    return DocumentFrame(
        title=f"{kind.title} – {assessment.ward.name} – {assessment.cycle.year}",
        parent_body=parent,
        issuing_body=issuing_body,
        number=number,
        date_line=vn_date_line(assessment.ward.name, on),
        signatures=[Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), assessment.ward.chairman_name)],
        date=on,
    )


def criterion_rows(assessment: Assessment) -> tuple[list[CriterionRow], Decimal, Decimal, str]:
    """The criteria with self-scores, comments and evidence names; the total, the maximum and the grade."""
    framework = assessment.cycle.framework
    scores = {score.criterion_id: score for score in assessment.self_scores.all()}
    files: dict[int, list[str]] = {}
    for evidence in assessment.evidence.all():
        files.setdefault(evidence.criterion_id, []).append(evidence.original_name)
    rows, total, maximum = [], Decimal(0), Decimal(0)
    for criterion in sorted(framework.criteria.all(), key=lambda c: c.number):
        score = scores.get(criterion.pk)
        points = score.points if score else None
        total += points or 0
        maximum += criterion.max_points
        rows.append(
            CriterionRow(
                number=criterion.number,
                title=criterion.title_vi,
                max_points=vn_number(criterion.max_points),
                points=vn_number(points),
                comment=score.comment if score else "",
                files=sorted(files.get(criterion.pk, [])),
            )
        )
    band = strategy_for(framework).self_classification(assessment, total)
    return rows, total, maximum, band.label_vi if band else ""


def _common(kind, assessment: Assessment, subject: str) -> dict:
    district = assessment.ward.district
    return {
        "doc": ward_frame(kind, assessment, subject),
        "assessment": assessment,
        "ward": assessment.ward,
        "district": district,
        "addressee": dossier_addressee(assessment.cycle, district),  # the dossier's reviewing body
        "ward_level": district.ward_level_name,
        "cycle": assessment.cycle,
        "year": assessment.cycle.year,
        "framework": assessment.cycle.framework,
        "plan": _plan(assessment),
        "filename": f"{kind.file_code}-{assessment.ward.code}-{assessment.cycle.year}",
    }


def _subject(kind, assessment: Assessment) -> str:
    return f"{kind.title} năm {assessment.cycle.year}"


def plan_context(kind, assessment: Assessment) -> dict:
    """Kế hoạch tự kiểm tra: the ward plan's team, schedule and content."""
    assessment = load_assessment(assessment)
    if _plan(assessment) is None:
        raise DocumentNotAvailable("The ward has not written its self-inspection plan.")
    rows, _total, maximum, _grade = criterion_rows(assessment)
    return {
        **_common(kind, assessment, _subject(kind, assessment)),
        "criteria_count": len(rows),
        "max_total": vn_number(maximum),
    }


def plan_reference(plan) -> str:
    """``số 12/KH-UBND ngày 25/09/2018``: the plan by its own number and date (empty without a plan)."""
    if plan is None:
        return ""
    parts = [
        f"số {plan.number}" if plan.number else "",
        f"ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else "",
    ]
    return " ".join(part for part in parts if part)


def proposal_context(kind, assessment: Assessment) -> dict:
    """Tờ trình: the ward asks the district to inspect and classify, listing the dossier's documents."""
    assessment = load_assessment(assessment)
    rows, total, maximum, grade = criterion_rows(assessment)
    issued = _issued(assessment)
    dossier = _dossier_documents(assessment)

    def reference(key: str) -> str:
        """``số 02/BC-UBND ngày 20/10/2018``, or what the ward entered, or nothing yet."""
        number = issued[key].symbol if key in issued else ""
        document = dossier.get(DOSSIER_KIND.get(key))
        number = number or (document.number if document else "")
        on = document.issued_on if document and document.issued_on else None
        on = on or (issued[key].issued_on if key in issued else None)
        parts = [f"số {number}" if number else "", f"ngày {on:%d/%m/%Y}" if on else ""]
        return " ".join(part for part in parts if part)

    return {
        **_common(kind, assessment, _subject(kind, assessment)),
        "criteria_count": len(rows),
        "total": vn_number(total),
        "max_total": vn_number(maximum),
        "classification": grade,
        "evidence_count": len(assessment.evidence.all()),
        "plan_reference": plan_reference(_plan(assessment)),
        "report_reference": reference("ward_report"),
        "minutes_reference": reference("ward_minutes"),
    }


def report_context(kind, assessment: Assessment) -> dict:
    """Báo cáo: every criterion with its maximum, self-score, comment and evidence file names."""
    assessment = load_assessment(assessment)
    rows, total, maximum, grade = criterion_rows(assessment)
    ward = assessment.ward
    return {
        **_common(kind, assessment, _subject(kind, assessment)),
        "rows": rows,
        "total": vn_number(total),
        "max_total": vn_number(maximum),
        "classification": grade,
        "population": vn_int(ward.population),
        "households": vn_int(ward.households),
        "evidence_count": len(assessment.evidence.all()),
    }


def minutes_context(kind, assessment: Assessment) -> dict:
    """Biên bản tự kiểm tra: when and where, who, the criteria table with self-scores, total and grade."""
    assessment = load_assessment(assessment)
    rows, total, maximum, grade = criterion_rows(assessment)
    context = _common(kind, assessment, _subject(kind, assessment))
    secretary = next(
        (m for m in assessment.ward.steering_members.all() if m.committee_role == CommitteeRole.SECRETARY),
        None,
    )
    chairman = assessment.ward.chairman_name
    context["doc"].signatures = [
        Signature(("THƯ KÝ",), secretary.full_name if secretary else ""),
        Signature(("CHỦ TRÌ",), chairman),
    ]
    return {
        **context,
        "rows": rows,
        "total": vn_number(total),
        "max_total": vn_number(maximum),
        "classification": grade,
        "held_on": vn_date(context["doc"].date),
        "chairman": chairman,
        "secretary": secretary,
    }
