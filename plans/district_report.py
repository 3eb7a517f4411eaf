"""The district's yearly report compiled from the wards' (the plan's "báo cáo kết quả … năm 2017").

For a year it gathers, in ward order, every report on that year and every plan
for the next that a ward has sent (submitted or acknowledged; a draft or a
returned text is not the ward's word yet) and names the wards still missing;
the learning centres' figures of the year, per centre and summed for the
district (``centers.summaries.district_centre_figures``); and every assessed
ward's total and classification once recognised. Aggregates only: no learner's
or register person's name is read here.

The same compilation, with the figures of the steering committee's dashboard
(``plans.dashboard.overview``: classification beside last year, the plan's
progress per unit, the centres' sessions per month, literacy and learning
models) and their charts, is the annual report the district sends to the city:
one template through the shared document engine, as PDF or DOCX. It is a draft
of the steering committee (blank number and day, filled in when it is signed):
the compilation changes while wards are still sending, so no number is taken
from the register.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import translation

from assessments.documents.district_side import draft_date_line, draft_number
from assessments.documents.registry import BuiltDocument, DocumentType
from assessments.models import Assessment, AssessmentState
from centers.summaries import district_centre_figures
from engines.documents.render import DocumentFrame, Signature, vn_number
from plans.dashboard.overview import district_overview
from plans.models import WardReport, WardReportKind
from plans.ward_reports import SENT_STATES
from wards.models import District, Ward

STEERING_COMMITTEE = "Ban Chỉ đạo xây dựng xã hội học tập"
STEERING_BODY_CODE = "BCĐ"
# A ward's total and classification are the district's word once the recognition decision is approved.
RESULT_STATES = (AssessmentState.RECOGNISED, AssessmentState.PUBLISHED)
FORMATS = ("pdf", "docx")


@dataclass
class MissingWard:
    ward: Ward
    state_label: str  # "" when the ward has not started the document


@dataclass(frozen=True)
class WardResult:
    """An assessed ward's result of the year; ``total`` is ``None`` until it is recognised."""

    ward_name: str
    total: Decimal | None
    classification: str

    @property
    def total_text(self) -> str:
        """``87,5``: the decimal comma of Vietnamese documents."""
        return vn_number(self.total)


@dataclass
class DistrictReport:
    district: District
    year: int
    reports: list[WardReport]  # sent reports on ``year``, in ward order
    plans: list[WardReport]  # sent plans for ``year + 1``, in ward order
    missing_reports: list[MissingWard]
    missing_plans: list[MissingWard]
    centers: list  # centers.figures.ComparisonRow per open centre
    centers_total: object  # centers.figures.Figures summed for the district
    ward_results: list[WardResult]

    @property
    def recognised(self) -> list[WardResult]:
        return [result for result in self.ward_results if result.total is not None]

    @property
    def classifications(self) -> list[tuple[str, int]]:
        """(label, wards) of the recognised results, the most frequent first."""
        counts = Counter(result.classification for result in self.recognised)
        return sorted(counts.items(), key=lambda item: -item[1])

    @property
    def ward_count(self) -> int:
        return len(self.reports) + len(self.missing_reports)

    @property
    def next_year(self) -> int:
        return self.year + 1


def _split(wards: list[Ward], documents: dict[int, WardReport]) -> tuple[list[WardReport], list[MissingWard]]:
    sent, missing = [], []
    for ward in wards:
        document = documents.get(ward.pk)
        if document is not None and document.state in SENT_STATES:
            document.ward = ward
            sent.append(document)
        else:
            missing.append(MissingWard(ward, document.get_state_display() if document else ""))
    return sent, missing


def ward_results(district: District, year: int) -> list[WardResult]:
    """Every ward of ``district`` assessed in ``year``, in ward order, with its recognised result (one query).

    Imported results of past years count like the others (they are published).
    """
    assessments = (
        Assessment.objects.filter(cycle__year=year, ward__district=district)
        .select_related("ward", "result__classification")
        .only("state", "ward__name", "result__total", "result__classification")
        .order_by("ward__sort_key")
    )
    results = []
    for assessment in assessments:
        result = getattr(assessment, "result", None)
        if assessment.state in RESULT_STATES and result is not None:
            label = result.classification.label if result.classification else ""
            results.append(WardResult(assessment.ward.name, result.total, label))
        else:
            results.append(WardResult(assessment.ward.name, None, ""))
    return results


def compile_district_report(district: District, year: int) -> DistrictReport:
    """The district's report on ``year`` from its wards' sent reports and plans, the centres and the results.

    A fixed number of queries: wards, documents, the four of the comparison, the results.
    """
    wards = list(Ward.objects.filter(district=district).order_by("sort_key"))
    documents = WardReport.objects.filter(ward__district=district).filter(
        Q(kind=WardReportKind.REPORT, year=year) | Q(kind=WardReportKind.PLAN, year=year + 1)
    )
    by_kind: dict[str, dict[int, WardReport]] = {WardReportKind.REPORT: {}, WardReportKind.PLAN: {}}
    for document in documents:
        by_kind[document.kind][document.ward_id] = document
    reports, missing_reports = _split(wards, by_kind[WardReportKind.REPORT])
    plans, missing_plans = _split(wards, by_kind[WardReportKind.PLAN])
    centers, centers_total = district_centre_figures(year)
    return DistrictReport(
        district=district,
        year=year,
        reports=reports,
        plans=plans,
        missing_reports=missing_reports,
        missing_plans=missing_plans,
        centers=centers,
        centers_total=centers_total,
        ward_results=ward_results(district, year),
    )


def annual_report_context(kind: DocumentType, subject: tuple[District, int, datetime.date]) -> dict:
    """The compilation and the dashboard's figures of the year (as on ``today``: what is overdue)."""
    district, year, today = subject
    return {
        "doc": DocumentFrame(
            title=f"{kind.title} năm {year}",
            parent_body=district.authority_name.upper(),
            issuing_body=f"{STEERING_COMMITTEE} {district.level_name or ''}".strip().upper(),
            number=draft_number(kind.type_code, STEERING_BODY_CODE),
            date_line=draft_date_line(district.place_name or district.name, year + 1),
            signatures=[Signature(("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"), "")],
        ),
        "report": compile_district_report(district, year),
        "o": district_overview(year, today),
        "filename": f"BC-XHHT-{year}",
    }


ANNUAL_REPORT = DocumentType(
    "district_report",
    "Báo cáo kết quả xây dựng xã hội học tập",
    "BC",
    "plans/documents/district_report.html",
    annual_report_context,
    "plans.compile_district_report",
    "district_year",
)


def district_report_file(district: District, year: int, fmt: str, today: datetime.date) -> tuple[str, bytes]:
    """The annual report in Vietnamese as ``fmt`` ("pdf" or "docx"): (file name, content)."""
    with translation.override("vi"):
        document = BuiltDocument(ANNUAL_REPORT, annual_report_context(ANNUAL_REPORT, (district, year, today)))
        content = document.pdf() if fmt == "pdf" else document.docx()
    return document.filename(fmt), content
