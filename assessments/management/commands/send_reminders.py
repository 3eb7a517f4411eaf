"""``python manage.py send_reminders [--today DD/MM/YYYY]``: deadline reminders (cron, once a day or more).

First the notifications' e-mails that could not be sent when they were made (the mail server was down),
then the dossiers' reminders, then every sender registered in ``wards.reminders`` (the plan's overdue
tasks). Running it every hour retries e-mails sooner and still sends each reminder once.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments.notifications import retry_notification_emails
from assessments.reminders import send_reminders
from wards.reminders import send_registered_reminders


class Command(BaseCommand):
    help = "Send the deadline reminders due today; running it again the same day sends nothing twice."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="DD/MM/YYYY (default: today)")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.datetime.strptime(today, "%d/%m/%Y").date() if today else timezone.localdate()
        except ValueError:
            raise CommandError("--today must be DD/MM/YYYY.") from None
        retried = retry_notification_emails()
        # The dossiers' reminders, then those of the apps above (the plan's overdue tasks), never imported here.
        sent = send_reminders(day) + send_registered_reminders(day)
        self.stdout.write(f"{sent} reminder(s) sent.")
        if retried:
            self.stdout.write(f"{retried} e-mail(s) that had failed sent now.")
