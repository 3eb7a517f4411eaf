"""Sections that apps above add to the ward page, without the ward app importing them."""

import pytest
from django.utils.html import format_html

from wards import sections


def population(request, ward):
    return format_html("<p>Dân số {}</p>", ward.population)


def nothing(request, ward):
    return ""


@pytest.fixture
def only_test_sections(monkeypatch):
    monkeypatch.setattr(sections, "_sections", [])


def test_ward_page_shows_registered_sections_in_order_each_once(
    only_test_sections, login, ward_officer, ward
):
    for path in ("population", "nothing", "population"):
        sections.register_ward_section(f"tests.wards.test_sections.{path}")

    response = login(ward_officer).get("/wards/P01/")

    assert response.context["sections"] == [f"<p>Dân số {ward.population}</p>"]
    assert response.content.decode().count(f"<p>Dân số {ward.population}</p>") == 1


def test_the_assessments_app_registers_its_section():
    assert sections._sections == [
        "assessments.views.ward_page.ward_assessments",
        "centers.views.ward_section.ward_center",
    ]
