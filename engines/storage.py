"""Where private files live: outside the static and public media roots, under generated names.

Files are stored under a generated name (never the uploader's), and are only
ever served through a view that checks permission, which answers with
``private_file_response``. The store is ``settings.STORAGES["private"]``: a
folder on this server (``PrivateFileStorage``) or an S3-compatible bucket.
"""

import os
import uuid
from contextlib import contextmanager
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.functional import LazyObject
from django.utils.http import content_disposition_header


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


class _PrivateStorage(LazyObject):
    """``settings.STORAGES["private"]``, looked up at first use (as Django's ``default_storage``).

    One object for the whole process: the file fields name it through
    ``private_storage_callable`` and the backups recognise it by identity.
    """

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorage()


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


def private_file_response(name: str, *, filename: str, content_type: str) -> HttpResponse:
    """A private file as a download (never shown inline, never cached), or 404 when it is gone.

    Called once the view has checked that the user may read the file. Who
    carries the bytes is the deployment's choice (``docs/deploy.md``): this
    process, nginx (``PORTAL_X_ACCEL_REDIRECT_PREFIX``: an empty answer naming
    the file, so no web worker is held for a large download), or the bucket
    itself (a redirect to a URL signed for a few seconds).
    """
    if settings.PORTAL_STORAGE == "s3" and settings.PORTAL_S3_DOWNLOADS == "redirect":
        # The object's existence is not asked first (one more round trip): a vanished one gets the bucket's 404.
        return _no_store(
            HttpResponseRedirect(
                private_storage.url(
                    name,
                    parameters={
                        "ResponseContentType": content_type,
                        "ResponseContentDisposition": content_disposition_header(True, filename),
                    },
                )
            )
        )
    if settings.PORTAL_X_ACCEL_REDIRECT_PREFIX:
        if not private_storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        # Percent-encoded as nginx expects (it decodes it); generated names (folder/<hex>.<ext>) pass unchanged.
        response["X-Accel-Redirect"] = settings.PORTAL_X_ACCEL_REDIRECT_PREFIX + quote(name)
        return _no_store(response)
    try:
        handle = private_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return _no_store(FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
