from django.urls import path

from plans.urls_progress import urlpatterns as progress_urlpatterns
from plans.urls_reports import urlpatterns as report_urlpatterns
from plans.views import documents, plan, tasks, timeline

app_name = "plans"

urlpatterns = [
    # --- The yearly plan: pages, tasks, documents, copying ("plan") ---
    path("", plan.plan_index, name="index"),
    path("<int:year>/", plan.plan_detail, name="detail"),
    path("<int:year>/edit/", plan.plan_edit, name="edit"),
    path("<int:year>/copy/", plan.plan_copy, name="copy"),
    path("<int:year>/timeline/", timeline.timeline, name="timeline"),
    path("<int:year>/tasks/", tasks.task_list, name="task_list"),
    path("<int:year>/tasks/export.<str:fmt>", tasks.task_export, name="task_export"),
    path("<int:year>/tasks/new/", tasks.task_create, name="task_create"),
    path("<int:year>/document.<str:fmt>", documents.plan_document, name="document"),
    path("<int:year>/progress.pdf", documents.progress_report, name="progress_report"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
]

# The wards' reports and plans, the district's compiled report, the clusters' briefings.
urlpatterns += report_urlpatterns

# A task's progress: notes, evidence, event records, its workflow steps.
urlpatterns += progress_urlpatterns
