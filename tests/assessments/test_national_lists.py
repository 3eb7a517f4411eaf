"""National-size lists: a province reviews hundreds of wards, the country thousands.

The lists page (50 wards a page) and the public results are cached, so the
queries a page makes stay the same whether the world has 15 wards or 120; the
filters survive the page links, a ward far down the list is found by its name,
and the cached public page follows every publication at once without showing
anything of the visitor who filled the cache.
"""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from assessments.models import Assessment, AssessmentState, ClassificationBand, InspectionResult
from assessments.models import AssessmentState as S
from tests.factories import AssessmentFactory, ClusterFactory, UserFactory
from wards.models import Role, Ward
from wards.text import strip_diacritics, vietnamese_sort_key


def build_world(ward_count: int, cycle) -> list[Ward]:
    """``ward_count`` wards in clusters of 12, each with a published result in ``cycle``, by bulk_create.

    Written directly (no workflow), as a migration of past records would: the
    pages under test only read them.
    """
    district = cycle.lead_body.district
    clusters = [ClusterFactory(district=district, number=number) for number in range(1, ward_count // 12 + 2)]
    names = [f"Phường Thử {number:03d}" for number in range(1, ward_count + 1)]
    wards = Ward.objects.bulk_create(
        Ward(
            district=district,
            cluster=clusters[index // 12],
            code=f"T{index:03d}",
            name=name,
            population=1000,
            sort_key=vietnamese_sort_key(name),
            search_name=strip_diacritics(name),
        )
        for index, name in enumerate(names)
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(cycle=cycle, ward=ward, state=AssessmentState.PUBLISHED) for ward in wards
    )
    band = ClassificationBand.objects.filter(framework=cycle.framework).order_by("-min_points").first()
    InspectionResult.objects.bulk_create(
        InspectionResult(
            assessment=assessment, total=Decimal(90), classification=band, closed_at=datetime.now(UTC)
        )
        for assessment in assessments
    )
    cache.clear()  # bulk writes send no signal: as ``data_changed`` after an import
    return wards


@pytest.fixture(params=[15, 120], ids=["district", "province"])
def world(request, cycle):
    return build_world(request.param, cycle)


# Each page's queries, with the world of 15 and of 120 wards (the bound is the same for both).
PAGES = [
    # 1 user, 2 roles, 3 cycle years, 4 grades (the filter), 5 count (pager), 6 one page of assessments.
    ("/assessments/?year=2018", "education_staff", 6),
    # 1 user, 2 roles, 3 the district, 4 its totals (and the pager's count), 5 one page of wards, 6 their
    # clusters with each one's totals.
    ("/district/", "education_staff", 6),
    # 1 user, 2 roles, 3 clusters (the filter), 4 count (pager), 5 one page of wards, 6 their mergers.
    ("/wards/", "education_staff", 6),
    # Nothing cached: 1 published years, 2 clusters (the search form), 3 count, 4 one page of results,
    # 5 scores, 6 decisions, 7 criteria, 8 wards per grade, 9 the year's grades.
    ("/results/2018/", None, 9),
    # A name search is not cached: 1 count, 2 the page, 3 scores, 4 decisions, 5 criteria, 6 wards per
    # grade, 7 the year's grades (the years and clusters are cached by the request before).
    ("/results/2018/?q=thu+007", None, 9),
]


@pytest.mark.parametrize(("url", "persona", "bound"), PAGES)
def test_list_queries_do_not_grow_with_the_number_of_wards(
    request, login, world, url, persona, bound, django_assert_max_num_queries
):
    client = login(request.getfixturevalue(persona) if persona else None)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200


def test_cached_public_page_makes_no_query_at_all(login, world, django_assert_num_queries):
    visitor = login(None)
    visitor.get("/results/2018/?page=2")
    # The years, the clusters, the count and the page's content all come from the cache.
    with django_assert_num_queries(0):
        response = visitor.get("/results/2018/?page=2")
    assert response.status_code == 200


def test_a_district_still_sees_its_wards_on_one_page(login, cycle, education_staff):
    build_world(15, cycle)
    staff = login(education_staff)
    for url in ("/assessments/?year=2018", "/district/", "/wards/", "/results/2018/"):
        html = staff.get(url).content.decode()
        assert html.count("Phường Thử 0") == 15, url
        assert 'aria-label="Trang"' not in html, url  # no pager


def _next_link(html: str) -> str:
    return re.search(r'<a class="page-link" href="([^"]+)">Trang sau', html).group(1).replace("&amp;", "&")


def test_page_links_keep_the_filters(login, cycle, education_staff):
    wards = build_world(120, cycle)
    first_cluster = wards[0].cluster_id
    staff = login(education_staff)

    html = staff.get("/wards/?q=thu").content.decode()
    assert _next_link(html) == "?q=thu&page=2"
    html = staff.get("/assessments/?year=2018&state=published").content.decode()
    assert _next_link(html) == "?year=2018&state=published&page=2"
    html = login(None).get("/results/2018/?q=&cluster=&utm_source=mail").content.decode()
    assert _next_link(html) == "?page=2"  # nothing but the page's own filters, in a cached page

    # 12 wards per cluster: a cluster fits one page, the whole year takes three.
    html = login(None).get(f"/results/2018/?cluster={first_cluster}").content.decode()
    assert html.count("Phường Thử 0") == 12 and "page-link" not in html.split("</table>")[1][:300]
    assert f'<option value="{first_cluster}" selected>' in html
    html = login(None).get("/results/2018/?page=2").content.decode()
    assert _next_link(html) == "?page=3"


def test_a_ward_of_page_3_is_found_by_its_name(login, cycle, education_staff):
    build_world(120, cycle)
    page_3 = login(None).get("/results/2018/?page=3").content.decode()
    assert "Phường Thử 101" in page_3
    assert "Phường Thử 101" not in login(None).get("/results/2018/").content.decode()

    found = login(None).get("/results/2018/?q=phuong+thu+101").content.decode()
    assert "Phường Thử 101" in found and "Phường Thử 100" not in found
    found = login(education_staff).get("/wards/?q=thu+101").content.decode()
    assert "Phường Thử 101" in found and "Phường Thử 100" not in found
    found = login(education_staff).get("/assessments/?year=2018&q=thu+101").content.decode()
    assert "Phường Thử 101" in found and "Phường Thử 100" not in found


def test_district_totals_count_every_page(login, cycle, steering_member):
    build_world(120, cycle)
    response = login(steering_member).get("/district/?page=3")
    assert response.context["totals"]["ward_count"] == 120
    assert response.context["totals"]["population"] == 120_000
    # Wards 101–120: the end of the 9th cluster, the 10th, then (last page) the cluster without wards.
    rows = response.context["rows"]
    assert [(len(row["wards"]), row["ward_count"]) for row in rows] == [(8, 12), (12, 12), (0, 0)]


def test_cached_public_page_shows_a_publication_at_once(
    login, cycle, ward, other_ward, walk_to, ward_officer, education_staff, district_chairman, inspector
):
    other_officer = UserFactory(ward=other_ward, roles=[Role.WARD_OFFICER])
    other_chairman = UserFactory(ward=other_ward, roles=[Role.WARD_CHAIRMAN])
    walk_to(
        AssessmentFactory(cycle=cycle, ward=other_ward),
        S.PUBLISHED,
        ward_officer=other_officer,
        ward_chairman=other_chairman,
    )
    assessment = walk_to(AssessmentFactory(cycle=cycle, ward=ward), S.RECOGNISED)
    visitor = login(None)
    assert ward.name not in visitor.get("/results/2018/").content.decode()  # now cached

    walk_to(assessment, S.PUBLISHED)

    assert ward.name in visitor.get("/results/2018/").content.decode()


def test_cached_public_page_shows_nothing_of_the_user_who_filled_it(login, cycle, education_staff):
    build_world(15, cycle)
    staff = login(education_staff)
    staff_html = staff.get("/results/2018/").content.decode()  # fills the cache
    assert education_staff.full_name in staff_html  # the menu, rendered around the cached content

    anonymous = login(None).get("/results/2018/")
    html = anonymous.content.decode()
    assert education_staff.full_name not in html
    assert 'action="/accounts/logout/"' not in html
    staff_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', staff_html).group(1)
    assert staff_token not in html


def test_summary_shows_the_wards_table_a_page_at_a_time(login, cycle):
    build_world(120, cycle)
    visitor = login(None)
    html = visitor.get("/results/summary/?page=3").content.decode()
    table = html.split('id="history"')[1].split("</table>")[0]
    assert table.count("Phường Thử ") == 20 and "Phường Thử 101" in table
    assert 'href="?page=2"' in html
    # The counts above it are over every ward.
    counts = visitor.get("/results/summary/").context["counts"]
    assert [published for _year, _counts, published in counts.rows] == [120]
