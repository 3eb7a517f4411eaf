from django.urls import path

from centers.views import center

app_name = "centers"

urlpatterns = [
    path("ward/<str:code>/", center.center_of_ward, name="of_ward"),
    path("<int:pk>/", center.center_detail, name="detail"),
]
