"""Persona fixtures shared by every test: who is looking at the portal.

A ward officer and chairman of ``ward``, an officer of ``other_ward``, the two
district staff roles, an inspector, the district chairman, a steering
committee member, a system administrator, and the anonymous visitor.
"""

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD, CenterFactory, DistrictUnitFactory, UserFactory, WardFactory
from wards.models import Role, UnitKind


@pytest.fixture(autouse=True)
def _fast_passwords_and_vietnamese(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "vi"
    # Background tasks run at once, in the test, through the same code path as the worker's.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _login_defences_off(settings):
    """The suite tests the pages behind the login, not the login: the lockout and the second factor are off.

    The chairmen, approvers and administrators of the suite sign in with
    ``force_login`` and would otherwise be sent to the code page first; and
    django-axes refuses ``client.login`` without a request. The tests of the
    defences themselves turn them on (``tests/wards/test_login_defences.py``).
    """
    settings.OTP_REQUIRED = False
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a figure cached by an earlier test, whose rows were rolled
    back, must not be read under the same data version."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ward(db):
    return WardFactory(code="P01", name="Phường 1")


@pytest.fixture
def other_ward(db, ward):
    return WardFactory(code="P02", name="Phường 2", district=ward.district, cluster=ward.cluster)


@pytest.fixture
def education_office(db):
    return DistrictUnitFactory()


@pytest.fixture
def promotion_association(db):
    return DistrictUnitFactory(
        code="hoi-khuyen-hoc",
        name="Hội Khuyến học quận",
        short_name="Hội Khuyến học",
        kind=UnitKind.PROMOTION_ASSOCIATION,
    )


@pytest.fixture
def ward_officer(ward):
    return UserFactory(username="canbo.p1", full_name="Phạm Thị Dung", ward=ward, roles=[Role.WARD_OFFICER])


@pytest.fixture
def ward_chairman(ward):
    return UserFactory(
        username="chutich.p1", full_name="Nguyễn Văn An", ward=ward, roles=[Role.WARD_CHAIRMAN]
    )


@pytest.fixture
def other_ward_officer(other_ward):
    return UserFactory(
        username="canbo.p2", full_name="Hoàng Văn Em", ward=other_ward, roles=[Role.WARD_OFFICER]
    )


@pytest.fixture
def education_staff(education_office):
    return UserFactory(
        username="phonggd", full_name="Đặng Thị Giang", unit=education_office, roles=[Role.EDUCATION_STAFF]
    )


@pytest.fixture
def promotion_staff(promotion_association):
    return UserFactory(
        username="khuyenhoc", full_name="Vũ Văn Hải", unit=promotion_association, roles=[Role.PROMOTION_STAFF]
    )


@pytest.fixture
def inspector(education_office):
    return UserFactory(
        username="kiemtra", full_name="Bùi Thị Khánh", unit=education_office, roles=[Role.INSPECTOR]
    )


@pytest.fixture
def district_chairman(db):
    return UserFactory(username="chutich.quan", full_name="Trịnh Văn Long", roles=[Role.DISTRICT_APPROVER])


@pytest.fixture
def steering_member(db):
    return UserFactory(username="bcd", full_name="Lý Thị Mai", roles=[Role.STEERING_MEMBER])


@pytest.fixture
def system_admin(db):
    return UserFactory(username="quantri", full_name="Quản Trị Viên", roles=[Role.SYSTEM_ADMIN])


@pytest.fixture
def center(ward):
    """Phường 1's community learning centre."""
    return CenterFactory(ward=ward)


@pytest.fixture
def other_center(other_ward):
    return CenterFactory(ward=other_ward)


@pytest.fixture
def center_director(ward):
    return UserFactory(username="ttht.p1", full_name="Trần Thị Bình", ward=ward, roles=[Role.CLC_DIRECTOR])


@pytest.fixture
def center_staff(ward):
    return UserFactory(username="ttht.nv.p1", full_name="Lê Văn Cường", ward=ward, roles=[Role.CLC_STAFF])


@pytest.fixture
def other_center_director(other_ward):
    return UserFactory(username="ttht.p2", full_name="Đỗ Thị Hoa", ward=other_ward, roles=[Role.CLC_DIRECTOR])


def client_for(user) -> Client:
    """A test client logged in as ``user`` (or anonymous for ``None``)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def login():
    return client_for


__all__ = ["TEST_PASSWORD"]
