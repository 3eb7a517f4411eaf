"""The system administrator's management of user accounts and roles."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wards.filters import UserFilter
from wards.forms_users import UserCreateForm, UserForm
from wards.models import User
from wards.permissions import require_perm
from wards.registry import save_user_with_roles, send_password_reset
from wards.two_factor import reset_two_factor


def user_list(request):
    require_perm(request, "wards.manage_users")
    users = User.objects.select_related("ward", "unit").prefetch_related("role_grants")
    user_filter = UserFilter(request.GET, queryset=users)
    return render(request, "wards/user_list.html", {"filter": user_filter, "users": user_filter.qs})


def user_create(request):
    require_perm(request, "wards.manage_users")
    form = UserCreateForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = save_user_with_roles(request.user, form)
        messages.success(
            request, _("The account %(username)s has been created.") % {"username": user.username}
        )
        return redirect("wards:user_list")
    return render(request, "wards/user_form.html", {"form": form, "account": None})


def user_edit(request, pk):
    require_perm(request, "wards.manage_users")
    account = get_object_or_404(User, pk=pk)
    username = account.username  # the form writes typed values into ``account`` while validating
    form = UserForm(request.POST if request.method == "POST" else None, instance=account)
    if form.is_valid():
        user = save_user_with_roles(request.user, form)
        messages.success(request, _("The account %(username)s has been saved.") % {"username": user.username})
        return redirect("wards:user_list")
    return render(request, "wards/user_form.html", {"form": form, "account": account, "username": username})


@require_POST
def user_password_reset(request, pk):
    """E-mail the user a link to choose a new password."""
    require_perm(request, "wards.manage_users")
    account = get_object_or_404(User, pk=pk)
    if send_password_reset(request.user, account, request):
        messages.success(
            request, _("A password-reset link has been sent to %(email)s.") % {"email": account.email}
        )
    else:
        messages.error(
            request,
            _("No password-reset link could be sent: the account has no e-mail address or is inactive."),
        )
    return redirect("wards:user_edit", pk=account.pk)


@require_POST
def user_two_factor_reset(request, pk):
    """Forget the user's authenticator app and recovery codes (a lost phone); they enrol again at sign-in."""
    require_perm(request, "wards.manage_users")
    account = get_object_or_404(User, pk=pk)
    reset_two_factor(account)
    messages.success(
        request,
        _("Two-step sign-in of %(username)s has been reset: a new app is set up at the next sign-in.")
        % {"username": account.username},
    )
    return redirect("wards:user_edit", pk=account.pk)
