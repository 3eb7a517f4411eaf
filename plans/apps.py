from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.seeders import register_demo_seeder


class PlansConfig(AppConfig):
    """The steering committee's yearly plan and dashboards. Grows with its issue."""

    name = "plans"
    verbose_name = _("Yearly plans")

    def ready(self):
        # The 2018 plan of the demo, then the wards' reports and plans and the clusters' briefings.
        register_demo_seeder("plans.demo.seed_plans")
        register_demo_seeder("plans.demo_reports.seed_ward_reports")
