"""The inbox (what waits for each user) and the user's notifications."""

import datetime

import pytest
from django.utils.html import escape

from assessments.dossier import completeness_percent
from assessments.inbox import inbox_items
from assessments.models import AssessmentState as S
from assessments.models import Notification
from assessments.workflow import perform_transition
from tests.assessments.conftest import complete_dossier
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import vi_text as vi
from tests.helpers import write_plan
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


def actions(items) -> list[tuple[str, str]]:
    return [(item.assessment.ward.name, item.action) for item in items]


# --- What each persona finds -----------------------------------------------------------------------


def test_inbox_asks_the_ward_officer_to_draft_and_send_the_plan(login, ward_officer, assessment):
    response = login(ward_officer).get("/inbox/")

    items = response.context["items"]
    assert actions(items) == [
        ("Phường 1", vi("Draft the self-inspection plan")),
        ("Phường 1", vi("Send the plan to the ward chairman")),
    ]
    assert items[0].url == f"/assessments/{assessment.pk}/plan/"
    assert f'href="/assessments/{assessment.pk}/plan/"' in response.content.decode()


def test_inbox_asks_the_ward_officer_to_finish_the_dossier_with_its_completeness(
    login, ward_officer, walk_to, assessment
):
    walk_to(assessment, S.DOSSIER_PREPARATION)

    response = login(ward_officer).get("/inbox/")

    items = response.context["items"]
    assert actions(items) == [
        ("Phường 1", vi("Finish the dossier")),
        ("Phường 1", vi("Send the dossier to the district")),
    ]
    assert items[0].percent == completeness_percent(assessment) == 0
    assert (items[0].due_date, items[0].url) == (
        datetime.date(2018, 10, 31),
        f"/assessments/{assessment.pk}/",
    )


def test_inbox_asks_the_ward_chairman_to_approve_the_plan(login, ward_chairman, walk_to, assessment):
    walk_to(assessment, S.PLAN_SUBMITTED)

    items = login(ward_chairman).get("/inbox/").context["items"]

    assert actions(items) == [
        ("Phường 1", vi("Approve the self-inspection plan")),
        ("Phường 1", vi("Return the plan with a reason")),
    ]


def test_inbox_asks_district_staff_to_receive_every_submitted_dossier(
    login, education_staff, cycle, walk_to, assessment, other_ward
):
    walk_to(assessment, S.SUBMITTED)
    other = submitted_dossier(cycle, other_ward)
    AssessmentFactory(
        cycle=cycle, ward=WardFactory(name="Phường 3")
    )  # still drafting its plan: nothing to do

    response = login(education_staff).get("/inbox/")

    receive = vi("Receive the dossier as complete and valid")
    assert actions(response.context["items"]) == [("Phường 1", receive), ("Phường 2", receive)]
    assert response.context["items"][1].assessment == other
    assert response.context["items"][1].url == f"/assessments/{other.pk}/receive/"
    assert escape(receive) in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["other_ward_officer", "inspector", "steering_member", "system_admin", "district_chairman"]
)
def test_inbox_is_empty_for_who_has_nothing_to_do(request, login, walk_to, assessment, persona):
    walk_to(assessment, S.SUBMITTED)

    response = login(request.getfixturevalue(persona)).get("/inbox/")

    assert response.context["items"] == []
    assert escape(vi("Nothing waits for you.")) in response.content.decode()


def test_inbox_does_not_offer_importing_a_result_to_the_system_administrator(system_admin, assessment):
    # ``import_result`` is allowed in PLAN_DRAFT but made by the import command, never waited for.
    assert inbox_items(system_admin) == []


def test_inbox_sorts_by_due_date_with_no_due_date_last_and_marks_what_is_overdue(
    ward_officer, ward_chairman, walk_to, cycle, assessment
):
    lead_body = cycle.lead_body
    undated = AssessmentFactory(cycle=CycleFactory(year=2017, lead_body=lead_body), ward=assessment.ward)
    later = AssessmentFactory(cycle=CycleFactory(year=2019, lead_body=lead_body), ward=assessment.ward)
    walk_to(later, S.PLAN_SUBMITTED)
    perform_transition(later, "return_plan", ward_chairman, reason="Bổ sung")  # dossier due 31/10/2019
    walk_to(assessment, S.DOSSIER_PREPARATION)  # dossier due 31/10/2018

    items = inbox_items(ward_officer, today=datetime.date(2019, 1, 2))

    assert [(item.assessment, item.action, item.due_date, item.overdue) for item in items] == [
        (assessment, vi("Finish the dossier"), datetime.date(2018, 10, 31), True),
        (assessment, vi("Send the dossier to the district"), datetime.date(2018, 10, 31), True),
        (later, vi("Draft the self-inspection plan"), datetime.date(2019, 10, 31), False),
        (later, vi("Send the plan to the ward chairman"), datetime.date(2019, 10, 31), False),
        (undated, vi("Draft the self-inspection plan"), None, False),
        (undated, vi("Send the plan to the ward chairman"), None, False),
    ]


def test_inbox_marks_an_overdue_item_on_the_page(login, ward_officer, walk_to, assessment):
    walk_to(assessment, S.DOSSIER_PREPARATION)  # dossier due 31/10/2018, long past

    page = login(ward_officer).get("/inbox/").content.decode()

    assert '<span class="overdue">31/10/2018</span>' in page
    assert escape(vi("overdue")) in page


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


def test_inbox_query_count_does_not_grow_with_the_number_of_wards(
    login, education_staff, cycle, django_assert_num_queries
):
    client = login(education_staff)
    submitted_dossier(cycle)
    # session, user, roles, visible assessments with ward/cycle/framework, unread notifications,
    # the user's and group permissions of Django's model backend (the menu asks for them),
    # and the district's own steps: wards already in a plan, wards already in a decision, the user's teams
    with django_assert_num_queries(10):
        small = client.get("/inbox/")
    for _n in range(14):
        submitted_dossier(cycle)
    with django_assert_num_queries(10):
        large = client.get("/inbox/")

    assert (len(small.context["items"]), len(large.context["items"])) == (1, 15)


def test_inbox_query_count_for_a_ward_officer_does_not_grow_with_the_years(
    login, ward_officer, walk_to, assessment, django_assert_num_queries
):
    client = login(ward_officer)
    walk_to(assessment, S.DOSSIER_PREPARATION)
    # session, user, roles, visible assessments, the dossiers being finished (read again) with their criteria,
    # self-scores, evidence and documents, unread notifications, user and group permissions (menu),
    # the user's ward (menu), the user's inspection teams
    with django_assert_num_queries(14):
        small = client.get("/inbox/")
    for year in (2016, 2017):
        earlier = AssessmentFactory(
            cycle__year=year, cycle__lead_body=assessment.cycle.lead_body, ward=assessment.ward
        )
        walk_to(earlier, S.DOSSIER_PREPARATION)
    with django_assert_num_queries(14):
        large = client.get("/inbox/")

    assert (len(small.context["items"]), len(large.context["items"])) == (2, 6)


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
