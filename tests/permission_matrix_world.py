"""The small district the permission matrix asks every page about, built once through the domain.

Four wards of one cluster: Phường 1 (the personas' own ward), Phường 2 (the
other officer's), Phường 3 and 4 (nobody's among the personas). Each has a
learning centre with a class (learners, two sessions) and people in the
literacy register. Circular 44 cycles, each object in the state where the
pages about it decide by permission rather than by state:

- 2017: Phường 1 published by a released decision (the public results, the
  previous year of its dossier); Phường 2 recognised by an approved decision
  (to release); Phường 3 inspected, in a prepared decision (to sign or withdraw).
- 2018: Phường 1 preparing its dossier (complete: scores, evidence, the three
  documents), the ward's editing pages; Phường 2 inspection planned, the
  approved plan's team led by ``inspector``; Phường 3 submitted, for the
  district's receipt; Phường 4 received, in a submitted inspection plan (to
  approve or return).

Beside them: the 2018 plan with a task of the education office (with
evidence) and one of Phường 1, Phường 1's draft report, the year's emulation
criteria and a cluster briefing, a published news item, a year-end rating in
draft, Phường 1's published 2017 calendar, a finished document batch and a
recorded failed sign-in.
"""

import datetime
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.core.files.base import ContentFile
from django.utils import timezone

from assessments.decision_numbers import proposed_decision_number
from assessments.inspection import (
    MemberAssignment,
    approve_decision,
    close_inspection,
    prepare_decision,
    release_decision,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.models import AssessmentState as S
from assessments.models import (
    BatchState,
    DocumentBatch,
    EvidenceFile,
    Framework,
    Indicator,
    IndicatorSelfFinding,
    RecognitionDecision,
)
from assessments.workflow import TRANSITIONS, perform_transition
from centers.calendar_workflow import publish_calendar
from centers.models import ActivityKind, LiteracyLevel, RatingRubric
from centers.rating import start_rating
from plans.briefings import record_briefing, set_emulation_scheme
from plans.models import NewsKind, SectionPart, TaskEvidence
from plans.news import create_news_item
from plans.news_workflow import NEWS_WORKFLOW
from plans.planning import add_section, add_task, create_plan, parse_period
from plans.ward_reports import start_ward_report
from tests.assessments.conftest import PATH, PDF_BYTES, approved_plan, complete_dossier, ready_plan, score_all
from tests.centers.activity_data import class_with_sessions
from tests.centers.register_data import add_people, register_import
from tests.factories import (
    AssessmentFactory,
    CenterFactory,
    CycleFactory,
    DistrictUnitFactory,
    UserFactory,
    WardFactory,
)
from wards.models import Role, UnitKind


@dataclass
class World:
    users: dict  # persona → user (``None`` for anonymous)
    wards: dict  # "P01" … "P04" → ward
    centers: dict  # ward code → centre
    assessments: dict  # (ward code, year) → assessment
    objects: dict = field(default_factory=dict)  # the other rows the URLs name, by a short name


def build_world() -> World:
    ward = WardFactory(code="P01", name="Phường 1")
    other = WardFactory(code="P02", name="Phường 2", district=ward.district, cluster=ward.cluster)
    third, fourth = (
        WardFactory(code=f"P0{n}", name=f"Phường {n}", district=ward.district, cluster=ward.cluster)
        for n in (3, 4)
    )
    wards = {"P01": ward, "P02": other, "P03": third, "P04": fourth}
    education = DistrictUnitFactory()
    promotion = DistrictUnitFactory(
        code="hoi-khuyen-hoc",
        name="Hội Khuyến học quận",
        short_name="Hội Khuyến học",
        kind=UnitKind.PROMOTION_ASSOCIATION,
    )
    users = _personas(ward, other, education, promotion)
    # The people of each ward who take the ward's steps of the workflow.
    ward_people = {
        "P01": (users["ward_officer"], users["ward_chairman"]),
        "P02": (users["other_ward_officer"], _user("chutich.p2", other, Role.WARD_CHAIRMAN)),
        "P03": (_user("canbo.p3", third, Role.WARD_OFFICER), _user("chutich.p3", third, Role.WARD_CHAIRMAN)),
        "P04": (
            _user("canbo.p4", fourth, Role.WARD_OFFICER),
            _user("chutich.p4", fourth, Role.WARD_CHAIRMAN),
        ),
    }
    directors = {
        "P01": users["center_director"],
        "P02": _user("ttht.p2", other, Role.CLC_DIRECTOR),
        "P03": _user("ttht.p3", third, Role.CLC_DIRECTOR),
        "P04": _user("ttht.p4", fourth, Role.CLC_DIRECTOR),
    }
    world = World(users=users, wards=wards, centers={}, assessments={})
    for code, center_ward in wards.items():
        world.centers[code] = _center(center_ward, directors[code], world)
    _assessments(world, ward_people, promotion)
    _plans(world, education)
    _odds_and_ends(world)
    return world


def _user(username, ward=None, role=None, unit=None):
    return UserFactory(username=username, ward=ward, unit=unit, roles=[role] if role else [])


def _personas(ward, other, education, promotion) -> dict:
    return {
        "anonymous": None,
        "ward_officer": _user("canbo.p1", ward, Role.WARD_OFFICER),
        "other_ward_officer": _user("canbo.p2", other, Role.WARD_OFFICER),
        "ward_chairman": _user("chutich.p1", ward, Role.WARD_CHAIRMAN),
        "center_director": _user("ttht.p1", ward, Role.CLC_DIRECTOR),
        "education_staff": _user("phonggd", None, Role.EDUCATION_STAFF, education),
        "promotion_staff": _user("khuyenhoc", None, Role.PROMOTION_STAFF, promotion),
        "inspector": _user("kiemtra1", None, Role.INSPECTOR, education),
        "other_inspector": _user("kiemtra2", None, Role.INSPECTOR, education),
        "district_chairman": _user("chutich.quan", None, Role.DISTRICT_APPROVER),
        "steering_member": _user("bcd", None, Role.STEERING_MEMBER),
        "system_admin": _user("quantri", None, Role.SYSTEM_ADMIN),
    }


def _center(ward, director, world):
    center = CenterFactory(ward=ward)
    activity, learners = class_with_sessions(center, director)
    record = register_import(ward, director)
    people = add_people(ward, record, [(1980, LiteracyLevel.NONE), (1975, LiteracyLevel.LEVEL_1)])
    world.objects[f"activity {ward.code}"] = activity
    world.objects[f"learner {ward.code}"] = learners[0]
    world.objects[f"session {ward.code}"] = activity.sessions.order_by("pk").first()
    world.objects[f"person {ward.code}"] = people[0]
    return center


# --- Assessments ----------------------------------------------------------------------------------


def _walk(assessment, state, people: dict, today: datetime.date):
    """``tests.assessments.conftest.walk_to`` with the people named: the world is built outside a test."""
    for name, who, reached in PATH:
        if assessment.state == state:
            break
        if assessment.state not in TRANSITIONS[name].sources:
            continue
        if name == "submit_plan":
            ready_plan(assessment, people["ward_officer"])
        if name == "submit_dossier":
            complete_dossier(assessment, people["ward_officer"])
        if name == "plan_inspection":
            approved_plan(
                assessment, people["education_staff"], people[who], people["inspector"], today=today
            )
        elif name == "close_inspection":
            score_all(assessment, people[who])
            close_inspection(assessment, people[who], today=today)
        elif name == "recognise":
            _decide(assessment, people, today)
        elif name == "publish":
            release_decision(assessment.decisions.get(), people[who], today=today)
        else:
            perform_transition(assessment, name, people[who], today=today)
        assessment.refresh_from_db()
        assert assessment.state == reached
    return assessment


def _decide(assessment, people, today):
    decision = prepare_decision(assessment.cycle, people["education_staff"], [assessment])
    signed_on = datetime.date(assessment.cycle.year, 12, 10)
    approve_decision(
        decision,
        people["district_chairman"],
        number=proposed_decision_number(decision, signed_on),
        issued_on=signed_on,
        signer="Trịnh Văn Long",
        signer_title="Phó Chủ tịch",
        today=today,
    )


def _assessments(world, ward_people, promotion):
    users = world.users
    cycles = {year: CycleFactory(year=year, lead_body=promotion) for year in (2017, 2018)}
    plan = [
        ("P01", 2017, S.PUBLISHED),
        ("P02", 2017, S.RECOGNISED),
        ("P03", 2017, S.INSPECTED),
        ("P01", 2018, S.DOSSIER_PREPARATION),
        ("P02", 2018, S.INSPECTION_PLANNED),
        ("P03", 2018, S.SUBMITTED),
        ("P04", 2018, S.RECEIVED),
    ]
    for code, year, state in plan:
        officer, chairman = ward_people[code]
        people = {**users, "ward_officer": officer, "ward_chairman": chairman}
        assessment = AssessmentFactory(cycle=cycles[year], ward=world.wards[code])
        _walk(assessment, state, people, today=datetime.date(year, 10, 22))
        world.assessments[code, year] = assessment
    # Phường 1 2018: the dossier is complete while the ward still prepares it.
    preparing = world.assessments["P01", 2018]
    complete_dossier(preparing, users["ward_officer"])
    world.objects["evidence P01 2018"] = EvidenceFile.objects.filter(assessment=preparing).first()
    world.objects["released decision"] = world.assessments["P01", 2017].decisions.get()
    world.objects["prepared decision"] = prepare_decision(
        cycles[2017], users["education_staff"], [world.assessments["P03", 2017]]
    )
    world.objects["approved decision"] = world.assessments["P02", 2017].decisions.get()
    world.objects["inspection plan"] = world.assessments["P02", 2018].inspection_plans.get()
    criteria = list(cycles[2018].framework.criteria.all())
    world.objects["criterion"] = criteria[0]
    world.assessments["P01", 2024] = _level_dossier(world, ward_people["P01"])
    submitted_plan = save_inspection_plan(
        users["education_staff"],
        cycles[2018],
        title="Kiểm tra Phường 4",
        start_date=datetime.date(2018, 11, 12),
        end_date=datetime.date(2018, 11, 13),
        assessments=[world.assessments["P04", 2018]],
        assignments=[MemberAssignment(users["inspector"], criteria, is_lead=True)],
    )
    submit_inspection_plan(submitted_plan, users["education_staff"])
    world.objects["submitted inspection plan"] = submitted_plan
    batch = DocumentBatch.objects.create(
        requested_by=users["education_staff"],
        kind="receipt_slip",
        object_ids=[world.assessments["P02", 2018].pk],
        total=1,
        done=1,
        state=BatchState.DONE,
    )
    batch.result.save("phieu-tiep-nhan.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=True)
    world.objects["batch"] = batch
    assert RecognitionDecision.objects.count() == 3


# --- The plan, reports, news, and the rest -------------------------------------------------------


def _plans(world, education):
    staff = world.users["education_staff"]
    plan = create_plan(world.wards["P01"].district, 2018, staff, title="Kế hoạch xây dựng XHHT năm 2018")
    section = add_section(plan, staff, part=SectionPart.ORGANISATION, number="1", title="Phân công")
    periods = parse_period("Tháng 3/2018", 2018)
    (unit_task,) = add_task(
        plan,
        section,
        staff,
        text="Tập huấn cán bộ",
        unit=education,
        periods=periods,
        period_label="Tháng 3/2018",
    )
    (ward_task,) = add_task(
        plan,
        section,
        staff,
        text="Rà soát sổ phổ cập",
        ward=world.wards["P01"],
        periods=periods,
        period_label="Tháng 3/2018",
    )
    evidence = TaskEvidence(
        task=unit_task,
        original_name="bien-ban.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        sha256="0" * 64,
        uploaded_by=staff,
    )
    evidence.file.save("bien-ban.pdf", ContentFile(PDF_BYTES), save=True)
    world.objects |= {"plan": plan, "unit task": unit_task, "ward task": ward_task, "task evidence": evidence}
    world.objects["ward report"] = start_ward_report(
        world.wards["P01"], 2018, "report", world.users["ward_officer"]
    )
    news = create_news_item(
        staff,
        title="Tuyên dương gia đình học tập",
        kind=NewsKind.NEWS,
        summary="Quận tuyên dương 120 gia đình học tập.",
        body="Sáng 20/11, quận tuyên dương 120 gia đình học tập tiêu biểu.",
        published_on=datetime.date(2018, 11, 20),
    )
    NEWS_WORKFLOW.perform(news, "publish", staff)
    world.objects["news"] = news
    set_emulation_scheme(2018, staff, [("Xây dựng mô hình học tập", ["Gia đình học tập", "Dòng họ học tập"])])
    world.objects["briefing"] = record_briefing(
        world.wards["P01"].cluster,
        2018,
        1,
        staff,
        held_on=datetime.date(2018, 3, 28),
        place="Hội trường UBND Phường 1",
        wards_present=list(world.wards.values()),
        minutes="Các phường báo cáo tiến độ quý I.",
        progress={},
    )


def _odds_and_ends(world):
    publish_calendar(world.centers["P01"], 2017, world.users["center_director"])
    world.objects["rating"] = start_rating(world.centers["P01"], 2018, world.users["education_staff"])
    world.objects["kind"] = ActivityKind.objects.get(code="xoa-mu-chu")
    world.objects["rubric"] = RatingRubric.objects.order_by("valid_from").first()
    world.objects["lockout"] = AccessAttempt.objects.create(
        username="canbo.p1",
        ip_address="10.0.0.9",
        user_agent="Firefox",
        get_data="",
        post_data="",
        http_accept="text/html",
        path_info="/accounts/login/",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )


# --- What each URL is asked about -----------------------------------------------------------------


def url_kwargs(name: str, world: World) -> dict:
    """The keyword arguments of URL ``name`` in this world: the row each page is asked about.

    Phường 1's rows wherever the page is about one ward (the ward officer's own,
    the other officer's not); the assessment in the state where the page does
    its work (Phường 1 2018 for the dossier, Phường 2 2018 for the scoring,
    Phường 3 2018 for the receipt). A URL without an entry takes no arguments.
    """
    return _KWARGS[name](world, world.objects) if name in _KWARGS else {}


def _level_dossier(world, ward_people):
    """Phường 1's 2024 dossier under Circular 25: answered, agreed at the meeting, asking for its level."""
    officer, chairman = ward_people
    framework = Framework.objects.get(code="tt25-2023")
    assessment = AssessmentFactory(
        cycle=CycleFactory(year=2024, framework=framework), ward=world.wards["P01"]
    )
    IndicatorSelfFinding.objects.bulk_create(
        IndicatorSelfFinding(
            assessment=assessment,
            indicator=indicator,
            meets_level_1=True,
            meets_level_2=True,
            updated_by=officer,
        )
        for indicator in Indicator.objects.filter(criterion__framework=framework)
    )
    day = datetime.date(2025, 1, 10)
    perform_transition(assessment, "submit_self_assessment", officer, today=day)
    perform_transition(assessment, "agree_self_assessment", chairman, today=day)
    return assessment


def _pk(key):
    return lambda world, o: {"pk": o[key].pk}


def _assessment(code, year, **more):
    return lambda world, o: {"pk": world.assessments[code, year].pk, **more}


def _center_of(key="P01", **more):
    return lambda world, o: {"pk": world.centers[key].pk, **more}


def _activity(**more):
    return lambda world, o: {"pk": world.centers["P01"].pk, "activity_pk": o["activity P01"].pk, **more}


def _constant(**values):
    return lambda world, o: values


def _framework_pk(world, o):
    return {"pk": o["criterion"].framework_id}


def _reset_token(world, o):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world.users["ward_officer"]
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


PREPARING = ("P01", 2018)  # the ward's dossier being prepared
INSPECTING = ("P02", 2018)  # inspection planned, ``inspector`` leads the team
SUBMITTED = ("P03", 2018)  # waits for the district's receipt

_KWARGS = {
    # wards
    "wards:detail": _constant(code="P01"),
    "wards:edit": _constant(code="P01"),
    "wards:user_edit": lambda world, o: {"pk": world.users["ward_officer"].pk},
    "wards:user_password_reset": lambda world, o: {"pk": world.users["ward_officer"].pk},
    "wards:user_two_factor_reset": lambda world, o: {"pk": world.users["ward_chairman"].pk},
    "wards:lockout_unlock": _pk("lockout"),
    "wards:audit_object": lambda world, o: {"model": "wards.ward", "pk": world.wards["P01"].pk},
    # assessments: the ward's dossier
    "assessments:detail": _assessment(*PREPARING),
    "assessments:plan_edit": _assessment(*PREPARING),
    "assessments:transition": _assessment(*PREPARING, name="submit_dossier"),
    "assessments:undo": _assessment(*PREPARING),
    "assessments:criterion_edit": _assessment(*PREPARING, number=1),
    "assessments:carry_over": _assessment(*PREPARING, number=1),
    "assessments:attach_center_summary": _assessment(*PREPARING, number=5),  # literacy: the centre's records
    "assessments:evidence_download": lambda world, o: {
        "pk": world.assessments[PREPARING].pk,
        "evidence_pk": o["evidence P01 2018"].pk,
    },
    "assessments:evidence_delete": lambda world, o: {
        "pk": world.assessments[PREPARING].pk,
        "evidence_pk": o["evidence P01 2018"].pk,
    },
    "assessments:document_edit": _assessment(*PREPARING, kind="to_trinh"),
    "assessments:document_scan": _assessment(*PREPARING, kind="to_trinh"),
    "assessments:requested_level": _assessment("P01", 2024),
    "assessments:dossier_zip": _assessment(*PREPARING),
    "assessments:scores_xlsx": _assessment(*PREPARING),
    "assessments:scores_import": _assessment(*PREPARING),
    "assessments:document_pdf": _assessment(*PREPARING, key="ward_plan"),
    "assessments:document_docx": _assessment(*PREPARING, key="ward_plan"),
    # assessments: the district's work
    "assessments:receive": _assessment(*SUBMITTED),
    "assessments:return_for_supplement": _assessment(*SUBMITTED),
    "assessments:receipt_slip": _assessment(*INSPECTING),
    "assessments:scoring": _assessment(*INSPECTING),
    "assessments:score_criterion": _assessment(*INSPECTING, number=1),
    "assessments:consolidation": _assessment(*INSPECTING),
    "assessments:close_inspection": _assessment(*INSPECTING),
    "assessments:plan_document": lambda world, o: {
        "pk": o["inspection plan"].pk,
        "key": "inspection_plan",
        "fmt": "pdf",
    },
    "assessments:decision_document": lambda world, o: {
        "pk": o["prepared decision"].pk,
        "key": "recognition_proposal",
        "fmt": "pdf",
    },
    "assessments:public_document": _constant(year=2017, key="public_notice", fmt="pdf"),
    "assessments:public_decision": _constant(year=2017, code="P01"),
    "assessments:batch_detail": _pk("batch"),
    "assessments:batch_download": _pk("batch"),
    "assessments:decision_detail": _pk("prepared decision"),
    "assessments:decision_approve": _pk("prepared decision"),
    "assessments:decision_release": _pk("approved decision"),
    "assessments:decision_withdraw": _pk("prepared decision"),
    "assessments:decision_undo": _pk("released decision"),
    "assessments:inspection_plan_detail": _pk("inspection plan"),
    "assessments:inspection_plan_edit": _pk("submitted inspection plan"),
    "assessments:inspection_plan_submit": _pk("submitted inspection plan"),
    "assessments:inspection_plan_approve": _pk("submitted inspection plan"),
    "assessments:inspection_plan_return": _pk("submitted inspection plan"),
    "assessments:inspection_plan_undo": _pk("inspection plan"),
    "assessments:public_year": _constant(year=2017),
    "assessments:public_ward": _constant(code="P01"),
    "assessments:public_summary_export": _constant(fmt="csv"),
    "assessments:framework_edit": _framework_pk,
    "assessments:framework_copy": _framework_pk,
    "assessments:cycle_edit": _constant(year=2018),
    "assessments:cycle_open": _constant(year=2018),
    # centers
    "centers:of_ward": _constant(code="P01"),
    "centers:detail": _center_of(),
    "centers:edit": _center_of(),
    "centers:activity_list": _center_of(),
    "centers:activity_export": _center_of(),
    "centers:activity_create": _center_of(),
    "centers:activity_detail": _activity(),
    "centers:activity_edit": _activity(),
    "centers:activity_delete": _activity(),
    "centers:learner_add": _activity(),
    "centers:learner_remove": lambda world, o: {
        "pk": world.centers["P01"].pk,
        "activity_pk": o["activity P01"].pk,
        "learner_pk": o["learner P01"].pk,
    },
    "centers:class_list_import": _activity(),
    "centers:session_create": _activity(),
    "centers:session_edit": lambda world, o: {
        "pk": world.centers["P01"].pk,
        "activity_pk": o["activity P01"].pk,
        "session_pk": o["session P01"].pk,
    },
    "centers:session_delete": lambda world, o: {
        "pk": world.centers["P01"].pk,
        "activity_pk": o["activity P01"].pk,
        "session_pk": o["session P01"].pk,
    },
    "centers:calendar": _center_of(year=2018),
    "centers:calendar_publish": _center_of(year=2018),
    "centers:calendar_undo": _center_of(year=2017),
    "centers:rating_list": _constant(year=2018),
    "centers:rating": _center_of(year=2018),
    "centers:rating_start": _center_of(year=2018),
    "centers:rating_undo": _center_of(year=2018),
    "centers:rating_step": _center_of(year=2018, name="submit"),
    "centers:kind_edit": _pk("kind"),
    "centers:kind_set_active": _pk("kind"),
    "centers:kind_delete": _pk("kind"),
    "centers:standard_edit": lambda world, o: {"pk": _first("centers.LiteracyStandard")},
    "centers:target_edit": lambda world, o: {"pk": _first("centers.LearningModelTarget")},
    "centers:rubric_edit": _pk("rubric"),
    "centers:rubric_copy": _pk("rubric"),
    "centers:register": _center_of(),
    "centers:register_person": lambda world, o: {
        "pk": world.centers["P01"].pk,
        "person_pk": o["person P01"].pk,
    },
    "centers:register_export": _center_of(),
    "centers:register_import": _center_of(),
    "centers:register_template": _center_of(),
    "centers:learning_models": _center_of(year=2018),
    # plans
    "plans:detail": _constant(year=2018),
    "plans:edit": _constant(year=2018),
    "plans:copy": _constant(year=2018),
    "plans:timeline": _constant(year=2018),
    "plans:task_list": _constant(year=2018),
    "plans:task_export": _constant(year=2018, fmt="csv"),
    "plans:task_create": _constant(year=2018),
    "plans:document": _constant(year=2018, fmt="pdf"),
    "plans:progress_report": _constant(year=2018),
    "plans:task_detail": _pk("ward task"),
    "plans:task_edit": _pk("ward task"),
    "plans:ward_reports_of_ward": _constant(code="P01"),
    "plans:ward_report_start": _constant(code="P01"),
    "plans:ward_reports_round": _constant(year=2018),
    "plans:ward_report": _pk("ward report"),
    "plans:ward_report_step": lambda world, o: {"pk": o["ward report"].pk, "name": "submit"},
    "plans:ward_report_undo": _pk("ward report"),
    "plans:ward_report_pdf": _pk("ward report"),
    "plans:district_report": _constant(year=2018),
    "plans:district_report_document": _constant(year=2018, fmt="pdf"),
    "plans:briefing_list": _constant(year=2018),
    "plans:emulation_texts": _constant(year=2018),
    "plans:briefing_record": lambda world, o: {
        "year": 2018,
        "cluster": world.wards["P01"].cluster.number,
        "quarter": 1,
    },
    "plans:briefing": _pk("briefing"),
    "plans:task_progress": _pk("ward task"),
    "plans:task_report": _pk("ward task"),
    "plans:task_event": _pk("ward task"),
    "plans:task_step": lambda world, o: {"pk": o["ward task"].pk, "name": "start"},
    "plans:task_undo": _pk("ward task"),
    "plans:task_evidence_download": lambda world, o: {
        "pk": o["unit task"].pk,
        "evidence_pk": o["task evidence"].pk,
    },
    "plans:task_evidence_delete": lambda world, o: {
        "pk": o["unit task"].pk,
        "evidence_pk": o["task evidence"].pk,
    },
    # the steering committee's dashboards
    "dashboard:overview_export": _constant(table="pipeline", fmt="csv"),
    "dashboard:heatmap": _constant(year=2017),
    "dashboard:heatmap_export": _constant(year=2017, fmt="csv"),
    "dashboard:self_vs_inspection": _constant(year=2017),
    "dashboard:self_vs_inspection_export": _constant(year=2017, fmt="csv"),
    "dashboard:trends_export": _constant(fmt="csv"),
    "dashboard:weak_criterion_task": lambda world, o: {"code": "P01", "criterion_id": o["criterion"].pk},
    "dashboard:ward": _constant(code="P01"),
    "dashboard:ward_export": _constant(code="P01", fmt="csv"),
    # news
    "news:detail": _pk("news"),
    "news:manage_detail": _pk("news"),
    "news:manage_edit": _pk("news"),
    "news:manage_step": lambda world, o: {"pk": o["news"].pk, "name": "withdraw"},
    "news:manage_undo": _pk("news"),
    # accounts
    "password_reset_confirm": _reset_token,
}


def _first(label: str) -> int:
    from django.apps import apps

    return apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True).first()
