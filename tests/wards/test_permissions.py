"""``require_perm``: the one 403 of the views, for an action refused on something the user may see."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from wards.permissions import require_perm


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_require_perm_lets_a_permitted_user_through(ward_officer, ward):
    assert require_perm(request_of(ward_officer), "wards.change_ward", ward) is None


def test_require_perm_checks_the_permission_on_the_object(ward_officer, other_ward):
    with pytest.raises(PermissionDenied):
        require_perm(request_of(ward_officer), "wards.change_ward", other_ward)


def test_require_perm_without_an_object(system_admin, ward_officer):
    require_perm(request_of(system_admin), "wards.manage_users")
    with pytest.raises(PermissionDenied):
        require_perm(request_of(ward_officer), "wards.manage_users")
