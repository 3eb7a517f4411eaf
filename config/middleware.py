from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation

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
