"""Names in the literacy register are personal data: only the ward's officers and chairman, the CLC's
staff and the district's education office see them; everyone else sees aggregates — on every page,
search and export. Importing is for those who keep the ward's records."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from centers.models import RegisterPerson, RegisterSource
from centers.register_import import import_register_rows
from tests.centers.register_data import AS_OF, TEMPLATE_ROWS, xlsx_file

NAME = "Nguyễn Thị Riêng Tư"
THIS_YEAR = datetime.date.today().year
SEE_NAMES = ["ward_officer", "ward_chairman", "center_director", "center_staff", "education_staff"]
AGGREGATES_ONLY = [
    "steering_member",
    "other_ward_officer",
    "other_center_director",
    "inspector",
    "promotion_staff",
    "district_chairman",
    "system_admin",
]
MAY_IMPORT = ["ward_officer", "center_director", "center_staff"]


@pytest.fixture
def person(ward, ward_officer):
    import_register_rows(
        ward,
        ward_officer,
        [
            {
                "full_name": NAME,
                "birth_year": THIS_YEAR - 25,
                "gender": "F",
                "ethnic_minority": True,
                "level": "level_2",
            },
            {
                "full_name": "Hà Văn Một",
                "birth_year": THIS_YEAR - 23,
                "gender": "M",
                "ethnic_minority": False,
                "level": "none",
            },
        ],
        source=RegisterSource.PCGD_XMC,
        as_of=AS_OF,
    )
    return RegisterPerson.objects.get(full_name=NAME)


def _pages(center, person) -> dict[str, str]:
    register = reverse("centers:register", args=[center.pk])
    return {
        "register": register,
        "search": f"{register}?q=nguyen+thi",
        "person": reverse("centers:register_person", args=[center.pk, person.pk]),
        "export": reverse("centers:register_export", args=[center.pk]) + "?q=nguyen",
    }


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("persona", AGGREGATES_ONLY)
def test_who_sees_aggregates_only_is_refused_every_page_with_names(persona, request, login, center, person):
    client = login(request.getfixturevalue(persona))
    for page, url in _pages(center, person).items():
        response = client.get(url)
        assert (page, response.status_code) == (page, 403)
        assert NAME.encode() not in _body(response)
        assert b"Nguy" not in _body(response)


@pytest.mark.parametrize("persona", SEE_NAMES)
def test_who_may_see_names_sees_them_on_every_page_search_and_export(persona, request, login, center, person):
    client = login(request.getfixturevalue(persona))
    pages = _pages(center, person)
    for page in ("register", "search", "person"):
        response = client.get(pages[page])
        assert (page, response.status_code, NAME in response.content.decode()) == (page, 200, True)
    export = client.get(pages["export"])
    sheet = load_workbook(io.BytesIO(_body(export))).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [NAME]


def test_anonymous_goes_to_the_login_page_from_every_page(client, center, person):
    pages = {
        **_pages(center, person),
        "import": reverse("centers:register_import", args=[center.pk]),
        "template": reverse("centers:register_template", args=[center.pk]),
        "centre": center.get_absolute_url(),
    }
    for page, url in pages.items():
        response = client.get(url)
        assert (page, response.status_code, response["Location"].split("?")[0]) == (
            page,
            302,
            reverse("login"),
        )
        assert NAME.encode() not in response.content


@pytest.mark.parametrize("persona", SEE_NAMES + AGGREGATES_ONLY)
def test_the_centre_page_shows_everyone_the_figures_and_nobody_a_name(
    persona, request, login, center, person
):
    response = login(request.getfixturevalue(persona)).get(center.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert NAME not in content and "Hà Văn Một" not in content
    # 2 people aged 15–35 and 15–60, 1 at level 2: 50,00 % for both standards.
    assert content.count("50,00 %") == 2
    link = reverse("centers:register", args=[center.pk])
    assert (link in content) == (persona in SEE_NAMES)


@pytest.mark.parametrize("persona", [p for p in SEE_NAMES + AGGREGATES_ONLY if p not in MAY_IMPORT])
def test_only_those_who_keep_the_records_may_import(persona, request, login, center, ward):
    client = login(request.getfixturevalue(persona))
    url = reverse("centers:register_import", args=[center.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("centers:register_template", args=[center.pk])).status_code == 403
    response = client.post(
        url, {"file": xlsx_file(TEMPLATE_ROWS), "source": "pcgd_xmc", "as_of": "30/09/2018"}
    )
    assert (response.status_code, RegisterPerson.objects.filter(ward=ward).count()) == (403, 0)


@pytest.mark.parametrize("persona", MAY_IMPORT)
def test_those_who_keep_the_records_may_open_the_import_page(persona, request, login, center):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("centers:register_import", args=[center.pk])).status_code == 200
