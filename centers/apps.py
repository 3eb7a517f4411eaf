from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    """Community learning centres (TTHTCĐ): activities and records. Grows with its issue."""

    name = "centers"
    verbose_name = _("Community learning centres")
