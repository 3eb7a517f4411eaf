"""Step 5 on the district's pages: preparing, approving and releasing recognition decisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation

from assessments.documents.district_side import DISTRICT_ISSUER
from assessments.inspection import approve_decision, prepare_decision
from assessments.models import Assessment, DecisionState, InspectionResult, RecognitionDecision
from assessments.models import AssessmentState as S
from engines.documents.numbering import keep_number
from tests.factories import AssessmentFactory, UserFactory, WardFactory
from tests.helpers import vi, vi_text
from wards.models import Role

APPROVAL = {
    "number": "05/QĐ-UBND",
    "issued_on": "10/12/2018",
    "signer": "Trịnh Văn Long",
    "signer_title": "Phó Chủ tịch",
    "confirmed": "1",
}
# Outside the district, a decision does not exist (404); a district user without the role is refused (403).
REFUSAL = {"ward_officer": 404, "ward_chairman": 404, "other_ward_officer": 404}


@pytest.fixture
def inspect_ward(walk_to, cycle):
    """``inspect_ward(ward)``: that ward's assessment, inspected, with its own officer and chairman."""

    def inspect(ward):
        officer = UserFactory(ward=ward, roles=[Role.WARD_OFFICER])
        chairman = UserFactory(ward=ward, roles=[Role.WARD_CHAIRMAN])
        assessment = AssessmentFactory(cycle=cycle, ward=ward)
        return walk_to(assessment, S.INSPECTED, ward_officer=officer, ward_chairman=chairman)

    return inspect


@pytest.fixture
def inspected(assessment, walk_to):
    return walk_to(assessment, S.INSPECTED)


@pytest.fixture
def second(inspect_ward, other_ward):
    return inspect_ward(other_ward)


@pytest.fixture
def prepared(inspected, second, education_staff):
    return prepare_decision(inspected.cycle, education_staff, [inspected, second])


@pytest.fixture
def approved(prepared, district_chairman):
    return approve_decision(
        prepared,
        district_chairman,
        number="05/QĐ-UBND",
        issued_on=datetime.date(2018, 12, 10),
        signer="Trịnh Văn Long",
        signer_title="Phó Chủ tịch",
    )


def states(*assessments) -> list[str]:
    return list(Assessment.objects.filter(pk__in=[a.pk for a in assessments]).values_list("state", flat=True))


def decision_values(decision) -> tuple:
    decision.refresh_from_db()
    return (decision.state, decision.number, decision.issued_on, decision.signer, decision.signer_title)


# --- Preparing ------------------------------------------------------------------------------------------


def test_decision_create_lists_inspected_wards_with_result_and_due_date_all_ticked(
    login, education_staff, inspected, second
):
    Assessment.objects.filter(pk=second.pk).update(
        due_date=timezone.localdate() + datetime.timedelta(days=30)
    )
    second.refresh_from_db()
    results = {r.assessment_id: r for r in InspectionResult.objects.select_related("classification")}

    response = login(education_staff).get("/decisions/new/")

    page = response.content.decode()
    rows = response.context["rows"]
    assert [(row["assessment"], row["result"], row["selected"]) for row in rows] == [
        (inspected, results[inspected.pk], True),
        (second, results[second.pk], True),
    ]
    assert f'name="assessments" value="{inspected.pk}" id="ward-{inspected.pk}" checked>' in page
    with translation.override("vi"):
        total = formats.localize(results[inspected.pk].total)
    assert f'<td class="num">{total}</td>' in page  # Vietnamese decimal comma
    assert f"<td>{results[inspected.pk].classification.label_vi}</td>" in page
    # Walked to "inspected" on 22/10/2018: recognition was due 5 working days later, long past.
    assert inspected.due_date == datetime.date(2018, 10, 29)
    assert '<span class="overdue">29/10/2018</span> <span class="badge text-bg-danger">' in page
    assert page.count(vi("overdue")) == 1
    assert f"<span>{second.due_date:%d/%m/%Y}</span></td>" in page


def test_decision_create_prepares_a_decision_for_the_ticked_wards(login, education_staff, inspected, second):
    response = login(education_staff).post(
        "/decisions/new/", {"year": "2018", "assessments": [inspected.pk, second.pk]}
    )

    decision = RecognitionDecision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/decisions/{decision.pk}/"
    assert (decision.state, decision.cycle.year, decision.prepared_by) == (
        DecisionState.PREPARED,
        2018,
        education_staff,
    )
    assert set(decision.assessments.all()) == {inspected, second}
    assert states(inspected, second) == [S.INSPECTED, S.INSPECTED]


def test_decision_create_without_a_ward_is_refused(login, education_staff, inspected):
    response = login(education_staff).post("/decisions/new/", {"year": "2018"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"assessments": [vi("Tick at least one ward.")]}
    assert RecognitionDecision.objects.count() == 0


def test_decision_create_does_not_pre_tick_a_ward_already_in_a_draft(
    login, education_staff, inspected, second
):
    draft = prepare_decision(inspected.cycle, education_staff, [inspected])

    response = login(education_staff).get("/decisions/new/")

    assert [(row["selected"], row["other_drafts"]) for row in response.context["rows"]] == [
        (False, [draft]),
        (True, []),
    ]


@pytest.mark.parametrize("persona", ["ward_officer", "steering_member", "inspector", "district_chairman"])
def test_decision_create_is_refused_to_other_personas(request, login, inspected, persona):
    client = login(request.getfixturevalue(persona))

    get = client.get("/decisions/new/")
    post = client.post("/decisions/new/", {"year": "2018", "assessments": [inspected.pk]})

    assert (get.status_code, post.status_code) == (403, 403)
    assert RecognitionDecision.objects.count() == 0


# --- The decision page and approval -----------------------------------------------------------------


def test_decision_detail_shows_the_wards_with_results_and_the_approval_form_to_the_chairman(
    login, district_chairman, prepared, inspected, second
):
    district_chairman.position = "Phó Chủ tịch UBND quận"
    district_chairman.save()
    results = {r.assessment_id: r for r in InspectionResult.objects.all()}

    response = login(district_chairman).get(f"/decisions/{prepared.pk}/")

    assert response.context["rows"] == [(inspected, results[inspected.pk]), (second, results[second.pk])]
    assert (response.context["can_approve"], response.context["can_release"]) == (True, False)
    form = response.context["approve_form"]
    assert (form["signer"].value(), form["signer_title"].value()) == (
        "Trịnh Văn Long",
        "Phó Chủ tịch UBND quận",
    )
    assert f'action="/decisions/{prepared.pk}/approve/"' in response.content.decode()


def test_decision_detail_offers_no_approval_to_district_staff(login, education_staff, prepared):
    response = login(education_staff).get(f"/decisions/{prepared.pk}/")

    assert (response.context["can_approve"], response.context["approve_form"]) == (False, None)
    assert "/approve/" not in response.content.decode()


def test_decision_approve_recognises_every_ward_and_stores_the_decision(
    login, district_chairman, prepared, inspected, second
):
    response = login(district_chairman).post(f"/decisions/{prepared.pk}/approve/", APPROVAL)

    assert response.status_code == 302
    assert response["Location"] == f"/decisions/{prepared.pk}/"
    assert decision_values(prepared) == (
        DecisionState.APPROVED,
        "05/QĐ-UBND",
        datetime.date(2018, 12, 10),
        "Trịnh Văn Long",
        "Phó Chủ tịch",
    )
    assert prepared.approved_by == district_chairman
    assert states(inspected, second) == [S.RECOGNISED, S.RECOGNISED]


def test_decision_approve_with_a_wrong_date_keeps_what_was_typed(
    login, district_chairman, prepared, inspected, second
):
    response = login(district_chairman).post(
        f"/decisions/{prepared.pk}/approve/", {**APPROVAL, "issued_on": "2018-12-10"}
    )

    assert response.status_code == 200
    assert list(response.context["approve_form"].errors) == ["issued_on"]
    assert 'value="05/QĐ-UBND"' in response.content.decode()
    assert decision_values(prepared) == (DecisionState.PREPARED, "", None, "", "")
    assert states(inspected, second) == [S.INSPECTED, S.INSPECTED]


@pytest.mark.parametrize("persona", ["ward_officer", "steering_member", "inspector", "education_staff"])
def test_decision_approve_is_refused_to_anyone_but_the_chairman(
    request, login, prepared, inspected, second, persona
):
    response = login(request.getfixturevalue(persona)).post(f"/decisions/{prepared.pk}/approve/", APPROVAL)

    assert response.status_code == REFUSAL.get(persona, 403)
    assert decision_values(prepared) == (DecisionState.PREPARED, "", None, "", "")
    assert states(inspected, second) == [S.INSPECTED, S.INSPECTED]


def test_decision_approve_twice_says_so_and_keeps_the_first_approval(login, district_chairman, approved):
    response = login(district_chairman).post(
        f"/decisions/{approved.pk}/approve/", {**APPROVAL, "number": "06/QĐ-UBND"}
    )

    assert (response.status_code, response["Location"]) == (302, f"/decisions/{approved.pk}/")
    assert decision_values(approved)[:2] == (DecisionState.APPROVED, "05/QĐ-UBND")


# --- Release ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["education_staff", "promotion_staff", "district_chairman"])
def test_decision_release_publishes_every_ward_at_once(request, login, approved, inspected, second, persona):
    client = login(request.getfixturevalue(persona))
    offered = client.get(f"/decisions/{approved.pk}/").context["can_release"]

    response = client.post(f"/decisions/{approved.pk}/release/")

    assert offered is True
    assert (response.status_code, response["Location"]) == (302, f"/decisions/{approved.pk}/")
    assert decision_values(approved)[0] == DecisionState.RELEASED
    assert states(inspected, second) == [S.PUBLISHED, S.PUBLISHED]


@pytest.mark.parametrize("persona", ["ward_officer", "steering_member", "inspector"])
def test_decision_release_is_refused_to_other_personas(request, login, approved, inspected, second, persona):
    response = login(request.getfixturevalue(persona)).post(f"/decisions/{approved.pk}/release/")

    assert response.status_code == REFUSAL.get(persona, 403)
    assert decision_values(approved)[0] == DecisionState.APPROVED
    assert states(inspected, second) == [S.RECOGNISED, S.RECOGNISED]


def test_decision_release_of_a_prepared_decision_changes_nothing(login, education_staff, prepared, inspected):
    response = login(education_staff).post(f"/decisions/{prepared.pk}/release/")

    assert (response.status_code, response["Location"]) == (302, f"/decisions/{prepared.pk}/")
    assert decision_values(prepared)[0] == DecisionState.PREPARED
    assert states(inspected) == [S.INSPECTED]


# --- The list ---------------------------------------------------------------------------------------


def test_decision_list_shows_number_date_signer_state_and_ward_count(login, steering_member, approved):
    response = login(steering_member).get("/decisions/")

    page = response.content.decode()
    assert [(d, d.ward_count) for d in response.context["decisions"]] == [(approved, 2)]
    assert f'<a href="/decisions/{approved.pk}/">05/QĐ-UBND</a>' in page
    assert "<td>10/12/2018</td>" in page
    assert "<td>Trịnh Văn Long (Phó Chủ tịch)</td>" in page
    assert f"<td>{vi('Approved')}</td>" in page
    assert '<td class="num">2</td>' in page
    assert response.context["can_prepare"] is False


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "other_ward_officer"])
def test_decision_pages_are_refused_to_ward_users(request, login, prepared, persona):
    client = login(request.getfixturevalue(persona))

    assert (client.get("/decisions/").status_code, client.get(f"/decisions/{prepared.pk}/").status_code) == (
        403,
        404,
    )


def test_decision_menu_entry_is_shown_to_the_district_only(login, steering_member, ward_officer):
    def menu(user):
        return [item.url for item in login(user).get("/inbox/").context["nav_items"]]

    assert "/decisions/" in menu(steering_member)
    assert "/decisions/" not in menu(ward_officer)


# --- Query counts -----------------------------------------------------------------------------------


@pytest.fixture
def four_wards(ward):
    """Three more wards whose names sort differently by code point and in Vietnamese."""
    return [
        WardFactory(code=code, name=name, district=ward.district, cluster=ward.cluster)
        for code, name in (("P10", "Phường Tân Định"), ("P11", "Phường Đa Kao"), ("P12", "Phường Bến Thành"))
    ]


def test_decision_create_query_count_does_not_grow_with_the_number_of_wards(
    login, education_staff, inspected, inspect_ward, four_wards, django_assert_num_queries
):
    client = login(education_staff)
    # session, user, roles, latest year with
    # inspected wards, its cycle, the candidates with ward/cycle/framework/result/classification, their
    # draft decisions, the years of the cycles
    with django_assert_num_queries(7):
        small = client.get("/decisions/new/")
    for ward in four_wards:
        inspect_ward(ward)
    with django_assert_num_queries(7):
        large = client.get("/decisions/new/")

    assert [row["assessment"].ward.name for row in large.context["rows"]] == [
        "Phường 1",
        "Phường Bến Thành",
        "Phường Đa Kao",
        "Phường Tân Định",
    ]
    assert len(small.context["rows"]) == 1


def test_decision_detail_query_count_does_not_grow_with_the_number_of_wards(
    login, education_staff, inspected, inspect_ward, four_wards, django_assert_num_queries
):
    others = [inspect_ward(ward) for ward in four_wards]
    small = prepare_decision(inspected.cycle, education_staff, [inspected])
    client = login(education_staff)
    # session, user, roles, the decision with cycle/preparer/approver, its wards with
    # ward/result/classification, its history with actors
    with django_assert_num_queries(5):
        client.get(f"/decisions/{small.pk}/")
    small.delete()  # a ward is in one decision at a time
    large = prepare_decision(inspected.cycle, education_staff, [inspected, *others])
    with django_assert_num_queries(5):
        response = client.get(f"/decisions/{large.pk}/")

    assert [a.ward.name for a, _result in response.context["rows"]] == [
        "Phường 1",
        "Phường Bến Thành",
        "Phường Đa Kao",
        "Phường Tân Định",
    ]


def test_decision_list_query_count_does_not_grow_with_the_number_of_decisions(
    login, steering_member, education_staff, inspected, inspect_ward, four_wards, django_assert_num_queries
):
    prepare_decision(inspected.cycle, education_staff, [inspected])
    client = login(steering_member)
    # session, user, roles,
    # the decisions with their cycle and ward count
    with django_assert_num_queries(3):
        client.get("/decisions/")
    for ward in four_wards[:3]:
        prepare_decision(inspected.cycle, education_staff, [inspect_ward(ward)])
    with django_assert_num_queries(3):
        response = client.get("/decisions/")

    assert [d.ward_count for d in response.context["decisions"]] == [1, 1, 1, 1]


# --- Numbers from the register and confirmations (nothing becomes public unseen) -------------------


def test_decision_approve_first_shows_what_will_be_signed_and_changes_nothing(
    login, district_chairman, prepared, inspected, second
):
    unconfirmed = {key: value for key, value in APPROVAL.items() if key != "confirmed"}

    response = login(district_chairman).post(f"/decisions/{prepared.pk}/approve/", unconfirmed)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="confirmed" value="1"' in page
    assert "05/QĐ-UBND" in page and "10/12/2018" in page and "Phường 1" in page
    assert decision_values(prepared) == (DecisionState.PREPARED, "", None, "", "")
    assert states(inspected, second) == [S.INSPECTED, S.INSPECTED]


def test_decision_number_already_used_by_another_decision_is_refused(
    login, district_chairman, approved, inspect_ward, education_staff, cycle
):
    third = inspect_ward(WardFactory(code="P20", name="Phường 20"))
    draft = prepare_decision(cycle, education_staff, [third])

    response = login(district_chairman).post(f"/decisions/{draft.pk}/approve/", APPROVAL)

    assert response.status_code == 200
    assert vi_text(
        "Number %(number)s is already in the register: %(document)s, dated %(date)s.",
        number="05/QĐ-UBND",
        document="Công nhận “Cộng đồng học tập” năm 2018",
        date="10/12/2018",
    ) in [str(error) for error in response.context["approve_form"].non_field_errors()]
    assert 'value="05/QĐ-UBND"' in response.content.decode()  # what was typed stays
    assert decision_values(draft)[:2] == (DecisionState.PREPARED, "")
    assert states(third) == [S.INSPECTED]


def test_decision_number_given_by_the_register_to_another_document_is_refused(
    district_chairman, prepared, inspected
):
    keep_number(
        "inspection_plan:999",
        issuer_code=DISTRICT_ISSUER,
        issuer_label="ỦY BAN NHÂN DÂN QUẬN 5",
        type_code="QĐ",
        subject="Quyết định thành lập đoàn kiểm tra",
        on=datetime.date(2018, 11, 1),
        body_code="UBND",
    )

    with pytest.raises(ValidationError):
        approve_decision(
            prepared,
            district_chairman,
            number="1",
            issued_on=datetime.date(2018, 12, 10),
            signer="Trịnh Văn Long",
            signer_title="",
        )
    assert decision_values(prepared)[0] == DecisionState.PREPARED


def test_decision_form_proposes_the_registers_next_number_of_this_year(
    login, district_chairman, prepared, inspect_ward, cycle, education_staff
):
    approve_decision(
        prepared,
        district_chairman,
        number="05/QĐ-UBND",
        issued_on=timezone.localdate(),
        signer="Trịnh Văn Long",
        signer_title="Phó Chủ tịch",
    )
    draft = prepare_decision(
        cycle, education_staff, [inspect_ward(WardFactory(code="P20", name="Phường 20"))]
    )

    response = login(district_chairman).get(f"/decisions/{draft.pk}/")

    assert response.context["approve_form"].initial["number"] == "06/QĐ-UBND"


def test_decision_release_first_shows_what_becomes_public(login, education_staff, approved, inspected):
    response = login(education_staff).get(f"/decisions/{approved.pk}/release/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "05/QĐ-UBND" in page and "Phường 1" in page
    assert f'action="/decisions/{approved.pk}/release/"' in page
    assert decision_values(approved)[0] == DecisionState.APPROVED
    assert states(inspected) == [S.RECOGNISED]


def test_decision_withdraw_needs_a_reason_and_is_refused_to_the_chairman(
    login, education_staff, district_chairman, prepared
):
    refused = login(district_chairman).post(f"/decisions/{prepared.pk}/withdraw/", {"reason": "x"})
    empty = login(education_staff).post(f"/decisions/{prepared.pk}/withdraw/", {"reason": " "})

    assert (refused.status_code, empty.status_code) == (403, 200)
    assert decision_values(prepared)[0] == DecisionState.PREPARED
