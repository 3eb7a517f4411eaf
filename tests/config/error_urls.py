"""A test URLconf: the portal's URLs and error handlers, plus views that fail on purpose."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import DatabaseError
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@login_not_required
def database_down(request):
    raise DatabaseError("the database is down")


@login_not_required
def forbidden(request):
    raise PermissionDenied("test.forbidden")


@login_not_required
def tampered(request):
    raise SuspiciousOperation("a tampered request")


urlpatterns = [
    path("test-errors/database-down/", database_down),
    path("test-errors/forbidden/", forbidden),
    path("test-errors/tampered/", tampered),
    *portal_urlpatterns,
]
