"""Undo never leaves anything stuck: every transition of every stateful object, taken, undone, and walked on.

For each transition of the assessments', inspection plans' and decisions'
workflows: walk a ward through the pages until the step can be taken, take it,
undo it through the administrator's undo page (on the plan or decision when the
step was theirs), check everything is back, then walk the rest of the path to
publication through the pages and find the ward on the public results page.
"""

import pytest

from assessments.decision_numbers import proposed_decision_number
from assessments.models import (
    AssessmentState,
    DecisionState,
    InspectionResult,
    InspectionScore,
    PlanState,
    RecognitionDecision,
)
from tests.assessments.conftest import complete_dossier
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import vi_text, write_plan

S = AssessmentState
pytestmark = pytest.mark.django_db


def ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


class Walk:
    """One ward's assessment moved along by the personas whose step it is, through the pages."""

    def __init__(self, login, people, assessment):
        self.assessment = assessment
        self.people = people
        self.client = {name: login(user) for name, user in people.items()}
        self.url = f"/assessments/{assessment.pk}"

    @property
    def state(self):
        self.assessment.refresh_from_db()
        return self.assessment.state

    def plan(self):
        return self.assessment.inspection_plans.order_by("-pk").first()

    def decision(self):
        return self.assessment.decisions.exclude(state=DecisionState.WITHDRAWN).order_by("-pk").first()

    # --- One step forward from wherever the assessment stands ---------------------------------------

    def step(self):
        state = self.state
        officer, chairman = self.client["ward_officer"], self.client["ward_chairman"]
        staff, approver = self.client["education_staff"], self.client["district_chairman"]
        if state == S.PLAN_DRAFT:
            write_plan(self.assessment, self.people["ward_officer"])
            ok(officer.post(f"{self.url}/transition/submit_plan/"))
        elif state == S.PLAN_SUBMITTED:
            ok(chairman.post(f"{self.url}/transition/approve_plan/"))
        elif state in {S.DOSSIER_PREPARATION, S.RETURNED}:
            complete_dossier(self.assessment, self.people["ward_officer"])
            ok(officer.post(f"{self.url}/transition/submit_dossier/"))
        elif state == S.SUBMITTED:
            ok(staff.post(f"{self.url}/receive/"))
        elif state == S.RECEIVED:
            plan = self.plan()
            if plan is None or plan.state == PlanState.APPROVED:
                ok(staff.post("/inspections/new/", self.plan_form()))
                plan = self.plan()
            if plan.state in {PlanState.DRAFT, PlanState.RETURNED}:
                ok(staff.post(f"/inspections/{plan.pk}/submit/"))
            ok(approver.post(f"/inspections/{plan.pk}/approve/"))
        elif state == S.INSPECTION_PLANNED:
            inspector = self.client["inspector"]
            for criterion in self.assessment.cycle.framework.criteria.all():
                score = InspectionScore.objects.filter(
                    assessment=self.assessment, criterion=criterion
                ).first()
                data = {
                    "points": "6",
                    "evidence_sufficient": "on",
                    "version": str(score.version if score else 0),
                }
                ok(inspector.post(f"{self.url}/scoring/{criterion.number}/", data))
            ok(inspector.post(f"{self.url}/close/"))
        elif state == S.INSPECTED:
            decision = self.decision()
            if decision is None:
                ok(staff.post("/decisions/new/", {"year": "2018", "assessments": [str(self.assessment.pk)]}))
                decision = self.decision()
            ok(approver.post(f"/decisions/{decision.pk}/approve/", self.approval(decision)))
        elif state == S.RECOGNISED:
            ok(staff.post(f"/decisions/{self.decision().pk}/release/"))
        else:
            raise AssertionError(f"no step from {state}")

    def plan_form(self):
        criteria = [str(c.pk) for c in self.assessment.cycle.framework.criteria.all()]
        return {
            "title": f"Kiểm tra {self.assessment.ward.name}",
            "cycle": str(self.assessment.cycle.pk),
            "start_date": "05/11/2018",
            "end_date": "06/11/2018",
            "assessments": [str(self.assessment.pk)],
            "team-TOTAL_FORMS": "1",
            "team-INITIAL_FORMS": "0",
            "team-MIN_NUM_FORMS": "0",
            "team-MAX_NUM_FORMS": "1000",
            "team-0-member": str(self.people["inspector"].pk),
            "team-0-criteria": criteria,
            "team-0-is_lead": "on",
        }

    def approval(self, decision):
        import datetime

        return {
            "number": proposed_decision_number(decision, datetime.date(2018, 12, 10)),
            "issued_on": "10/12/2018",
            "signer": "Trịnh Văn Long",
            "signer_title": "Phó Chủ tịch",
            "confirmed": "1",
        }

    def walk_until(self, state):
        for _ in range(20):
            if self.state == state:
                return
            self.step()
        raise AssertionError(f"never reached {state}")

    def walk_to_publication(self):
        self.walk_until(S.PUBLISHED)
        page = self.client["ward_officer"].get("/results/2018/").content.decode()
        assert self.assessment.ward.name in page

    def undo(self, url):
        return self.client["system_admin"].post(url, {"reason": "Nhập nhầm, làm lại"}, follow=True)


@pytest.fixture
def walk(
    login,
    ward,
    ward_officer,
    ward_chairman,
    education_staff,
    district_chairman,
    inspector,
    system_admin,
    promotion_association,
):
    people = {
        "ward_officer": ward_officer,
        "ward_chairman": ward_chairman,
        "education_staff": education_staff,
        "district_chairman": district_chairman,
        "inspector": inspector,
        "system_admin": system_admin,
    }
    cycle = CycleFactory(year=2018, lead_body=promotion_association)
    return Walk(login, people, AssessmentFactory(cycle=cycle, ward=ward))


# The ward's own steps and the district's single-ward steps: taken and undone on the assessment's page.
ASSESSMENT_STEPS = [
    ("submit_plan", S.PLAN_DRAFT),
    ("approve_plan", S.PLAN_SUBMITTED),
    ("return_plan", S.PLAN_SUBMITTED),
    ("submit_dossier", S.DOSSIER_PREPARATION),
    ("receive_dossier", S.SUBMITTED),
    ("return_dossier", S.SUBMITTED),
    ("close_inspection", S.INSPECTION_PLANNED),
]


@pytest.mark.parametrize(("name", "before"), ASSESSMENT_STEPS)
def test_every_assessment_step_undone_then_walked_to_publication(walk, name, before):
    walk.walk_until(before)
    officer, chairman, staff = (walk.client[n] for n in ("ward_officer", "ward_chairman", "education_staff"))
    if name == "return_plan":
        ok(chairman.post(f"{walk.url}/transition/return_plan/", {"reason": "Bổ sung thành phần"}))
    elif name == "return_dossier":
        ok(staff.post(f"{walk.url}/return/", {"items": "Thiếu biên bản"}))
    else:
        walk.step()
    after = walk.state
    assert after != before and walk.assessment.history.last().transition == name

    response = walk.undo(f"{walk.url}/undo/")

    assert walk.state == before, messages_of(response)
    assert walk.assessment.history.last().undoes.transition == name
    if name == "close_inspection":
        assert not InspectionResult.objects.filter(assessment=walk.assessment).exists()
    walk.walk_to_publication()


def test_plan_approval_undone_takes_the_ward_back_and_the_plan_to_awaiting_approval(walk):
    walk.walk_until(S.INSPECTION_PLANNED)
    plan = walk.plan()

    direct = walk.undo(f"{walk.url}/undo/")  # the ward's step came with the plan: refused, named
    assert walk.state == S.INSPECTION_PLANNED
    assert plan.title in " ".join(messages_of(direct))

    response = walk.undo(f"/inspections/{plan.pk}/undo/")

    plan.refresh_from_db()
    assert (walk.state, plan.state, plan.approved_by) == (S.RECEIVED, PlanState.SUBMITTED, None), messages_of(
        response
    )
    assert walk.assessment.history.last().undoes.transition == "plan_inspection"
    walk.walk_to_publication()
    assert walk.plan() == plan  # the same plan approved again, not a second one


@pytest.mark.parametrize("name", ["submit", "return"])
def test_plan_submit_and_return_undone_then_walked_to_publication(walk, name):
    walk.walk_until(S.RECEIVED)
    staff, approver = walk.client["education_staff"], walk.client["district_chairman"]
    ok(staff.post("/inspections/new/", walk.plan_form()))
    plan = walk.plan()
    ok(staff.post(f"/inspections/{plan.pk}/submit/"))
    if name == "return":
        ok(approver.post(f"/inspections/{plan.pk}/return/", {"reason": "Thiếu thành viên"}))
    before = PlanState.DRAFT if name == "submit" else PlanState.SUBMITTED

    walk.undo(f"/inspections/{plan.pk}/undo/")

    plan.refresh_from_db()
    assert plan.state == before
    assert plan.history.last().undoes.transition == name
    walk.walk_to_publication()


def test_decision_approval_undone_lets_the_ward_be_decided_again(walk):
    walk.walk_until(S.RECOGNISED)
    decision = walk.decision()

    direct = walk.undo(f"{walk.url}/undo/")
    assert walk.state == S.RECOGNISED
    assert decision.number in " ".join(messages_of(direct))

    walk.undo(f"/decisions/{decision.pk}/undo/")

    decision.refresh_from_db()
    assert (walk.state, decision.state, decision.approved_by) == (S.INSPECTED, DecisionState.PREPARED, None)
    walk.walk_to_publication()
    decision.refresh_from_db()
    assert decision.state == DecisionState.RELEASED


def test_decision_release_undone_unpublishes_every_ward_then_walked_again(walk):
    walk.walk_until(S.PUBLISHED)
    decision = walk.decision()

    direct = walk.undo(f"{walk.url}/undo/")
    assert walk.state == S.PUBLISHED and decision.number in " ".join(messages_of(direct))

    walk.undo(f"/decisions/{decision.pk}/undo/")

    decision.refresh_from_db()
    assert (walk.state, decision.state) == (S.RECOGNISED, DecisionState.APPROVED)
    assert walk.assessment.ward.name not in walk.client["ward_officer"].get("/results/2018/").content.decode()
    walk.walk_to_publication()


def test_withdrawn_draft_decision_undone_comes_back_and_is_signed(walk):
    walk.walk_until(S.INSPECTED)
    staff = walk.client["education_staff"]
    ok(staff.post("/decisions/new/", {"year": "2018", "assessments": [str(walk.assessment.pk)]}))
    decision = walk.decision()
    ok(staff.post(f"/decisions/{decision.pk}/withdraw/", {"reason": "Lập lại theo mẫu mới"}))
    decision.refresh_from_db()
    assert decision.state == DecisionState.WITHDRAWN

    walk.undo(f"/decisions/{decision.pk}/undo/")

    decision.refresh_from_db()
    assert decision.state == DecisionState.PREPARED
    walk.walk_to_publication()
    assert RecognitionDecision.objects.count() == 1


def test_withdrawn_draft_frees_the_ward_for_a_new_decision(walk):
    walk.walk_until(S.INSPECTED)
    staff = walk.client["education_staff"]
    ok(staff.post("/decisions/new/", {"year": "2018", "assessments": [str(walk.assessment.pk)]}))
    first = walk.decision()
    ok(staff.post(f"/decisions/{first.pk}/withdraw/", {"reason": "Lập lại"}))

    walk.walk_to_publication()  # a second decision is prepared, signed and released

    assert RecognitionDecision.objects.filter(state=DecisionState.RELEASED).count() == 1
    first.refresh_from_db()
    assert first.state == DecisionState.WITHDRAWN


def test_closing_cannot_be_undone_while_a_draft_decision_proposes_the_ward(walk):
    walk.walk_until(S.INSPECTED)
    staff = walk.client["education_staff"]
    ok(staff.post("/decisions/new/", {"year": "2018", "assessments": [str(walk.assessment.pk)]}))

    refused = walk.undo(f"{walk.url}/undo/")

    assert walk.state == S.INSPECTED
    assert messages_of(refused) == [
        vi_text(
            "The ward is proposed in a draft recognition decision: withdraw that draft first "
            "(on the decisions page)."
        )
    ]
    assert InspectionResult.objects.filter(assessment=walk.assessment).exists()


def test_plan_approval_cannot_be_undone_once_a_ward_has_moved_on(walk):
    walk.walk_until(S.INSPECTED)
    plan = walk.plan()

    refused = walk.undo(f"/inspections/{plan.pk}/undo/")

    plan.refresh_from_db()
    assert (plan.state, walk.state) == (PlanState.APPROVED, S.INSPECTED)
    assert walk.assessment.ward.name in " ".join(messages_of(refused))


def test_imported_result_undone_lets_the_ward_go_through_the_procedure(walk, system_admin, ward):
    from assessments.results import import_results

    walk.assessment.delete()
    csv = "year,ward_code,criterion,points,decision_number,decision_date\n" + "".join(
        f"2018,{ward.code},{n},6,302/QĐ-UBND,10/12/2018\n" for n in range(1, 16)
    )
    import_results(csv, system_admin)
    walk.assessment = ward.assessments.get(cycle__year=2018)
    walk.url = f"/assessments/{walk.assessment.pk}"
    imported = walk.assessment.decisions.get()
    assert (walk.state, imported.state) == (S.PUBLISHED, DecisionState.RELEASED)

    walk.undo(f"{walk.url}/undo/")

    assert walk.state == S.PLAN_DRAFT
    assert not walk.assessment.inspection_scores.exists()
    assert not walk.assessment.decisions.exists()
    refused = walk.undo(f"/decisions/{imported.pk}/undo/")  # an imported decision goes with its wards
    imported.refresh_from_db()
    assert imported.state == DecisionState.RELEASED and messages_of(refused)
    walk.walk_to_publication()
