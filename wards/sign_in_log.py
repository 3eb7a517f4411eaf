"""The sign-in log: every password and two-factor attempt, kept for the system administrator to read.

Django announces each password login and each failure (``user_logged_in``,
``user_login_failed``); the receivers here write one ``SignInEvent`` per
attempt. They run after django-axes' own receivers, so a failure that axes
refused or that locked the account is recorded as such. The two-factor views
call ``record_sign_in`` themselves.
"""

from axes.helpers import get_client_ip_address

from wards.models import SignInEvent, SignInOutcome, User


def record_sign_in(request, outcome: str, username: str, user=None) -> SignInEvent:
    """Write one row of the log for ``request``: its address (as the lockout counts it) and browser."""
    return SignInEvent.objects.create(
        username=(username or "")[:150],
        user=user,
        ip_address=get_client_ip_address(request) if request is not None else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else "",
        outcome=outcome,
    )


def password_accepted(sender, request, user, **kwargs) -> None:
    record_sign_in(request, SignInOutcome.PASSWORD_ACCEPTED, user.get_username(), user)


def password_refused(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get(User.USERNAME_FIELD) or ""
    locked_out = getattr(request, "axes_locked_out", False)
    outcome = SignInOutcome.LOCKED_OUT if locked_out else SignInOutcome.PASSWORD_REFUSED
    record_sign_in(request, outcome, username, User.objects.filter(username=username).first())
