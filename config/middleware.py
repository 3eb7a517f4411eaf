"""The portal's own middleware: the language it opens in, and the end of idle sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _


class PortalLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the language switcher.

    Browsers in the district offices are often set to English; the portal must
    still open in Vietnamese, so the ``Accept-Language`` header is ignored and
    only the language cookie set by the switcher counts.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


LAST_ACTIVITY_KEY = "last_activity"
# The last-activity time is written at most this often, not on every page: a session write per request
# would cost every page a database query, and a minute does not matter against a limit of half an hour.
ACTIVITY_WRITE_SECONDS = 60


def start_activity_clock(sender, request, user, **kwargs) -> None:
    """A new sign-in starts the idle clock (a receiver of ``user_logged_in``, connected by ``wards``)."""
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


class IdleSessionMiddleware:
    """End a signed-in session after ``SESSION_IDLE_MINUTES`` without a request, and say so on the login page.

    Ward offices share their PCs: a session left open must not stay usable by
    the next person. The session keeps the time of the last request (Unix
    seconds); the first request after the limit logs the user out and sends
    them to the login page, which returns them to the page they asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_activity = request.session.get(LAST_ACTIVITY_KEY, now)
            if now - last_activity > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request, _("Your session expired after a period of inactivity. Please log in again.")
                )
                return redirect_to_login(request.get_full_path() if request.method == "GET" else "/")
            if now - last_activity >= ACTIVITY_WRITE_SECONDS or LAST_ACTIVITY_KEY not in request.session:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
