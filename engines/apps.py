from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.seeders import register_scale_generator


class EnginesConfig(AppConfig):
    """Shared engines every app may use; they import nothing above ``wards``."""

    name = "engines"
    verbose_name = _("Shared engines")

    def ready(self):
        from engines.figures_cache import watch_writes

        watch_writes()
        # The ward app's ``seed_scale`` cannot import this floor: the figures are forgotten as one of its steps.
        register_scale_generator("engines.figures_cache.forget_figures")
