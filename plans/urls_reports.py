"""The wards' reports and plans, the district's compiled report and the cluster briefings.

Included by ``plans/urls.py`` (``app_name = "plans"``) or the root URLconf under
``plans/`` with the namespace "plans": this list has no ``app_name`` of its own.
"""

from django.urls import path

from plans.views import briefings, district_report, ward_reports

urlpatterns = [
    path("wards/<str:code>/reports/", ward_reports.ward_report_list, name="ward_reports_of_ward"),
    path("wards/<str:code>/reports/start/", ward_reports.ward_report_start, name="ward_report_start"),
    path("ward-reports/", ward_reports.ward_reports_current, name="ward_reports_current"),
    path("ward-reports/year/<int:year>/", ward_reports.ward_reports_round, name="ward_reports_round"),
    path("ward-reports/<int:pk>/", ward_reports.ward_report_detail, name="ward_report"),
    path("ward-reports/<int:pk>/step/<str:name>/", ward_reports.ward_report_step, name="ward_report_step"),
    path("ward-reports/<int:pk>/undo/", ward_reports.ward_report_undo, name="ward_report_undo"),
    path("ward-reports/<int:pk>/pdf/", ward_reports.ward_report_download, name="ward_report_pdf"),
    path("district-report/", district_report.district_report_current, name="district_report_current"),
    path("district-report/<int:year>/", district_report.district_report, name="district_report"),
    path(
        "district-report/<int:year>/report.<str:fmt>",
        district_report.district_report_download,
        name="district_report_document",
    ),
    path("briefings/", briefings.briefing_list_current, name="briefing_list_current"),
    path("briefings/year/<int:year>/", briefings.briefing_list, name="briefing_list"),
    path("briefings/year/<int:year>/criteria/", briefings.emulation_texts, name="emulation_texts"),
    path(
        "briefings/year/<int:year>/cluster/<int:cluster>/quarter/<int:quarter>/",
        briefings.briefing_record,
        name="briefing_record",
    ),
    path("briefings/<int:pk>/", briefings.briefing_detail, name="briefing"),
]
