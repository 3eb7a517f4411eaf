"""Two-factor sign-in enforced on every page (``wards.two_factor``)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from wards.two_factor import must_confirm_sign_in

# What a user who still owes a code may open: the pages that take it, and the way out.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "wards:two_factor_enrol",
        "wards:two_factor_verify",
        "wards:two_factor_recovery_codes",
    }
)


class TwoFactorMiddleware:
    """Send a user who must confirm their sign-in to the code page before any other page.

    A middleware rather than a decorator on each view, so a view added later
    cannot forget it. It runs after the authentication and OTP middlewares
    (``request.user.is_verified``); the code page comes back to the page that
    was asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if not must_confirm_sign_in(request.user):
            return None
        target = reverse("wards:two_factor_verify")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
