from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.inbox_sections import register_inbox_section
from wards.reminders import register_reminder_sender


class PlansConfig(AppConfig):
    """The steering committee's yearly plan and dashboards. Grows with its issue."""

    name = "plans"
    verbose_name = _("Yearly plans")

    def ready(self):
        # --- issue 11, "progress": the overdue tasks' reminders join ``manage.py send_reminders``,
        # and "my unit's tasks" joins the inbox ---
        register_reminder_sender("plans.reminders.send_overdue_task_reminders")
        register_inbox_section("plans.inbox.my_tasks_section")
