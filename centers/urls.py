from django.urls import path

from centers.views import center

app_name = "centers"

urlpatterns = [
    path("ward/<str:code>/", center.center_of_ward, name="of_ward"),
    path("<int:pk>/", center.center_detail, name="detail"),
]

# --- Year-end rating and the centres' reference data ------------------------------------------------
from centers.views import rating, rubrics, settings  # noqa: E402

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

# --- The literacy register and the learning models (branch "register") ---
from centers.views import learning, register  # noqa: E402

urlpatterns += [
    path("<int:pk>/register/", register.register_page, name="register"),
    path("<int:pk>/register/people/<int:person_pk>/", register.person_detail, name="register_person"),
    path("<int:pk>/register/export.xlsx", register.register_export, name="register_export"),
    path("<int:pk>/register/import/", register.register_import, name="register_import"),
    path("<int:pk>/register/template.xlsx", register.register_template_download, name="register_template"),
    path("<int:pk>/learning-models/<int:year>/", learning.learning_models_edit, name="learning_models"),
]
