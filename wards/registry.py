"""Business rules of the district registry: wards, steering committees, users and roles.

Views parse input with forms and call one function here; each function checks
the actor's permission itself, so a command or a test cannot bypass it.
"""

from collections.abc import Iterable

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from wards.models import RoleGrant, User, Ward

IDENTITY_FIELDS = frozenset({"code", "cluster"})


def update_ward(actor: User, form, formset) -> Ward:
    """Save a validated ward form and its steering-committee formset together, or nothing.

    Only users with ``wards.change_ward_identity`` may change the code or cluster.
    """
    ward = form.instance
    if not actor.has_perm("wards.change_ward", ward):
        raise PermissionDenied
    if IDENTITY_FIELDS & set(form.changed_data) and not actor.has_perm("wards.change_ward_identity", ward):
        raise PermissionDenied
    with transaction.atomic():
        ward = form.save()
        formset.instance = ward
        formset.save()
    return ward


def set_roles(user: User, roles: Iterable[str]) -> None:
    """Make ``user``'s role grants exactly ``roles`` (adds the missing, removes the others)."""
    wanted = set(roles)
    user.role_grants.exclude(role__in=wanted).delete()
    existing = set(user.role_grants.values_list("role", flat=True))
    # With their history rows: a role given is part of the account's audit trail, as one taken away.
    if added := [RoleGrant(user=user, role=role) for role in sorted(wanted - existing)]:
        bulk_create_with_history(added, RoleGrant)
    user.__dict__.pop("roles", None)  # forget the cached roles


def save_user_with_roles(actor: User, form) -> User:
    """Save a validated user form (``forms_users.UserForm``) and its roles in one transaction.

    The form's ``password`` field, present when creating a user, sets the initial password.
    """
    if not actor.has_perm("wards.manage_users"):
        raise PermissionDenied
    with transaction.atomic():
        user = form.save(commit=False)
        password = form.cleaned_data.get("password")
        if password:
            user.set_password(password)
        user.save()
        set_roles(user, form.cleaned_data["roles"])
    return user


class _OneUserPasswordResetForm(PasswordResetForm):
    """The "forgot password" e-mail, sent to one chosen user (not every user sharing the address)."""

    def __init__(self, user: User):
        super().__init__({"email": user.email})
        self.user = user

    def get_users(self, email):
        if self.user.email and self.user.is_active and self.user.has_usable_password():
            yield self.user


def send_password_reset(actor: User, user: User, request) -> bool:
    """E-mail ``user`` a password-reset link, as the "forgot password" page does.

    Returns False when the user cannot receive one: no e-mail address, inactive,
    or no usable password.
    """
    if not actor.has_perm("wards.manage_users"):
        raise PermissionDenied
    form = _OneUserPasswordResetForm(user)
    if not form.is_valid() or not list(form.get_users(user.email)):
        return False
    form.save(request=request, use_https=request.is_secure())
    return True
