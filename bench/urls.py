"""The portal's URLs plus ``/bench/bare/``, the bare Django view ``bench.dashboards`` compares pages with."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config import urls as portal


@login_not_required
def bare(request):
    """A short string through the whole middleware stack: the floor a page's cost is measured from."""
    return HttpResponse("ok")


urlpatterns = [*portal.urlpatterns, path("bench/bare/", bare, name="bench-bare")]
handler400, handler403, handler404, handler500 = (
    portal.handler400,
    portal.handler403,
    portal.handler404,
    portal.handler500,
)
