"""Demo data under Circular 25/2023 (levels): the 2024 cycle of the 15 wards, taken to publication.

Every state is reached through the workflow engine by the person whose step it
is, as in ``assessments.demo``; the ward's findings per indicator and their
evidence are written as that module writes Circular 44 self-scores, the team's
findings through ``record_indicator_findings`` and the result by
``close_inspection``, so the level is the framework's strategy's. Most wards
reach level 1 or 2; two miss a level-1 indicator and are published as not
recognised. Which indicator is missed is drawn from a seeded generator, so every
run gives the same demo. Idempotent: an existing 2024 cycle is left as it is.
"""

import datetime
import hashlib
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from assessments.cycles import open_cycle, suggested_cycle_dates
from assessments.demo import DemoPeople, add_documents, demo_pdf, ward_user
from assessments.indicator_dossier import TeamAnswer, record_indicator_findings
from assessments.indicators import claimed_level, indicator_statuses
from assessments.inspection import (
    MemberAssignment,
    approve_decision,
    approve_inspection_plan,
    close_inspection,
    prepare_decision,
    release_decision,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.models import (
    Assessment,
    Cycle,
    EvidenceFile,
    Framework,
    Indicator,
    IndicatorSelfFinding,
)
from assessments.procedures import choose_requested_level
from assessments.workflow import perform_transition
from wards.models import DistrictUnit, Role

YEAR = 2024
FRAMEWORK = "tt25-2023"
# The level the team finds for each ward number in 2024; the others reach level 2.
LEVELS_2024 = {2: 1, 5: 1, 7: 1, 9: 1, 12: 1, 14: 1, 4: 0, 11: 0}


def level_cycle(year: int, **authority: str) -> Cycle:
    """A Circular 25 cycle on the calendar year's figures: self-assessment in January, the Circular's deadlines.

    ``authority`` names the reviewing and recognising bodies (``Cycle`` fields;
    none: the district's, as before the reform of 07/2025).
    """
    framework = Framework.objects.get(code=FRAMEWORK)
    cycle = Cycle.objects.create(
        year=year,
        framework=framework,
        self_assessment_start=datetime.date(year + 1, 1, 5),
        self_assessment_end=datetime.date(year + 1, 2, 10),
        inspection_start=datetime.date(year + 1, 3, 2),
        inspection_end=datetime.date(year + 1, 3, 20),
        lead_body=DistrictUnit.objects.get(code="hoi-khuyen-hoc"),
        **suggested_cycle_dates(framework, year),  # dossier by 28/02, recognition by 31/03 of the next year
        **authority,
    )
    open_cycle(cycle)
    return cycle


@dataclass(frozen=True)
class Findings:
    """Per indicator code: (met at level 1, met at level 2), as the ward claims and as the team finds."""

    ward: dict[str, tuple[bool, bool]]
    team: dict[str, tuple[bool, bool]]


def findings_for(indicators: list[Indicator], level: int, rng: random.Random) -> Findings:
    """Findings that reach ``level``: the team marks one drawn indicator down; the ward claimed it one higher."""
    team = {indicator.code: (True, True) for indicator in indicators}
    ward = dict(team)
    if level == 1:
        missed = rng.choice([i.code for i in indicators if i.has_higher_level_2_target])
        team[missed] = (True, False)
    elif level == 0:
        missed = rng.choice([i.code for i in indicators])
        team[missed] = (False, False)
        ward[missed] = (True, False)
    return Findings(ward=ward, team=team)


def answer_indicators(assessment: Assessment, ward_claims: dict[str, tuple[bool, bool]], officer) -> None:
    """The ward's finding on every indicator, with one evidence file each (its self-assessment)."""
    for indicator in Indicator.objects.filter(criterion__framework=assessment.cycle.framework).select_related(
        "criterion"
    ):
        level_1, level_2 = ward_claims[indicator.code]
        IndicatorSelfFinding.objects.create(
            assessment=assessment,
            indicator=indicator,
            meets_level_1=level_1,
            meets_level_2=level_2 if indicator.has_higher_level_2_target else None,
            comment="Đạt, có minh chứng kèm theo." if level_1 else "Chưa đạt.",
            version=1,
            updated_by=officer,
        )
        content = demo_pdf(
            f"Minh chung chi tieu {indicator.code} - {assessment.ward.code} - {assessment.cycle.year}"
        )
        evidence = EvidenceFile(
            assessment=assessment,
            criterion=indicator.criterion,
            indicator=indicator,
            original_name=f"minh-chung-chi-tieu-{indicator.code}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=officer,
        )
        evidence.file.save(evidence.original_name, ContentFile(content), save=True)


def agree_at_meeting(assessment: Assessment, day) -> None:
    """Circular 25's first step: the self-assessment sent to the chairman and agreed at the ward's meeting."""
    officer = ward_user(assessment.ward, Role.WARD_OFFICER, "canbo")
    chairman = ward_user(assessment.ward, Role.WARD_CHAIRMAN, "chutich")
    perform_transition(assessment, "submit_self_assessment", officer, today=day)
    perform_transition(assessment, "agree_self_assessment", chairman, today=day)


def prepare_dossier(assessment: Assessment, ward_claims: dict[str, tuple[bool, bool]], day) -> None:
    """Self-assessed with evidence, agreed at the meeting; the four documents; the level claimed asked for; sent."""
    officer = ward_user(assessment.ward, Role.WARD_OFFICER, "canbo")
    answer_indicators(assessment, ward_claims, officer)
    agree_at_meeting(assessment, day)
    add_documents(assessment, day)
    choose_requested_level(assessment, claimed_level(indicator_statuses(assessment)) or 1, officer, today=day)
    perform_transition(assessment, "submit_dossier", officer, today=day)


def inspect_by_indicator(assessments: list[Assessment], people: DemoPeople, team: dict, day) -> None:
    """Received; one plan: kiemtra1 (lead) checks criteria 1–2, kiemtra2 3–4, kiemtra3 5; findings; closed.

    ``team`` holds each assessment's ``Findings.team`` by assessment id.
    """
    cycle = assessments[0].cycle
    criteria = list(cycle.framework.criteria.all())
    shares = [criteria[0:2], criteria[2:4], criteria[4:5]]
    for assessment in assessments:
        perform_transition(assessment, "receive_dossier", people.staff, today=day)
    plan = save_inspection_plan(
        people.staff,
        cycle,
        title=f"Kiểm tra, công nhận “Cộng đồng học tập” cấp xã năm {cycle.year}",
        start_date=day,
        end_date=day + datetime.timedelta(days=4),
        assessments=assessments,
        assignments=[
            MemberAssignment(user, share, is_lead=index == 0)
            for index, (user, share) in enumerate(zip(people.inspectors, shares, strict=True))
        ],
    )
    submit_inspection_plan(plan, people.staff)
    approve_inspection_plan(plan, people.approver, today=day)
    indicators = list(Indicator.objects.filter(criterion__framework=cycle.framework).order_by("pk"))
    for assessment in assessments:
        for inspector, share in zip(people.inspectors, shares, strict=True):
            found = team[assessment.pk]
            answers = [
                TeamAnswer(
                    indicator=indicator,
                    meets_level_1=found[indicator.code][0],
                    meets_level_2=found[indicator.code][1],
                    evidence_sufficient=True,
                    comment="" if found[indicator.code][1] else "Chưa đạt chỉ tiêu theo minh chứng.",
                    expected_version=0,
                )
                for indicator in indicators
                if indicator.criterion_id in {criterion.pk for criterion in share}
            ]
            record_indicator_findings(assessment, inspector, answers)
        close_inspection(assessment, people.inspectors[0], today=day + datetime.timedelta(days=4))


def recognise_and_publish(
    assessments, people: DemoPeople, day, *, number: str, signer: str, title: str
) -> None:
    """One decision for these wards, signed on ``day`` and published two days later."""
    decision = prepare_decision(assessments[0].cycle, people.staff, assessments)
    approve_decision(
        decision, people.approver, number=number, issued_on=day, signer=signer, signer_title=title, today=day
    )
    release_decision(decision, people.staff, today=day + datetime.timedelta(days=2))


@transaction.atomic
def seed_levels_2024(stdout) -> None:
    if Cycle.objects.filter(year=YEAR).exists():
        stdout.write(f"Assessment cycle {YEAR} exists already; left unchanged.")
        return
    people = DemoPeople()
    cycle = level_cycle(YEAR)
    assessments = list(cycle.assessments.select_related("ward", "cycle__framework").order_by("ward__code"))
    indicators = list(Indicator.objects.filter(criterion__framework=cycle.framework).order_by("pk"))
    team = {}
    for assessment in assessments:
        number = int(assessment.ward.code[1:])
        found = findings_for(indicators, LEVELS_2024.get(number, 2), random.Random(YEAR * 100 + number))
        prepare_dossier(assessment, found.ward, datetime.date(YEAR + 1, 2, 10 + number))
        team[assessment.pk] = found.team
    inspect_by_indicator(assessments, people, team, datetime.date(YEAR + 1, 3, 3))
    recognise_and_publish(
        assessments,
        people,
        datetime.date(YEAR + 1, 3, 24),
        number="45/QĐ-UBND",
        signer=people.approver.full_name,
        title="Phó Chủ tịch",
    )
    levels = sorted(LEVELS_2024.get(int(a.ward.code[1:]), 2) for a in assessments)
    stdout.write(
        f"Cycle {YEAR} (Circular 25/2023) published for {len(assessments)} wards: "
        f"level 2: {levels.count(2)}, level 1: {levels.count(1)}, not recognised: {levels.count(0)}."
    )
