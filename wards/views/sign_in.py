"""Login defences seen by people: the lockout page, the administrator's lockouts and sign-in log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wards.filters import SignInFilter
from wards.lockouts import current_lockouts, recent_attempts, unlock
from wards.models import SignInEvent
from wards.permissions import require_perm

SIGN_INS_PER_PAGE = 50


def lockout_page(request, original_response=None, credentials=None):
    """What a locked-out login gets instead of the login page's answer (axes' ``AXES_LOCKOUT_CALLABLE``).

    The login page itself, with the form and a message saying why and for how
    long, so the person knows what to do; answered with 429 Too Many Requests.
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    message = _(
        "Too many failed log-ins for this account or from this computer. Logging in is locked for "
        "%(minutes)d minutes; try again later, or ask the system administrator to unlock it."
    ) % {"minutes": settings.AXES_COOLOFF_TIME.total_seconds() // 60}
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "lockout_message": message,
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


def lockout_list(request):
    require_perm(request, "wards.manage_lockouts")
    context = {"lockouts": current_lockouts(), "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "wards/lockout_list.html", context)


def lockout_unlock(request, pk):
    """Confirm, then forget the failures of one row's user name and address (POST)."""
    require_perm(request, "wards.manage_lockouts")
    attempt = get_object_or_404(recent_attempts(), pk=pk)
    if request.method == "POST":
        unlock(attempt)
        messages.success(
            request,
            _("%(username)s and the address %(address)s can log in again.")
            % {"username": attempt.username, "address": attempt.ip_address},
        )
        return redirect("wards:lockout_list")
    return render(request, "wards/lockout_confirm.html", {"attempt": attempt})


def sign_in_log(request):
    require_perm(request, "wards.view_sign_in_log")
    sign_ins = SignInFilter(request.GET, queryset=SignInEvent.objects.all())
    page = Paginator(sign_ins.qs, SIGN_INS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "wards/sign_in_log.html", {"filter": sign_ins, "page": page})
