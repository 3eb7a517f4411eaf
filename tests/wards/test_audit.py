"""The audit trail: field changes of users, wards and centres, who may read it, and that nobody changes it."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from centers.models import Center
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import PERSONAS, vi, vi_text
from wards.audit import audited_models
from wards.models import Role, RoleGrant, User, Ward

AUDIT = reverse("wards:audit")


def field(name: str) -> str:
    """A field's label as the audit page shows it (Vietnamese, first letter capital, escaped)."""
    return vi(capfirst(vi_text(name)))


def user_post(account: User, **changes) -> dict:
    data = {
        "username": account.username,
        "full_name": account.full_name,
        "email": account.email,
        "position": account.position,
        "phone": account.phone,
        "ward": account.ward_id or "",
        "unit": account.unit_id or "",
        "is_active": "on",
        "roles": sorted(account.roles),
    }
    return {**data, **changes}


def audit_page(client, **filters):
    response = client.get(AUDIT, filters)
    assert response.status_code == 200
    return response


def test_a_user_edit_shows_the_field_change_the_role_given_and_the_administrator(
    login, system_admin, ward_officer
):
    client = login(system_admin)
    response = client.post(
        reverse("wards:user_edit", args=[ward_officer.pk]),
        user_post(ward_officer, full_name="Phạm Thị Dung Anh", roles=[Role.WARD_OFFICER, Role.WARD_CHAIRMAN]),
    )
    assert response.status_code == 302

    html = audit_page(client, model="wards.user").content.decode()
    assert f"<strong>{field('full name')}</strong>: Phạm Thị Dung → Phạm Thị Dung Anh" in html
    assert "Quản Trị Viên <span" in html
    entry = audit_page(client, model="wards.rolegrant").context["entries"][0]
    assert (entry.record.history_type, entry.record.role, entry.record.history_user) == (
        "+",
        Role.WARD_CHAIRMAN,
        system_admin,
    )
    assert entry.record.user_id == ward_officer.pk


def test_a_role_taken_away_is_a_deleted_row_by_the_administrator(login, system_admin, ward_officer):
    login(system_admin).post(
        reverse("wards:user_edit", args=[ward_officer.pk]), user_post(ward_officer, roles=[Role.INSPECTOR])
    )
    history = RoleGrant.field_history.filter(user_id=ward_officer.pk).order_by("history_id")
    assert [(row.history_type, row.role, row.history_user) for row in history] == [
        ("+", Role.WARD_OFFICER, None),  # the factory's, outside any request
        ("-", Role.WARD_OFFICER, system_admin),
        ("+", Role.INSPECTOR, system_admin),
    ]


def test_a_centre_edit_shows_the_address_change_and_its_director(
    login, system_admin, center, center_director
):
    director = login(center_director)
    data = {
        "name": center.name,
        "address": "12 Trần Hưng Đạo",
        "phone": center.phone,
        "established_on": center.established_on.strftime("%d/%m/%Y") if center.established_on else "",
        "established_by": center.established_by,
        "rooms": center.rooms,
        "equipment": center.equipment,
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
    }
    assert director.post(reverse("centers:edit", args=[center.pk]), data).status_code == 302

    response = audit_page(login(system_admin), model="centers.center")
    [entry, created] = response.context["entries"]
    assert entry.record.history_user == center_director
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        (capfirst(vi_text("address")), "1 Đường Trần Hưng Đạo, Phường 1", "12 Trần Hưng Đạo")
    ]
    assert created.kind == vi_text("Created")
    html = response.content.decode()
    assert f"<strong>{field('address')}</strong>: 1 Đường Trần Hưng Đạo, Phường 1 → 12 Trần Hưng Đạo" in html
    assert "Trần Thị Bình <span" in html
    object_url = reverse("wards:audit_object", args=["centers.center", center.pk])
    assert f'href="{object_url}"' in html


def test_the_object_page_shows_every_snapshot_of_one_record_in_full(login, system_admin, ward):
    ward.address = "Số 1 " + "đường rất dài " * 17  # 243 characters
    ward.save()
    client = login(system_admin)
    response = client.get(reverse("wards:audit_object", args=["wards.ward", ward.pk]))
    assert response.status_code == 200
    assert [entry.record.history_type for entry in response.context["entries"]] == ["~", "+"]
    assert ward.address.strip() in response.content.decode()  # the list page cuts it at 200 characters
    assert f'href="{ward.get_absolute_url()}"' in response.content.decode()
    assert client.get(reverse("wards:audit_object", args=["wards.ward", 999999])).status_code == 404
    assert client.get(reverse("wards:audit_object", args=["wards.district", ward.pk])).status_code == 404


def test_a_sign_in_writes_no_history_and_no_password_is_kept(client, ward_officer):
    before = User.field_history.filter(id=ward_officer.pk).count()
    assert (
        client.post(reverse("login"), {"username": "canbo.p1", "password": TEST_PASSWORD}).status_code == 302
    )
    ward_officer.refresh_from_db()
    assert ward_officer.last_login is not None
    assert User.field_history.filter(id=ward_officer.pk).count() == before
    assert not any(f.name in {"password", "last_login"} for f in User.field_history.model._meta.fields)


def test_the_filter_narrows_by_record_user_and_days(login, system_admin, ward, ward_officer):
    population = ward.population
    ward.population = 12000
    ward._history_user = ward_officer
    ward.save()
    client = login(system_admin)

    everything = audit_page(client).context["page"].paginator.count
    assert everything == sum(model.field_history.count() for model in audited_models().values())
    [entry] = audit_page(client, model="wards.ward", user=ward_officer.pk).context["entries"]
    assert [(c.old, c.new) for c in entry.changes] == [(str(population), "12000")]
    today = timezone.localdate()
    assert audit_page(client, since=today.strftime("%d/%m/%Y")).context["page"].paginator.count == everything
    tomorrow = (today + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    yesterday = (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    assert audit_page(client, since=tomorrow).context["page"].paginator.count == 0
    assert audit_page(client, until=yesterday).context["page"].paginator.count == 0
    refused = audit_page(client, since=tomorrow, until=yesterday)
    assert vi("The last day comes before the first.") in refused.content.decode()


def test_the_list_is_paginated_by_fifty(login, system_admin, ward):
    for number in range(60):
        ward.population = number + 1
        ward.save()
    client = login(system_admin)
    first = audit_page(client, model="wards.ward")
    assert (len(first.context["entries"]), first.context["page"].paginator.count) == (50, 61)
    second = audit_page(client, model="wards.ward", page=2)
    assert [entry.record.history_type for entry in second.context["entries"]][-1] == "+"


@pytest.mark.parametrize("wards_changed", [1, 12])
def test_the_list_reads_a_fixed_number_of_queries(
    login, system_admin, ward, center_director, django_assert_num_queries, wards_changed
):
    for number in range(wards_changed):
        extra = Ward.objects.create(
            district=ward.district, cluster=ward.cluster, code=f"X{number}", name=f"Phường X{number}"
        )
        extra.population = 100
        extra._history_user = center_director
        extra.save()
    client = login(system_admin)
    # 1 user, 2 roles, 3 count, 4 the page of the union; for the wards on the page: 5 snapshots with
    # authors and previous ids, 6 previous snapshots, 7 the wards now, 8 districts and 9 clusters (a new
    # ward's foreign keys); 10 the users for the filter's choices.
    with django_assert_num_queries(10):
        response = client.get(AUDIT, {"model": "wards.ward"})
    assert len(response.context["entries"]) == 2 * wards_changed + 1


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "system_admin"] + ["center_director"])
def test_the_audit_pages_are_refused_to_everyone_but_the_administrator(request, login, ward, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(AUDIT).status_code == 403
    assert client.get(reverse("wards:audit_object", args=["wards.ward", ward.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, ward):
    for url in (AUDIT, reverse("wards:audit_object", args=["wards.ward", ward.pk])):
        response = client.get(url)
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


def test_the_menu_offers_the_audit_trail_to_the_administrator_only(login, system_admin, education_staff):
    assert f'href="{AUDIT}"' in login(system_admin).get(reverse("wards:user_list")).content.decode()
    assert f'href="{AUDIT}"' not in login(education_staff).get(reverse("wards:list")).content.decode()


def _audit_rows() -> int:
    return sum(model.field_history.count() for model in audited_models().values())


def test_posting_to_the_audit_pages_changes_nothing(login, system_admin, ward):
    client = login(system_admin)
    before = list(Ward.field_history.values_list("history_id", "history_change_reason", "population"))
    total = _audit_rows()
    record = Ward.field_history.get()
    for url in (AUDIT, reverse("wards:audit_object", args=["wards.ward", ward.pk])):
        response = client.post(url, {"history_id": record.history_id, "population": "999", "delete": "1"})
        assert response.status_code == 405
    assert list(Ward.field_history.values_list("history_id", "history_change_reason", "population")) == before
    assert _audit_rows() == total


def test_the_admin_site_offers_no_way_to_change_the_trail(login, ward):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    request = type("Request", (), {"user": superuser})()
    historical = [model.field_history.model for model in audited_models().values()]
    assert len(historical) == 20
    for model in historical:
        model_admin = admin.site._registry.get(model)
        assert model_admin is None or not (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
    client = login(superuser)
    index = client.get(reverse("admin:index")).content.decode()
    assert "historical" not in index.lower()
    for url in ("/admin/wards/historicalward/", f"/admin/wards/historicalward/{ward.pk}/change/"):
        assert client.get(url).status_code == 404


def test_every_traced_model_is_listed():
    assert sorted(audited_models()) == [
        "assessments.assessment",
        "assessments.criterionselfscore",
        "assessments.dossierdocument",
        "assessments.evidencefile",
        "assessments.indicatorinspectionfinding",
        "assessments.indicatorselffinding",
        "assessments.inspectionresult",
        "assessments.inspectionscore",
        "assessments.selfinspectionplan",
        "centers.activity",
        "centers.center",
        "centers.learner",
        "centers.learningmodelrecord",
        "centers.registerperson",
        "centers.session",
        "plans.plantask",
        "plans.yearplan",
        "wards.rolegrant",
        "wards.user",
        "wards.ward",
    ]
    assert (
        Center.field_history.model._meta.get_field("history_change_reason").get_internal_type() == "TextField"
    )
