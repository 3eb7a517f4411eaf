"""Restore a backup written by ``manage.py backup`` into an empty database and data folder.

python manage.py restore /var/backups/xhht/portal-2025-06-30.tar.gz [--force]

Stop the portal (web server and db_worker) first: a restore replaces what
they read.
"""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from engines.backups import BackupError
from engines.backups.operations import restore_backup


class Command(BaseCommand):
    help = (
        "Check every checksum of a backup archive, then restore its database and files. Refuses a corrupt "
        "archive, and a database with rows or a file folder with files unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of a .tar.gz written by manage.py backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and the files even if they are not empty (their contents are lost).",
        )

    def handle(self, *args, archive, force, **options):
        try:
            report = restore_backup(Path(archive), connection=connection, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        made = timezone.localtime(datetime.fromisoformat(report.created_at)).strftime("%d/%m/%Y %H:%M")
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {made}: the database and {report.files} files.")
        )
        if report.missing:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.missing)} rows named a file already missing when it was made."
                )
            )
        if report.pending_migrations:
            self.stdout.write(
                f"The archive predates {len(report.pending_migrations)} migrations of this portal: "
                "run `python manage.py migrate` now."
            )
