"""The official documents the portal produces: one row per document kind.

Adding a document = a template in templates/documents/ (extending
``documents/base.html``) + a context function ``build(kind, obj) -> dict`` that
returns at least ``doc`` (an ``engines.documents.render.DocumentFrame``) and ``filename`` + one
``DocumentType`` row below. Views, the ZIP and the benchmark iterate
``DOCUMENT_TYPES``; ``render_document(key, obj)`` is the one entry point.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assessments.documents import (
    district_decisions,
    district_inspection,
    district_side,
    ward_levels,
    ward_side,
)
from assessments.models import Procedure
from assessments.procedures import procedure_of
from engines.documents.docx import html_to_docx
from engines.documents.render import render_html, render_pdf

VIEW_ASSESSMENT = "assessments.view_assessment"
VIEW_DISTRICT = "wards.view_district_overview"


@dataclass(frozen=True)
class DocumentType:
    key: str
    title: str  # Vietnamese name of the document, e.g. "Kế hoạch tự kiểm tra"
    type_code: str  # Decree 30 abbreviation in the number: KH, TTr, BC, BB, QĐ, TB
    template: str
    build_context: Callable[["DocumentType", Any], dict]
    permission: str = VIEW_ASSESSMENT  # checked with user.has_perm(permission, obj)
    subject: str = "assessment"  # what ``obj`` is: "assessment" documents are served per assessment
    # The procedures whose dossier has this document (``Framework.procedure``); empty: every procedure.
    procedures: frozenset[str] = frozenset()

    @property
    def file_code(self) -> str:
        """The type code in ASCII for file names (QĐ → QD)."""
        return self.type_code.replace("Đ", "D").replace("đ", "d")


PLAN_FIRST = frozenset({Procedure.PLAN_FIRST})
MEETING_REQUEST = frozenset({Procedure.MEETING_REQUEST})

DOCUMENT_TYPES: dict[str, DocumentType] = {
    kind.key: kind
    for kind in [
        # The ward's documents under Circular 44: plan, proposal, report, self-inspection minutes.
        DocumentType(
            "ward_plan",
            "Kế hoạch tự kiểm tra",
            "KH",
            "documents/ward_plan.html",
            ward_side.plan_context,
            procedures=PLAN_FIRST,
        ),
        DocumentType(
            "ward_proposal",
            "Tờ trình đề nghị kiểm tra",
            "TTr",
            "documents/ward_proposal.html",
            ward_side.proposal_context,
            procedures=PLAN_FIRST,
        ),
        DocumentType(
            "ward_report",
            "Báo cáo kết quả tự kiểm tra",
            "BC",
            "documents/ward_report.html",
            ward_side.report_context,
            procedures=PLAN_FIRST,
        ),
        DocumentType(
            "ward_minutes",
            "Biên bản tự kiểm tra",
            "BB",
            "documents/ward_minutes.html",
            ward_side.minutes_context,
            procedures=PLAN_FIRST,
        ),
        # Under Circular 25: the proposal asking for a level, the report, the summary table, the meeting.
        DocumentType(
            "ward_request",
            "Tờ trình đề nghị công nhận",
            "TTr",
            "documents/ward_request.html",
            ward_levels.request_context,
            procedures=MEETING_REQUEST,
        ),
        DocumentType(
            "ward_self_report",
            "Báo cáo tự đánh giá",
            "BC",
            "documents/ward_self_report.html",
            ward_levels.self_report_context,
            procedures=MEETING_REQUEST,
        ),
        DocumentType(
            "ward_summary",
            "Bảng tổng hợp kết quả tự đánh giá",
            "BTH",
            "documents/ward_summary.html",
            ward_levels.summary_context,
            procedures=MEETING_REQUEST,
        ),
        DocumentType(
            "ward_meeting",
            "Biên bản họp",
            "BB",
            "documents/ward_meeting.html",
            ward_levels.meeting_context,
            procedures=MEETING_REQUEST,
        ),
        # The district's documents. "district_assessment": served per assessment like the ward's,
        # but not part of the ward's own set (``document_types("assessment")``).
        DocumentType(
            "receipt_slip",
            "Phiếu tiếp nhận hồ sơ",
            district_side.RECEIPT_TYPE,
            "documents/receipt_slip.html",
            district_side.receipt_slip_context,
            subject="district_assessment",
        ),
        DocumentType(
            "return_notice",
            "Thông báo trả hồ sơ để bổ sung",
            "TB",
            "documents/return_notice.html",
            district_side.return_notice_context,
            subject="district_assessment",
        ),
        DocumentType(
            "inspection_plan",
            "Kế hoạch kiểm tra",
            "KH",
            "documents/inspection_plan.html",
            district_inspection.inspection_plan_context,
            permission="",  # who sees a plan: ``plans_for_user`` in queries.py
            subject="plan",
        ),
        DocumentType(
            "inspection_minutes",
            "Biên bản kiểm tra",
            "BB",
            "documents/inspection_minutes.html",
            district_inspection.inspection_minutes_context,
            subject="district_assessment",
        ),
        DocumentType(
            "recognition_proposal",
            "Tờ trình đề nghị công nhận",
            "TTr",
            "documents/recognition_proposal.html",
            district_decisions.recognition_proposal_context,
            permission=VIEW_DISTRICT,
            subject="decision",
        ),
        DocumentType(
            "decision",
            "Quyết định công nhận",
            "QĐ",
            "documents/decision.html",
            district_decisions.decision_context,
            permission=VIEW_DISTRICT,  # a released decision is public (views/documents.py)
            subject="decision",
        ),
        DocumentType(
            "public_notice",
            "Thông báo kết quả",
            "TB",
            "documents/public_notice.html",
            district_decisions.public_notice_context,
            permission="",  # public: published results only
            subject="year",
        ),
    ]
}

# Subjects whose ``obj`` is an assessment (served by the per-assessment views).
ASSESSMENT_SUBJECTS = frozenset({"assessment", "district_assessment"})

DocumentNotAvailable = ward_side.DocumentNotAvailable


def document_types(subject: str = "assessment") -> list[DocumentType]:
    """The kinds produced for one kind of object, in procedure order."""
    return [kind for kind in DOCUMENT_TYPES.values() if kind.subject == subject]


@dataclass
class BuiltDocument:
    """One document's context, built once, ready to be written as PDF or DOCX."""

    kind: DocumentType
    context: dict

    def pdf(self) -> bytes:
        return render_pdf(self.kind.template, self.context)

    def docx(self) -> bytes:
        return html_to_docx(render_html(self.kind.template, self.context))

    def filename(self, extension: str) -> str:
        return f"{self.context['filename']}.{extension}"


def build_document(key: str, obj) -> BuiltDocument:
    """Raises ``KeyError`` for an unknown key, ``DocumentNotAvailable`` when it cannot be produced yet."""
    kind = DOCUMENT_TYPES[key]
    if kind.procedures and procedure_of(obj) not in kind.procedures:
        raise DocumentNotAvailable(
            "This document is not part of the procedure of the assessment's framework."
        )
    return BuiltDocument(kind, kind.build_context(kind, obj))


def render_document(key: str, obj) -> bytes:
    """The PDF of document ``key`` for ``obj`` (issuing its number the first time)."""
    return build_document(key, obj).pdf()


def render_document_docx(key: str, obj) -> bytes:
    return build_document(key, obj).docx()
