"""The archive file: a gzipped tar of the database dump and the files, with ``manifest.json`` last.

Members::

    database/portal.sqlite3  (or database/portal.pgdump)
    files/private/<name as stored>   files/media/<name as stored>
    manifest.json

The manifest comes last because it holds every other member's size and
SHA-256, computed while the member is written (a file is read once). The
archive is written under ``<name>.partial`` with mode 0600 — it holds
personal data — and renamed when complete, so a crash or a full disk never
leaves a half archive under the name a scheduled job or an operator expects.

Reading extracts every member into a staging folder and compares it with the
manifest; nothing is restored from an archive with a damaged, missing or
unexpected member.
"""

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from engines.backups import BackupError

MANIFEST = "manifest.json"
FORMAT = 1
TOP_FOLDERS = ("database", "files")
CHUNK = 1024 * 1024


class _HashingReader:
    """A file object that hashes what ``tarfile`` reads from it."""

    def __init__(self, handle):
        self._handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self._handle.read(size)
        self.sha256.update(data)
        return data


class ArchiveWriter:
    def __init__(self, tar: tarfile.TarFile):
        self._tar = tar
        self.entries: list[dict] = []  # {"path", "size", "sha256"} of each member but the manifest

    def add_file(self, arcname: str, path: Path) -> bool:
        """Add ``path`` as ``arcname``; ``False`` when it was deleted since it was listed."""
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed below; the open is what may fail)
        except FileNotFoundError:
            return False
        with handle:
            info = tarfile.TarInfo(arcname)
            info.size, info.mtime, info.mode = os.fstat(handle.fileno()).st_size, int(time.time()), 0o600
            reader = _HashingReader(handle)
            self._tar.addfile(info, reader)
        self.entries.append({"path": arcname, "size": info.size, "sha256": reader.sha256.hexdigest()})
        return True

    def add_manifest(self, manifest: dict) -> None:
        data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
        self._tar.addfile(info, io.BytesIO(data))


@contextmanager
def archive_writer(path: Path):
    """Yield an ``ArchiveWriter``; the archive appears under ``path`` only if the block completes."""
    if path.exists():
        raise BackupError(f"{path} already exists; give the new archive another name.")
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as output:
            with tarfile.open(fileobj=output, mode="w:gz") as tar:
                yield ArchiveWriter(tar)
            output.flush()
            os.fsync(output.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def unpack_verified(path: Path, into: Path) -> dict:
    """Extract the archive into ``into`` and return its manifest, once every member matches it."""
    found: dict[str, tuple[int, str]] = {}
    manifest = None
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if member.name == MANIFEST and member.isfile():
                    manifest = json.load(tar.extractfile(member))  # ValueError when it is not JSON
                    continue
                _check_member(member)
                found[member.name] = _extract(tar, member, into / member.name)
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, zlib.error, ValueError) as error:
        raise BackupError(f"{path} is damaged and cannot be read ({error}); nothing was restored.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has no manifest this portal can read; it is not one of its backups.")
    expected = {entry["path"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    problems = [f"{name}: missing from the archive" for name in sorted(set(expected) - set(found))]
    problems += [f"{name}: not in the manifest" for name in sorted(set(found) - set(expected))]
    problems += [
        f"{name}: size or SHA-256 checksum differs from the manifest"
        for name in sorted(set(found) & set(expected))
        if found[name] != expected[name]
    ]
    if problems:
        raise BackupError(f"{path} is corrupt; nothing was restored:\n  " + "\n  ".join(problems))
    return manifest


def _check_member(member: tarfile.TarInfo) -> None:
    """Only regular files under ``database/`` or ``files/``, never a path that climbs out (``..``)."""
    parts = PurePosixPath(member.name).parts
    if not member.isfile() or not parts or parts[0] not in TOP_FOLDERS or ".." in parts:
        raise BackupError(f"The archive holds {member.name!r}, which no backup of this portal holds.")


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> tuple[int, str]:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with tar.extractfile(member) as source, open(target, "wb") as output:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            output.write(chunk)
    return size, digest.hexdigest()
