from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WardsConfig(AppConfig):
    name = "wards"
    verbose_name = _("District and wards")

    def ready(self):
        from django.db.models.signals import post_save

        from wards.context_processors import ward_saved

        post_save.connect(ward_saved, sender="wards.Ward", dispatch_uid="nav_ward_saved")
