import datetime

import pytest

from assessments.models import AssessmentState as S
from tests.assessments.conftest import add_evidence
from tests.factories import AssessmentFactory, UserFactory, WardFactory
from wards.models import Role


@pytest.fixture
def published(assessment, walk_to, ward_officer, education_staff, district_chairman, inspector):
    walk_to(assessment, S.INSPECTED)
    score = assessment.inspection_scores.get(criterion__number=3)
    score.comment = "Nhận xét nội bộ của đoàn: cần bổ sung"
    score.save()
    add_evidence(assessment, score.criterion, ward_officer, name="bien-ban-hop-bi-mat.pdf")
    return walk_to(assessment, S.PUBLISHED)


def test_public_year_page_shows_published_results_without_login(login, published):
    response = login(None).get("/results/2018/")
    assert response.status_code == 200
    html = response.content.decode()
    result = response.context["results"][0]
    assert (result.ward_name, result.total, result.classification) == ("Phường 1", 90, "Tốt")
    assert (result.decision_number, result.decision_date) == ("05/QĐ-UBND", datetime.date(2018, 12, 10))
    assert "05/QĐ-UBND" in html and "10/12/2018" in html


def test_public_pages_leak_no_comment_evidence_or_inspector_name(login, published, inspector):
    for url in ("/results/2018/", "/results/ward/P01/"):
        html = login(None).get(url).content.decode()
        assert "Nhận xét nội bộ" not in html
        assert "bien-ban-hop-bi-mat" not in html
        assert "minh-chung" not in html
        assert inspector.full_name not in html


def test_public_page_lists_only_published_wards(login, published, cycle, other_ward, walk_to):
    other = AssessmentFactory(cycle=cycle, ward=other_ward)
    officer = UserFactory(ward=other_ward, roles=[Role.WARD_OFFICER])
    chairman = UserFactory(ward=other_ward, roles=[Role.WARD_CHAIRMAN])
    walk_to(other, S.INSPECTED, ward_officer=officer, ward_chairman=chairman)
    names = [r.ward_name for r in login(None).get("/results/2018/").context["results"]]
    assert names == ["Phường 1"]


def test_unpublished_year_and_unknown_ward_are_404(login, published):
    assert login(None).get("/results/2019/").status_code == 404
    assert login(None).get("/results/ward/P99/").status_code == 404


def test_results_index_redirects_to_the_latest_year(login, published):
    response = login(None).get("/results/")
    assert (response.status_code, response["Location"]) == (302, "/results/2018/")


def test_ward_history_shows_each_year_with_its_criteria(login, published):
    response = login(None).get("/results/ward/P01/")
    rows = response.context["rows"]
    assert [(r.year, r.total) for r in rows] == [(2018, 90)]
    assert rows[0].lines[0][0] == 1 and rows[0].lines[0][2] == 6


def test_results_page_query_count_is_constant(
    login, published, cycle, walk_to, django_assert_num_queries, education_staff, district_chairman
):
    client = login(None)
    # Nothing cached yet (the data changed): 1 published years, 2 clusters (the search form), 3 count
    # (pager), 4 one page of assessments+ward+cycle+result+band, 5 scores, 6 decisions, 7 criteria,
    # 8 wards per grade this year, 9 the year's grades.
    with django_assert_num_queries(9):
        client.get("/results/2018/")
    for _number in range(5):
        ward = WardFactory(district=cycle.lead_body.district)
        officer = UserFactory(ward=ward, roles=[Role.WARD_OFFICER])
        chairman = UserFactory(ward=ward, roles=[Role.WARD_CHAIRMAN])
        walk_to(
            AssessmentFactory(cycle=cycle, ward=ward),
            S.PUBLISHED,
            ward_officer=officer,
            ward_chairman=chairman,
        )
    with django_assert_num_queries(9):
        response = client.get("/results/2018/")
    assert len(response.context["results"]) == 6
