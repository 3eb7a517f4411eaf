"""Two-factor sign-in: an authenticator app's codes (TOTP) and one-time recovery codes (django-otp).

Who must use it is the permission ``wards.use_two_factor`` (ward chairmen,
district approvers, system administrators, and anyone who can open the admin
site): they approve, decide or administer, so a stolen password alone must not
be enough. Everyone else signs in with the password only. ``OTP_REQUIRED``
turns the requirement off for a local demo.

A session is *verified* once a code was accepted in it (django-otp keeps the
device in the session; ``request.user.is_verified()``). Enrolling confirms the
first code, so the enrolling session is verified too.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wards.models import SignInOutcome
from wards.sign_in_log import record_sign_in

AUTHENTICATOR_NAME = "authenticator app"
RECOVERY_CODES_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10


class TooManyWrongCodes(Exception):
    """Wrong codes came in quick succession: django-otp makes the user wait (1, 2, 4… seconds) before another."""


def must_confirm_sign_in(user) -> bool:
    """``user`` is signed in with a password but must still give a code before seeing any page."""
    return (
        settings.OTP_REQUIRED
        and user.is_authenticated
        and not user.is_verified()
        and user.has_perm("wards.use_two_factor")
    )


def authenticator_of(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, or ``None`` while they have not enrolled."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_authenticator(user) -> TOTPDevice:
    """The secret being enrolled: the same one until confirmed, so reloading the page keeps the QR code."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 by groups of four, for typing into an app that cannot scan the QR code."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The enrolment QR code as inline SVG, drawn on the server (no script, no outside service).

    Safe to insert as is: segno draws only paths, none of the encoded text appears in the markup.
    """
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff"))


def confirm_authenticator(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending ``device`` with its first ``code``; the new recovery codes, or ``None`` if wrong.

    A confirmed device replaces any earlier one, gets a fresh set of recovery
    codes, and verifies the current session.
    """
    if not device.verify_is_allowed()[0]:
        raise TooManyWrongCodes
    with transaction.atomic():
        if not device.verify_token(_digits(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        codes = replace_recovery_codes(device.user)
    otp_login(request, device)
    record_sign_in(request, SignInOutcome.CODE_ACCEPTED, device.user.get_username(), device.user)
    return codes


def replace_recovery_codes(user) -> list[str]:
    """Ten new one-time recovery codes for ``user``; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_sign_in(request, code: str) -> str:
    """Check ``code`` — six digits from the app, or a recovery code — for ``request.user``.

    Returns the ``SignInOutcome`` written to the sign-in log; an accepted code
    verifies the session, a recovery code is used up. Raises
    ``TooManyWrongCodes`` while the device makes the user wait.
    """
    user = request.user
    code = code.strip().replace(" ", "")
    if code.isdigit():
        device, accepted_outcome, code = authenticator_of(user), SignInOutcome.CODE_ACCEPTED, _digits(code)
    else:
        device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
        accepted_outcome, code = SignInOutcome.RECOVERY_CODE_USED, code.lower()
    if device is not None and not device.verify_is_allowed()[0]:
        raise TooManyWrongCodes
    verified = verify_token(user, device.persistent_id, code) if device is not None else None
    outcome = accepted_outcome if verified is not None else SignInOutcome.CODE_REFUSED
    if verified is not None:
        otp_login(request, verified)
    record_sign_in(request, outcome, user.get_username(), user)
    return outcome


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset_two_factor(user) -> None:
    """Forget ``user``'s app and recovery codes (a lost phone): their next sign-in enrols again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _digits(code: str) -> str:
    return "".join(character for character in code if character.isdigit())
