from django.urls import path

from centers.views import (
    activities,
    calendar,
    center,
    comparison,
    learners,
    learning,
    profile,
    rating,
    register,
    rubrics,
    sessions,
    settings,
)

app_name = "centers"

urlpatterns = [
    path("ward/<str:code>/", center.center_of_ward, name="of_ward"),
    path("<int:pk>/", center.center_detail, name="detail"),
    # The centre, its activities, sessions and calendar; the district comparison.
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

# The year-end rating and the centres' reference data.
urlpatterns += [
    path("ratings/", rating.rating_list_current, name="rating_list_current"),
    path("ratings/<int:year>/", rating.rating_list, name="rating_list"),
    path("<int:pk>/rating/<int:year>/", rating.rating_detail, name="rating"),
    path("<int:pk>/rating/<int:year>/start/", rating.rating_start, name="rating_start"),
    path("<int:pk>/rating/<int:year>/undo/", rating.rating_undo, name="rating_undo"),
    path("<int:pk>/rating/<int:year>/<slug:name>/", rating.rating_step, name="rating_step"),
    path("settings/", settings.settings_index, name="settings"),
    path("settings/activity-kinds/", settings.kind_list, name="kind_list"),
    path("settings/activity-kinds/new/", settings.kind_create, name="kind_create"),
    path("settings/activity-kinds/<int:pk>/", settings.kind_edit, name="kind_edit"),
    path("settings/activity-kinds/<int:pk>/in-use/", settings.kind_set_active, name="kind_set_active"),
    path("settings/activity-kinds/<int:pk>/delete/", settings.kind_delete, name="kind_delete"),
    path("settings/literacy-standards/", settings.standard_list, name="standard_list"),
    path("settings/literacy-standards/new/", settings.standard_create, name="standard_create"),
    path("settings/literacy-standards/<int:pk>/", settings.standard_edit, name="standard_edit"),
    path("settings/learning-targets/", settings.target_list, name="target_list"),
    path("settings/learning-targets/new/", settings.target_create, name="target_create"),
    path("settings/learning-targets/<int:pk>/", settings.target_edit, name="target_edit"),
    path("settings/rubrics/", rubrics.rubric_list, name="rubric_list"),
    path("settings/rubrics/<int:pk>/", rubrics.rubric_edit, name="rubric_edit"),
    path("settings/rubrics/<int:pk>/copy/", rubrics.rubric_copy, name="rubric_copy"),
]

# The literacy register and the learning models.
urlpatterns += [
    path("<int:pk>/register/", register.register_page, name="register"),
    path("<int:pk>/register/people/<int:person_pk>/", register.person_detail, name="register_person"),
    path("<int:pk>/register/export.xlsx", register.register_export, name="register_export"),
    path("<int:pk>/register/import/", register.register_import, name="register_import"),
    path("<int:pk>/register/template.xlsx", register.register_template_download, name="register_template"),
    path("<int:pk>/learning-models/<int:year>/", learning.learning_models_edit, name="learning_models"),
]
