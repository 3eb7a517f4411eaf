"""The portal's own middleware: the language it opens in, the request size limit, the end of idle sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from config.errors import back_url


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


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than ``PORTAL_MAX_REQUEST_BYTES``, before reading any of it.

    Django reads a body only when a view (or the CSRF check) asks for
    ``request.POST`` or ``request.FILES``, and then spools every file larger
    than ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to disk before the form can refuse
    it. The declared ``Content-Length`` is known at once, and the body can
    never be longer (Django reads no further; without the header it reads
    nothing), so the check here stops a huge upload before a byte is stored.
    The answer is the portal's 413 page, saying the limit, in the user's
    language. The reverse proxy should refuse such a body even earlier (README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.PORTAL_MAX_REQUEST_BYTES
        if length > limit:
            context = {
                "back_url": back_url(request),
                "limit": filesizeformat(limit),
                "file_limit": filesizeformat(settings.EVIDENCE_MAX_BYTES),
            }
            return render(request, "413.html", context, status=413)
        return self.get_response(request)


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
