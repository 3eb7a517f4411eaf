"""A dashboard page's body, rendered once and kept until the data changes.

The figures are cached (``engines.figures_cache``), but rendering a table of
15 wards × 15 criteria costs more than computing it from the cache. The body
of a dashboard is the same for everybody allowed to see it — what differs per
user (the menu, the user's name, the forms' CSRF tokens) is in the layout
around it — so the rendered body is cached too, under the data version, the
page's full address (its year, sort and filters) and whatever else the caller
names (a flag of what the user may do). The layout is rendered on each request.
"""

from collections.abc import Callable

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from engines.figures_cache import cached_figure


def render_cached_body(request, template_name: str, title: str, context: Callable[[], dict], *parts):
    """The response: ``template_name`` rendered with ``context()`` (only on a cache miss) inside the layout."""
    body = cached_figure(
        f"page:{template_name}",
        (request.get_full_path(), *parts),
        lambda: render_to_string(template_name, context(), request=request),
    )
    return render(
        request,
        "plans/dashboard/page.html",
        {"page_title": title, "body": mark_safe(body)},  # our template's output, autoescaped when rendered
    )
