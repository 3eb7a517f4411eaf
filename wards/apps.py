from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WardsConfig(AppConfig):
    name = "wards"
    verbose_name = _("District and wards")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_save

        from config.middleware import start_activity_clock
        from wards.context_processors import ward_saved
        from wards.sign_in_log import password_accepted, password_refused

        post_save.connect(ward_saved, sender="wards.Ward", dispatch_uid="nav_ward_saved")
        # After django-axes' receivers (an earlier app), so a lockout is known when the failure is logged.
        user_logged_in.connect(password_accepted, dispatch_uid="sign_in_log_accepted")
        user_login_failed.connect(password_refused, dispatch_uid="sign_in_log_refused")
        user_logged_in.connect(start_activity_clock, dispatch_uid="idle_session_start")
