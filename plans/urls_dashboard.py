"""The steering committee's dashboards, under /dashboard/ (namespace ``dashboard``)."""

from django.urls import path

from plans import urls_dashboard_tables
from plans.views import dashboard

app_name = "dashboard"

urlpatterns = [
    path("", dashboard.overview, name="overview"),
    path("export/<slug:table>.<str:fmt>", dashboard.overview_export, name="overview_export"),
]
urlpatterns += urls_dashboard_tables.urlpatterns
