"""Circular 25's own steps before the dossier: the meeting agrees the self-assessment, the dossier asks for a level.

A ward recognised at level 1 may ask for level 2 only 12 months after its
decision (``Framework.upgrade_wait_months``): asked earlier, through the page
or at the moment of sending, the refusal names the first possible day.
"""

import datetime

import pytest
from django.utils import timezone

from assessments.models import Assessment, AssessmentState, Framework, IndicatorSelfFinding
from assessments.procedures import choose_requested_level, level_request_problems
from assessments.submission import send_dossier
from assessments.workflow import GuardFailed, perform_transition
from tests.assessments.test_levels_flow import document_data, indicators_of, ok, self_data, state_of
from tests.assessments.test_levels_public import publish
from tests.factories import AssessmentFactory, CycleFactory, UserFactory
from tests.helpers import vi, vi_text
from wards.models import Role

S = AssessmentState
pytestmark = pytest.mark.django_db


@pytest.fixture
def circular_25(db):
    return Framework.objects.get(code="tt25-2023", version=1)


@pytest.fixture
def assessment_2025(ward, circular_25, promotion_association):
    cycle = CycleFactory(year=2025, framework=circular_25, lead_body=promotion_association)
    return AssessmentFactory(cycle=cycle, ward=ward)


def answer_all(officer, assessment):
    for number in range(1, 6):
        ok(
            officer.post(
                f"/assessments/{assessment.pk}/criteria/{number}/",
                self_data(indicators_of(assessment.cycle.framework, number)),
            )
        )


def test_the_chairman_agrees_the_self_assessment_before_the_dossier_and_no_plan_is_asked(
    login, assessment_2025, ward_officer, ward_chairman
):
    url = f"/assessments/{assessment_2025.pk}"
    officer, chairman = login(ward_officer), login(ward_chairman)
    page = ok(officer.get(f"{url}/"), 200)
    html = page.content.decode()
    assert vi_text("Self-assessment agreed at a meeting") in html and 'id="plan-heading"' not in html
    assert officer.get(f"{url}/plan/").status_code == 403  # no self-inspection plan under Circular 25
    assert officer.post(f"{url}/transition/submit_plan/").status_code == 404  # not a step of this procedure

    # Unanswered indicators keep the self-assessment from the meeting.
    refused = ok(officer.post(f"{url}/transition/submit_self_assessment/"), 200)
    assert vi("Indicator %(code)s: not answered.", code="1.1") in refused.context["refusal"]["problems"]
    assert state_of(assessment_2025) == S.PLAN_DRAFT

    answer_all(officer, assessment_2025)
    ok(officer.post(f"{url}/transition/submit_self_assessment/"))
    assert state_of(assessment_2025) == S.PLAN_SUBMITTED
    assert officer.post(f"{url}/transition/agree_self_assessment/").status_code == 403  # the chairman's step
    ok(chairman.post(f"{url}/transition/return_self_assessment/", {"reason": "Bổ sung minh chứng 3.2"}))
    assert state_of(assessment_2025) == S.PLAN_DRAFT
    ok(officer.post(f"{url}/transition/submit_self_assessment/"))
    ok(chairman.post(f"{url}/transition/agree_self_assessment/"))
    assert state_of(assessment_2025) == S.DOSSIER_PREPARATION

    # The dossier: four documents of Circular 25 (the Circular 44 minutes are not one of them), and a level.
    assert officer.get(f"{url}/documents/bien_ban/").status_code == 404
    missing = ok(officer.get(f"{url}/"), 200).context["missing"]
    assert vi("The level the dossier asks for has not been chosen.") in missing
    assert any(
        vi_text("Minutes of the meeting agreeing the self-assessment (biên bản họp)") in m for m in missing
    )


def test_a_level_above_the_self_assessment_is_refused_and_the_form_keeps_the_choice(
    login, assessment_2025, ward_officer, ward_chairman
):
    url = f"/assessments/{assessment_2025.pk}"
    officer = login(ward_officer)
    four = indicators_of(assessment_2025.cycle.framework, 4)
    for number in range(1, 6):
        data = self_data(indicators_of(assessment_2025.cycle.framework, number))
        if number == 4:
            data[f"i{four[0].pk}-meets_level_2"] = "no"  # 4.1 met at level 1 only
        ok(officer.post(f"{url}/criteria/{number}/", data))
    ok(officer.post(f"{url}/transition/submit_self_assessment/"))
    ok(login(ward_chairman).post(f"{url}/transition/agree_self_assessment/"))

    refused = ok(officer.post(f"{url}/level/", {"level": "2"}), 200)
    assert (
        vi(
            "The dossier asks for level %(requested)s but the self-assessment claims level %(reached)s.",
            requested=2,
            reached=1,
        )
        in refused.content.decode()
    )
    assert refused.context["form"]["level"].value() == "2"
    assert Assessment.objects.get(pk=assessment_2025.pk).requested_level is None
    ok(officer.post(f"{url}/level/", {"level": "1"}))
    assert Assessment.objects.get(pk=assessment_2025.pk).requested_level == 1


def test_the_level_page_is_the_ward_officers_and_only_under_levels(
    login, assessment_2025, ward_officer, other_ward_officer, education_staff, ward
):
    url = f"/assessments/{assessment_2025.pk}/level/"
    assert login(other_ward_officer).get(url).status_code == 404  # another ward's assessment
    assert login(education_staff).get(url).status_code == 403
    points = AssessmentFactory(cycle=CycleFactory(year=2018), ward=ward)
    assert login(ward_officer).get(f"/assessments/{points.pk}/level/").status_code == 404


def test_level_2_eleven_months_after_a_level_1_decision_is_refused_with_the_day_it_becomes_possible(
    scorer_and_level_1, assessment_2025, ward_officer, ward_chairman, login
):
    """Recognised at level 1 by a decision of 20/03/2025: level 2 may be asked for from 20/03/2026."""
    assessment = assessment_2025
    officer_client = login(ward_officer)
    answer_all(officer_client, assessment)
    perform_transition(assessment, "submit_self_assessment", ward_officer)
    perform_transition(assessment, "agree_self_assessment", ward_chairman)
    for index, kind in enumerate(("to_trinh", "bao_cao", "bang_tong_hop", "bien_ban_hop"), start=1):
        ok(officer_client.post(f"/assessments/{assessment.pk}/documents/{kind}/", document_data(index)))
    eleven_months = datetime.date(2026, 2, 20)

    with pytest.raises(Exception) as refused:
        choose_requested_level(assessment, 2, ward_officer, today=eleven_months)
    expected = vi(
        "The ward was recognised at level %(level)s on %(decided)s: it may ask for a higher level from "
        "%(possible)s.",
        level=1,
        decided="20/03/2025",
        possible="20/03/2026",
    )
    assert expected in refused.value.messages

    # Chosen once the wait is over, then sent too early: the guard at sending refuses it with the same words.
    choose_requested_level(assessment, 2, ward_officer, today=datetime.date(2026, 3, 20))
    assert level_request_problems(Assessment.objects.get(pk=assessment.pk), eleven_months) == [expected]
    with pytest.raises(GuardFailed) as guard:
        send_dossier(Assessment.objects.get(pk=assessment.pk), ward_officer, today=eleven_months)
    assert guard.value.problems == [expected]
    send_dossier(Assessment.objects.get(pk=assessment.pk), ward_officer, today=datetime.date(2026, 3, 20))
    assert state_of(assessment) == S.SUBMITTED


def test_the_assessment_page_tells_the_recognition_in_force_and_when_a_higher_level_is_possible(
    scorer_and_level_1, assessment_2025, ward_officer, login, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 1, 10))
    html = login(ward_officer).get(f"/assessments/{assessment_2025.pk}/").content.decode()
    assert "20/03/2026" in html and "2027" in html


def test_the_recognised_level_is_at_most_the_level_asked_for(assessment_2025, ward_officer):
    from assessments.strategies import strategy_for

    for indicator in indicators_of(assessment_2025.cycle.framework, 1):
        IndicatorSelfFinding.objects.create(
            assessment=assessment_2025, indicator=indicator, meets_level_1=True, updated_by=ward_officer
        )
    Assessment.objects.filter(pk=assessment_2025.pk).update(requested_level=1)
    strategy = strategy_for(assessment_2025.cycle.framework)
    from assessments.models import IndicatorInspectionFinding

    inspector = UserFactory(roles=[Role.INSPECTOR])
    for criterion in assessment_2025.cycle.framework.criteria.all():
        for indicator in criterion.indicators.all():
            IndicatorInspectionFinding.objects.create(
                assessment=assessment_2025,
                indicator=indicator,
                meets_level_1=True,
                meets_level_2=True,
                evidence_sufficient=True,
                scored_by=inspector,
            )
    outcome = strategy.result(Assessment.objects.get(pk=assessment_2025.pk))
    assert outcome.level == 1  # every indicator met at level 2, but the dossier asked for level 1


@pytest.fixture
def scorer_and_level_1(ward):
    """``ward`` recognised at level 1 for 2024 by a decision of 20/03/2025."""
    scorer = UserFactory(username="doan.kiem.tra", roles=[Role.INSPECTOR])
    publish(ward, 2024, scorer, level=1, decided_on=datetime.date(2025, 3, 20))
    return scorer


def test_no_score_sheet_and_no_points_warning_under_levels(login, assessment_2025, ward_officer):
    client = login(ward_officer)
    url = f"/assessments/{assessment_2025.pk}"
    html = client.get(f"{url}/").content.decode()
    assert "scores.xlsx" not in html
    assert vi("The maximum points shown are placeholders.") not in html
    assert vi("The indicators' texts are placeholders until confirmed") in html
    assert client.get(f"{url}/scores.xlsx").status_code == 404
    assert client.get(f"{url}/scores/import/").status_code == 404
