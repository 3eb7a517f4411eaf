"""Backups of the whole portal — its database and its private files — in one checked archive.

``manage.py backup`` and ``manage.py restore`` are thin; the work is here:
``database`` copies the database out and back in per vendor, ``archive``
writes and verifies the ``.tar.gz`` and its manifest, ``operations`` puts them
in order (database first, then the files; see ``write_backup``).
"""


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do, for the operator."""
