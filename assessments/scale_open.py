"""This year's open cycle for ``manage.py seed_scale``: a few wards at every step, so every persona has work.

The first wards of the first district are spread over the steps, seven states
in turn (the ward officer of ward 1 is drafting, ward 2's chairman has the
self-assessment to agree, … ward 7 is inspected and waits for its decision);
the wards at step 4 share an approved inspection plan whose team has scored
half the criteria. Every other ward has not begun. The steps are dated in the
weeks before the run, and the cycle's deadlines lie ahead.
"""

from datetime import date, timedelta

from assessments.models import Assessment, AssessmentState, Framework, Procedure
from assessments.scale import YearBuilder, cycle_dates
from assessments.workflow import ASSESSMENT_WORKFLOW
from engines.workflow import Step
from wards.models import Role
from wards.scale import ScaleRun

S = AssessmentState
SPREAD = [
    S.PLAN_DRAFT,
    S.PLAN_SUBMITTED,
    S.DOSSIER_PREPARATION,
    S.SUBMITTED,
    S.RECEIVED,
    S.INSPECTION_PLANNED,
    S.INSPECTED,
]
AT_WORK = 2 * len(SPREAD)  # wards of the first district spread over the steps; the others have not begun


def open_dates(framework: Framework, today: date) -> dict:
    """The Circular's deadlines for the year, none already past: the steps taken so far lie in the last weeks."""
    dates = cycle_dates(framework, today.year)
    dates.update(
        self_assessment_start=today - timedelta(days=35),
        self_assessment_end=max(dates["self_assessment_end"], today + timedelta(days=20)),
        dossier_deadline=max(dates["dossier_deadline"], today + timedelta(days=30)),
        inspection_start=today - timedelta(days=10),
        inspection_end=max(dates["inspection_end"], today + timedelta(days=40)),
    )
    dates["recognition_deadline"] = max(
        dates["recognition_deadline"], dates["inspection_end"] + timedelta(days=10)
    )
    return dates


def open_current_year(run: ScaleRun) -> None:
    previous = run.shared.get("recognised_levels", {})
    today, year = run.today, run.today.year
    framework = Framework.objects.for_year(year).prefetch_related("bands").first()
    dates = open_dates(framework, today)
    builder = YearBuilder(run, year, framework, dates)
    framework, dates = builder.framework, {name: getattr(builder.cycle, name) for name in dates}
    plan_first = framework.procedure == Procedure.PLAN_FIRST
    plan_day, inspection_end = today - timedelta(days=10), dates["inspection_end"]
    first_district = run.districts[0].pk
    at_work = [ward for ward in run.wards if ward.district_id == first_district][:AT_WORK]
    assessments, inspected = [], []
    for index, ward in enumerate(run.wards):
        assessment = builder.new_assessment(ward)
        assessments.append(assessment)
        if index >= len(at_work):
            continue
        target = SPREAD[index % len(SPREAD)]
        officer, chairman = run.person(ward, Role.WARD_OFFICER), run.person(ward, Role.WARD_CHAIRMAN)
        team_level = builder.rng.choices((2, 1, 0), weights=(5, 4, 1))[0]
        assessment.team = builder.self_assessment(assessment, officer, team_level, previous.get(ward.pk))
        chain = [
            Step(
                "submit_plan" if plan_first else "submit_self_assessment", officer, today - timedelta(days=30)
            ),
            Step(
                "approve_plan" if plan_first else "agree_self_assessment",
                chairman,
                today - timedelta(days=25),
            ),
            Step("submit_dossier", officer, today - timedelta(days=20)),
            Step("receive_dossier", builder.staff, today - timedelta(days=15)),
            Step("plan_inspection", builder.approver, plan_day),
            Step("close_inspection", builder.team[0], today - timedelta(days=3)),
        ]
        steps = chain[: SPREAD.index(target)]
        if target not in {S.PLAN_DRAFT, S.PLAN_SUBMITTED}:
            builder.dossier(assessment, officer, today - timedelta(days=22))
        builder.changes += ASSESSMENT_WORKFLOW.replay(
            assessment,
            steps,
            due=lambda transition, day: inspection_end if transition.name == "plan_inspection" else None,
        )
        if target in {S.INSPECTION_PLANNED, S.INSPECTED}:
            inspected.append((assessment, target))
    run.bulk(Assessment, assessments)
    if inspected:
        builder.inspection_plan(
            run.districts[0], [a for a, _t in inspected], plan_day, dates["inspection_start"], inspection_end
        )
    for assessment, target in inspected:
        half = len(builder.criteria if builder.points else builder.indicators) // 2
        upto = None if target == S.INSPECTED else half
        builder.inspection(assessment, assessment.team, today - timedelta(days=3), upto=upto)
    builder.flush()
