"""``python manage.py seed_demo``: fill an empty portal with demo data (safe to run again)."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.module_loading import import_string

from wards.seeders import demo_seeders


class Command(BaseCommand):
    help = "Create the demo district, wards, units and one account per role (idempotent)."

    def handle(self, *args, **options):
        # Demo steps go through the real workflow, which notifies people; nobody is e-mailed for them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for dotted_path in demo_seeders():
                import_string(dotted_path)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
