"""The district's assessment cycles: calendar, framework, lead body, and opening a year."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import Assessment, Cycle
from assessments.models import AssessmentState as S
from assessments.workflow import perform_transition
from tests.factories import AssessmentFactory, CycleFactory, DistrictUnitFactory, WardFactory
from tests.helpers import vi, write_plan
from wards.models import UnitKind

CREATE_URL = reverse("assessments:cycle_create")
LIST_URL = reverse("assessments:cycle_list")


@pytest.fixture
def three_wards(ward, other_ward):
    return [
        ward,
        other_ward,
        WardFactory(code="P03", name="Phường 3", district=ward.district, cluster=ward.cluster),
    ]


def cycle_post(circular_44, lead_body, **changes) -> dict:
    data = {
        "year": "2019",
        "framework": str(circular_44.pk),
        "self_assessment_start": "01/10/2019",
        "self_assessment_end": "25/10/2019",
        "dossier_deadline": "31/10/2019",
        "inspection_start": "04/11/2019",
        "inspection_end": "29/11/2019",
        "recognition_deadline": "13/12/2019",
        "lead_body": str(lead_body.pk),
    }
    return data | changes


def test_district_staff_creates_a_cycle_with_dates_typed_day_first(
    login, education_staff, circular_44, promotion_association
):
    response = login(education_staff).post(
        CREATE_URL,
        cycle_post(
            circular_44,
            promotion_association,
            year="2018",
            self_assessment_start="01/10/2018",
            self_assessment_end="25/10/2018",
            dossier_deadline="31/10/2018",
            inspection_start="01/11/2018",
            inspection_end="30/11/2018",
            recognition_deadline="14/12/2018",
        ),
    )

    assert response.status_code == 302
    assert response.url == LIST_URL
    cycle = Cycle.objects.get()
    assert (cycle.year, cycle.framework, cycle.lead_body) == (2018, circular_44, promotion_association)
    assert cycle.self_assessment_start == datetime.date(2018, 10, 1)
    assert cycle.self_assessment_end == datetime.date(2018, 10, 25)
    assert cycle.dossier_deadline == datetime.date(2018, 10, 31)
    assert cycle.inspection_start == datetime.date(2018, 11, 1)
    assert cycle.inspection_end == datetime.date(2018, 11, 30)
    assert cycle.recognition_deadline == datetime.date(2018, 12, 14)
    assert cycle.opened_at is None
    assert not Assessment.objects.exists()


def test_cycle_create_page_shows_the_form(
    login, promotion_staff, circular_44, promotion_association, education_office
):
    response = login(promotion_staff).get(CREATE_URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert [framework.code for framework in form.fields["framework"].queryset] == ["tt25-2023", "tt44-2014"]
    # Only the education office and the association may lead the inspection.
    DistrictUnitFactory(
        code="mttq", name="Ủy ban MTTQ quận", short_name="MTTQ", kind=UnitKind.FATHERLAND_FRONT
    )
    assert set(form.fields["lead_body"].queryset) == {education_office, promotion_association}
    assert 'placeholder="' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("self_assessment_end", "30/09/2019"),
        ("dossier_deadline", "20/10/2019"),
        ("inspection_start", "30/10/2019"),
        ("inspection_end", "01/11/2019"),
        ("recognition_deadline", "28/11/2019"),
    ],
)
def test_cycle_create_wrong_date_order_errors_on_the_field_and_saves_nothing(
    login, education_staff, circular_44, promotion_association, field, value
):
    response = login(education_staff).post(
        CREATE_URL, cycle_post(circular_44, promotion_association, **{field: value})
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert form[field].value() == value  # what was typed is shown again
    assert not Cycle.objects.exists()


def test_cycle_create_refuses_a_month_first_date(login, education_staff, circular_44, promotion_association):
    response = login(education_staff).post(
        CREATE_URL, cycle_post(circular_44, promotion_association, recognition_deadline="12/31/2019")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["recognition_deadline"]
    assert not Cycle.objects.exists()


def test_cycle_create_refuses_a_framework_that_does_not_cover_the_year(
    login, education_staff, circular_44, promotion_association
):
    data = cycle_post(
        circular_44,
        promotion_association,
        year="2024",
        self_assessment_start="01/10/2024",
        self_assessment_end="25/10/2024",
        dossier_deadline="31/10/2024",
        inspection_start="04/11/2024",
        inspection_end="29/11/2024",
        recognition_deadline="13/12/2024",
    )

    response = login(education_staff).post(CREATE_URL, data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["framework"]
    assert not Cycle.objects.exists()


def test_cycle_create_refuses_a_lead_body_of_another_kind(login, education_staff, circular_44):
    front = DistrictUnitFactory(
        code="mttq", name="Ủy ban MTTQ quận", short_name="MTTQ", kind=UnitKind.FATHERLAND_FRONT
    )

    response = login(education_staff).post(CREATE_URL, cycle_post(circular_44, front))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["lead_body"]
    assert not Cycle.objects.exists()


def test_cycle_edit_changes_the_calendar(login, promotion_staff, cycle):
    data = cycle_post(
        cycle.framework,
        cycle.lead_body,
        year="2018",
        self_assessment_start="01/10/2018",
        self_assessment_end="26/10/2018",
        dossier_deadline="02/11/2018",
        inspection_start="05/11/2018",
        inspection_end="30/11/2018",
        recognition_deadline="14/12/2018",
    )

    response = login(promotion_staff).post(reverse("assessments:cycle_edit", args=[2018]), data)

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.dossier_deadline == datetime.date(2018, 11, 2)
    assert cycle.self_assessment_end == datetime.date(2018, 10, 26)


def test_cycle_edit_keeps_year_and_framework_once_open(login, education_staff, cycle, three_wards):
    client = login(education_staff)
    client.post(reverse("assessments:cycle_open", args=[2018]))
    data = cycle_post(
        cycle.framework,
        cycle.lead_body,
        year="2017",
        framework="999",
        self_assessment_start="01/10/2018",
        self_assessment_end="25/10/2018",
        dossier_deadline="31/10/2018",
        inspection_start="01/11/2018",
        inspection_end="30/11/2018",
        recognition_deadline="21/12/2018",
    )

    response = client.post(reverse("assessments:cycle_edit", args=[2018]), data)

    # Year and framework are disabled once the assessments exist: the posted values are ignored.
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert (cycle.year, cycle.framework.code, cycle.framework.version) == (2018, "tt44-2014", 1)
    assert cycle.recognition_deadline == datetime.date(2018, 12, 21)


def test_opening_creates_one_assessment_per_ward_and_again_none(login, education_staff, cycle, three_wards):
    client = login(education_staff)
    open_url = reverse("assessments:cycle_open", args=[2018])

    response = client.post(open_url, follow=True)

    assert response.redirect_chain == [(LIST_URL, 302)]
    assert sorted(Assessment.objects.filter(cycle=cycle).values_list("ward__code", flat=True)) == [
        "P01",
        "P02",
        "P03",
    ]
    assert set(Assessment.objects.values_list("state", flat=True)) == {S.PLAN_DRAFT}
    assert [str(m) for m in response.context["messages"]] == [_created_message(3)]
    cycle.refresh_from_db()
    assert cycle.opened_at is not None

    response = client.post(open_url, follow=True)

    assert Assessment.objects.count() == 3
    assert [str(m) for m in response.context["messages"]] == [_created_message(0)]


def _created_message(count: int) -> str:
    from django.utils.translation import ngettext, override

    with override("vi"):
        return ngettext("%(count)d assessment created.", "%(count)d assessments created.", count) % {
            "count": count
        }


def test_cycle_open_refuses_get(login, education_staff, cycle, three_wards):
    response = login(education_staff).get(reverse("assessments:cycle_open", args=[2018]))

    assert response.status_code == 405
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "persona", ["steering_member", "ward_officer", "ward_chairman", "inspector", "district_chairman"]
)
def test_cycle_create_edit_open_refused_for_other_personas(
    request, login, persona, cycle, circular_44, promotion_association, three_wards
):
    client = login(request.getfixturevalue(persona))
    before = Cycle.objects.values().get()

    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, cycle_post(circular_44, promotion_association)).status_code == 403
    assert client.get(reverse("assessments:cycle_edit", args=[2018])).status_code == 403
    edit = cycle_post(circular_44, promotion_association, year="2018", self_assessment_start="02/10/2018")
    assert client.post(reverse("assessments:cycle_edit", args=[2018]), edit).status_code == 403
    assert client.post(reverse("assessments:cycle_open", args=[2018])).status_code == 403

    assert list(Cycle.objects.values()) == [before]
    assert not Assessment.objects.exists()


def test_cycle_pages_send_anonymous_visitors_to_login(login, cycle, three_wards):
    client = login(None)
    for url in (LIST_URL, CREATE_URL, reverse("assessments:cycle_edit", args=[2018])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    response = client.post(reverse("assessments:cycle_open", args=[2018]))
    assert response.status_code == 302
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("persona", ["steering_member", "inspector", "district_chairman", "system_admin"])
def test_cycle_list_visible_to_the_district_side(request, login, persona, cycle):
    response = login(request.getfixturevalue(persona)).get(LIST_URL)

    assert response.status_code == 200
    assert [c.year for c in response.context["cycles"]] == [2018]
    assert response.context["may_manage"] is (persona == "system_admin")


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "other_ward_officer"])
def test_cycle_list_refused_for_ward_users(request, login, persona, cycle):
    assert login(request.getfixturevalue(persona)).get(LIST_URL).status_code == 403


def test_cycle_list_counts_assessments_per_state(login, education_staff, cycle, three_wards, ward_officer):
    assessments = [AssessmentFactory(cycle=cycle, ward=ward) for ward in three_wards]
    write_plan(assessments[0], ward_officer)
    perform_transition(assessments[0], "submit_plan", ward_officer, today=datetime.date(2018, 10, 2))

    response = login(education_staff).get(LIST_URL)

    (listed,) = response.context["cycles"]
    assert listed.assessment_count == 3
    assert [(str(label), count) for label, count in listed.state_counts] == [
        (str(S.PLAN_DRAFT.label), 2),
        (str(S.PLAN_SUBMITTED.label), 1),
    ]


def _make_cycles(count, wards, promotion_association):
    cycles = []
    for year in range(2018, 2018 + count):
        cycle = CycleFactory(year=year, lead_body=promotion_association)
        for ward in wards:
            AssessmentFactory(cycle=cycle, ward=ward)
        cycles.append(cycle)
    return cycles


@pytest.mark.parametrize("count", [1, 3])
def test_cycle_list_constant_queries(
    login, education_staff, three_wards, promotion_association, django_assert_num_queries, count
):
    _make_cycles(count, three_wards, promotion_association)
    client = login(education_staff)
    # session, user, the user's roles, cycles with framework and lead body, assessment counts per cycle and
    # state (the portal's permissions are the rules' alone: Django's model permissions are never read)
    with django_assert_num_queries(4):
        response = client.get(LIST_URL)
    assert len(response.context["cycles"]) == count
    assert all(cycle.assessment_count == 3 for cycle in response.context["cycles"])


def test_cycle_list_calls_only_the_dossier_deadline_a_deadline_and_names_each_wards_clock(
    login, education_staff, three_wards, promotion_association
):
    """One source of truth: a ward's due date comes from its steps, not from the cycle's planned dates."""
    _make_cycles(1, three_wards, promotion_association)

    page = login(education_staff).get(LIST_URL).content.decode()

    assert vi("Recognition deadline") not in page
    assert vi("Recognition (planned by)") in page
    note = vi(
        "The dossier deadline binds every ward. Inspection and recognition dates are the district's plan: "
        "each ward's own due date runs from its steps (%(plan)s working days after its dossier is received, "
        "the last day of its inspection plan, %(recognise)s working days after its inspection), as the "
        "assessment list shows.",
        plan=10,
        recognise=5,
    )
    assert note in page


def test_opening_a_cycle_leaves_out_a_ward_merged_into_another(login, education_staff, cycle, three_wards):
    merged = three_wards[0]
    merged.closed_on = datetime.date(2018, 7, 1)
    merged.save()

    login(education_staff).post(reverse("assessments:cycle_open", args=[2018]))

    assert sorted(cycle.assessments.values_list("ward__code", flat=True)) == sorted(
        ward.code for ward in three_wards[1:]
    )
