"""The ward's whole dossier as one ZIP: evidence, signed scans, the generated documents and the sheet.

It stands above the dossier rules, the documents and the spreadsheet, which
it gathers; none of them needs it.
"""

import io
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from typing import IO

from assessments.documents.registry import DocumentNotAvailable, build_document
from assessments.documents.ward_kinds import ward_document_kinds
from assessments.models import Assessment, DocumentKind
from assessments.spreadsheet import export_self_scores
from engines.archives import unique_arcname
from engines.storage import private_storage
from engines.uploads import sanitise_name

logger = logging.getLogger(__name__)
ZIP_SPOOL_MAX_MEMORY = 10 * 1024 * 1024
CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True)
class ZipEntry:
    """One file of the dossier ZIP: its path inside the archive and how to open its bytes."""

    arcname: str
    open: Callable[[], IO[bytes]]


def _open_private(name: str) -> Callable[[], IO[bytes]]:
    return partial(private_storage.open, name, "rb")


def _open_bytes(produce: Callable[[], bytes]) -> IO[bytes]:
    return io.BytesIO(produce())


def dossier_zip_entries(assessment: Assessment) -> Iterator[ZipEntry]:
    """Every file of the dossier: evidence per criterion, the signed scans, the generated documents, the sheet.

    Evidence goes to ``Tieu-chi-NN/<original name>`` (clashing names get
    `` (2)``), scans to ``Van-ban/<kind><ext>``, the ward's documents that can
    be produced now as PDF to ``Van-ban-dien-tu/<document file name>.pdf``, the
    self-assessment sheet to ``tong-hop.xlsx``. A generated document gets its
    register number here the first time (it is issued with the dossier); its
    PDF is rendered only when the entry is opened.
    """
    used: set[str] = set()
    evidence = assessment.evidence.select_related("criterion").order_by(
        "criterion__number", "uploaded_at", "pk"
    )
    for item in evidence:
        folder = f"Tieu-chi-{item.criterion.number:02d}"
        # Uploads keep a safe base name already; rows made elsewhere (admin, imports) are cleaned again.
        name = sanitise_name(item.original_name) or PurePosixPath(item.file.name).name
        yield ZipEntry(unique_arcname(f"{folder}/{name}", used), _open_private(item.file.name))
    documents = sorted(
        assessment.documents.all(), key=lambda document: DocumentKind.values.index(document.kind)
    )
    for document in documents:
        if document.scan:
            suffix = PurePosixPath(document.scan.name).suffix.lower()
            arcname = f"Van-ban/{document.kind.replace('_', '-')}{suffix}"
            yield ZipEntry(unique_arcname(arcname, used), _open_private(document.scan.name))
    for kind in ward_document_kinds(assessment):
        try:
            built = build_document(kind.key, assessment)
        except DocumentNotAvailable:
            continue
        arcname = f"Van-ban-dien-tu/{built.filename('pdf')}"
        yield ZipEntry(unique_arcname(arcname, used), partial(_open_bytes, built.pdf))
    yield ZipEntry(unique_arcname("tong-hop.xlsx", used), lambda: io.BytesIO(export_self_scores(assessment)))


def dossier_zip_name(assessment: Assessment) -> str:
    return f"ho-so-{assessment.ward.code}-{assessment.cycle.year}.zip"


def build_dossier_zip(assessment: Assessment) -> IO[bytes]:
    """The ZIP in a spooled temporary file (memory first, disk when large), rewound for reading."""
    # Not a ``with`` block: the caller (a FileResponse) reads and closes the file.
    spool = tempfile.SpooledTemporaryFile(max_size=ZIP_SPOOL_MAX_MEMORY)  # noqa: SIM115
    try:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for entry in dossier_zip_entries(assessment):
                try:
                    source = entry.open()
                except FileNotFoundError:
                    logger.error(
                        "Dossier %s: the stored file for %s is missing.", assessment.pk, entry.arcname
                    )
                    continue
                with source, archive.open(entry.arcname, "w") as target:
                    shutil.copyfileobj(source, target, CHUNK_SIZE)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool
