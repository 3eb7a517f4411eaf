"""Where private files live: outside the static and public media roots, under generated names.

Files are stored under a generated name (never the uploader's), and are only
ever served through a view that checks permission.
"""

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
