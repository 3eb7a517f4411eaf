"""The pages of two-factor sign-in: enrol an authenticator app, give a code, see the recovery codes once."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wards.forms_two_factor import CodeForm, EnrolForm
from wards.models import SignInOutcome
from wards.permissions import require_perm
from wards.two_factor import (
    TooManyWrongCodes,
    authenticator_of,
    confirm_authenticator,
    pending_authenticator,
    qr_code_svg,
    recovery_codes_left,
    secret_text,
    verify_sign_in,
)

# The recovery codes wait in the session between enrolment and the page that shows them, which removes them.
RECOVERY_CODES_KEY = "two_factor_recovery_codes"
TOO_MANY_WRONG_CODES = gettext_lazy("Too many wrong codes in a row: wait a few seconds, then try again.")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def two_factor_enrol(request):
    """Show the QR code and the secret of a new authenticator; a correct first code confirms it."""
    require_perm(request, "wards.use_two_factor")
    if authenticator_of(request.user) is not None:
        return redirect("wards:two_factor_verify")
    device = pending_authenticator(request.user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            codes = confirm_authenticator(request, device, form.cleaned_data["code"])
        except TooManyWrongCodes:
            form.add_error("code", TOO_MANY_WRONG_CODES)
        else:
            if codes is not None:
                request.session[RECOVERY_CODES_KEY] = codes
                return redirect("wards:two_factor_recovery_codes")
            form.add_error(
                "code", _("This code is not right. Check the time on the phone and try the next code.")
            )
    context = {"form": form, "qr_code": qr_code_svg(device), "secret": secret_text(device)}
    return render(request, "wards/two_factor_enrol.html", context)


def two_factor_verify(request):
    """Ask for a code from the app, or a recovery code, then go on to the page that was asked for."""
    require_perm(request, "wards.use_two_factor")
    if authenticator_of(request.user) is None:
        return redirect("wards:two_factor_enrol")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            outcome = verify_sign_in(request, form.cleaned_data["code"])
        except TooManyWrongCodes:
            form.add_error("code", TOO_MANY_WRONG_CODES)
        else:
            if outcome == SignInOutcome.RECOVERY_CODE_USED:
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)d are left. Each works only once.")
                    % {"count": recovery_codes_left(request.user)},
                )
            if outcome != SignInOutcome.CODE_REFUSED:
                return redirect(_next_url(request))
            form.add_error("code", _("This code is not right."))
    return render(request, "wards/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def two_factor_recovery_codes(request):
    """The recovery codes, shown once, right after enrolment."""
    require_perm(request, "wards.use_two_factor")
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    return render(request, "wards/two_factor_recovery_codes.html", {"codes": codes})
