"""Years of complete assessments for ``manage.py seed_scale`` (see ``wards.scale``): every step to publication.

Each past year is a cycle under the framework the law set for it (Circular 44
points up to 2023, Circular 25 levels from 2024), and every ward goes the whole
way: its plan or its indicators agreed at the meeting, self-scores or findings
with evidence (rows that all point at one small stored file), the dossier's
signed documents, one approved inspection plan per district, the team's scores
or findings, the result the framework's strategy would compute, and one
decision per district, signed, released and published. States and history rows
are replayed from the workflow tables (``engines.workflow``), so the history a
page shows reads as if people had taken each step.
"""

import hashlib
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from assessments.decision_numbers import DECISION_TYPE
from assessments.demo import DOCUMENT_CODES, demo_pdf
from assessments.demo_levels import findings_for
from assessments.documents.district_side import DISTRICT_ISSUER
from assessments.inspection_workflow import DECISION_WORKFLOW, INSPECTION_PLAN_WORKFLOW
from assessments.levels import NOT_RECOGNISED, IndicatorFinding, indicator_level
from assessments.models import (
    Assessment,
    AssessmentState,
    CriterionSelfScore,
    Cycle,
    DecisionState,
    DossierDocument,
    EvidenceFile,
    Framework,
    Indicator,
    IndicatorInspectionFinding,
    IndicatorSelfFinding,
    InspectionPlan,
    InspectionResult,
    InspectionScore,
    PlanState,
    Procedure,
    RecognitionDecision,
    ScoreRevision,
    ScoringMode,
    SelfInspectionPlan,
    TeamMember,
)
from assessments.procedures import DOCUMENT_KINDS
from assessments.workflow import ASSESSMENT_WORKFLOW
from engines.models import DocumentSequence, IssuedNumber
from engines.storage import private_storage
from engines.workflow import Step, moment
from wards.models import Role
from wards.scale import ScaleRun

SHARED_FILE = "scale/minh-chung.pdf"
LAST_POINTS_YEAR = 2023  # Circular 44/2014 until 2023; Circular 25/2023 from 2024
HALF = Decimal("0.5")


def shared_file() -> tuple[str, int, str]:
    """The one stored file every generated evidence row and scan points at: name, size, SHA-256."""
    content = demo_pdf("Minh chung (du lieu tong hop)")
    if not private_storage.exists(SHARED_FILE):
        private_storage.save(SHARED_FILE, ContentFile(content))
    return SHARED_FILE, len(content), hashlib.sha256(content).hexdigest()


def framework_for(year: int) -> Framework:
    code = "tt44-2014" if year <= LAST_POINTS_YEAR else "tt25-2023"
    return Framework.objects.prefetch_related("bands").get(code=code, version=1)


def cycle_dates(framework: Framework, year: int) -> dict:
    """The demo's calendars: Circular 44 in October–December; Circular 25 in January–March of the next year."""
    if framework.scoring_mode == ScoringMode.POINTS:
        return {
            "self_assessment_start": date(year, 10, 1),
            "self_assessment_end": date(year, 10, 20),
            "dossier_deadline": date(year, 10, 31),
            "inspection_start": date(year, 11, 5),
            "inspection_end": date(year, 11, 30),
            "recognition_deadline": date(year, 12, 15),
        }
    return {
        "self_assessment_start": date(year + 1, 1, 5),
        "self_assessment_end": date(year + 1, 2, 10),
        "dossier_deadline": date(year + 1, 2, 28),
        "inspection_start": date(year + 1, 3, 2),
        "inspection_end": date(year + 1, 3, 20),
        "recognition_deadline": date(year + 1, 3, 31),
    }


# The columns of the rows written as tuples (the many rows per ward), in the order the builder gives them.
TUPLES = {
    CriterionSelfScore: ("assessment_id", "criterion_id", "points", "comment", "version", "updated_by_id", "updated_at"),
    IndicatorSelfFinding: (
        "assessment_id", "indicator_id", "meets_level_1", "meets_level_2", "comment", "version", "updated_by_id",
        "updated_at",
    ),
    EvidenceFile: (
        "assessment_id", "criterion_id", "indicator_id", "file", "original_name", "content_type", "size", "sha256",
        "uploaded_by_id", "uploaded_at", "generated_from",
    ),
    InspectionScore: (
        "assessment_id", "criterion_id", "points", "comment", "evidence_sufficient", "version", "scored_by_id",
        "updated_at",
    ),
    IndicatorInspectionFinding: (
        "assessment_id", "indicator_id", "meets_level_1", "meets_level_2", "comment", "evidence_sufficient",
        "version", "scored_by_id", "updated_at",
    ),
}  # fmt: skip
REVISION = (
    "score_id", "version", "changed_by_id", "changed_at", "old_points", "new_points", "old_comment", "new_comment",
    "old_evidence_sufficient", "new_evidence_sufficient",
)  # fmt: skip


class YearBuilder:
    """The rows of one cycle, built in memory, then inserted table by table."""

    def __init__(self, run: ScaleRun, year: int, framework: Framework, dates: dict):
        self.run, self.year, self.framework = run, year, framework
        self.rng = run.rng(f"assessments:{year}")
        self.lead_body = run.units["hoi-khuyen-hoc"]
        # Beside existing data (``--add``) a year that already has its cycle keeps it, and its framework.
        self.cycle = (
            Cycle.objects.filter(year=year).select_related("framework").first()
            or run.bulk(
                Cycle,
                [
                    Cycle(
                        year=year,
                        framework=framework,
                        lead_body=self.lead_body,
                        opened_at=moment(dates["self_assessment_start"]),
                        **dates,
                    )
                ],
            )[0]
        )
        self.framework = framework = Framework.objects.prefetch_related("bands").get(
            pk=self.cycle.framework_id
        )
        self.cycle.framework = framework
        self.points = framework.scoring_mode == ScoringMode.POINTS
        self.criteria = list(framework.criteria.order_by("number"))
        self.indicators = list(
            Indicator.objects.filter(criterion__framework=framework)
            .select_related("criterion")
            .order_by("criterion__number", "number")
        )
        self.file, self.size, self.sha256 = shared_file()
        self.staff, self.approver = run.people["phonggd"], run.people["chutich.quan"]
        self.team = [run.people[f"kiemtra{n}"] for n in (1, 2, 3)]
        self.rows: dict[type, list] = {}
        self.stamp = moment(dates["self_assessment_end"])  # when the ward's rows were last saved
        self.changes: list = []

    def new_assessment(self, ward) -> Assessment:
        """The ward's assessment, not begun (its state and rows follow from the steps replayed)."""
        return Assessment(
            cycle=self.cycle, ward=ward, state=AssessmentState.PLAN_DRAFT, self_total=Decimal(0)
        )

    def add(self, model: type, *rows) -> None:
        self.rows.setdefault(model, []).extend(rows)

    # --- The district's steps -----------------------------------------------------------------------------

    def inspection_plan(
        self, district, assessments: list[Assessment], approved: date, start: date, end: date
    ) -> InspectionPlan:
        """One approved plan for the district's wards, its team of three sharing the criteria."""
        plan = InspectionPlan(
            cycle=self.cycle,
            title=f"Kế hoạch kiểm tra công nhận Cộng đồng học tập năm {self.year} – {district.name}",
            start_date=start,
            end_date=end,
            state=PlanState.DRAFT,
            drafted_by=self.staff,
            approved_by=self.approver,
            approved_at=moment(approved),
        )
        plan_changes = INSPECTION_PLAN_WORKFLOW.replay(
            plan,
            [
                Step("submit", self.staff, approved - timedelta(days=1)),
                Step("approve", self.approver, approved),
            ],
        )
        self.run.bulk(InspectionPlan, [plan])
        self.run.bulk(INSPECTION_PLAN_WORKFLOW.history_model, plan_changes)
        self.run.bulk(
            InspectionPlan.assessments.through,
            (InspectionPlan.assessments.through(inspectionplan=plan, assessment=a) for a in assessments),
        )
        members = self.run.bulk(
            TeamMember,
            (
                TeamMember(plan=plan, user=user, unit=user.unit, is_lead=index == 0)
                for index, user in enumerate(self.team)
            ),
        )
        self.run.bulk(
            TeamMember.criteria.through,
            (
                TeamMember.criteria.through(teammember=members[index % len(members)], criterion=criterion)
                for index, criterion in enumerate(self.criteria)
            ),
        )
        return plan

    def decision(
        self, district, assessments: list[Assessment], signed: date, number: int
    ) -> RecognitionDecision:
        symbol = f"{number:02d}/{DECISION_TYPE}-UBND"
        decision = RecognitionDecision(
            cycle=self.cycle,
            number=symbol,
            issued_on=signed,
            signer=self.approver.full_name,
            signer_title="PHÓ CHỦ TỊCH",
            state=DecisionState.PREPARED,
            prepared_by=self.staff,
            approved_by=self.approver,
        )
        changes = DECISION_WORKFLOW.replay(
            decision,
            [
                Step("approve", self.approver, signed, symbol),
                Step("release", self.staff, signed + timedelta(days=2)),
            ],
        )
        self.run.bulk(RecognitionDecision, [decision])
        self.run.bulk(DECISION_WORKFLOW.history_model, changes)
        self.run.bulk(
            RecognitionDecision.assessments.through,
            (
                RecognitionDecision.assessments.through(recognitiondecision=decision, assessment=a)
                for a in assessments
            ),
        )
        self.run.bulk(
            IssuedNumber,
            [
                IssuedNumber(
                    issuer_code=DISTRICT_ISSUER,
                    issuer_label=district.authority_name.upper(),
                    body_code="UBND",
                    type_code=DECISION_TYPE,
                    year=signed.year,
                    number=number,
                    subject=f"Công nhận “Cộng đồng học tập” năm {self.year}",
                    issued_on=signed,
                    document_key=f"decision:{decision.pk}",
                )
            ],
        )
        return decision

    # --- The ward's rows ----------------------------------------------------------------------------------

    def self_assessment(
        self, assessment: Assessment, officer, team_level: int, previous_level: int | None
    ) -> dict:
        """Self-scores or findings with evidence; returns what the team will find (per criterion or indicator)."""
        if self.points:
            team = {}
            for criterion in self.criteria:
                own = criterion.max_points - HALF * self.rng.choice((0, 0, 1, 2))
                team[criterion.pk] = max(Decimal(0), own - HALF * self.rng.choice((0, 0, 0, 1, 2)))
                self.add(
                    CriterionSelfScore,
                    (
                        assessment,
                        criterion.pk,
                        own,
                        "Đạt yêu cầu, có minh chứng kèm theo.",
                        1,
                        officer.pk,
                        self.stamp,
                    ),
                )
                self.evidence(
                    assessment, officer, criterion, None, f"minh-chung-tieu-chi-{criterion.number:02d}.pdf"
                )
                assessment.self_total += own
            return team
        findings = findings_for(self.indicators, team_level, self.rng)
        claimed = 2
        for indicator in self.indicators:
            level_1, level_2 = findings.ward[indicator.code]
            higher = indicator.has_higher_level_2_target
            comment = "Đạt, có minh chứng kèm theo." if level_1 else "Chưa đạt."
            self.add(
                IndicatorSelfFinding,
                (
                    assessment,
                    indicator.pk,
                    level_1,
                    level_2 if higher else None,
                    comment,
                    1,
                    officer.pk,
                    self.stamp,
                ),
            )
            self.evidence(
                assessment,
                officer,
                indicator.criterion,
                indicator,
                f"minh-chung-chi-tieu-{indicator.code}.pdf",
            )
            claimed = min(claimed, indicator_level(IndicatorFinding(indicator, level_1, level_2, True)))
        # Asking for more than a level-1 recognition of last year is too early (the framework's waiting time).
        assessment.requested_level = min(claimed, 1) if previous_level == 1 else claimed
        return findings.team

    def evidence(self, assessment, officer, criterion, indicator, name: str) -> None:
        self.add(
            EvidenceFile,
            (
                assessment,
                criterion.pk,
                indicator.pk if indicator else None,
                self.file,
                name,
                "application/pdf",
                self.size,
                self.sha256,
                officer.pk,
                self.stamp,
                "",
            ),
        )

    def dossier(self, assessment: Assessment, officer, issued_on: date) -> None:
        ward = assessment.ward
        if self.framework.procedure == Procedure.PLAN_FIRST:
            self.add(
                SelfInspectionPlan,
                SelfInspectionPlan(
                    assessment=assessment,
                    number="10/KH-UBND",
                    issued_on=date(self.year, 9, 24),
                    team_members=f"Trưởng đoàn: {ward.chairman_name}; các thành viên Ban chỉ đạo XHHT.",
                    schedule=f"Từ 01/10/{self.year} đến 20/10/{self.year}",
                    content="Tự kiểm tra, đánh giá các tiêu chí theo Thông tư 44/2014/TT-BGDĐT.",
                    updated_by=officer,
                ),
            )
        for number, kind in enumerate(DOCUMENT_KINDS[self.framework.procedure], start=1):
            self.add(
                DossierDocument,
                DossierDocument(
                    assessment=assessment,
                    kind=kind,
                    number=f"{number:02d}/{DOCUMENT_CODES[kind]}-UBND",
                    issued_on=issued_on,
                    signer=ward.chairman_name,
                    scan=self.file,
                    scan_name=f"{kind}.pdf",
                ),
            )

    def inspection(self, assessment: Assessment, team: dict, closed: date, *, upto: int | None = None):
        """The team's scores or findings and the result they come to (the framework's rule, as ``strategies``).

        ``upto``: only the first criteria or indicators are scored yet, and there is no result.
        """
        scorer = self.team[0]
        if self.points:
            for criterion in self.criteria[:upto]:
                points = team[criterion.pk]
                comment = (
                    "Thống nhất với kết quả tự đánh giá."
                    if points == criterion.max_points
                    else "Minh chứng chưa đầy đủ."
                )
                scorer_pk = self.team[(criterion.number - 1) % len(self.team)].pk
                self.add(
                    InspectionScore,
                    (assessment, criterion.pk, points, comment, True, 1, scorer_pk, moment(closed)),
                )
            if upto is not None:
                return None
            total = sum(team.values(), Decimal(0))
            bands = sorted(self.framework.bands.all(), key=lambda band: band.min_points, reverse=True)
            band = next((b for b in bands if total >= b.min_points), None)
            self.add(
                InspectionResult,
                InspectionResult(
                    assessment=assessment,
                    total=total,
                    classification=band,
                    closed_by=scorer,
                    closed_at=moment(closed),
                ),
            )
            return total
        level = 2
        for indicator in self.indicators[:upto]:
            level_1, level_2 = team[indicator.code]
            comment = "" if level_1 else "Chưa đạt chỉ tiêu."
            scorer_pk = self.team[(indicator.criterion.number - 1) % len(self.team)].pk
            self.add(
                IndicatorInspectionFinding,
                (assessment, indicator.pk, level_1, level_2, comment, True, 1, scorer_pk, moment(closed)),
            )
            level = min(level, indicator_level(IndicatorFinding(indicator, level_1, level_2, True)))
        if upto is not None:
            return None
        level = min(level, assessment.requested_level or level)
        band = (
            None
            if level == NOT_RECOGNISED
            else next(b for b in self.framework.bands.all() if b.min_points == level)
        )
        self.add(
            InspectionResult,
            InspectionResult(
                assessment=assessment,
                total=Decimal(0),
                level=level,
                classification=band,
                closed_by=scorer,
                closed_at=moment(closed),
            ),
        )
        return level

    def flush(self) -> None:
        """Insert the built rows, parents first; each inspection score's first revision follows it."""
        for model in (SelfInspectionPlan, DossierDocument, InspectionResult):
            self.run.bulk(model, self.rows.get(model, []))
        for model, fields in TUPLES.items():
            rows = [(row[0].pk, *row[1:]) for row in self.rows.get(model, [])]
            keys = self.run.insert(model, fields, rows, ids=model is InspectionScore)
            if model is InspectionScore:
                revisions = (
                    (key, 1, scorer, at, None, points, "", comment, None, True)
                    for key, (_a, _c, points, comment, _e, _v, scorer, at) in zip(keys, rows, strict=True)
                )
                self.run.insert(ScoreRevision, REVISION, revisions)
        self.run.bulk(ASSESSMENT_WORKFLOW.history_model, self.changes)
        self.rows, self.changes = {}, []


def generate_assessments(run: ScaleRun) -> None:
    """Every past year, complete; the levels recognised are handed to this year's cycle (``scale_open``)."""
    previous: dict[int, int] = {}  # ward → level recognised last year (level-based years only)
    for year in run.years:
        previous = complete_year(run, year, previous)
    run.shared["recognised_levels"] = previous


def _number_offset(year: int) -> int:
    """Decision numbers of the generated districts start above any the register already holds that year."""
    taken = IssuedNumber.objects.filter(issuer_code=DISTRICT_ISSUER, type_code=DECISION_TYPE, year=year)
    return max(taken.values_list("number", flat=True), default=100)


def complete_year(run: ScaleRun, year: int, previous: dict[int, int]) -> dict[int, int]:
    framework = framework_for(year)
    dates = cycle_dates(framework, year)
    builder = YearBuilder(run, year, framework, dates)
    framework, dates = builder.framework, {name: getattr(builder.cycle, name) for name in dates}
    rng = builder.rng
    plan_first = framework.procedure == Procedure.PLAN_FIRST
    start, deadline = dates["self_assessment_start"], dates["dossier_deadline"]
    received = deadline + timedelta(days=1)
    inspection_start, inspection_end = dates["inspection_start"], dates["inspection_end"]
    signed = inspection_end + timedelta(days=5)
    first_number = _number_offset(signed.year) + 1
    levels: dict[int, int] = {}
    for index, district in enumerate(run.districts):
        wards = [ward for ward in run.wards if ward.district_id == district.pk]
        assessments = []
        for ward in wards:
            assessment = builder.new_assessment(ward)
            assessment.team_level = rng.choices((2, 1, 0), weights=(5, 4, 1))[0]
            assessments.append(assessment)
        plan_day = received + timedelta(days=1)
        for assessment in assessments:
            ward = assessment.ward
            officer, chairman = run.person(ward, Role.WARD_OFFICER), run.person(ward, Role.WARD_CHAIRMAN)
            first = start + timedelta(days=rng.randint(0, 5))
            sent = dates["self_assessment_end"] + timedelta(
                days=rng.randint(0, (deadline - dates["self_assessment_end"]).days)
            )
            closed = inspection_start + timedelta(
                days=rng.randint(0, (inspection_end - inspection_start).days)
            )
            assessment.team = builder.self_assessment(
                assessment, officer, assessment.team_level, previous.get(ward.pk)
            )
            builder.dossier(assessment, officer, sent - timedelta(days=2))
            assessment.steps = [
                Step("submit_plan" if plan_first else "submit_self_assessment", officer, first),
                Step(
                    "approve_plan" if plan_first else "agree_self_assessment",
                    chairman,
                    first + timedelta(days=3),
                ),
                Step("submit_dossier", officer, sent),
                Step("receive_dossier", builder.staff, received),
                Step("plan_inspection", builder.approver, plan_day),
                Step("close_inspection", builder.team[0], closed),
            ]
            assessment.closed = closed
        number = first_number + index
        symbol = f"{number:02d}/{DECISION_TYPE}-UBND"
        for assessment in assessments:
            assessment.steps += [
                Step("recognise", builder.approver, signed, symbol),
                Step("publish", builder.staff, signed + timedelta(days=2)),
            ]
            builder.changes += ASSESSMENT_WORKFLOW.replay(
                assessment,
                assessment.steps,
                due=lambda transition, day: inspection_end if transition.name == "plan_inspection" else None,
            )
        run.bulk(Assessment, assessments)
        builder.inspection_plan(district, assessments, plan_day, inspection_start, inspection_end)
        for assessment in assessments:
            outcome = builder.inspection(assessment, assessment.team, assessment.closed)
            if not builder.points:
                levels[assessment.ward_id] = outcome
        builder.decision(district, assessments, signed, number)
        builder.flush()
    _register_sequence(signed.year, first_number + len(run.districts) - 1)
    return levels


def _register_sequence(year: int, last: int) -> None:
    """The number register's sequence never falls behind the numbers it holds."""
    sequence, _created = DocumentSequence.objects.get_or_create(
        issuer_code=DISTRICT_ISSUER, type_code=DECISION_TYPE, year=year
    )
    if sequence.last_number < last:
        DocumentSequence.objects.filter(pk=sequence.pk).update(last_number=last)
