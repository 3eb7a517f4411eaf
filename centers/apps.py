from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wards.sections import register_ward_section


class CentersConfig(AppConfig):
    """Community learning centres (TTHTCĐ): activities and records. Grows with its issue."""

    name = "centers"
    verbose_name = _("Community learning centres")

    def ready(self):
        # The ward app sits below this one and never imports it: tell it what to show.
        register_ward_section("centers.views.ward_section.ward_center")
