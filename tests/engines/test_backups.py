"""``manage.py backup`` and ``restore``: the demo survives a round trip; a bad archive or a full portal is refused.

The tests are transactional: ``pg_dump`` runs in another process and sees only
committed rows. The restore target is a second, empty database — a SQLite file,
or on PostgreSQL a database created and dropped here — with empty file folders.
"""

import hashlib
import io
import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections

from assessments.models import DocumentKind, DossierDocument
from engines.backups import BackupError
from engines.backups.archive import unpack_verified
from engines.backups.database import row_counts
from engines.backups.operations import file_roots, restore_backup
from tests.factories import AssessmentFactory

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live_folders(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "live" / "private"
    settings.MEDIA_ROOT = tmp_path / "live" / "media"


@pytest.fixture
def empty_folders(settings, tmp_path):
    """Point the file folders at empty ones: where a restore puts the files."""

    def switch():
        settings.PRIVATE_FILES_ROOT = tmp_path / "restored" / "private"
        settings.MEDIA_ROOT = tmp_path / "restored" / "media"

    return switch


@pytest.fixture
def restore_target(tmp_path):
    """A connection to a new, empty database of the same vendor as the tests'."""
    wrapper_class = type(connections[DEFAULT_DB_ALIAS])  # ``connection`` is a proxy to it
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        target = wrapper_class(settings_dict, alias="restore_target")
        yield target
        target.close()
        return
    name = connection.ops.quote_name(f"{settings_dict['NAME']}_restored")
    settings_dict["NAME"] = f"{settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    target = wrapper_class(settings_dict, alias="restore_target")
    yield target
    target.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE {name} WITH (FORCE)")


def backup(archive: Path) -> str:
    out = StringIO()
    call_command("backup", str(archive), stdout=out)
    return out.getvalue()


def checksums() -> dict[str, str]:
    """Every stored file's SHA-256, by folder and name."""
    return {
        f"{root_name}/{path.relative_to(root).as_posix()}": hashlib.sha256(path.read_bytes()).hexdigest()
        for root_name, root in file_roots().items()
        if root.is_dir()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def scanned_document() -> DossierDocument:
    return DossierDocument.objects.create(
        assessment=AssessmentFactory(),
        kind=DocumentKind.PROPOSAL,
        scan=ContentFile(b"%PDF-1.4 signed proposal", name="to_trinh.pdf"),
    )


@transactional
def test_backup_of_the_demo_restores_every_row_and_file(
    live_folders, empty_folders, restore_target, tmp_path
):
    call_command("seed_demo", stdout=StringIO())
    archive = tmp_path / "demo.tar.gz"

    out = backup(archive)

    rows, files = row_counts(connection), checksums()
    manifest = manifest_of(archive)
    assert f"and {len(files)} files" in out and "not on disk" not in out
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["missing_files"] == []
    assert sorted(entry["path"] for entry in manifest["files"][1:]) == sorted(
        f"files/{name}" for name in files
    )
    assert len(files) > 100 and sum(rows.values()) > 10_000  # the demo's evidence, scans and four years

    empty_folders()
    report = restore_backup(archive, connection=restore_target)

    assert (report.files, report.pending_migrations) == (len(files), [])
    assert row_counts(restore_target) == rows
    assert checksums() == files


@transactional
def test_restore_refuses_a_database_with_rows_unless_forced(
    live_folders, empty_folders, restore_target, tmp_path
):
    scanned_document()
    archive = tmp_path / "portal.tar.gz"
    backup(archive)
    rows = row_counts(connection)

    with pytest.raises(CommandError, match="The database is not empty") as refused:
        call_command("restore", str(archive))  # into the tests' own, migrated database
    assert "--force" in str(refused.value)

    empty_folders()
    restore_backup(archive, connection=restore_target)
    with pytest.raises(BackupError, match="The database is not empty"):
        restore_backup(archive, connection=restore_target)
    restore_backup(archive, connection=restore_target, force=True)

    assert row_counts(restore_target) == rows


@transactional
def test_restore_refuses_a_folder_with_files_unless_forced(live_folders, restore_target, tmp_path):
    document = scanned_document()
    archive = tmp_path / "portal.tar.gz"
    backup(archive)
    files = checksums()
    Path(document.scan.path).write_bytes(b"changed after the backup")

    with pytest.raises(BackupError, match=r"private holds files\. .* --force"):
        restore_backup(archive, connection=restore_target)
    restore_backup(archive, connection=restore_target, force=True)

    assert checksums() == files


@transactional
def test_restore_refuses_an_archive_with_a_flipped_byte_and_names_the_file(live_folders, tmp_path):
    document = scanned_document()
    archive, corrupt = tmp_path / "portal.tar.gz", tmp_path / "corrupt.tar.gz"
    backup(archive)
    damaged = f"files/private/{document.scan.name}"
    with tarfile.open(archive) as source, tarfile.open(corrupt, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == damaged:
                data = bytes([data[0] ^ 0x01]) + data[1:]
            target.addfile(member, io.BytesIO(data))
    rows, files = row_counts(connection), checksums()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(corrupt), "--force")  # even forced, nothing is replaced

    assert str(refused.value) == (
        f"{corrupt} is corrupt; nothing was restored:\n  {damaged}: size or SHA-256 checksum differs from the manifest"
    )
    assert (row_counts(connection), checksums()) == (rows, files)


@transactional
def test_backup_reports_a_row_whose_file_is_missing(live_folders, tmp_path):
    document = scanned_document()
    Path(document.scan.path).unlink()
    archive = tmp_path / "portal.tar.gz"

    out = backup(archive)

    assert "1 rows name a file that is not on disk" in out
    assert f"assessments.dossierdocument #{document.pk} scan: private/{document.scan.name}" in out
    assert manifest_of(archive)["missing_files"] == [
        {
            "model": "assessments.dossierdocument",
            "pk": str(document.pk),
            "field": "scan",
            "storage_root": "private",
            "name": document.scan.name,
        }
    ]


def test_backup_never_overwrites_an_archive(live_folders, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    archive.write_bytes(b"last night's backup")

    with pytest.raises(CommandError, match="already exists"):
        backup(archive)

    assert archive.read_bytes() == b"last night's backup"


def test_an_archive_member_that_climbs_out_of_the_data_folder_is_refused(tmp_path):
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(hostile, "w:gz") as tar:
        member = tarfile.TarInfo("files/private/../../../outside.txt")
        member.size = 1
        tar.addfile(member, io.BytesIO(b"x"))

    with pytest.raises(BackupError, match="which no backup of this portal holds"):
        unpack_verified(hostile, tmp_path / "staging" / "deep" / "er")

    assert list(tmp_path.rglob("outside.txt")) == []


def test_backup_and_restore_refuse_files_in_a_bucket(settings, tmp_path):
    """The archive could hold neither the bucket's files nor put them back: refused, nothing written."""
    settings.PORTAL_STORAGE = "s3"
    archive = tmp_path / "portal.tar.gz"
    for command in ("backup", "restore"):
        with pytest.raises(CommandError, match="PORTAL_STORAGE=s3"):
            call_command(command, str(archive), stdout=StringIO())
    assert list(tmp_path.iterdir()) == []
