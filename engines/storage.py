"""Where private files live: outside the static and public media roots, under generated names.

Files are stored under a generated name (never the uploader's), and are only
ever served through a view that checks permission.
"""

import os
import uuid
from contextlib import contextmanager
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404


class PrivateFileStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_FILES_ROOT``, read at each use (so tests may point it elsewhere).

    There is no ``base_url``: these files have no public address.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_FILES_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


private_storage = PrivateFileStorage()


def private_storage_callable():
    return private_storage


def generated_name(folder: str, original_name: str) -> str:
    """``folder/<random hex>.<ext>``; only a short alphanumeric extension survives from the original."""
    suffix = PurePath(original_name.replace("\\", "/")).suffix.lower()
    if not (suffix[1:].isalnum() and len(suffix) <= 6):
        suffix = ""
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


@contextmanager
def removed_on_failure():
    """Collect the names of files stored inside a transaction; if anything fails, delete them again.

    A database rollback cannot take back a file written to disk: a write of
    rows with files runs ``with removed_on_failure() as stored:`` and appends
    each stored name, so a refused or failed write leaves no orphan file.
    """
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            private_storage.delete(name)
        raise


def private_file_response(name: str, *, filename: str, content_type: str) -> FileResponse:
    """A private file as a download (never shown inline, never cached), or 404 when it is gone."""
    try:
        handle = private_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
