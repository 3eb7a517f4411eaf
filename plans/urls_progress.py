"""The pages of a task's progress; included by ``plans/urls.py`` into the "plans" namespace (no app_name here)."""

from django.urls import path

from plans.views import progress

urlpatterns = [
    path("tasks/<int:pk>/progress/", progress.task_progress, name="task_progress"),
    path("tasks/<int:pk>/progress/report/", progress.task_report, name="task_report"),
    path("tasks/<int:pk>/progress/event/", progress.task_event, name="task_event"),
    path("tasks/<int:pk>/progress/step/<slug:name>/", progress.task_step, name="task_step"),
    path("tasks/<int:pk>/progress/undo/", progress.task_undo, name="task_undo"),
    path(
        "tasks/<int:pk>/evidence/<int:evidence_pk>/",
        progress.evidence_download,
        name="task_evidence_download",
    ),
    path(
        "tasks/<int:pk>/evidence/<int:evidence_pk>/delete/",
        progress.evidence_delete,
        name="task_evidence_delete",
    ),
]
