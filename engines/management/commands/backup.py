"""Back up the portal's database and private files into one archive, while the portal runs.

python manage.py backup /var/backups/xhht/portal-2025-06-30.tar.gz
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from engines.backups import BackupError
from engines.backups.operations import write_backup


class Command(BaseCommand):
    help = (
        "Write the database and the private files to a new .tar.gz archive with a manifest.json of "
        "SHA-256 checksums. Safe while the portal runs; the archive holds personal data (mode 0600)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the archive to write; it must not exist yet.")

    def handle(self, *args, archive, **options):
        try:
            report = write_backup(Path(archive), connection=connection)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {archive}: the {report.vendor} database and {report.files} files, "
                f"{report.size / 1024 / 1024:.1f} MB."
            )
        )
        if report.missing:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.missing)} rows name a file that is not on disk "
                    "(listed in manifest.json under missing_files):"
                )
            )
            for ref in report.missing:
                self.stdout.write(f"  {ref.model} #{ref.pk} {ref.field}: {ref.storage_root}/{ref.name}")
