from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.merger_steps import register_merger_check
from wards.sections import register_ward_section
from wards.seeders import register_demo_seeder, register_scale_generator


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Learning-community assessments")

    def ready(self):
        # The ward app sits below this one and never imports it: tell it what to show, to seed and to merge.
        register_ward_section("assessments.views.ward_page.ward_assessments")
        register_demo_seeder("assessments.demo.seed_cycles")
        register_demo_seeder("assessments.demo_levels.seed_levels_2024")
        # The 2025 merger moves users and centres: after the centres' and plans' demo data of the old wards.
        register_demo_seeder("assessments.demo_reform.seed_reform", last=True)
        register_merger_check("assessments.mergers.assessments_in_progress")
        register_scale_generator("assessments.scale.generate_assessments")
        register_scale_generator("assessments.scale_open.open_current_year")
