"""Whole journeys through the real pages, each step by the persona whose step it is."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Assessment, AssessmentState, InspectionResult
from assessments.procedures import document_kinds
from tests.assessments.conftest import PDF_BYTES
from tests.factories import AssessmentFactory, CycleFactory, UserFactory
from tests.helpers import vi_text as vi
from wards.models import Role

S = AssessmentState
pytestmark = pytest.mark.django_db


def state_of(assessment):
    return Assessment.objects.get(pk=assessment.pk).state


def ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:2000]
    return response


def document_data(kind_number):
    return {
        "number": f"0{kind_number}/UBND",
        "issued_on": "20/10/2018",
        "signer": "Nguyễn Văn An",
        "scan": SimpleUploadedFile(f"van-ban-{kind_number}.pdf", PDF_BYTES),
    }


def test_ward_side_from_plan_to_submission_through_the_pages(
    login, ward, ward_officer, ward_chairman, education_staff, promotion_association
):
    assessment = AssessmentFactory(cycle=CycleFactory(year=2018, lead_body=promotion_association), ward=ward)
    url = f"/assessments/{assessment.pk}"
    officer, chairman = login(ward_officer), login(ward_chairman)

    plan = {"team_members": "Ban chỉ đạo", "schedule": "01–20/10", "content": "15 tiêu chí"}
    ok(officer.post(f"{url}/plan/", {**plan, "number": "12/KH-UBND", "issued_on": "24/09/2018"}))
    ok(officer.post(f"{url}/transition/submit_plan/"))
    ok(chairman.post(f"{url}/transition/approve_plan/"))
    assert state_of(assessment) == S.DOSSIER_PREPARATION

    for number in range(1, 16):
        files = [] if number == 15 else [SimpleUploadedFile(f"minh-chung-{number}.pdf", PDF_BYTES)]
        points = "0" if number == 15 else "6"
        data = {"points": points, "comment": "Đạt", "version": "0", "files": files}
        ok(officer.post(f"{url}/criteria/{number}/", data))
    for index, kind in enumerate(document_kinds(assessment), start=1):
        ok(officer.post(f"{url}/documents/{kind}/", document_data(index)))

    # Criterion 15 has no evidence: it no longer blocks the dossier, but scores 0 once the ward confirms.
    confirmation = ok(officer.get(f"{url}/transition/submit_dossier/"), 200)
    assert [c.number for c in confirmation.context["summary"].without_evidence] == [15]
    refused = ok(officer.post(f"{url}/transition/submit_dossier/", {"shown_without_evidence": "15"}), 200)
    assert state_of(assessment) == S.DOSSIER_PREPARATION
    assert refused.context["form"].errors["confirm_zero"] == [
        vi(
            "Criteria %(numbers)s have no evidence and will score 0: confirm this to send the dossier.",
            numbers="15",
        )
    ]
    ok(
        officer.post(
            f"{url}/transition/submit_dossier/", {"shown_without_evidence": "15", "confirm_zero": "on"}
        )
    )
    assert state_of(assessment) == S.SUBMITTED
    assert Assessment.objects.get(pk=assessment.pk).self_total == Decimal("84")

    # Now with the district: every edit by the ward is refused and nothing changes.
    assert (
        officer.post(f"{url}/plan/", {"team_members": "x", "schedule": "x", "content": "x"}).status_code
        == 403
    )
    assert officer.post(f"{url}/criteria/1/", {"points": "7"}).status_code == 403
    assert officer.post(f"{url}/documents/to_trinh/", document_data(9)).status_code == 403
    assert assessment.self_scores.get(criterion__number=1).points == Decimal(6)

    history = list(assessment.history.values_list("transition", "actor__username"))
    assert history == [
        ("submit_plan", ward_officer.username),
        ("approve_plan", ward_chairman.username),
        ("submit_dossier", ward_officer.username),
    ]
    page = login(education_staff).get(f"{url}/").content.decode()
    assert ward_chairman.full_name in page and ward_officer.full_name in page
    assert all(change.at for change in assessment.history.all())


def test_district_side_from_receipt_to_publication_through_the_pages(
    login, assessment, walk_to, ward_officer, education_staff, district_chairman, inspector
):
    walk_to(assessment, S.SUBMITTED)
    url = f"/assessments/{assessment.pk}"
    staff, chairman = login(education_staff), login(district_chairman)
    members = [inspector] + [UserFactory(full_name=f"Thành viên {n}", roles=[Role.INSPECTOR]) for n in (2, 3)]
    criteria = {c.number: c for c in assessment.cycle.framework.criteria.all()}

    ok(staff.post(f"{url}/receive/"))
    assert state_of(assessment) == S.RECEIVED

    plan_post = {
        "title": "Kiểm tra Phường 1",
        "cycle": str(assessment.cycle.pk),
        "start_date": "05/11/2018",
        "end_date": "06/11/2018",
        "assessments": [str(assessment.pk)],
        "team-TOTAL_FORMS": "3",
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "1000",
    }
    for index, member in enumerate(members):
        plan_post[f"team-{index}-member"] = str(member.pk)
        plan_post[f"team-{index}-criteria"] = [
            str(criteria[n].pk) for n in range(index * 5 + 1, index * 5 + 6)
        ]
    plan_post["team-0-is_lead"] = "on"
    ok(staff.post("/inspections/new/", plan_post))
    plan = assessment.inspection_plans.get()
    ok(staff.post(f"/inspections/{plan.pk}/submit/"))
    ok(chairman.post(f"/inspections/{plan.pk}/approve/"))
    assert state_of(assessment) == S.INSPECTION_PLANNED

    # Three members score their own criteria; criterion 1 (self-score 6) gets 3.5.
    for index, member in enumerate(members):
        client = login(member)
        for number in range(index * 5 + 1, index * 5 + 6):
            points = "3,5" if number == 1 else "6"
            comment = "Ghi chú nội bộ của đoàn" if number == 1 else ""
            data = {"points": points, "comment": comment, "evidence_sufficient": "on", "version": "0"}
            ok(client.post(f"{url}/scoring/{number}/", data))
    assert login(members[1]).post(f"{url}/close/").status_code == 403
    ok(login(inspector).post(f"{url}/close/"))
    result = InspectionResult.objects.get(assessment=assessment)
    # 14 × 6 + 3.5 = 87.5 → Tốt
    assert (result.total, result.classification.label_vi) == (Decimal("87.5"), "Tốt")
    assert state_of(assessment) == S.INSPECTED

    ok(staff.post("/decisions/new/", {"year": "2018", "assessments": [str(assessment.pk)]}))
    decision = assessment.decisions.get()
    approval = {
        "number": "05/QĐ-UBND",
        "issued_on": "10/12/2018",
        "signer": "Trịnh Văn Long",
        "signer_title": "Phó Chủ tịch",
    }
    confirmation = chairman.post(f"/decisions/{decision.pk}/approve/", approval).content.decode()
    assert "Phường 1" in confirmation and state_of(assessment) == S.INSPECTED  # shown, not yet signed
    ok(chairman.post(f"/decisions/{decision.pk}/approve/", {**approval, "confirmed": "1"}))
    assert state_of(assessment) == S.RECOGNISED
    assert "87,5" in staff.get(f"/decisions/{decision.pk}/release/").content.decode()  # what becomes public
    ok(staff.post(f"/decisions/{decision.pk}/release/"))
    assert state_of(assessment) == S.PUBLISHED

    public = login(None).get("/results/2018/")
    html = public.content.decode()
    assert public.status_code == 200
    assert "Phường 1" in html and "87,5" in html and "Tốt" in html and "05/QĐ-UBND" in html
    assert "Ghi chú nội bộ" not in html
    assert "minh-chung" not in html
    for member in members:
        assert member.full_name not in html
