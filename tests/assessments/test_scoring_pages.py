"""The team's scoring pages, the consolidation and closing, through the test client."""

import datetime
import re
from decimal import Decimal

import pytest

from assessments.consolidation import ComparisonRow
from assessments.inspection import (
    MemberAssignment,
    approve_inspection_plan,
    record_score,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.models import AssessmentState as S
from assessments.models import InspectionResult, InspectionScore, ScoreRevision
from tests.assessments.conftest import add_evidence
from tests.factories import UserFactory
from tests.helpers import vi, vi_text
from wards.models import Role


@pytest.fixture
def member(promotion_association):
    """The second team member: criteria 6–15."""
    return UserFactory(
        username="kiemtra2", full_name="Cao Văn Nam", unit=promotion_association, roles=[Role.INSPECTOR]
    )


@pytest.fixture
def outsider_inspector(education_office):
    """An inspector who is not on this ward's team."""
    return UserFactory(
        username="kiemtra9", full_name="Đinh Văn Quý", unit=education_office, roles=[Role.INSPECTOR]
    )


@pytest.fixture
def planned(assessment, walk_to, education_staff, district_chairman, inspector, member):
    """Phường 1 under an approved plan: ``inspector`` leads and checks 1–5, ``member`` checks 6–15.

    The ward scored itself 6 on every criterion, with one evidence file each.
    """
    walk_to(assessment, S.RECEIVED)
    criteria = list(assessment.cycle.framework.criteria.all())
    plan = save_inspection_plan(
        education_staff,
        assessment.cycle,
        title="Kiểm tra Phường 1",
        start_date=datetime.date(2018, 11, 5),
        end_date=datetime.date(2018, 11, 6),
        assessments=[assessment],
        assignments=[
            MemberAssignment(inspector, criteria[:5], is_lead=True),
            MemberAssignment(member, criteria[5:]),
        ],
    )
    submit_inspection_plan(plan, education_staff)
    approve_inspection_plan(plan, district_chairman, today=datetime.date(2018, 10, 29))
    assessment.refresh_from_db()
    assert assessment.state == S.INSPECTION_PLANNED
    return assessment


def criterion(assessment, number):
    return assessment.cycle.framework.criteria.get(number=number)


def score(assessment, number, user, points, *, version=0):
    return record_score(
        assessment,
        criterion(assessment, number),
        user,
        points=Decimal(points),
        comment="",
        evidence_sufficient=True,
        expected_version=version,
    )


def score_everything(assessment, lead, member, points):
    for number in range(1, 16):
        score(assessment, number, lead if number <= 5 else member, points)


def row_html(page: str, number: int) -> str:
    """The consolidation table row of one criterion (without the column names its cells carry for phones)."""
    row = re.search(rf'<tr id="criterion-{number}">(.*?)</tr>', page, re.S).group(1)
    return re.sub(r' data-label="[^"]*"', "", row)


# --- The scoring page -------------------------------------------------------------------------------


def test_scoring_page_shows_the_members_criteria_with_evidence_and_the_rest_read_only(
    login, inspector, member, planned
):
    score(planned, 7, member, "5.5")
    evidence_1 = planned.evidence.get(criterion__number=1)

    response = login(inspector).get(f"/assessments/{planned.pk}/scoring/")

    page = response.content.decode()
    assert response.status_code == 200
    assert [row.criterion.number for row in response.context["assigned_rows"]] == [1, 2, 3, 4, 5]
    assert [row.criterion.number for row in response.context["other_rows"]] == list(range(6, 16))
    assert f'href="/assessments/{planned.pk}/evidence/{evidence_1.pk}/"' in page
    assert f'href="/assessments/{planned.pk}/scoring/1/"' in page
    assert f'href="/assessments/{planned.pk}/scoring/7/"' not in page  # not theirs: read-only
    other_row = response.context["other_rows"][1]
    assert (other_row.criterion.number, other_row.score.points, other_row.evidence) == (7, Decimal("5.5"), [])
    assert "Cao Văn Nam" in page  # who scored criterion 7


def test_score_criterion_saves_version_1_with_a_revision(login, inspector, planned):
    client = login(inspector)

    form_page = client.get(f"/assessments/{planned.pk}/scoring/3/")
    response = client.post(
        f"/assessments/{planned.pk}/scoring/3/",
        {"points": "4,5", "comment": "Thiếu biên bản họp", "evidence_sufficient": "on", "version": "0"},
    )

    saved = InspectionScore.objects.get(assessment=planned)
    assert form_page.context["form"].initial["version"] == 0
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{planned.pk}/scoring/"
    assert (
        saved.criterion.number,
        saved.points,
        saved.comment,
        saved.evidence_sufficient,
        saved.version,
    ) == (
        3,
        Decimal("4.5"),
        "Thiếu biên bản họp",
        True,
        1,
    )
    assert list(ScoreRevision.objects.values_list("version", "old_points", "new_points", "changed_by")) == [
        (1, None, Decimal("4.5"), inspector.pk)
    ]


def test_score_criterion_shows_the_history_and_loads_the_current_version(login, inspector, planned):
    score(planned, 2, inspector, "3")
    score(planned, 2, inspector, "4", version=1)

    response = login(inspector).get(f"/assessments/{planned.pk}/scoring/2/")

    assert response.context["form"].initial["version"] == 2
    assert [(r.version, r.old_points, r.new_points) for r in response.context["revisions"]] == [
        (2, Decimal("3.0"), Decimal("4.0")),
        (1, None, Decimal("3.0")),
    ]
    assert 'name="version" value="2"' in response.content.decode()


def test_score_criterion_not_assigned_is_refused(login, inspector, planned):
    client = login(inspector)

    shown = client.get(f"/assessments/{planned.pk}/scoring/8/")
    posted = client.post(
        f"/assessments/{planned.pk}/scoring/8/", {"points": "3", "evidence_sufficient": "on", "version": "0"}
    )

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert InspectionScore.objects.count() == 0


def test_score_criterion_refuses_a_stale_save_and_keeps_what_was_typed(login, inspector, planned):
    score(planned, 1, inspector, "5")  # someone saved version 1 after the page was loaded

    response = login(inspector).post(
        f"/assessments/{planned.pk}/scoring/1/",
        {"points": "3.5", "comment": "Gõ lại", "evidence_sufficient": "on", "version": "0"},
    )

    page = response.content.decode()
    stored = InspectionScore.objects.get()
    assert response.status_code == 200
    assert vi("Someone changed this score in the meantime. Please reload the page.") in page
    assert (stored.points, stored.version) == (Decimal("5.0"), 1)
    assert response.context["score"].points == Decimal("5.0")  # the latest saved value is shown
    assert '<p class="mb-1" id="saved-score"><strong>5,0</strong>' in page  # Vietnamese decimal comma
    assert 'name="points" value="3.5"' in page  # what the user typed is kept
    assert "Gõ lại</textarea>" in page
    assert ScoreRevision.objects.count() == 1


@pytest.mark.parametrize(
    ("points", "sufficient", "msgid", "values"),
    [
        ("2", False, "A criterion without fitting evidence scores 0.", {}),
        (
            "7.5",
            True,
            "Criterion %(number)s: the score must be between 0 and %(max)s.",
            {"number": 1, "max": "7,0"},
        ),
        ("2.3", True, "Criterion %(number)s: scores go in steps of 0.5 points.", {"number": 1}),
    ],
)
def test_score_criterion_refuses_invalid_scores(login, inspector, planned, points, sufficient, msgid, values):
    data = {"points": points, "comment": "", "version": "0"}
    if sufficient:
        data["evidence_sufficient"] = "on"

    response = login(inspector).post(f"/assessments/{planned.pk}/scoring/1/", data)

    assert response.status_code == 200
    assert response.context["form"].errors["points"] == [vi(msgid, **values)]
    assert InspectionScore.objects.count() == 0


def test_score_criterion_accepts_zero_without_evidence(login, inspector, planned):
    response = login(inspector).post(
        f"/assessments/{planned.pk}/scoring/1/",
        {"points": "0", "comment": "Không có minh chứng", "version": "0"},
    )

    stored = InspectionScore.objects.get()
    assert response.status_code == 302
    assert (stored.points, stored.evidence_sufficient) == (Decimal("0.0"), False)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("ward_officer", 403),
        ("ward_chairman", 403),
        ("steering_member", 403),
        ("education_staff", 403),
        ("district_chairman", 403),
        ("outsider_inspector", 403),
        ("other_ward_officer", 404),
    ],
)
def test_scoring_pages_are_refused_to_everyone_off_the_team(request, login, planned, persona, expected):
    client = login(request.getfixturevalue(persona))

    statuses = [
        client.get(f"/assessments/{planned.pk}/scoring/").status_code,
        client.get(f"/assessments/{planned.pk}/scoring/1/").status_code,
        client.post(
            f"/assessments/{planned.pk}/scoring/1/",
            {"points": "3", "evidence_sufficient": "on", "version": "0"},
        ).status_code,
    ]

    assert statuses == [expected] * 3
    assert InspectionScore.objects.count() == 0


def test_scoring_pages_send_anonymous_visitors_to_log_in(login, planned):
    client = login(None)

    responses = [
        client.get(f"/assessments/{planned.pk}/scoring/"),
        client.post(f"/assessments/{planned.pk}/scoring/1/"),
    ]

    assert [(r.status_code, r["Location"].split("?")[0]) for r in responses] == [
        (302, "/accounts/login/")
    ] * 2
    assert InspectionScore.objects.count() == 0


def test_scoring_is_refused_once_the_inspection_is_closed(login, inspector, member, planned):
    score_everything(planned, inspector, member, 6)
    login(inspector).post(f"/assessments/{planned.pk}/close/")

    response = login(inspector).post(
        f"/assessments/{planned.pk}/scoring/1/", {"points": "1", "evidence_sufficient": "on", "version": "1"}
    )

    assert response.status_code == 403
    assert InspectionScore.objects.get(criterion__number=1).points == Decimal("6.0")


def test_scoring_page_query_count_does_not_grow_with_evidence_files(
    login, inspector, ward_officer, planned, django_assert_num_queries
):
    client = login(inspector)
    # session, user, roles, assessment with ward/cycle/framework, team membership (permission),
    # assigned criteria, evidence, criteria, self-scores, team scores with scorer, the lead check
    # (close permission)
    with django_assert_num_queries(10):
        small = client.get(f"/assessments/{planned.pk}/scoring/")
    for item in planned.cycle.framework.criteria.all():
        for n in range(4):
            add_evidence(planned, item, ward_officer, name=f"them-{n}.pdf")
    with django_assert_num_queries(10):
        large = client.get(f"/assessments/{planned.pk}/scoring/")

    assert [len(row.evidence) for row in small.context["assigned_rows"]] == [1] * 5
    assert [len(row.evidence) for row in large.context["assigned_rows"]] == [5] * 5


# --- Consolidation and closing ----------------------------------------------------------------------


def test_comparison_row_flags_differences_of_two_points_or_more():
    rows = [
        ComparisonRow(None, Decimal(6), Decimal(4)),
        ComparisonRow(None, Decimal(6), Decimal("4.5")),
        ComparisonRow(None, Decimal(4), Decimal(6)),
        ComparisonRow(None, None, Decimal(6)),
    ]
    assert [(row.difference, row.flagged) for row in rows] == [
        (Decimal(-2), True),
        (Decimal("-1.5"), False),
        (Decimal(2), True),
        (None, False),
    ]


def test_consolidation_shows_differences_and_flags(login, inspector, member, planned):
    score(planned, 1, inspector, "3.5")
    score(planned, 2, inspector, "5")

    response = login(inspector).get(f"/assessments/{planned.pk}/consolidation/")

    page = response.content.decode()
    flag = f'<span class="text-danger fw-bold">{vi("check")}</span>'
    first, second, third = row_html(page, 1), row_html(page, 2), row_html(page, 3)
    assert response.status_code == 200
    # Self-score, team score, difference (Vietnamese decimal comma); flagged at 2 points or more.
    assert (
        '<td class="num">6,0</td>\n      <td class="num">3,5</td>\n      <td class="num">-2,5</td>' in first
    )
    assert flag in first
    assert (
        '<td class="num">6,0</td>\n      <td class="num">5,0</td>\n      <td class="num">-1,0</td>' in second
    )
    assert flag not in second
    assert "—" in third and flag not in third
    assert (response.context["live_total"], response.context["live_band"].label_vi) == (
        Decimal("8.5"),
        "Chưa đạt",
    )
    assert response.context["self_total"] == Decimal(90)
    assert response.context["unscored"] == list(range(3, 16))
    assert f'action="/assessments/{planned.pk}/close/"' in page  # the lead may close


@pytest.mark.parametrize(("points", "total", "label"), [(6, Decimal(90), "Tốt"), (5, Decimal(75), "Khá")])
def test_lead_closes_the_inspection_and_the_result_is_stored(
    login, inspector, member, planned, points, total, label
):
    score_everything(planned, inspector, member, points)
    client = login(inspector)

    live = client.get(f"/assessments/{planned.pk}/consolidation/")
    response = client.post(f"/assessments/{planned.pk}/close/", follow=True)

    result = InspectionResult.objects.get(assessment=planned)
    planned.refresh_from_db()
    page = response.content.decode()
    assert (live.context["live_total"], live.context["live_band"].label_vi) == (total, label)
    assert (result.total, result.classification.label_vi, result.closed_by) == (total, label, inspector)
    assert planned.state == S.INSPECTED
    assert response.redirect_chain == [(f"/assessments/{planned.pk}/consolidation/", 302)]
    assert (
        vi(
            "The inspection has been closed: %(total)s points, classification %(classification)s.",
            total=f"{total:.1f}".replace(".", ","),
            classification=label,
        )
        in page
    )
    assert response.context["result"] == result
    assert f'action="/assessments/{planned.pk}/close/"' not in page


def test_close_lists_the_criteria_not_scored(login, inspector, member, planned):
    for number in range(1, 14):
        score(planned, number, inspector if number <= 5 else member, 6)

    response = login(inspector).post(f"/assessments/{planned.pk}/close/", follow=True)

    planned.refresh_from_db()
    assert vi("Criteria not scored yet: %(numbers)s.", numbers="14, 15") in response.content.decode()
    assert planned.state == S.INSPECTION_PLANNED
    assert InspectionResult.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("member", 403),
        ("education_staff", 403),
        ("district_chairman", 403),
        ("ward_officer", 403),
        ("other_ward_officer", 404),
    ],
)
def test_close_is_refused_to_everyone_but_the_lead(
    request, login, inspector, member, planned, persona, expected
):
    score_everything(planned, inspector, member, 6)

    response = login(request.getfixturevalue(persona)).post(f"/assessments/{planned.pk}/close/")

    planned.refresh_from_db()
    assert response.status_code == expected
    assert planned.state == S.INSPECTION_PLANNED
    assert InspectionResult.objects.count() == 0


def test_close_is_post_only(login, inspector, planned):
    assert login(inspector).get(f"/assessments/{planned.pk}/close/").status_code == 405


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("member", 200),
        ("education_staff", 200),
        ("steering_member", 200),
        ("district_chairman", 200),
        ("ward_officer", 404),
        ("ward_chairman", 404),
        ("other_ward_officer", 404),
    ],
)
def test_consolidation_is_for_the_district_side_only(request, login, planned, persona, expected):
    response = login(request.getfixturevalue(persona)).get(f"/assessments/{planned.pk}/consolidation/")

    assert response.status_code == expected
    if expected == 200:
        assert f'action="/assessments/{planned.pk}/close/"' not in response.content.decode()


def test_consolidation_after_closing_shows_the_stored_result(
    login, inspector, member, planned, education_staff
):
    score_everything(planned, inspector, member, 6)
    login(inspector).post(f"/assessments/{planned.pk}/close/")

    response = login(education_staff).get(f"/assessments/{planned.pk}/consolidation/")

    page = response.content.decode()
    assert response.context["result"].total == Decimal(90)
    assert response.context["live_total"] is None
    assert "Tốt" in page and "Bùi Thị Khánh" in page


def test_a_criterion_sent_without_evidence_scores_0_at_the_inspection(login, inspector, planned):
    planned.evidence.filter(criterion__number=2).delete()  # the ward confirmed criterion 2 would score 0

    refused = login(inspector).post(
        f"/assessments/{planned.pk}/scoring/2/", {"points": "5", "evidence_sufficient": "on", "version": "0"}
    )
    zero = login(inspector).post(f"/assessments/{planned.pk}/scoring/2/", {"points": "0", "version": "0"})

    assert refused.status_code == 200
    assert (
        vi_text("The ward sent no evidence for this criterion: it scores 0.")
        in refused.context["form"].errors["points"]
    )
    assert zero.status_code == 302
    assert planned.inspection_scores.get(criterion__number=2).points == 0
