from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("wards.urls")),
    path("", include("assessments.urls")),
    path("centers/", include("centers.urls")),
    path("plans/", include("plans.urls")),
    path("dashboard/", include("plans.urls_dashboard")),
    path("news/", include("plans.urls_news")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = admin.site.site_title = settings.PORTAL_NAME

# Error pages in the portal's layout and language (config/errors.py).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
