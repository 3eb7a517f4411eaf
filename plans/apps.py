from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.inbox_sections import register_inbox_section
from wards.reminders import register_reminder_sender
from wards.seeders import register_demo_seeder, register_scale_generator


class PlansConfig(AppConfig):
    """The steering committee's yearly plan: tasks and their progress, the wards' reports, the briefings."""

    name = "plans"
    verbose_name = _("Yearly plans")

    def ready(self):
        # The apps below never import this one: tell them what to seed, remind and show in the inbox.
        register_demo_seeder("plans.demo.seed_plans")
        register_demo_seeder("plans.demo_progress.seed_task_progress")
        register_demo_seeder("plans.demo_reports.seed_ward_reports")
        register_reminder_sender("plans.reminders.send_overdue_task_reminders")
        register_inbox_section("plans.inbox.my_tasks_section")
        register_scale_generator("plans.scale.generate_plans")
