"""What the centres' records say about a ward's year, for the floors above (assessments, plans).

Aggregates only: the personal data (learners, the register) never leaves
``centers``. A criterion of an assessment framework names the ``Topic`` its
evidence comes from (data the administrator sets on the criterion), and the
self-assessment page shows the topic's summary for the ward and year.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone, translation
from django.utils.translation import gettext

from centers.figures import ComparisonRow, Figures, center_figures, district_comparison
from centers.learning import learning_model_rates
from centers.literacy import current_standards, literacy_by_ward, literacy_status
from centers.models import ActivityGroup, Center, LearningModelKind, LearningModelRecord, MemberRole, Session
from centers.percentages import percent
from centers.rating import rating_of
from centers.topics import Topic
from engines.documents.numbering import PEOPLES_COMMITTEE, number_for_document
from engines.documents.render import DocumentFrame, Signature, render_pdf, vn_date_line, vn_int, vn_number
from wards.models import Ward


@dataclass(frozen=True)
class SummaryLine:
    label: str
    value: str


@dataclass(frozen=True)
class TopicSummary:
    """A topic's figures for one ward and year, as lines of text for a page and the evidence PDF."""

    topic: Topic
    ward: Ward
    year: int
    center: Center | None
    lines: list[SummaryLine]
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.topic.label


def center_of_ward_in_year(ward: Ward, year: int) -> Center | None:
    """The centre that served ``ward`` in ``year``: open at the end of it, or closed during it (a merger)."""
    return (
        Center.objects.filter(ward=ward)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__year__gte=year))
        .order_by(F("closed_on").desc(nulls_first=True))
        .first()
    )


def _count(value: int) -> str:
    return vn_int(value)


def _share(part: int | None, whole: int | None, rate: Decimal | None) -> str:
    if rate is None:
        return gettext("not recorded")
    return f"{vn_int(part)}/{vn_int(whole)} ({vn_number(rate)} %)"


def _verdict(meets: bool | None) -> str:
    if meets is None:
        return ""
    return gettext("meets") if meets else gettext("does not meet")


def _network(ward: Ward, year: int, center: Center | None) -> tuple[list[SummaryLine], list[str]]:
    if center is None:
        return [SummaryLine(gettext("Learning centre"), gettext("none recorded"))], []
    figures = center_figures(center, year).total
    rating = rating_of(center, year)
    lines = [
        SummaryLine(gettext("Learning centre"), center.name),
        SummaryLine(
            gettext("Established"),
            f"{center.established_on:%d/%m/%Y}" if center.established_on else gettext("not recorded"),
        ),
        SummaryLine(gettext("Board, staff and instructors"), _count(center.members.count())),
        SummaryLine(gettext("Partner organisations"), _count(center.partners.count())),
        SummaryLine(gettext("Activities in the year"), _count(figures.activities)),
        SummaryLine(gettext("Sessions in the year"), _count(figures.sessions)),
        SummaryLine(
            gettext("Year-end rating"),
            f"{rating.result} ({vn_number(rating.total)})" if rating else gettext("not yet approved"),
        ),
    ]
    return lines, []


def _literacy(ward: Ward, year: int, center: Center | None) -> tuple[list[SummaryLine], list[str]]:
    status = literacy_status(ward, year)
    lines = [
        SummaryLine(
            f"{row.standard.name} ({row.standard.min_age}–{row.standard.max_age})",
            f"{_share(row.reached, row.people, row.percent)} {_verdict(row.meets)}".strip(),
        )
        for row in status.standards
    ]
    notes = []
    if status.last_import:
        notes.append(
            gettext("Register imported on %(date)s, data as of %(as_of)s (%(source)s).")
            % {
                "date": f"{timezone.localtime(status.last_import.imported_at):%d/%m/%Y}",
                "as_of": f"{status.last_import.as_of:%d/%m/%Y}",
                "source": status.last_import.get_source_display(),
            }
        )
    else:
        notes.append(gettext("No register has been imported for this ward."))
    if center is not None:
        by_group = center_figures(center, year).by_group
        for group in (ActivityGroup.LITERACY, ActivityGroup.UNIVERSAL_EDUCATION):
            figures = by_group[group]
            lines.append(
                SummaryLine(
                    ActivityGroup(group).label,
                    gettext("%(activities)s classes, %(sessions)s sessions, %(learners)s learners")
                    % {
                        "activities": _count(figures.activities),
                        "sessions": _count(figures.sessions),
                        "learners": _count(figures.learners),
                    },
                )
            )
    return lines, notes


def _adult_learning(ward: Ward, year: int, center: Center | None) -> tuple[list[SummaryLine], list[str]]:
    if center is None:
        return [SummaryLine(gettext("Learning centre"), gettext("none recorded"))], []
    figures = center_figures(center, year)
    lines = [
        SummaryLine(
            label,
            gettext("%(activities)s activities, %(sessions)s sessions, %(attendances)s attendances")
            % {
                "activities": _count(group.activities),
                "sessions": _count(group.sessions),
                "attendances": _count(group.attendances),
            },
        )
        for label, group in figures.group_rows()
        if group.activities or group.sessions
    ]
    total = figures.total
    lines += [
        SummaryLine(gettext("Attendances in the year"), _count(total.attendances)),
        SummaryLine(gettext("of which women"), _count(total.women)),
        SummaryLine(gettext("of which ethnic minority"), _count(total.ethnic_minority)),
        SummaryLine(gettext("Learners named in class lists"), _count(total.learners)),
    ]
    return lines, []


def _learning_models(kinds):
    def build(ward: Ward, year: int, center: Center | None) -> tuple[list[SummaryLine], list[str]]:
        lines = []
        for rate in learning_model_rates(ward, year):
            if rate.kind not in kinds:
                continue
            value = _share(rate.recognised, rate.total, rate.rate)
            if rate.target is not None and rate.rate is not None:
                value += " – " + gettext("target %(target)s %%: %(verdict)s") % {
                    "target": vn_number(rate.target.target_percent),
                    "verdict": _verdict(rate.meets),
                }
            lines.append(SummaryLine(str(rate.kind.label), value))
        return lines, []

    return build


_BUILDERS = {
    Topic.NETWORK: _network,
    Topic.LITERACY: _literacy,
    Topic.ADULT_LEARNING: _adult_learning,
    Topic.LEARNING_FAMILIES: _learning_models({LearningModelKind.FAMILY, LearningModelKind.CLAN}),
    Topic.LEARNING_COMMUNITIES: _learning_models({LearningModelKind.COMMUNITY, LearningModelKind.UNIT}),
}


def topic_summary(ward: Ward, year: int, topic: str) -> TopicSummary:
    """What the centre's records of ``year`` say on ``topic`` for ``ward`` — aggregates, never names."""
    topic = Topic(topic)
    center = center_of_ward_in_year(ward, year)
    lines, notes = _BUILDERS[topic](ward, year, center)
    return TopicSummary(topic=topic, ward=ward, year=year, center=center, lines=lines, notes=notes)


def _frame(summary: TopicSummary, on: date) -> DocumentFrame:
    """Issued by the centre (its director signs), or by the ward's People's Committee when it has none."""
    ward = summary.ward
    if summary.center is not None:
        owner, issuer_code, body_code = summary.center, f"TTHTCD-{ward.code}", "TTHTCĐ"
        parent, issuing_body = f"ỦY BAN NHÂN DÂN {ward.name.upper()}", summary.center.name.upper()
        director = summary.center.members.filter(role=MemberRole.DIRECTOR).first()
        signatures = [Signature(("GIÁM ĐỐC",), director.full_name if director else "")]
    else:
        owner, issuer_code, body_code = ward, ward.code, PEOPLES_COMMITTEE
        parent = (ward.district.authority_name or "").upper()
        issuing_body = f"ỦY BAN NHÂN DÂN {ward.name.upper()}"
        signatures = [Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ward.chairman_name)]
    issued = number_for_document(
        owner,
        f"center-summary-{summary.year}-{summary.topic.value}",
        issuer_code=issuer_code,
        issuer_label=issuing_body,
        type_code="BC",
        subject=f"{summary.title} – {ward.name} – {summary.year}",
        on=on,
        body_code=body_code,
    )
    return DocumentFrame(
        title=f"{summary.title} – {ward.name} – {summary.year}",
        parent_body=parent,
        issuing_body=issuing_body,
        number=issued.symbol,
        date_line=vn_date_line(ward.name, issued.issued_on),
        signatures=signatures,
        date=issued.issued_on,
    )


def summary_pdf(ward: Ward, year: int, topic: str) -> tuple[str, bytes]:
    """The topic's summary as an official report (báo cáo số liệu), in Vietnamese: (file name, PDF).

    Its number is kept in the register for the centre, year and topic, so the
    report printed again for the same dossier carries the same number.
    """
    with translation.override("vi"):
        summary = topic_summary(ward, year, topic)
        frame = _frame(summary, timezone.localdate())
        pdf = render_pdf("centers/documents/topic_summary.html", {"doc": frame, "summary": summary})
    return f"TTHTCD-{ward.code}-{year}-{summary.topic.value}.pdf", pdf


# The district's centres in a year, for the district's yearly report.


def district_centre_figures(year: int) -> tuple[list[ComparisonRow], Figures]:
    """Each open centre's figures of ``year`` (``district_comparison``, four queries) and their district total."""
    rows = district_comparison(year)
    total = Figures()
    for row in rows:
        for name in ("activities", "sessions", "attendances", "learners", "women", "ethnic_minority"):
            setattr(total, name, getattr(total, name) + getattr(row.figures, name))
    return rows, total


# The district's dashboard: the centres' year by month and kind, the wards' literacy and learning models.


@dataclass(frozen=True)
class MonthlyActivity:
    """Sessions and attendances (*lượt người học*) of the open centres in ``year``, by month and group."""

    year: int
    sessions: dict[tuple[int, str], int]  # (month, ActivityGroup value) → sessions
    attendances: dict[tuple[int, str], int]

    def total_sessions(self) -> int:
        return sum(self.sessions.values())

    def total_attendances(self) -> int:
        return sum(self.attendances.values())

    def group_rows(self) -> list[tuple[str, list[int], int]]:
        """(label, sessions in each month 1–12, attendances of the year) of every group, in the catalogue's order."""
        return [
            (
                str(label),
                [self.sessions.get((month, group), 0) for month in range(1, 13)],
                sum(self.attendances.get((month, group), 0) for month in range(1, 13)),
            )
            for group, label in ActivityGroup.choices
        ]


def district_monthly_activity(year: int) -> MonthlyActivity:
    """One grouped query over the sessions of ``year`` (the rule of ``centers.figures``: sessions dated in it)."""
    rows = (
        Session.objects.filter(date__year=year, activity__center__in=Center.objects.open())
        .values(month=ExtractMonth("date"), group=F("activity__kind__group"))
        .annotate(sessions=Count("pk"), attendances=Sum("total"))
        .order_by()
    )
    sessions, attendances = {}, {}
    for row in rows:
        sessions[row["month"], row["group"]] = row["sessions"]
        attendances[row["month"], row["group"]] = row["attendances"] or 0
    return MonthlyActivity(year, sessions, attendances)


@dataclass(frozen=True)
class WardLearning:
    """A ward's literacy against each standard and its learning-model rates, for one year."""

    ward_code: str
    ward_name: str
    literacy: list  # ``StandardStatus`` per standard of ``DistrictLearning.standards``; empty: no register
    learning_models: list[Decimal | None]  # recognised share (%) per kind of ``DistrictLearning.kinds``


@dataclass(frozen=True)
class DistrictLearning:
    year: int
    standards: list  # the ``LiteracyStandard`` in force, by level
    kinds: list[str]  # the learning models' labels, in the catalogue's order
    wards: list[WardLearning]


def district_learning(year: int) -> DistrictLearning:
    """Every ward with an open centre, in ward order: literacy (three queries) and learning models (one)."""
    wards = list(
        Ward.objects.filter(centers__in=Center.objects.open()).order_by("sort_key").only("code", "name")
    )
    ids = [ward.pk for ward in wards]
    literacy = literacy_by_ward(ids, year)
    rates: dict[int, dict[str, Decimal | None]] = {ward_id: {} for ward_id in ids}
    for record in LearningModelRecord.objects.filter(ward_id__in=ids, year=year):
        rates[record.ward_id][record.kind] = percent(record.recognised, record.total)
    return DistrictLearning(
        year,
        current_standards(year),
        [str(label) for label in LearningModelKind.labels],
        [
            WardLearning(
                ward.code,
                ward.name,
                literacy.get(ward.pk, []),
                [rates[ward.pk].get(kind) for kind in LearningModelKind.values],
            )
            for ward in wards
        ],
    )
