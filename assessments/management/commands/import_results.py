"""``python manage.py import_results FILE.csv``: load past years' recognised results."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.results import ImportRefused, import_results
from wards.models import Role, User


class Command(BaseCommand):
    help = "Import past results from a UTF-8 CSV: year,ward_code,criterion,points[,decision_number,decision_date]."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="username", help="the administrator recorded in the history")

    def handle(self, *args, file, username=None, **options):
        actor = self._actor(username)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            count = import_results(text, actor)
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(refused.errors)} invalid row(s); nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {count} ward results."))

    def _actor(self, username):
        admins = User.objects.filter(is_active=True, role_grants__role=Role.SYSTEM_ADMIN)
        actor = admins.filter(username=username).first() if username else admins.order_by("pk").first()
        if actor is None:
            raise CommandError("No active system administrator to record the import (use --as USERNAME).")
        return actor
