from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.merger_steps import register_merger_step
from wards.sections import register_ward_section
from wards.seeders import register_demo_seeder, register_scale_generator


class CentersConfig(AppConfig):
    """Community learning centres (TTHTCĐ): activities, learners, the literacy register, learning models, rating."""

    name = "centers"
    verbose_name = _("Community learning centres")

    def ready(self):
        # The ward app sits below this one and never imports it: tell it what to show, to seed and to merge.
        register_ward_section("centers.views.ward_section.ward_center")
        register_demo_seeder("centers.demo.seed_centers")
        register_merger_step("centers.mergers.carry_centers_over")
        register_scale_generator("centers.scale.generate_centers")
