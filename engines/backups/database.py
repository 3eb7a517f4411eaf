"""Copy the database out while the portal runs, and back into an empty database.

SQLite: Python's online backup API copies the live file page by page under a
read lock (in WAL mode writers go on meanwhile), giving one consistent
snapshot; restoring runs the same API the other way, into the connection the
portal uses. PostgreSQL: ``pg_dump -Fc`` and ``pg_restore``, connecting with
the portal's own settings (the password through ``PGPASSWORD``, never on the
command line).

Besides the dump, each vendor reads the *same snapshot* for the facts the
manifest records — applied migrations, and which rows name a stored file — so
that "a row whose file is missing" is judged against the rows the archive
really holds: SQLite reads them from the copy; PostgreSQL exports the
snapshot of a repeatable-read transaction, hands it to ``pg_dump
--snapshot`` and reads them in that transaction.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import models, transaction

from engines.backups import BackupError

DUMP_NAMES = {"sqlite": "portal.sqlite3", "postgresql": "portal.pgdump"}


@dataclass(frozen=True)
class FileReference:
    """A row's file field naming a stored file (``storage_root``: which folder of the data dir holds it)."""

    model: str  # "assessments.evidencefile"
    pk: str
    field: str
    storage_root: str  # "private" or "media"
    name: str


@dataclass(frozen=True)
class Snapshot:
    dump: Path
    migrations: list[str]  # "app.0001_initial", in the order applied
    files: list[FileReference]


def dump_database(connection, folder: Path, storage_root_of) -> Snapshot:
    """Write the database to a file in ``folder``; ``storage_root_of(field)`` names a file field's folder."""
    dump = folder / DUMP_NAMES.get(connection.vendor, "unsupported")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(dump)) as copy:
            connection.connection.backup(copy)
            migrations, files = _snapshot_facts(copy.cursor(), connection.ops.quote_name, storage_root_of)
        return Snapshot(dump, migrations, files)
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot_id,) = cursor.fetchone()
            _run_pg_tool(
                connection, "pg_dump", "--format=custom", f"--snapshot={snapshot_id}", f"--file={dump}"
            )
            migrations, files = _snapshot_facts(cursor, connection.ops.quote_name, storage_root_of)
        return Snapshot(dump, migrations, files)
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def load_database(connection, dump: Path) -> None:
    """Replace the database's contents with the dump's (the caller has checked it may)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(dump)) as source:
            source.backup(connection.connection)
        return
    _drop_tables(connection)
    _run_pg_tool(
        connection,
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        str(dump),
    )
    connection.close()  # the next query reconnects and sees the restored tables


def tables_with_rows(connection) -> list[str]:
    """The database's tables holding at least one row (``django_migrations`` counts: a migrated database
    is not empty)."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        filled = []
        for name in names:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")
            if cursor.fetchone():
                filled.append(name)
    return filled


def row_counts(connection) -> dict[str, int]:
    """Every table's number of rows (what a round trip must keep)."""
    with connection.cursor() as cursor:
        counts = {}
        for name in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _drop_tables(connection) -> None:
    """PostgreSQL only: ``pg_restore`` creates the tables, so none may be left (SQLite's backup API
    replaces the whole file instead)."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        if names:
            cursor.execute(f"DROP TABLE {', '.join(connection.ops.quote_name(n) for n in names)} CASCADE")


def _snapshot_facts(cursor, quote_name, storage_root_of) -> tuple[list[str], list[FileReference]]:
    """Applied migrations and file references, read with plain SQL through ``cursor`` (a DB-API cursor
    on the SQLite copy, or Django's on PostgreSQL inside the exported snapshot)."""
    cursor.execute(f"SELECT app, name FROM {quote_name('django_migrations')} ORDER BY id")
    migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    references = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            table, pk, column = model._meta.db_table, model._meta.pk.column, field.column
            cursor.execute(
                f"SELECT {quote_name(pk)}, {quote_name(column)} FROM {quote_name(table)} "
                f"WHERE {quote_name(column)} <> '' ORDER BY {quote_name(pk)}"
            )
            references += [
                FileReference(model._meta.label_lower, str(key), field.name, storage_root_of(field), name)
                for key, name in cursor.fetchall()
            ]
    return migrations, references


def _run_pg_tool(connection, tool: str, *arguments: str) -> None:
    """Run ``pg_dump`` or ``pg_restore`` on the connection's database, as the portal's database user."""
    settings_dict = connection.settings_dict
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = settings_dict["OPTIONS"]["sslmode"]
    try:
        result = subprocess.run(
            [tool, f"--dbname={settings_dict['NAME']}", *arguments],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise BackupError(
            f"{tool} was not found: install the PostgreSQL client tools "
            "(the same major version as the server, or newer)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
