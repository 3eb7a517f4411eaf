"""The district's yearly report compiled from the wards' (the plan's "báo cáo kết quả … năm 2017").

For a year it gathers, in ward order, every report on that year and every plan
for the next that a ward has sent (submitted or acknowledged; a draft or a
returned text is not the ward's word yet) and names the wards still missing;
the learning centres' figures of the year, per centre and summed for the
district (``centers.summaries.district_centre_figures``); and the published results
of the year's assessment, counted per classification. Aggregates only: no
learner's or register person's name is read here.

The PDF goes through the shared document engine as a draft of the steering
committee (blank number and day, filled in when it is signed): the compilation
changes while wards are still sending, so no number is taken from the register.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import translation

from assessments.documents.district_side import draft_date_line, draft_number
from assessments.public import PublicResult, results_of_year
from centers.summaries import district_centre_figures
from engines.documents.render import DocumentFrame, Signature, render_pdf
from plans.models import WardReport, WardReportKind
from plans.ward_reports import SENT_STATES
from wards.models import District, Ward

STEERING_COMMITTEE = "Ban Chỉ đạo xây dựng xã hội học tập"
STEERING_BODY_CODE = "BCĐ"


@dataclass
class MissingWard:
    ward: Ward
    state_label: str  # "" when the ward has not started the document


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
    results: list[PublicResult] = field(default_factory=list)
    classifications: list[tuple[str, int]] = field(default_factory=list)

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
    _criteria, results = results_of_year(year)
    counts = Counter(result.classification for result in results)
    return DistrictReport(
        district=district,
        year=year,
        reports=reports,
        plans=plans,
        missing_reports=missing_reports,
        missing_plans=missing_plans,
        centers=centers,
        centers_total=centers_total,
        results=results,
        classifications=sorted(counts.items(), key=lambda item: -item[1]),
    )


def district_report_pdf(district: District, year: int) -> tuple[str, bytes]:
    """The compiled report as the steering committee's draft báo cáo, in Vietnamese: (file name, PDF)."""
    with translation.override("vi"):
        compiled = compile_district_report(district, year)
        frame = DocumentFrame(
            title=f"Báo cáo kết quả xây dựng xã hội học tập năm {year}",
            parent_body=district.authority_name.upper(),
            issuing_body=f"{STEERING_COMMITTEE} {district.level_name or ''}".strip().upper(),
            number=draft_number("BC", STEERING_BODY_CODE),
            date_line=draft_date_line(district.place_name or district.name, year + 1),
            signatures=[Signature(("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"), "")],
        )
        pdf = render_pdf("plans/documents/district_report.html", {"doc": frame, "report": compiled})
    return f"BC-XHHT-{year}.pdf", pdf
