"""HTML templates to PDF with WeasyPrint, for official documents.

One font configuration and one compiled stylesheet (``static/documents/document.css``)
serve every rendering of the process. Templates are rendered with autoescaping,
and the URL fetcher serves the app's static files only: text typed by a user
(``<img src="http://…">``) is printed as text and nothing outside the static
files is ever fetched.

When WeasyPrint fails (a missing font, no memory, a bug of the library),
``render_pdf`` raises ``DocumentRenderingFailed``; the portal then answers with
a page that says so (``engines.middleware``) instead of a bare server error.
No workflow step renders a PDF, so a failed rendering never holds up or loses
a transition; it is simply tried again on the next request.
"""

import datetime
import logging
import mimetypes
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

STYLESHEET = "documents/document.css"
# Relative URLs in a document resolve against this origin; ".invalid" never resolves,
# and the fetcher maps it to the static files without any network access.
BASE_URL = "https://documents.invalid/"
STATIC_SCHEME = "static:"

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_font_config: FontConfiguration | None = None
_stylesheet: weasyprint.CSS | None = None


class StaticOnlyFetcher(URLFetcher):
    """Serves ``static:<path>`` and ``<BASE_URL><STATIC_URL><path>`` from the static files; refuses the rest.

    Refusing means raising ``ValueError``: WeasyPrint logs it, skips the
    resource and goes on.
    """

    def fetch(self, url, headers=None):
        path = static_path(url)
        if path is None:
            raise ValueError(f"Documents may only use the portal's static files, not {url[:80]!r}.")
        try:
            found = finders.find(path)
        except SuspiciousFileOperation:
            found = None
        if not found:
            raise ValueError(f"No static file {path!r}.")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})


def static_path(url: str) -> str | None:
    """The static file path named by ``url``, or ``None`` when the URL is not a static file's."""
    if url.startswith(STATIC_SCHEME):
        path = url[len(STATIC_SCHEME) :]
    else:
        static_prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
        if not url.startswith(static_prefix):
            return None
        path = url[len(static_prefix) :]
    path = unquote(urlsplit(path).path).lstrip("/")
    if not path or ".." in Path(path).parts:
        return None
    return path


url_fetcher = StaticOnlyFetcher()


def _resources() -> tuple[FontConfiguration, weasyprint.CSS]:
    """The process-wide font configuration and compiled stylesheet, made on first use."""
    global _font_config, _stylesheet
    if _stylesheet is None:
        with _lock:
            if _stylesheet is None:
                font_config = FontConfiguration()
                path = finders.find(STYLESHEET)
                if not path:
                    raise FileNotFoundError(STYLESHEET)
                stylesheet = weasyprint.CSS(
                    string=Path(path).read_text(encoding="utf-8"),
                    base_url=BASE_URL + settings.STATIC_URL.lstrip("/") + "documents/",
                    url_fetcher=url_fetcher,
                    font_config=font_config,
                )
                _font_config, _stylesheet = font_config, stylesheet
    return _font_config, _stylesheet


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)


class DocumentRenderingFailed(Exception):
    """WeasyPrint could not write the PDF; ``str()`` is a message for the user."""


def render_pdf(template_name: str, context: dict) -> bytes:
    """The PDF of ``template_name`` rendered with ``context`` (autoescaped), in the document format.

    Raises ``DocumentRenderingFailed`` when WeasyPrint fails; a template error
    is a bug of ours and is left to surface as one.
    """
    html = render_html(template_name, context)
    try:
        font_config, stylesheet = _resources()
        document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher)
        return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)
    except Exception as error:
        logger.exception("WeasyPrint could not render %s.", template_name)
        raise DocumentRenderingFailed(
            _(
                "The PDF could not be produced just now; nothing has been changed. Please try again in a few minutes."
            )
        ) from error


# Text helpers shared by every document.


def vn_date(day: datetime.date) -> str:
    """``"ngày 05 tháng 10 năm 2018"``: days below 10 and months 1–2 with a leading zero (Decree 30)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def vn_date_line(place: str, day: datetime.date) -> str:
    """``"Phường 1, ngày 05 tháng 10 năm 2018"``: the place and date line under the motto."""
    return f"{place}, {vn_date(day)}"


def vn_int(value: int) -> str:
    """``25000`` → ``"25.000"`` (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def vn_number(value: Decimal | int | None) -> str:
    """``Decimal("6.0")`` → ``"6"``, ``Decimal("87.5")`` → ``"87,5"`` (decimal comma); ``None`` → ``""``."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


@dataclass(frozen=True)
class Signature:
    """One signature block: the capacity lines (``TM. ỦY BAN NHÂN DÂN``, ``CHỦ TỊCH``) and the name."""

    capacity: tuple[str, ...]
    name: str
    note: str = ""


@dataclass
class DocumentFrame:
    """What base.html prints around the body: header, number, date line and signatures."""

    title: str
    issuing_body: str
    number: str
    date_line: str
    parent_body: str = ""
    signatures: list[Signature] = field(default_factory=list)
    date: datetime.date | None = None
