"""Checking uploaded files the way a bank would, before anything is stored.

A file is accepted only when its *content* is one of the allowed kinds (magic
bytes read with ``filetype``; DOCX and XLSX are ZIP packages and are opened to
find their main part; CSV has no magic bytes, so a file of plain text — no NUL
byte, no control character but tab and line ends — counts as CSV), its extension agrees with that content, it is not
empty and not larger than ``settings.EVIDENCE_MAX_BYTES``. The size is checked
on ``uploaded_file.size`` before a byte is read. The uploader's file name is
kept as metadata only, reduced to a safe base name; the stored name is always
generated (``engines.storage.generated_name``).

A file whose bytes say PDF is then opened as a PDF (``check_pdf``): one that
does not parse, is encrypted, or is also a web page is refused.
"""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"

# Content type → (label shown to users, extensions a file of that content may carry).
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    PDF: ("PDF", frozenset({".pdf"})),
    JPEG: ("JPEG", frozenset({".jpg", ".jpeg"})),
    PNG: ("PNG", frozenset({".png"})),
    DOCX: ("DOCX", frozenset({".docx"})),
    XLSX: ("XLSX", frozenset({".xlsx"})),
    CSV: ("CSV", frozenset({".csv"})),
}
EVIDENCE_TYPES = (PDF, JPEG, PNG, DOCX, XLSX)
SCAN_TYPES = (PDF, JPEG, PNG)
SPREADSHEET_TYPES = (XLSX,)
# Class lists and registers: a workbook, or the CSV a spreadsheet program saves.
TABLE_TYPES = (XLSX, CSV)

# The part every Office Open XML package of that kind must contain.
_PACKAGE_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
_ZIP_GUESSES = {"application/zip", DOCX, XLSX}
MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that passed ``validate_upload``, with what will be stored about it."""

    file: object
    original_name: str
    content_type: str
    size: int
    sha256: str


def sanitise_name(name: str) -> str:
    """The base name of an uploaded file name, safe to show and to put in a ZIP.

    Any directory part is dropped (``../../etc/passwd.pdf`` → ``passwd.pdf``,
    ``C:\\Users\\x.pdf`` → ``x.pdf``), control characters are removed and the
    result is cut to 255 characters, keeping the extension.
    """
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/")
    base = name.rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".").strip()
    if len(base) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(base).suffix
        suffix = suffix if len(suffix) <= 10 else ""
        base = base[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return base


def _allowed_labels(allowed) -> str:
    return ", ".join(KINDS[content_type][0] for content_type in allowed)


# Control characters plain text never holds (tab, line feed, form feed and carriage return it may).
_NOT_TEXT = bytes(set(range(32)) - {9, 10, 12, 13}) + b"\x7f"


def _is_plain_text(head: bytes) -> bool:
    """Whether the file's first bytes read as text in an 8-bit or UTF encoding (what CSV is)."""
    return bool(head) and not any(byte in _NOT_TEXT for byte in head)


def _sniff(uploaded_file) -> str | None:
    """The content type read from the file's bytes, or ``None`` when it is not a known kind."""
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    guess = filetype.guess(head)
    mime = guess.mime if guess else None
    if mime is None and _is_plain_text(head):
        return CSV
    if mime not in _ZIP_GUESSES:
        return mime
    # A ZIP package: decide from its parts, not from the guess on the first bytes.
    try:
        with zipfile.ZipFile(uploaded_file) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded_file.seek(0)
    for content_type, main_part in _PACKAGE_MAIN_PART.items():
        if main_part in names and "[Content_Types].xml" in names:
            return content_type
    return None


# How far into a PDF HTML is looked for: PDF readers take a header anywhere in the first 1 KB and browsers
# sniff the first 1.4 KB for a web page; 8 KB covers both with room to spare.
POLYGLOT_WINDOW = 8 * 1024
_HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<object",
    b"<embed",
    b"<meta",
)


def check_pdf(uploaded_file, name: str) -> None:
    """Raise ``ValidationError`` unless ``uploaded_file`` is a PDF that opens, unencrypted, and is only a PDF.

    The rule for a PDF/HTML polyglot: the file must begin with its ``%PDF-``
    header (``_sniff`` already demands it; readers would accept HTML before
    it) and its first ``POLYGLOT_WINDOW`` bytes must hold no HTML tag
    (``_HTML_MARKERS``, any case). A real PDF carries none there: its first
    kilobytes are the header, the document catalogue and compressed streams.
    A file that does is built to be read as a web page too — opened from a
    download folder, served by a careless mirror or sniffed by an old browser,
    its script would run. Then pypdf must read the page tree (any parser error
    means a damaged or forged file) and find at least one page, and the file
    must not be encrypted: the district could neither read nor check it.
    """
    uploaded_file.seek(0)
    head = uploaded_file.read(POLYGLOT_WINDOW).lower()
    uploaded_file.seek(0)
    if any(marker in head for marker in _HTML_MARKERS):
        raise ValidationError(
            _("%(name)s: the file is a PDF that also contains a web page; save it again as a plain PDF.")
            % {"name": name},
            code="pdf_polyglot",
        )
    try:
        reader = PdfReader(uploaded_file, strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception:  # pypdf raises many kinds of errors on a forged file; each means "not a PDF"
        pages, encrypted = 0, False
    finally:
        uploaded_file.seek(0)
    if encrypted:
        raise ValidationError(
            _("%(name)s: the PDF is protected by a password; remove the protection and upload it again.")
            % {"name": name},
            code="pdf_encrypted",
        )
    if not pages:
        raise ValidationError(
            _("%(name)s: the file could not be opened as a PDF; it may be damaged.") % {"name": name},
            code="pdf_unreadable",
        )


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def validate_upload(uploaded_file, allowed=EVIDENCE_TYPES) -> tuple[str, str]:
    """Check an uploaded file; return ``(content_type, sha256)`` or raise ``ValidationError``.

    ``allowed`` is a sequence of content types from ``KINDS`` (evidence:
    ``EVIDENCE_TYPES``; signed scans: ``SCAN_TYPES``).
    """
    name = sanitise_name(uploaded_file.name) or "?"
    size = uploaded_file.size
    if not size:
        raise ValidationError(_("%(name)s: the file is empty.") % {"name": name}, code="empty")
    limit = settings.EVIDENCE_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("%(name)s: the file is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
            code="too_large",
        )
    content_type = _sniff(uploaded_file)
    if content_type not in allowed:
        raise ValidationError(
            _("%(name)s: this kind of file is not accepted; upload a file of one of these kinds: %(kinds)s.")
            % {"name": name, "kinds": _allowed_labels(allowed)},
            code="kind_not_allowed",
        )
    label, extensions = KINDS[content_type]
    extension = PurePosixPath(name).suffix.lower()
    if extension not in extensions:
        raise ValidationError(
            _("%(name)s: the file is a %(kind)s file but its name does not end in %(extensions)s.")
            % {"name": name, "kind": label, "extensions": " / ".join(sorted(extensions))},
            code="extension_mismatch",
        )
    if content_type == PDF:
        check_pdf(uploaded_file, name)
    return content_type, _sha256(uploaded_file)


def check_upload(uploaded_file, allowed=EVIDENCE_TYPES) -> CheckedUpload:
    """``validate_upload`` plus the metadata kept about the file (safe name, size)."""
    content_type, sha256 = validate_upload(uploaded_file, allowed)
    return CheckedUpload(
        file=uploaded_file,
        original_name=sanitise_name(uploaded_file.name),
        content_type=content_type,
        size=uploaded_file.size,
        sha256=sha256,
    )


def content_type_for_name(name: str) -> str:
    """The content type of a stored file from its (generated, checked) extension."""
    extension = PurePosixPath(name).suffix.lower()
    for content_type, (_label, extensions) in KINDS.items():
        if extension in extensions:
            return content_type
    return "application/octet-stream"
