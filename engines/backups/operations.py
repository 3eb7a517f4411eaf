"""Back up and restore the whole portal: the database, then the files, with a manifest.

Order of a backup, and what it means:

1. The database is dumped as one consistent snapshot (``database.py``).
2. Then the private files (``PRIVATE_FILES_ROOT``) and the media files
   (``MEDIA_ROOT``) are copied, each hashed as it is written.
3. Every row of that snapshot naming a file is checked against the files
   copied. The portal stores a file *before* the row that names it is
   committed and never rewrites one, so a file written between steps 1 and 2
   is only an unused extra; a row whose file is not in the archive (deleted
   by hand, lost from disk) is listed in the manifest as ``missing_files``
   and reported, never silently dropped.

Not in the archive: ``SECRET_KEY`` and the environment (keep them with the
server's configuration), collected static files and the cache (rebuilt).

With the files in a bucket (``PORTAL_STORAGE=s3``) both commands refuse: an
archive of the database alone would list every file as missing, and a
restore would put files in folders the portal does not read. The bucket is
kept by its own versioning or replication (``docs/deploy.md``).
"""

import shutil
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from engines.backups import BackupError
from engines.backups.archive import FORMAT, archive_writer, unpack_verified
from engines.backups.database import FileReference, dump_database, load_database, tables_with_rows
from engines.storage import private_storage


@dataclass(frozen=True)
class BackupReport:
    vendor: str
    files: int  # stored files archived (the database dump not counted)
    size: int  # bytes of the archive
    missing: list[FileReference]


@dataclass(frozen=True)
class RestoreReport:
    created_at: str
    files: int
    missing: list[dict]  # rows whose file was already missing when the backup was made
    pending_migrations: list[str]  # this code's migrations the archive has not: run ``migrate``


def file_roots() -> dict[str, Path]:
    """The folders of files a backup holds, by their name in the archive (read at each use: tests move them)."""
    return {"private": Path(settings.PRIVATE_FILES_ROOT), "media": Path(settings.MEDIA_ROOT)}


def write_backup(archive: Path, *, connection) -> BackupReport:
    """Write the portal's database and files to ``archive`` (a new ``.tar.gz``); safe while the portal runs."""
    _refuse_a_bucket()
    archive = Path(archive).absolute()
    if not archive.parent.is_dir():
        raise BackupError(f"The folder {archive.parent} does not exist; create it first.")
    with TemporaryDirectory(dir=archive.parent, prefix=".backup-") as work, archive_writer(archive) as writer:
        snapshot = dump_database(connection, Path(work), _storage_root_of)
        writer.add_file(f"database/{snapshot.dump.name}", snapshot.dump)
        for root_name, root in file_roots().items():
            for path in _files_under(root):
                writer.add_file(f"files/{root_name}/{path.relative_to(root).as_posix()}", path)
        archived = {entry["path"] for entry in writer.entries}
        missing = [ref for ref in snapshot.files if f"files/{ref.storage_root}/{ref.name}" not in archived]
        writer.add_manifest(
            {
                "format": FORMAT,
                "portal": _portal_version(),
                "created_at": timezone.now().isoformat(timespec="seconds"),
                "database": {
                    "vendor": connection.vendor,
                    "dump": f"database/{snapshot.dump.name}",
                    "migrations": snapshot.migrations,
                },
                "files": writer.entries,
                "missing_files": [asdict(ref) for ref in missing],
            }
        )
        files = len(writer.entries) - 1
    return BackupReport(connection.vendor, files, archive.stat().st_size, missing)


def restore_backup(archive: Path, *, connection, force: bool = False) -> RestoreReport:
    """Restore ``archive`` into the connection's database and the file folders.

    Refused, before anything changes: a missing or corrupt archive, one from
    another database vendor or from a newer portal (migrations this code does
    not know), and — unless ``force`` — a database with any row (a migrated
    one too) or a file folder holding a file. With ``force`` both are replaced.
    """
    _refuse_a_bucket()
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist.")
    roots = file_roots()
    staging = roots["private"].parent  # beside the files (the data folder), so moving them in is a rename
    staging.mkdir(parents=True, exist_ok=True)
    _refuse_to_delete_the_database(connection, roots)
    if not force:
        _refuse_non_empty(connection, roots)
    with TemporaryDirectory(dir=staging, prefix=".restore-") as work:
        manifest = unpack_verified(archive, Path(work))
        database = manifest["database"]
        if database["vendor"] != connection.vendor:
            raise BackupError(
                f"{archive} holds a {database['vendor']} database; this portal runs on {connection.vendor}."
            )
        known = _migrations_on_disk()
        unknown = [name for name in database["migrations"] if name not in known]
        if unknown:
            raise BackupError(
                f"{archive} was made by a newer portal (migrations unknown here: {', '.join(unknown)}); "
                "update the portal first."
            )
        load_database(connection, Path(work) / database["dump"])
        for root_name, root in roots.items():
            if root.exists():
                shutil.rmtree(root)  # empty, or replaced on purpose (--force)
            staged = Path(work) / "files" / root_name
            if staged.is_dir():
                shutil.move(staged, root)
            else:
                root.mkdir(parents=True)
    return RestoreReport(
        created_at=manifest["created_at"],
        files=len(manifest["files"]) - 1,
        missing=manifest["missing_files"],
        pending_migrations=sorted(known - set(database["migrations"])),
    )


def _refuse_a_bucket() -> None:
    if settings.PORTAL_STORAGE != "filesystem":
        raise BackupError(
            "The files are in an S3 bucket (PORTAL_STORAGE=s3), which this command cannot copy: back up the "
            "database with pg_dump and keep the bucket versioned (docs/deploy.md)."
        )


def _refuse_non_empty(connection, roots: dict[str, Path]) -> None:
    filled = tables_with_rows(connection)
    if filled:
        raise BackupError(
            f"The database is not empty: {len(filled)} tables hold rows ({', '.join(filled[:3])}, …). "
            "Restore into an empty database (do not run migrate first), or pass --force to replace it."
        )
    for root in roots.values():
        if _files_under(root):
            raise BackupError(
                f"{root} holds files. Restore into an empty data folder, or pass --force to replace them."
            )


def _refuse_to_delete_the_database(connection, roots: dict[str, Path]) -> None:
    """Replacing a file folder deletes it: never one that holds the SQLite database itself."""
    if connection.vendor != "sqlite":
        return
    database = Path(connection.settings_dict["NAME"]).resolve()
    for root in roots.values():
        if database.is_relative_to(root.resolve()):
            raise BackupError(
                f"The database {database} lies inside the file folder {root}; fix the settings."
            )


def _files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def _storage_root_of(field) -> str:
    return "private" if field.storage is private_storage else "media"


def _migrations_on_disk() -> set[str]:
    return {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}


def _portal_version() -> dict:
    project = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["project"]
    return {"name": project["name"], "version": project["version"]}
