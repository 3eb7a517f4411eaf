from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnginesConfig(AppConfig):
    """Shared engines every app may use; they import nothing above ``wards``."""

    name = "engines"
    verbose_name = _("Shared engines")

    def ready(self):
        from engines.figures_cache import watch_writes

        watch_writes()
