from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.reminders import register_reminder_sender


class PlansConfig(AppConfig):
    """The steering committee's yearly plan and dashboards. Grows with its issue."""

    name = "plans"
    verbose_name = _("Yearly plans")

    def ready(self):
        # --- issue 11, "progress": the overdue tasks' reminders join ``manage.py send_reminders`` ---
        register_reminder_sender("plans.reminders.send_overdue_task_reminders")
