"""TEMPORARY (branch "progress" only): the progress pages in the "plans" namespace before plans/urls.py exists.

The lead deletes this file when merging: ``plans/urls.py`` includes
``plans.urls_progress`` and provides the real ``task_detail``.
"""

from django.urls import path

from plans.urls_progress import urlpatterns as progress_urls
from plans.views.progress import task_progress

app_name = "plans"

urlpatterns = [
    *progress_urls,
    path("tasks/<int:pk>/", task_progress, name="task_detail"),  # stands in for the "plan" helper's page
]
