from django.urls import path

from centers.views import activities, calendar, center, comparison, learners, profile, sessions

app_name = "centers"

urlpatterns = [
    path("ward/<str:code>/", center.center_of_ward, name="of_ward"),
    path("<int:pk>/", center.center_detail, name="detail"),
    # --- The centre, its activities, sessions and calendar; the district comparison ("activities") ---
    path("", comparison.comparison, name="list"),
    path("export.xlsx", comparison.comparison_export, name="comparison_export"),
    path("new/", profile.center_create, name="create"),
    path("class-list-template.xlsx", learners.class_list_template_download, name="class_list_template"),
    path("<int:pk>/edit/", profile.center_edit, name="edit"),
    path("<int:pk>/activities/", activities.activity_list, name="activity_list"),
    path("<int:pk>/activities/export.xlsx", activities.activity_export, name="activity_export"),
    path("<int:pk>/activities/new/", activities.activity_create, name="activity_create"),
    path("<int:pk>/activities/<int:activity_pk>/", activities.activity_detail, name="activity_detail"),
    path("<int:pk>/activities/<int:activity_pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("<int:pk>/activities/<int:activity_pk>/delete/", activities.activity_delete, name="activity_delete"),
    path("<int:pk>/activities/<int:activity_pk>/learners/add/", learners.learner_add, name="learner_add"),
    path(
        "<int:pk>/activities/<int:activity_pk>/learners/<int:learner_pk>/remove/",
        learners.learner_remove,
        name="learner_remove",
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/import/", learners.class_list_import, name="class_list_import"
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/sessions/new/", sessions.session_create, name="session_create"
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/sessions/<int:session_pk>/edit/",
        sessions.session_edit,
        name="session_edit",
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/sessions/<int:session_pk>/delete/",
        sessions.session_delete,
        name="session_delete",
    ),
    path("<int:pk>/calendar/<int:year>/", calendar.calendar_detail, name="calendar"),
    path("<int:pk>/calendar/<int:year>/publish/", calendar.calendar_publish, name="calendar_publish"),
    path("<int:pk>/calendar/<int:year>/undo/", calendar.calendar_undo, name="calendar_undo"),
]
