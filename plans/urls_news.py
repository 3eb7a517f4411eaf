"""News items and good examples, mounted at /news/: the public's pages and the district staff's."""

from django.urls import path

from plans.views import news

app_name = "news"

urlpatterns = [
    path("", news.public_list, name="list"),
    path("<int:pk>/", news.public_detail, name="detail"),
    path("manage/", news.manage_list, name="manage_list"),
    path("manage/new/", news.manage_create, name="manage_create"),
    path("manage/<int:pk>/", news.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/edit/", news.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/step/<str:name>/", news.manage_step, name="manage_step"),
    path("manage/<int:pk>/undo/", news.manage_undo, name="manage_undo"),
]
