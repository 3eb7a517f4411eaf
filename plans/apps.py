from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """The steering committee's yearly plan and dashboards. Grows with its issue."""

    name = "plans"
    verbose_name = _("Yearly plans")
