"""The portal's error pages: what happened and where to go, in the user's language.

Django's own pages are bare English; ward officers who meet one need to know whether it is their
fault, what to do next and whom to ask. Every page extends ``base.html``. The 500 page is rendered
without the request's context processors (they read the database, which may be what failed).
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseServerError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def back_url(request) -> str | None:
    """The page the user came from, when it is a page of this portal other than the failing one."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the very reason for a 400: trust nothing the request says
        return None
    safe = url_has_allowed_host_and_scheme(referer, allowed_hosts={host}, require_https=request.is_secure())
    return referer if safe and referer != request.build_absolute_uri() else None


def _error_page(request, template_name: str, status: int, **context) -> HttpResponse:
    return render(request, template_name, {"back_url": back_url(request), **context}, status=status)


def bad_request(request, exception):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception):
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception):
    return _error_page(request, "404.html", 404)


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check: usually a page left open too long, or cookies turned off."""
    return _error_page(request, "403_csrf.html", 403, no_cookie=reason == REASON_NO_CSRF_COOKIE)


def server_error(request):
    """The 500 page from its template and a fixed context: no database, no context processors.

    If even that fails (a broken template), a few lines of plain HTML still tell the user.
    """
    context = {"portal_name": settings.PORTAL_NAME, "occurred_at": timezone.localtime()}
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", context))
    except Exception:
        logger.exception("The 500 page could not be rendered.")
        return HttpResponseServerError(
            format_html(
                "<!doctype html><title>500</title><h1>{}</h1><p>{}</p>",
                _("Something went wrong"),
                _("Please try again in a few minutes."),
            )
        )
