from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db under a name in the user's language: its own is a fixed English string.

    The admin lists the app by this name ("Tác vụ nền"); label, models and migrations are unchanged.
    """

    verbose_name = _("Background tasks")
