from django.urls import path

from centers.views import center

app_name = "centers"

urlpatterns = [
    path("ward/<str:code>/", center.center_of_ward, name="of_ward"),
    path("<int:pk>/", center.center_detail, name="detail"),
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
