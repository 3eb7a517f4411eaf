"""A plan's tasks: the filtered list and its CSV/XLSX export, a task's page, adding and editing a task."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from plans.exports import tasks_csv, tasks_xlsx
from plans.filters import TaskFilter
from plans.forms import TaskForm
from plans.overdue import district_today, is_overdue
from plans.planning import add_task, update_task
from plans.queries import plan_or_404, task_or_404, tasks_of_plan
from plans.views.progress import progress_panel
from wards.permissions import require_perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request, plan):
    today = district_today()
    task_filter = TaskFilter(request.GET, tasks_of_plan(plan, today), plan=plan, today=today)
    tasks = task_filter.qs if task_filter.is_valid() else task_filter.queryset.none()
    return task_filter, tasks


def task_list(request, year):
    plan = plan_or_404(year)
    require_perm(request, "plans.view_plan", plan)
    task_filter, tasks = _filtered(request, plan)
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return render(
        request,
        "plans/task_list.html",
        {
            "plan": plan,
            "form": task_filter.form,
            "tasks": tasks,
            "csv_url": reverse("plans:task_export", args=[plan.year, "csv"]) + suffix,
            "xlsx_url": reverse("plans:task_export", args=[plan.year, "xlsx"]) + suffix,
            "can_manage": request.user.has_perm("plans.manage_plan", plan),
        },
    )


def task_export(request, year, fmt):
    """The task list as CSV or XLSX, with the same filter as the page."""
    plan = plan_or_404(year)
    require_perm(request, "plans.view_plan", plan)
    _filter, tasks = _filtered(request, plan)
    if fmt == "csv":
        response = HttpResponse(tasks_csv(tasks), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            tasks_xlsx(tasks, _("Tasks %(year)s") % {"year": plan.year}), content_type=XLSX
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-ke-hoach-{plan.year}.{fmt}"'
    return response


def task_detail(request, pk):
    """The task, its periods, units, criteria and status, then its progress (``progress_panel``)."""
    task = task_or_404(pk)
    require_perm(request, "plans.view_plan", task.plan)
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "overdue": is_overdue(task, district_today()),
            "progress_panel": progress_panel(request, task),
            "can_manage": request.user.has_perm("plans.manage_plan", task.plan),
        },
    )


def task_create(request, year):
    plan = plan_or_404(year)
    require_perm(request, "plans.manage_plan", plan)
    form = TaskForm(request.POST if request.method == "POST" else None, plan=plan)
    if form.is_valid():
        try:
            tasks = add_task(plan, form.cleaned_data["section"], request.user, **form.task_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The task has been added (%(count)s rows).") % {"count": len(tasks)})
            return redirect(tasks[0] if len(tasks) == 1 else plan)
    return render(request, "plans/task_form.html", {"plan": plan, "form": form, "task": None})


def task_edit(request, pk):
    task = task_or_404(pk)
    require_perm(request, "plans.manage_plan", task.plan)
    form = TaskForm(request.POST if request.method == "POST" else None, plan=task.plan, task=task)
    if form.is_valid():
        try:
            update_task(task, request.user, **form.task_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The task has been saved."))
            return redirect(task)
    return render(request, "plans/task_form.html", {"plan": task.plan, "form": form, "task": task})
