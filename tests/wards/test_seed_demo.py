"""``manage.py seed_demo``: the demo district, and running it twice changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from wards.demo import DEMO_PASSWORD, seed_district
from wards.models import (
    Cluster,
    District,
    DistrictUnit,
    Role,
    RoleGrant,
    SteeringMember,
    UnitKind,
    User,
    Ward,
)
from wards.seeders import demo_seeders, register_demo_seeder

pytestmark = pytest.mark.django_db


def seed() -> str:
    """The whole command, with every app's seeder."""
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def seed_wards() -> str:
    """This app's seeder only, so the exact figures below do not depend on other apps' demo data."""
    out = StringIO()
    seed_district(out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (District, Cluster, Ward, DistrictUnit, User, RoleGrant, SteeringMember)
    return {model.__name__: model.objects.count() for model in models}


def every_row_count() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_models()}


def test_seed_demo_twice_gives_the_same_rows(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    seed()
    first, everything = counts(), every_row_count()
    first_wards = list(
        Ward.objects.values_list(
            "code", "name", "population", "chairman_name", "closed_on", "users__username"
        ).order_by("sort_key", "users__username")  # PostgreSQL gives a ward's users in no fixed order
    )

    seed()

    assert counts() == first
    assert every_row_count() == everything  # no centre, cycle or merger made again either
    assert (
        list(
            Ward.objects.values_list(
                "code", "name", "population", "chairman_name", "closed_on", "users__username"
            ).order_by("sort_key", "users__username")
        )
        == first_wards
    )
    # The 15 wards and the one Phường 14 and 15 merged into in 2025.
    assert (first["District"], first["Cluster"], first["Ward"], first["DistrictUnit"]) == (1, 3, 16, 8)


def test_seed_district_twice_gives_the_same_rows():
    seed_wards()
    first = counts()

    seed_wards()

    assert counts() == first
    assert first == {
        "District": 1,
        "Cluster": 3,
        "Ward": 15,
        "DistrictUnit": 8,
        "User": 12,
        "RoleGrant": 12,
        "SteeringMember": 60,
    }


def test_seed_district_creates_fifteen_wards_in_three_clusters_of_five():
    seed_wards()

    district = District.objects.get()
    assert (district.name, district.authority_name, district.parent_authority_name, district.place_name) == (
        "Quận 5",
        "Ủy ban nhân dân Quận 5",
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "Quận 5",
    )
    assert list(Ward.objects.values_list("code", flat=True)) == [f"P{number:02d}" for number in range(1, 16)]
    assert list(Ward.objects.values_list("name", flat=True)) == [
        f"Phường {number}" for number in range(1, 16)
    ]
    assert {
        cluster.name: sorted(cluster.wards.values_list("code", flat=True))
        for cluster in Cluster.objects.all()
    } == {
        "Cụm 1": ["P01", "P02", "P03", "P04", "P05"],
        "Cụm 2": ["P06", "P07", "P08", "P09", "P10"],
        "Cụm 3": ["P11", "P12", "P13", "P14", "P15"],
    }
    for ward in Ward.objects.all():
        assert 15_000 <= ward.population <= 35_000
        assert 0 < ward.households < ward.population
        assert ward.residential_groups > 0
        assert ward.address and ward.chairman_name and ward.clc_director_name
        assert ward.steering_members.filter(committee_role="head").count() == 1


def test_seed_district_creates_the_district_units():
    seed_wards()

    assert dict(DistrictUnit.objects.values_list("name", "kind")) == {
        "Phòng Giáo dục và Đào tạo": UnitKind.EDUCATION_OFFICE,
        "Hội Khuyến học quận": UnitKind.PROMOTION_ASSOCIATION,
        "Trung tâm Giáo dục thường xuyên quận": UnitKind.CONTINUING_EDUCATION,
        "Ủy ban Mặt trận Tổ quốc Việt Nam quận": UnitKind.FATHERLAND_FRONT,
        "Hội Liên hiệp Phụ nữ quận": UnitKind.MASS_ORGANISATION,
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh quận": UnitKind.MASS_ORGANISATION,
        "Hội Cựu chiến binh quận": UnitKind.MASS_ORGANISATION,
        "Ủy ban nhân dân quận": UnitKind.PEOPLES_COMMITTEE,
    }


def test_seed_district_creates_one_user_per_role_with_the_shared_password():
    seed_wards()

    users = {
        user.username: (sorted(user.roles), user.ward.code if user.ward else None, str(user.unit or ""))
        for user in User.objects.select_related("ward", "unit")
    }
    assert users == {
        "canbo.p1": ([Role.WARD_OFFICER], "P01", ""),
        "canbo.p2": ([Role.WARD_OFFICER], "P02", ""),
        "chutich.p1": ([Role.WARD_CHAIRMAN], "P01", ""),
        "chutich.p2": ([Role.WARD_CHAIRMAN], "P02", ""),
        "phonggd": ([Role.EDUCATION_STAFF], None, "Phòng GD&ĐT"),
        "khuyenhoc": ([Role.PROMOTION_STAFF], None, "Hội Khuyến học"),
        "kiemtra1": ([Role.INSPECTOR], None, "Phòng GD&ĐT"),
        "kiemtra2": ([Role.INSPECTOR], None, "Hội Khuyến học"),
        "kiemtra3": ([Role.INSPECTOR], None, "UBMTTQ"),
        "chutich.quan": ([Role.DISTRICT_APPROVER], None, "UBND quận"),
        "bcd": ([Role.STEERING_MEMBER], None, ""),
        "admin": ([Role.SYSTEM_ADMIN], None, ""),
    }
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.all())
    admin = User.objects.get(username="admin")
    assert (admin.is_staff, admin.is_superuser) == (True, True)
    assert User.objects.filter(is_staff=True).count() == 1
    assert Ward.objects.get(code="P01").chairman_name == User.objects.get(username="chutich.p1").full_name


def test_seed_district_keeps_a_changed_password():
    seed_wards()
    user = User.objects.get(username="canbo.p1")
    user.set_password("mật-khẩu-riêng-2026")
    user.save()

    seed()

    user.refresh_from_db()
    assert user.check_password("mật-khẩu-riêng-2026") is True


def test_seed_district_prints_the_accounts_and_password():
    out = seed_wards()

    assert "Quận 5: 3 clusters, 15 wards, 8 units, 12 demo users." in out
    assert "canbo.p1" in out and "chutich.quan" in out and "admin" in out
    assert f"Password of every demo account: {DEMO_PASSWORD}" in out


def test_seed_demo_accounts_log_in_and_land_on_their_page(client):
    seed_wards()

    client.post("/accounts/login/", {"username": "canbo.p2", "password": DEMO_PASSWORD})

    assert client.get("/")["Location"] == "/wards/P02/"


def test_seeders_run_in_app_order_each_once():
    register_demo_seeder("assessments.demo.seed_cycles")  # the assessments app registered it already

    register_demo_seeder("assessments.demo_reform.seed_reform")  # registered last already: stays last

    assert demo_seeders() == [
        "wards.demo.seed_district",
        "assessments.demo.seed_cycles",
        "assessments.demo_levels.seed_levels_2024",
        "centers.demo.seed_centers",
        "plans.demo.seed_plans",
        "plans.demo_progress.seed_task_progress",
        "plans.demo_reports.seed_ward_reports",
        "assessments.demo_reform.seed_reform",  # the merger: after the old wards' centres and reports
    ]
