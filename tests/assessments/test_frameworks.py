"""The administrator's framework pages and the rules behind them (assessments.frameworks)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from assessments.frameworks import (
    copy_framework,
    is_framework_locked,
    save_framework_scheme,
    validate_half_points,
)
from assessments.models import AssessmentState as S
from assessments.models import ClassificationBand, Criterion, Framework
from assessments.scoring import maxima_problem
from assessments.workflow import perform_transition
from tests.factories import CycleFactory
from tests.helpers import scheme_post
from tests.helpers import vi_text as vi

PLACEHOLDER_MAXIMA = [Decimal(7)] * 10 + [Decimal(6)] * 5
NEW_MAXIMA = ["10", "10", "8", "8", "8", "7", "7", "7", "6.5", "6.5", "5", "5", "4", "4", "4"]  # = 100


def maxima_of(framework) -> list[Decimal]:
    return list(framework.criteria.order_by("number").values_list("max_points", flat=True))


def minimums_of(framework) -> list[Decimal]:
    return list(framework.bands.order_by("-min_points").values_list("min_points", flat=True))


@pytest.fixture
def recognised(walk_to, assessment):
    """An assessment of the 2018 cycle (on Circular 44 v1) recognised through the engine."""
    return walk_to(assessment, S.RECOGNISED)


def edit_url(framework):
    return reverse("assessments:framework_edit", args=[framework.pk])


# --- the list --------------------------------------------------------------------------------------


def test_framework_list_shows_versions_years_and_unconfirmed_badge(login, system_admin, circular_44):
    response = login(system_admin).get(reverse("assessments:framework_list"))

    assert response.status_code == 200
    assert [(f.code, f.version, f.locked) for f in response.context["frameworks"]] == [
        ("tt25-2023", 1, False),
        ("tt44-2014", 1, False),
    ]
    content = response.content.decode()
    assert "2015–2023" in content
    assert escape(vi("The scoring scheme has not been confirmed yet")) in content


def test_framework_list_marks_a_framework_locked_once_an_assessment_is_recognised(
    login, system_admin, circular_44, recognised
):
    response = login(system_admin).get(reverse("assessments:framework_list"))

    assert [(f.code, f.locked) for f in response.context["frameworks"]] == [
        ("tt25-2023", False),
        ("tt44-2014", True),
    ]


# --- editing the scheme ----------------------------------------------------------------------------


def test_framework_edit_page_shows_the_criteria_and_the_running_total(login, system_admin, circular_44):
    response = login(system_admin).get(edit_url(circular_44))

    assert response.status_code == 200
    assert response.context["locked"] is False
    assert len(response.context["criteria_formset"].forms) == 15
    assert len(response.context["bands_formset"].forms) == 4
    assert response.context["typed_total"] == Decimal(100)
    label = vi("I have checked these maxima against the official text; confirm the scoring scheme")
    assert escape(label) in response.content.decode()


def test_framework_edit_saves_maxima_summing_to_100_and_confirms(login, system_admin, circular_44):
    data = scheme_post(circular_44, maxima=NEW_MAXIMA, confirm=True)
    data["criteria-0-title_en"] = "Leadership of the Party committee and the People's Committee"

    response = login(system_admin).post(edit_url(circular_44), data)

    assert response.status_code == 302
    assert response.url == edit_url(circular_44)
    circular_44.refresh_from_db()
    assert circular_44.scheme_confirmed is True
    assert maxima_of(circular_44) == [Decimal(m) for m in NEW_MAXIMA]
    assert (
        circular_44.criteria.get(number=1).title_en
        == "Leadership of the Party committee and the People's Committee"
    )


def test_framework_edit_without_confirmation_leaves_the_scheme_unconfirmed(login, system_admin, circular_44):
    response = login(system_admin).post(edit_url(circular_44), scheme_post(circular_44, maxima=NEW_MAXIMA))

    assert response.status_code == 302
    circular_44.refresh_from_db()
    assert circular_44.scheme_confirmed is False
    assert maxima_of(circular_44) == [Decimal(m) for m in NEW_MAXIMA]


def test_framework_edit_refuses_maxima_summing_to_99_5_and_saves_nothing(login, system_admin, circular_44):
    maxima = [*NEW_MAXIMA[:-1], "3.5"]  # 99.5
    data = scheme_post(circular_44, maxima=maxima, minimums=["90", "70", "50", "0"], confirm=True)
    data["criteria-0-title_vi"] = "Tiêu đề mới"

    response = login(system_admin).post(edit_url(circular_44), data)

    assert response.status_code == 200
    # The message of assessments.scoring.maxima_problem, at the top of the page.
    assert response.context["problems"][0] == maxima_problem([Decimal(m) for m in maxima], Decimal(100))
    assert response.context["typed_total"] == Decimal("99.5")
    content = response.content.decode()
    assert 'id="scheme-problems"' in content
    assert "Tiêu đề mới" in content  # what the administrator typed is shown again
    circular_44.refresh_from_db()
    assert circular_44.scheme_confirmed is False
    assert maxima_of(circular_44) == PLACEHOLDER_MAXIMA
    assert minimums_of(circular_44) == [Decimal(85), Decimal(70), Decimal(50), Decimal(0)]
    assert (
        circular_44.criteria.get(number=1).title_vi == "Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường"
    )


def _half_point_message():
    with pytest.raises(ValidationError) as raised:
        validate_half_points(Decimal("0.25"))
    return raised.value.messages[0]


def test_framework_edit_refuses_quarter_points_on_the_field(login, system_admin, circular_44):
    maxima = [*NEW_MAXIMA[:-2], "4.2", "3.8"]  # still 100, but not in half points

    response = login(system_admin).post(edit_url(circular_44), scheme_post(circular_44, maxima=maxima))

    assert response.status_code == 200
    formset = response.context["criteria_formset"]
    assert [form.errors.get("max_points") for form in formset][12:] == [
        None,
        [str(_half_point_message())],
        [str(_half_point_message())],
    ]
    assert formset.forms[0].errors == {}
    assert maxima_of(circular_44) == PLACEHOLDER_MAXIMA


@pytest.mark.parametrize(
    "minimums",
    [["70", "70", "50", "0"], ["85", "90", "50", "0"], ["85", "70", "50", "10"]],
    ids=["equal", "increasing", "lowest-not-zero"],
)
def test_framework_edit_refuses_grades_not_going_down_to_zero(login, system_admin, circular_44, minimums):
    response = login(system_admin).post(edit_url(circular_44), scheme_post(circular_44, minimums=minimums))

    assert response.status_code == 200
    assert len(response.context["problems"]) == 1
    assert minimums_of(circular_44) == [Decimal(85), Decimal(70), Decimal(50), Decimal(0)]


def test_save_framework_scheme_refuses_a_locked_framework(circular_44, recognised):
    with pytest.raises(ValidationError) as raised:
        save_framework_scheme(circular_44, [], [], confirm=True)
    assert raised.value.code == "locked"


def test_is_framework_locked_only_from_recognised_on(
    walk_to, assessment, circular_44, district_chairman, education_staff
):
    walk_to(assessment, S.INSPECTED)
    assert is_framework_locked(circular_44) is False
    perform_transition(assessment, "recognise", district_chairman)
    assert is_framework_locked(circular_44) is True
    perform_transition(assessment, "publish", education_staff)
    assert is_framework_locked(circular_44) is True


# --- a locked framework and its copy ---------------------------------------------------------------


def test_locked_framework_page_is_read_only_with_a_copy_button(login, system_admin, circular_44, recognised):
    response = login(system_admin).get(edit_url(circular_44))

    assert response.status_code == 200
    assert response.context["locked"] is True
    content = response.content.decode()
    assert 'id="framework-form"' not in content
    assert reverse("assessments:framework_copy", args=[circular_44.pk]) in content
    assert response.context["copy_form"].initial == {"first_year": 2019}


def test_locked_framework_edit_is_refused_and_nothing_saved(login, system_admin, circular_44, recognised):
    response = login(system_admin).post(
        edit_url(circular_44), scheme_post(circular_44, maxima=NEW_MAXIMA, confirm=True)
    )

    assert response.status_code == 302
    assert response.url == edit_url(circular_44)
    circular_44.refresh_from_db()
    assert circular_44.scheme_confirmed is False
    assert maxima_of(circular_44) == PLACEHOLDER_MAXIMA


def test_framework_copy_creates_version_2_and_ends_version_1(login, system_admin, circular_44, recognised):
    response = login(system_admin).post(
        reverse("assessments:framework_copy", args=[circular_44.pk]), {"first_year": "2019"}
    )

    copy = Framework.objects.get(code="tt44-2014", version=2)
    assert response.status_code == 302
    assert response.url == edit_url(copy)
    assert (copy.first_year, copy.last_year, copy.scheme_confirmed) == (2019, 2023, False)
    assert copy.criteria.count() == 15
    assert maxima_of(copy) == PLACEHOLDER_MAXIMA
    assert minimums_of(copy) == [Decimal(85), Decimal(70), Decimal(50), Decimal(0)]
    circular_44.refresh_from_db()
    assert (circular_44.first_year, circular_44.last_year) == (2015, 2018)
    assert is_framework_locked(copy) is False
    assert Criterion.objects.filter(framework=circular_44).count() == 15


def test_copy_framework_keeps_the_confirmation_flag(circular_44):
    circular_44.scheme_confirmed = True
    circular_44.save()

    copy = copy_framework(circular_44, 2020)

    assert (copy.version, copy.scheme_confirmed) == (2, True)
    assert ClassificationBand.objects.filter(framework=copy).count() == 4


def test_copy_framework_refuses_a_first_year_with_a_cycle_of_the_source(circular_44, cycle):
    with pytest.raises(ValidationError):
        copy_framework(circular_44, 2018)
    with pytest.raises(ValidationError):
        copy_framework(circular_44, 2015)
    assert Framework.objects.count() == 2  # the seeded Circular 44 and Circular 25
    circular_44.refresh_from_db()
    assert circular_44.last_year == 2023


# --- who may use the pages -------------------------------------------------------------------------


def _framework_requests(framework):
    return [
        ("get", reverse("assessments:framework_list"), None),
        ("get", edit_url(framework), None),
        ("post", edit_url(framework), scheme_post(framework, maxima=NEW_MAXIMA, confirm=True)),
        ("post", reverse("assessments:framework_copy", args=[framework.pk]), {"first_year": "2019"}),
    ]


@pytest.mark.parametrize(
    "persona",
    [
        "ward_officer",
        "ward_chairman",
        "education_staff",
        "promotion_staff",
        "inspector",
        "district_chairman",
        "steering_member",
    ],
)
def test_framework_pages_refused_for_everyone_but_the_system_admin(request, login, circular_44, persona):
    client = login(request.getfixturevalue(persona))

    for method, url, data in _framework_requests(circular_44):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)

    circular_44.refresh_from_db()
    assert circular_44.scheme_confirmed is False
    assert maxima_of(circular_44) == PLACEHOLDER_MAXIMA
    assert Framework.objects.count() == 2  # the seeded Circular 44 and Circular 25


def test_framework_pages_send_anonymous_visitors_to_login(login, circular_44):
    client = login(None)

    for method, url, data in _framework_requests(circular_44):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")

    assert maxima_of(circular_44) == PLACEHOLDER_MAXIMA
    assert Framework.objects.count() == 2  # the seeded Circular 44 and Circular 25


def test_framework_copy_refuses_get(login, system_admin, circular_44):
    response = login(system_admin).get(reverse("assessments:framework_copy", args=[circular_44.pk]))

    assert response.status_code == 405
    assert Framework.objects.count() == 2  # the seeded Circular 44 and Circular 25


def test_framework_list_constant_queries(login, system_admin, circular_44, django_assert_num_queries):
    client = login(system_admin)
    for year in (2019, 2020):
        copy_framework(Framework.objects.get(code="tt44-2014", version=year - 2018), year)
    # user (the session comes from the cache), the user's roles, frameworks annotated with their lock
    with django_assert_num_queries(3):
        response = client.get(reverse("assessments:framework_list"))
    assert len(response.context["frameworks"]) == 4  # Circular 44 in three versions, Circular 25


def test_cycle_factory_is_on_circular_44(cycle, circular_44):
    assert CycleFactory(year=2018).framework == circular_44


# --- the Django admin ------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_admin_pages_render(login, superuser, circular_44, recognised):
    client = login(superuser)
    for name, args in [
        ("admin:assessments_framework_changelist", []),
        ("admin:assessments_framework_change", [circular_44.pk]),
        ("admin:assessments_cycle_change", [recognised.cycle.pk]),
        ("admin:assessments_assessment_changelist", []),
        ("admin:assessments_assessment_change", [recognised.pk]),
        ("admin:assessments_statechange_changelist", []),
        ("admin:assessments_evidencefile_changelist", []),
        ("admin:assessments_evidencefile_change", [recognised.evidence.first().pk]),
        ("admin:assessments_dossierdocument_change", [recognised.documents.first().pk]),
        ("admin:assessments_criterionselfscore_changelist", []),
        ("admin:assessments_notification_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_admin_assessment_state_is_read_only(login, superuser, recognised):
    response = login(superuser).get(reverse("admin:assessments_assessment_change", args=[recognised.pk]))

    assert "state" not in response.context["adminform"].form.fields
    assert "state" in response.context["adminform"].readonly_fields


def test_admin_refuses_maxima_not_adding_up_and_saves_nothing(login, superuser, circular_44):
    url = reverse("admin:assessments_framework_change", args=[circular_44.pk])
    client = login(superuser)
    page = client.get(url)
    data = {}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {management.add_prefix(key): value for key, value in management.initial.items()}
        for form in formset.formset.forms:
            data |= {form.add_prefix(name): form.initial.get(name, "") for name in form.fields}
            data[form.add_prefix("id")] = form.instance.pk
            data[form.add_prefix(formset.formset.fk.name)] = circular_44.pk
    form = page.context["adminform"].form
    data |= {name: value for name, value in form.initial.items() if name in form.fields and value is not None}
    data = {key: value for key, value in data.items() if value is not None}
    criteria_prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{criteria_prefix}-0-max_points"] = "6.5"  # 99.5 in all

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert list(errors) == [maxima_problem([Decimal("6.5")] + PLACEHOLDER_MAXIMA[1:], Decimal(100))]
    assert maxima_of(circular_44) == PLACEHOLDER_MAXIMA


def test_admin_inlines_of_a_locked_framework_are_read_only(login, superuser, circular_44, recognised):
    response = login(superuser).get(reverse("admin:assessments_framework_change", args=[circular_44.pk]))

    assert [formset.has_change_permission for formset in response.context["inline_admin_formsets"]] == [
        False,
        False,
    ]
