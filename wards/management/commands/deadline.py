"""Print the deadline N working days after a day of receipt.

python manage.py deadline --from 24/01/2025 --working-days 10
14/02/2025
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from wards.calendar import add_working_days


class Command(BaseCommand):
    help = (
        "Print the due date (DD/MM/YYYY) that is N working days after the day of receipt; "
        "the day of receipt itself is not counted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="Day of receipt, DD/MM/YYYY.")
        parser.add_argument(
            "--working-days", dest="working_days", required=True, help="Number of working days (0 or more)."
        )

    def handle(self, *args, start, working_days, **options):
        try:
            day = datetime.strptime(start, "%d/%m/%Y").date()
        except ValueError:
            raise CommandError(
                f"--from must be a date written DD/MM/YYYY (e.g. 24/01/2025), not {start!r}."
            ) from None
        try:
            count = int(working_days)
        except ValueError:
            raise CommandError(f"--working-days must be a whole number, not {working_days!r}.") from None
        if count < 0:
            raise CommandError(f"--working-days must be 0 or more, not {count}.")
        self.stdout.write(add_working_days(day, count).strftime("%d/%m/%Y"))
