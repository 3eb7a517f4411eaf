"""``python manage.py export_results --year YYYY``: the year's results as UTF-8 CSV on stdout."""

from django.core.management.base import BaseCommand

from assessments.results import export_results


class Command(BaseCommand):
    help = "Print ward_code,ward_name,total,classification for every ward with a result in the year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year, **options):
        self.stdout.write(export_results(year), ending="")
