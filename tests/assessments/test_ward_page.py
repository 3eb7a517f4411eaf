"""The ward's assessments on its page: a section the assessments app adds to the ward app's page."""

import pytest

from assessments.models import AssessmentState as S
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import PERSONAS, vi


@pytest.fixture
def two_years(walk_to, assessment, other_ward):
    """The ward's 2018 assessment with its plan sent, its 2017 one, and another ward's 2018 one."""
    walk_to(assessment, S.PLAN_SUBMITTED)
    older = AssessmentFactory(
        cycle=CycleFactory(year=2017, lead_body=assessment.cycle.lead_body), ward=assessment.ward
    )
    AssessmentFactory(cycle=assessment.cycle, ward=other_ward)
    return [assessment, older]


def test_ward_page_lists_the_wards_assessments_newest_first(login, ward_officer, two_years):
    newest, older = two_years

    page = login(ward_officer).get("/wards/P01/").content.decode()

    assert vi("Learning-community assessments") in page
    assert (
        f'<li><a href="{newest.get_absolute_url()}">2018</a> · {vi("Step 1: awaiting the ward chairman")}'
        f" · {vi('Due')} 31/10/2018</li>"
    ) in page
    assert page.index(">2018</a>") < page.index(f'<a href="{older.get_absolute_url()}">2017</a>')


@pytest.mark.parametrize("persona", PERSONAS)
def test_ward_page_lists_only_the_assessments_the_user_may_see(request, login, ward, two_years, persona):
    user = request.getfixturevalue(persona)
    visible = [a for a in two_years if user.has_perm("assessments.view_assessment", a)]

    response = login(user).get("/wards/P01/")

    assert response.status_code == (200 if user.has_perm("wards.view_ward", ward) else 404)
    page = response.content.decode()
    assert [a.pk for a in two_years if a.get_absolute_url() in page] == [a.pk for a in visible]
    assert (vi("Learning-community assessments") in page) is bool(visible)
