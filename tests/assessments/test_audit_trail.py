"""The audit trail of a dossier: a self-score edited through its page, a stateful save, an undo's reason."""

from django.urls import reverse
from django.utils.text import capfirst

from assessments.models import AssessmentState, CriterionSelfScore, EvidenceFile, InspectionResult
from assessments.workflow import perform_transition
from tests.assessments.conftest import add_evidence, ready_plan
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import vi, vi_text


def test_a_self_score_edited_by_the_officer_shows_on_the_administrators_audit_page(
    login, preparing, ward_officer, system_admin
):
    criterion = preparing.cycle.framework.criteria.get(number=1)
    add_evidence(preparing, criterion, ward_officer)
    officer = login(ward_officer)
    url = reverse("assessments:criterion_edit", args=[preparing.pk, 1])
    assert officer.post(url, {"points": "5", "comment": "", "version": "0"}).status_code == 302
    assert officer.post(url, {"points": "6,5", "comment": "Có nghị quyết", "version": "1"}).status_code == 302

    response = login(system_admin).get(reverse("wards:audit"), {"model": "assessments.criterionselfscore"})
    [changed, created] = response.context["entries"]
    assert changed.record.history_user == created.record.history_user == ward_officer
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        (capfirst(vi_text("comment")), "–", "Có nghị quyết"),
        (capfirst(vi_text("self-score")), "5,0", "6,5"),
    ]
    html = response.content.decode()
    assert f"<strong>{vi(capfirst(vi_text('self-score')))}</strong>: 5,0 → 6,5" in html
    assert "Phạm Thị Dung <span" in html
    score = CriterionSelfScore.objects.get()
    assert str(score) in html


def test_a_stateful_save_is_traced_and_a_transition_writes_no_snapshot(assessment, ward_officer):
    """``StatefulModel.save()`` restricts ``update_fields``; the history still records the save.

    The engine writes a state with an UPDATE: its StateChange row is the history, no snapshot is added.
    """
    assessment.requested_level = 2
    assessment.save()
    latest = assessment.field_history.first()
    assert (assessment.field_history.count(), latest.requested_level, latest.state) == (
        2,
        2,
        AssessmentState.PLAN_DRAFT,
    )
    ready_plan(assessment, ward_officer)
    perform_transition(assessment, "submit_plan", ward_officer)
    assert assessment.state == AssessmentState.PLAN_SUBMITTED
    assert assessment.field_history.count() == 2


def test_an_undo_keeps_its_reason_on_what_the_rewind_deleted(login, walk_to, assessment, system_admin):
    walk_to(assessment, AssessmentState.INSPECTED)
    result = InspectionResult.objects.get(assessment=assessment)
    response = login(system_admin).post(
        reverse("assessments:undo", args=[assessment.pk]), {"reason": "Chấm nhầm, chấm lại"}
    )
    assert response.status_code == 302
    assert not InspectionResult.objects.filter(pk=result.pk).exists()
    deleted = InspectionResult.field_history.filter(id=result.pk, history_type="-").get()
    assert (deleted.history_user, deleted.history_change_reason) == (system_admin, "Chấm nhầm, chấm lại")
    html = login(system_admin).get(reverse("wards:audit"), {"model": "assessments.inspectionresult"})
    assert "Chấm nhầm, chấm lại" in html.content.decode()


def test_evidence_carried_over_from_last_year_is_traced_with_its_officer(
    login, preparing, ward_officer, system_admin
):
    last_year = AssessmentFactory(cycle=CycleFactory(year=2017), ward=preparing.ward)
    add_evidence(
        last_year, last_year.cycle.framework.criteria.get(number=1), ward_officer, name="nq-2017.pdf"
    )
    response = login(ward_officer).post(reverse("assessments:carry_over", args=[preparing.pk, 1]))
    assert response.status_code == 302
    carried = EvidenceFile.objects.get(assessment=preparing)
    [snapshot] = carried.field_history.all()
    assert (snapshot.history_type, snapshot.history_user, snapshot.original_name) == (
        "+",
        ward_officer,
        "nq-2017.pdf",
    )
