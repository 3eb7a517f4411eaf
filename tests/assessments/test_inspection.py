import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from assessments.inspection import (
    MemberAssignment,
    StaleScore,
    close_inspection,
    record_score,
    return_dossier,
    save_inspection_plan,
)
from assessments.models import AssessmentState as S
from assessments.models import InspectionScore, ScoreRevision
from assessments.workflow import perform_transition
from tests.assessments.conftest import approved_plan, score_all
from tests.factories import UserFactory
from wards.models import Role


@pytest.fixture
def planned(assessment, walk_to, education_staff, district_chairman, inspector):
    return walk_to(assessment, S.INSPECTION_PLANNED)


def criterion(assessment, number):
    return assessment.cycle.framework.criteria.get(number=number)


def test_member_of_an_inspected_ward_is_refused_as_conflict_of_interest(
    assessment, walk_to, education_staff, ward, inspector
):
    walk_to(assessment, S.RECEIVED)
    ward_member = UserFactory(full_name="Đỗ Thị Nga", ward=ward, roles=[Role.INSPECTOR])
    criteria = list(assessment.cycle.framework.criteria.all())
    with pytest.raises(ValidationError) as refused:
        save_inspection_plan(
            education_staff,
            assessment.cycle,
            title="Kiểm tra Phường 1",
            start_date=datetime.date(2018, 11, 5),
            end_date=datetime.date(2018, 11, 5),
            assessments=[assessment],
            assignments=[
                MemberAssignment(inspector, criteria, is_lead=True),
                MemberAssignment(ward_member, criteria),
            ],
        )
    assert refused.value.messages == ["Đỗ Thị Nga thuộc Phường 1 nên không thể kiểm tra phường này."]
    assert not assessment.inspection_plans.exists()


def test_member_scoring_a_criterion_not_assigned_is_refused(
    planned, promotion_staff, inspector, education_staff
):
    second = UserFactory(full_name="Lê Minh Khoa", roles=[Role.INSPECTOR])
    plan = planned.inspection_plans.get()
    member = plan.members.create(user=second)
    member.criteria.set([criterion(planned, 2)])
    with pytest.raises(PermissionDenied):
        record_score(
            planned,
            criterion(planned, 1),
            second,
            points=Decimal(5),
            comment="",
            evidence_sufficient=True,
            expected_version=0,
        )
    record_score(
        planned,
        criterion(planned, 2),
        second,
        points=Decimal(5),
        comment="",
        evidence_sufficient=True,
        expected_version=0,
    )
    assert list(InspectionScore.objects.values_list("criterion__number", "points")) == [(2, Decimal(5))]


def test_users_off_the_team_cannot_score(planned, education_staff, ward_officer, steering_member):
    for outsider in (education_staff, ward_officer, steering_member):
        with pytest.raises(PermissionDenied):
            record_score(
                planned,
                criterion(planned, 1),
                outsider,
                points=Decimal(5),
                comment="",
                evidence_sufficient=True,
                expected_version=0,
            )
    assert not InspectionScore.objects.exists()


def test_insufficient_evidence_scores_zero(planned, inspector):
    with pytest.raises(ValidationError):
        record_score(
            planned,
            criterion(planned, 1),
            inspector,
            points=Decimal(3),
            comment="Thiếu",
            evidence_sufficient=False,
            expected_version=0,
        )
    score = record_score(
        planned,
        criterion(planned, 1),
        inspector,
        points=Decimal(0),
        comment="Thiếu",
        evidence_sufficient=False,
        expected_version=0,
    )
    assert (score.points, score.evidence_sufficient) == (Decimal(0), False)


def test_score_edits_are_versioned_and_a_stale_save_is_refused(planned, inspector):
    c1 = criterion(planned, 1)
    first = record_score(
        planned, c1, inspector, points=Decimal(5), comment="a", evidence_sufficient=True, expected_version=0
    )
    record_score(
        planned, c1, inspector, points=Decimal(6), comment="b", evidence_sufficient=True, expected_version=1
    )
    with pytest.raises(StaleScore):
        record_score(
            planned,
            c1,
            inspector,
            points=Decimal(4),
            comment="c",
            evidence_sufficient=True,
            expected_version=1,
        )
    first.refresh_from_db()
    assert (first.points, first.version) == (Decimal(6), 2)
    assert list(ScoreRevision.objects.values_list("version", "old_points", "new_points", "changed_by")) == [
        (1, None, Decimal(5), inspector.pk),
        (2, Decimal(5), Decimal(6), inspector.pk),
    ]


def test_closing_computes_and_stores_total_and_classification_once(planned, inspector):
    score_all(planned, inspector, points=Decimal(6))  # 15 × 6 = 90
    result = close_inspection(planned, inspector, today=datetime.date(2018, 11, 9))
    planned.refresh_from_db()
    assert (result.total, result.classification.label_vi, planned.state) == (Decimal(90), "Tốt", S.INSPECTED)
    assert planned.due_date == datetime.date(2018, 11, 16)  # 5 working days for the recognition


def test_closing_refused_while_a_criterion_is_unscored(planned, inspector):
    record_score(
        planned,
        criterion(planned, 1),
        inspector,
        points=Decimal(5),
        comment="",
        evidence_sufficient=True,
        expected_version=0,
    )
    with pytest.raises(ValidationError):
        close_inspection(planned, inspector)
    planned.refresh_from_db()
    assert planned.state == S.INSPECTION_PLANNED


def test_only_the_team_lead_closes(planned, inspector, education_staff):
    score_all(planned, inspector)
    with pytest.raises(PermissionDenied):
        close_inspection(planned, education_staff)


def test_return_for_supplement_stops_the_clock_and_resubmission_starts_a_new_one_across_tet(
    assessment, walk_to, education_staff, ward_officer
):
    walk_to(assessment, S.SUBMITTED)
    perform_transition(assessment, "receive_dossier", education_staff, today=datetime.date(2025, 1, 10))
    assert assessment.due_date == datetime.date(2025, 1, 24)
    change = return_dossier(
        assessment,
        education_staff,
        ["Thiếu biên bản tự kiểm tra", "Tiêu chí 5 thiếu số liệu"],
        today=datetime.date(2025, 1, 15),
    )
    assessment.refresh_from_db()
    assert (assessment.state, assessment.due_date) == (S.RETURNED, None)  # the clock does not run
    assert list(change.return_items.values_list("text", flat=True)) == [
        "Thiếu biên bản tự kiểm tra",
        "Tiêu chí 5 thiếu số liệu",
    ]
    perform_transition(assessment, "submit_dossier", ward_officer, today=datetime.date(2025, 1, 23))
    perform_transition(assessment, "receive_dossier", education_staff, today=datetime.date(2025, 1, 24))
    assert assessment.due_date == datetime.date(2025, 2, 14)  # a new 10-working-day clock, Tết skipped


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_inspectors_saving_the_same_score_at_once_only_one_wins(
    assessment, walk_to, education_staff, district_chairman, inspector
):
    walk_to(assessment, S.INSPECTION_PLANNED)
    second = UserFactory(full_name="Lê Minh Khoa", roles=[Role.INSPECTOR])
    member = assessment.inspection_plans.get().members.create(user=second)
    member.criteria.set(assessment.cycle.framework.criteria.all())
    c1 = criterion(assessment, 1)
    record_score(
        assessment, c1, inspector, points=Decimal(5), comment="", evidence_sufficient=True, expected_version=0
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, points):
        barrier.wait()
        try:
            record_score(
                assessment, c1, user, points=points, comment="", evidence_sufficient=True, expected_version=1
            )
            outcomes.append(points)
        except StaleScore:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(inspector, Decimal(6))),
        threading.Thread(target=save, args=(second, Decimal(4))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("refused") == 1
    kept = next(value for value in outcomes if value != "refused")
    score = InspectionScore.objects.get(criterion=c1)
    assert (score.points, score.version) == (kept, 2)
    assert ScoreRevision.objects.filter(score=score).count() == 2


def test_approved_plan_notifies_each_member(
    django_capture_on_commit_callbacks, assessment, walk_to, education_staff, district_chairman, inspector
):
    walk_to(assessment, S.RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        approved_plan(assessment, education_staff, district_chairman, inspector)
    assert inspector.notifications.filter(subject__startswith="Được phân công kiểm tra").count() == 1


def test_a_ward_goes_into_one_decision_at_a_time(
    assessment, walk_to, education_staff, district_chairman, inspector
):
    from assessments.inspection import prepare_decision

    walk_to(assessment, S.INSPECTED)
    prepare_decision(assessment.cycle, education_staff, [assessment])
    with pytest.raises(ValidationError) as refused:
        prepare_decision(assessment.cycle, education_staff, [assessment])
    assert refused.value.messages == ["Các phường sau đã có trong một quyết định khác: Phường 1."]
    assert assessment.decisions.count() == 1
