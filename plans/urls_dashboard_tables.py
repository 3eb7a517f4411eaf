"""The dashboards' score tables and their exports (added to the ``dashboard`` namespace)."""

from django.urls import path

from plans.views import dashboard_tables as tables

urlpatterns = [
    path("heatmap/", tables.heatmap_latest, name="heatmap_latest"),
    path("heatmap/<int:year>/", tables.heatmap, name="heatmap"),
    path("heatmap/<int:year>/export.<str:fmt>", tables.heatmap_export, name="heatmap_export"),
    path("self-vs-inspection/<int:year>/", tables.self_vs_inspection_page, name="self_vs_inspection"),
    path(
        "self-vs-inspection/<int:year>/export.<str:fmt>",
        tables.self_vs_inspection_export,
        name="self_vs_inspection_export",
    ),
    path("trends/", tables.trends_page, name="trends"),
    path("trends/export.<str:fmt>", tables.trends_export, name="trends_export"),
    path(
        "trends/weak/<str:code>/<int:criterion_id>/add-task/",
        tables.weak_criterion_task,
        name="weak_criterion_task",
    ),
    path("wards/<str:code>/", tables.ward_dashboard, name="ward"),
    path("wards/<str:code>/export.<str:fmt>", tables.ward_export, name="ward_export"),
]
