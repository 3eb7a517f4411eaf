"""The inbox (what waits for each user, one row per piece of work) and the user's notifications."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape

from assessments.inbox import InboxCount, inbox_counts, inbox_rows
from assessments.inspection import (
    MemberAssignment,
    prepare_decision,
    record_score,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.models import AssessmentState as S
from assessments.models import Notification
from assessments.workflow import perform_transition
from tests.assessments.conftest import complete_dossier
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import vi_plural, write_plan
from tests.helpers import vi_text as vi
from wards.models import Role

TODAY = datetime.date(2018, 10, 22)


def submitted_dossier(cycle, ward=None):
    """Any ward's assessment taken to SUBMITTED through the engine, by that ward's own officer and chairman."""
    assessment = AssessmentFactory(cycle=cycle, ward=ward or WardFactory())
    officer = UserFactory(ward=assessment.ward, roles=[Role.WARD_OFFICER])
    chairman = UserFactory(ward=assessment.ward, roles=[Role.WARD_CHAIRMAN])
    write_plan(assessment, officer)
    perform_transition(assessment, "submit_plan", officer, today=TODAY)
    perform_transition(assessment, "approve_plan", chairman, today=TODAY)
    complete_dossier(assessment, officer)
    perform_transition(assessment, "submit_dossier", officer, today=TODAY)
    return assessment


@pytest.fixture
def walked(walk_to, cycle):
    """``walked(state, name)``: a new ward's assessment walked to ``state`` by that ward's own people."""

    def walk(state, name=None):
        ward = WardFactory(name=name) if name else WardFactory()
        officer = UserFactory(ward=ward, roles=[Role.WARD_OFFICER])
        chairman = UserFactory(ward=ward, roles=[Role.WARD_CHAIRMAN])
        assessment = AssessmentFactory(cycle=cycle, ward=ward)
        return walk_to(assessment, state, ward_officer=officer, ward_chairman=chairman)

    return walk


def rows_of(rows) -> list[tuple[str, list[str]]]:
    """Each row as (what it is about, the labels of its actions)."""
    return [(row.title, [action.label for action in row.actions]) for row in rows]


# --- One row per piece of work ----------------------------------------------------------------------


def test_two_actions_on_one_assessment_make_one_row_with_both(login, ward_officer, assessment):
    response = login(ward_officer).get("/inbox/")

    rows = response.context["rows"]
    assert rows_of(rows) == [
        ("Phường 1", [vi("Draft the self-inspection plan"), vi("Send the plan to the ward chairman")]),
    ]
    assert [action.url for action in rows[0].actions] == [
        f"/assessments/{assessment.pk}/plan/",
        f"/assessments/{assessment.pk}/transition/submit_plan/",
    ]
    page = response.content.decode()
    assert page.count(f'<a href="/assessments/{assessment.pk}/">Phường 1</a>') == 1
    assert f'href="/assessments/{assessment.pk}/plan/"' in page
    assert f'href="/assessments/{assessment.pk}/transition/submit_plan/"' in page


def test_inbox_asks_the_ward_officer_to_finish_the_dossier_with_its_completeness(
    login, ward_officer, walk_to, assessment
):
    walk_to(assessment, S.DOSSIER_PREPARATION)

    response = login(ward_officer).get("/inbox/")

    [row] = response.context["rows"]
    assert rows_of([row]) == [
        ("Phường 1", [vi("Finish the dossier"), vi("Send the dossier to the district")])
    ]
    assert row.actions[0].note == vi("%(percent)s %% complete", percent=0) == "hoàn thành 0 %"
    assert (row.due_date, row.actions[0].url, row.kind) == (
        datetime.date(2018, 10, 31),
        f"/assessments/{assessment.pk}/",
        vi("Dossiers to finish and send"),
    )
    assert "(hoàn thành 0 %)" in response.content.decode()


def test_inbox_asks_the_ward_chairman_to_approve_or_return_the_plan(
    login, ward_chairman, walk_to, assessment
):
    walk_to(assessment, S.PLAN_SUBMITTED)

    rows = login(ward_chairman).get("/inbox/").context["rows"]

    assert rows_of(rows) == [
        ("Phường 1", [vi("Approve the self-inspection plan"), vi("Return the plan with a reason")]),
    ]


def test_inbox_asks_district_staff_to_receive_or_return_every_submitted_dossier(
    login, education_staff, cycle, walk_to, assessment, other_ward
):
    walk_to(assessment, S.SUBMITTED)
    other = submitted_dossier(cycle, other_ward)
    AssessmentFactory(
        cycle=cycle, ward=WardFactory(name="Phường 3")
    )  # still drafting its plan: nothing to do

    response = login(education_staff).get("/inbox/")

    receive, give_back = (
        vi("Receive the dossier as complete and valid"),
        vi("Return the dossier for supplement"),
    )
    rows = response.context["rows"]
    assert rows_of(rows) == [("Phường 1", [receive, give_back]), ("Phường 2", [receive, give_back])]
    assert rows[1].assessment == other
    assert [action.url for action in rows[1].actions] == [
        f"/assessments/{other.pk}/receive/",
        f"/assessments/{other.pk}/return/",
    ]
    assert escape(receive) in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["other_ward_officer", "inspector", "steering_member", "system_admin", "district_chairman"]
)
def test_inbox_is_empty_for_who_has_nothing_to_do(request, login, walk_to, assessment, persona):
    walk_to(assessment, S.SUBMITTED)

    response = login(request.getfixturevalue(persona)).get("/inbox/")

    assert (response.context["rows"], response.context["counts"]) == ([], [])
    assert escape(vi("Nothing waits for you.")) in response.content.decode()


def test_inbox_does_not_offer_importing_a_result_to_the_system_administrator(system_admin, assessment):
    # ``import_result`` is allowed in PLAN_DRAFT but made by the import command, never waited for.
    assert inbox_rows(system_admin) == []


def test_inbox_sorts_by_due_date_with_no_due_date_last_and_marks_what_is_overdue(
    ward_officer, ward_chairman, walk_to, cycle, assessment
):
    lead_body = cycle.lead_body
    undated = AssessmentFactory(cycle=CycleFactory(year=2017, lead_body=lead_body), ward=assessment.ward)
    later = AssessmentFactory(cycle=CycleFactory(year=2019, lead_body=lead_body), ward=assessment.ward)
    walk_to(later, S.PLAN_SUBMITTED)
    perform_transition(later, "return_plan", ward_chairman, reason="Bổ sung")  # dossier due 31/10/2019
    walk_to(assessment, S.DOSSIER_PREPARATION)  # dossier due 31/10/2018

    rows = inbox_rows(ward_officer, today=datetime.date(2019, 1, 2))

    draft, send_plan = vi("Draft the self-inspection plan"), vi("Send the plan to the ward chairman")
    assert [(row.assessment, len(row.actions), row.due_date, row.overdue) for row in rows] == [
        (assessment, 2, datetime.date(2018, 10, 31), True),
        (later, 2, datetime.date(2019, 10, 31), False),
        (undated, 2, None, False),
    ]
    assert rows_of(rows)[1:] == [("Phường 1", [draft, send_plan]), ("Phường 1", [draft, send_plan])]


def test_inbox_marks_an_overdue_item_on_the_page(login, ward_officer, walk_to, assessment):
    walk_to(assessment, S.DOSSIER_PREPARATION)  # dossier due 31/10/2018, long past

    page = login(ward_officer).get("/inbox/").content.decode()

    assert '<span class="overdue">31/10/2018</span> <span class="badge text-bg-danger">quá hạn</span>' in page


def test_inbox_shows_the_unread_notifications_count_with_a_link(
    login, ward_officer, ward_chairman, assessment
):
    Notification.objects.bulk_create(
        [
            Notification(recipient=ward_officer, subject="Một"),
            Notification(recipient=ward_officer, subject="Hai"),
            Notification(
                recipient=ward_officer,
                subject="Đã đọc",
                read_at=datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC),
            ),
            Notification(recipient=ward_chairman, subject="Của người khác"),
        ]
    )

    response = login(ward_officer).get("/inbox/")

    assert response.context["unread"] == 2
    assert 'href="/notifications/"' in response.content.decode()


# --- Inspection plans and decisions: one row each, naming their wards --------------------------------


def draft_plan(drafter, inspector, assessments, title="Kiểm tra cụm 1"):
    cycle = assessments[0].cycle
    return save_inspection_plan(
        drafter,
        cycle,
        title=title,
        start_date=datetime.date(cycle.year, 11, 5),
        end_date=datetime.date(cycle.year, 11, 6),
        assessments=assessments,
        assignments=[MemberAssignment(inspector, list(cycle.framework.criteria.all()), is_lead=True)],
    )


def test_a_plan_waiting_for_approval_is_one_row_naming_its_wards(
    login, education_staff, district_chairman, inspector, walked
):
    first, second = walked(S.RECEIVED, "Phường Bến Thành"), walked(S.RECEIVED, "Phường Đa Kao")
    plan = draft_plan(education_staff, inspector, [second, first])
    submit_inspection_plan(plan, education_staff)

    response = login(district_chairman).get("/inbox/")

    [row] = response.context["rows"]
    assert (row.title, row.wards, row.year, row.url, row.kind) == (
        "Kiểm tra cụm 1",
        ["Phường Bến Thành", "Phường Đa Kao"],
        2018,
        f"/inspections/{plan.pk}/",
        vi("Inspection plans to approve"),
    )
    assert [(action.label, action.url) for action in row.actions] == [
        (vi("Approve the inspection plan"), f"/inspections/{plan.pk}/")
    ]
    assert row.due_date == first.due_date == second.due_date == datetime.date(2018, 11, 5)
    assert "Phường Bến Thành, Phường Đa Kao" in response.content.decode()


def test_district_staff_are_asked_to_send_a_draft_plan_and_not_to_draft_another(
    login, education_staff, inspector, walked
):
    planned, waiting = walked(S.RECEIVED, "Phường Bến Thành"), walked(S.RECEIVED, "Phường Đa Kao")
    plan = draft_plan(education_staff, inspector, [planned])

    rows = login(education_staff).get("/inbox/").context["rows"]

    # All three due on the same day (the inspection plan of both wards), so in alphabetical order.
    assert rows_of(rows) == [
        ("Kiểm tra cụm 1", [vi("Send for approval")]),
        ("Phường Bến Thành", [vi("Return the dossier for supplement")]),
        ("Phường Đa Kao", [vi("Draft the inspection plan"), vi("Return the dossier for supplement")]),
    ]
    assert (rows[0].url, rows[0].wards, rows[2].assessment) == (
        f"/inspections/{plan.pk}/",
        ["Phường Bến Thành"],
        waiting,
    )


def test_a_decision_to_sign_and_one_to_release_are_one_row_each(
    login, education_staff, district_chairman, walked, cycle
):
    inspected = [walked(S.INSPECTED, "Phường Bến Thành"), walked(S.INSPECTED, "Phường Đa Kao")]
    decision = prepare_decision(cycle, education_staff, inspected)
    recognised = walked(S.RECOGNISED, "Phường Tân Định")
    released = recognised.decisions.get()

    chairman_rows = login(district_chairman).get("/inbox/").context["rows"]
    staff_rows = login(education_staff).get("/inbox/").context["rows"]

    assert [(row.title, row.wards, row.url) for row in chairman_rows] == [
        (vi("Draft decision"), ["Phường Bến Thành", "Phường Đa Kao"], f"/decisions/{decision.pk}/"),
        ("05/QĐ-UBND", ["Phường Tân Định"], f"/decisions/{released.pk}/"),
    ]
    assert rows_of(chairman_rows) == [
        (vi("Draft decision"), [vi("Approve the recognition decision")]),
        ("05/QĐ-UBND", [vi("Release the decision")]),
    ]
    assert rows_of(staff_rows) == [("05/QĐ-UBND", [vi("Release the decision")])]


def test_an_inspector_sees_the_criteria_left_to_score_and_the_lead_may_close(
    login, inspector, walk_to, assessment
):
    walk_to(assessment, S.INSPECTION_PLANNED)
    criteria = list(assessment.cycle.framework.criteria.all())
    for criterion in criteria[:3]:
        record_score(
            assessment,
            criterion,
            inspector,
            points=Decimal(1),
            comment="Đạt",
            evidence_sufficient=True,
            expected_version=0,
        )

    response = login(inspector).get("/inbox/")

    [row] = response.context["rows"]
    left = vi_plural(
        "%(count)s criterion left to score", "%(count)s criteria left to score", count=len(criteria) - 3
    )
    assert left == "còn 12 tiêu chí chưa chấm"
    assert [(action.label, action.url, action.note) for action in row.actions] == [
        (vi("Score the criteria assigned to you"), f"/assessments/{assessment.pk}/scoring/", left),
        (vi("Close the inspection"), f"/assessments/{assessment.pk}/consolidation/", ""),
    ]
    assert row.kind == vi("Inspections to score")
    assert f"({left})" in response.content.decode()


# --- Counts at the top ------------------------------------------------------------------------------


def test_inbox_counts_the_work_of_each_kind_and_what_is_overdue(
    login, education_staff, education_office, cycle, other_ward, walk_to, assessment
):
    walk_to(assessment, S.RECEIVED)  # received 22/10/2018: inspection plan due 05/11/2018, long past
    on_time = submitted_dossier(cycle, other_ward)
    today = timezone.localdate()
    perform_transition(on_time, "receive_dossier", education_staff, today=today)  # due in 10 working days
    submitted_dossier(cycle, WardFactory(name="Phường 3"))  # waits to be received, no due date yet

    response = login(education_staff).get("/inbox/")

    assert response.context["counts"] == [
        InboxCount(vi("Dossiers to receive"), 1, 0),
        InboxCount(vi("Inspection plans to draft"), 2, 1),
    ]
    assert [(row.title, row.overdue) for row in response.context["rows"]] == [
        ("Phường 1", True),
        ("Phường 2", False),
        ("Phường 3", False),
    ]
    page = response.content.decode()
    counts = page[page.index('id="inbox-counts"') : page.index("</ul>", page.index('id="inbox-counts"'))]
    assert '<span class="badge text-bg-danger">1 quá hạn</span>' in counts
    assert counts.count("quá hạn") == 1
    assert escape(vi("Inspection plans to draft")) in counts


def test_inbox_counts_follow_the_order_of_the_procedure():
    rows = [
        type("Row", (), {"kind": kind, "overdue": overdue})()
        for kind, overdue in (
            (vi("Recognition decisions to sign"), False),
            (vi("Dossiers to receive"), True),
            (vi("Recognition decisions to sign"), True),
        )
    ]

    assert inbox_counts(rows) == [
        InboxCount(vi("Dossiers to receive"), 1, 1),
        InboxCount(vi("Recognition decisions to sign"), 2, 1),
    ]


# --- Query counts -----------------------------------------------------------------------------------


def test_inbox_query_count_does_not_grow_with_the_number_of_wards(
    login, education_staff, cycle, django_assert_num_queries
):
    client = login(education_staff)
    submitted_dossier(cycle)
    # session, user, roles, the open work with ward/cycle/framework, unread notifications,
    # and the district's own steps: the inspection plans, the decisions (no team is read: nothing
    # is being inspected), and the open plan tasks of the user's unit (the plans app's inbox section)
    with django_assert_num_queries(7):
        small = client.get("/inbox/")
    for _n in range(14):
        submitted_dossier(cycle)
    with django_assert_num_queries(7):
        large = client.get("/inbox/")

    assert (len(small.context["rows"]), len(large.context["rows"])) == (1, 15)


def test_inbox_query_count_for_a_ward_officer_does_not_grow_with_the_years(
    login, ward_officer, walk_to, assessment, django_assert_num_queries
):
    client = login(ward_officer)
    walk_to(assessment, S.DOSSIER_PREPARATION)
    client.get("/inbox/")  # the user's menu is cached from their first page on
    # user (the session comes from the cache), roles, the open work, the dossiers being finished (read
    # again) with their criteria, self-scores, evidence and documents, unread notifications, user and group
    # permissions, the open plan tasks of the user's ward (plans)
    with django_assert_num_queries(10):
        small = client.get("/inbox/")
    for year in (2016, 2017):
        earlier = AssessmentFactory(
            cycle__year=year, cycle__lead_body=assessment.cycle.lead_body, ward=assessment.ward
        )
        walk_to(earlier, S.DOSSIER_PREPARATION)
    with django_assert_num_queries(10):
        large = client.get("/inbox/")

    assert (len(small.context["rows"]), len(large.context["rows"])) == (1, 3)


def test_inbox_query_count_for_the_chairman_does_not_grow_with_plans_and_decisions(
    login, education_staff, district_chairman, inspector, walked, cycle, django_assert_max_num_queries
):
    client = login(district_chairman)
    submit_inspection_plan(draft_plan(education_staff, inspector, [walked(S.RECEIVED)]), education_staff)
    prepare_decision(cycle, education_staff, [walked(S.INSPECTED)])
    # session, user, roles, visible assessments, unread notifications, user and group permissions (menu),
    # the inspection plans, the decisions, the user's teams
    with django_assert_max_num_queries(10):
        small = client.get("/inbox/")
    for _n in range(3):
        submit_inspection_plan(draft_plan(education_staff, inspector, [walked(S.RECEIVED)]), education_staff)
    prepare_decision(cycle, education_staff, [walked(S.INSPECTED), walked(S.INSPECTED)])
    with django_assert_max_num_queries(10):
        large = client.get("/inbox/")

    assert (len(small.context["rows"]), len(large.context["rows"])) == (2, 6)


def test_inbox_query_count_for_an_inspector_does_not_grow_with_the_wards_to_score(
    login, inspector, walked, django_assert_max_num_queries
):
    client = login(inspector)
    walked(S.INSPECTION_PLANNED)
    # session, user, roles, visible assessments, unread notifications, user and group permissions (menu),
    # the user's teams, the criteria assigned to the user, the scores already given
    with django_assert_max_num_queries(10):
        small = client.get("/inbox/")
    for _n in range(3):
        walked(S.INSPECTION_PLANNED)
    with django_assert_max_num_queries(10):
        large = client.get("/inbox/")

    assert (len(small.context["rows"]), len(large.context["rows"])) == (1, 4)


# --- Notifications ----------------------------------------------------------------------------------


@pytest.fixture
def notifications(ward_officer, ward_chairman):
    return Notification.objects.bulk_create(
        [
            Notification(recipient=ward_officer, subject="Kế hoạch đã được phê duyệt", body="Nguyễn Văn An"),
            Notification(recipient=ward_officer, subject="Hồ sơ bị trả lại", url="/assessments/1/"),
            Notification(recipient=ward_chairman, subject="Kế hoạch chờ phê duyệt"),
        ]
    )


def test_notifications_shows_only_the_users_own_newest_first(login, ward_officer, notifications):
    response = login(ward_officer).get("/notifications/")
    page = response.content.decode()

    assert [n.subject for n in response.context["page"]] == ["Hồ sơ bị trả lại", "Kế hoạch đã được phê duyệt"]
    assert "Kế hoạch chờ phê duyệt" not in page
    assert 'href="/assessments/1/"' in page


def test_notifications_mark_all_read_marks_only_the_users_own(
    login, ward_officer, ward_chairman, notifications
):
    response = login(ward_officer).post("/notifications/", follow=True)

    assert response.redirect_chain == [("/notifications/", 302)]
    assert Notification.objects.filter(recipient=ward_officer, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=ward_chairman, read_at__isnull=True).count() == 1
    assert response.context["unread"] == 0


def test_notifications_page_is_empty_for_a_user_without_any(login, inspector, notifications):
    response = login(inspector).get("/notifications/")

    assert list(response.context["page"]) == []
    assert escape(vi("You have no notifications.")) in response.content.decode()
