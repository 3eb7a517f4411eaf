from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.seeders import register_demo_seeder


class PlansConfig(AppConfig):
    """The steering committee's yearly plan and dashboards. Grows with its issue."""

    name = "plans"
    verbose_name = _("Yearly plans")

    def ready(self):
        # --- The yearly plan ("plan"): the 2018 plan of the demo ---
        register_demo_seeder("plans.demo.seed_plans")
