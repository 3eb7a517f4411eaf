from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.sections import register_ward_section
from wards.seeders import register_demo_seeder


class CentersConfig(AppConfig):
    """Community learning centres (TTHTCĐ): activities, learners, the literacy register, learning models, rating."""

    name = "centers"
    verbose_name = _("Community learning centres")

    def ready(self):
        # The ward app sits below this one and never imports it: tell it what to show and to seed.
        register_ward_section("centers.views.ward_section.ward_center")
        register_demo_seeder("centers.demo.seed_centers")
