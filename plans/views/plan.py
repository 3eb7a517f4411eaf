"""The plans by year, a plan as a document, its editing and copying to next year.

Everybody signed in reads (``plans.view_plan``); the education office and the
association's staff and the administrators write (``plans.manage_plan``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plans.forms import BasisFormSet, CopyPlanForm, PlanForm, RecipientFormSet, kept_lines
from plans.models import SectionPart
from plans.overdue import district_today
from plans.planning import copy_plan, save_plan_document
from plans.queries import plan_or_404, plans_of_district, tasks_of_plan
from wards.permissions import require_perm


def _show_errors(form, error: ValidationError) -> None:
    form.add_error(None, error)


def plan_index(request):
    require_perm(request, "plans.view_plan")
    plans = plans_of_district().annotate(task_count=Count("tasks"))
    return render(
        request,
        "plans/index.html",
        {"plans": plans, "can_manage": request.user.has_perm("plans.manage_plan")},
    )


def plan_detail(request, year):
    plan = plan_or_404(year)
    require_perm(request, "plans.view_plan", plan)
    today = district_today()
    tasks = list(tasks_of_plan(plan, today))
    by_section: dict[int, list] = {}
    for task in tasks:
        by_section.setdefault(task.section_id, []).append(task)
    sections = list(plan.sections.all())
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "bases": plan.bases.all(),
            "recipients": plan.recipients.all(),
            "purposes": [line for line in plan.purposes.splitlines() if line.strip()],
            "requirements": [line for line in plan.requirements.splitlines() if line.strip()],
            "contents": [s for s in sections if s.part == SectionPart.CONTENT],
            "organisation": [
                (s, by_section.get(s.pk, [])) for s in sections if s.part == SectionPart.ORGANISATION
            ],
            "overdue_count": sum(1 for task in tasks if task.overdue),
            "task_count": len(tasks),
            "today": today,
            "can_manage": request.user.has_perm("plans.manage_plan", plan),
        },
    )


def plan_edit(request, year):
    """The plan's fields, its bases and its distribution list, saved together."""
    plan = plan_or_404(year)
    require_perm(request, "plans.manage_plan", plan)
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, instance=plan)
    bases = BasisFormSet(data, prefix="bases", initial=[{"text": b.text} for b in plan.bases.all()])
    recipients = RecipientFormSet(
        data, prefix="recipients", initial=[{"text": r.text} for r in plan.recipients.all()]
    )
    if data is not None and form.is_valid() and bases.is_valid() and recipients.is_valid():
        fields = {name: form.cleaned_data[name] for name in PlanForm.Meta.fields}
        try:
            save_plan_document(
                plan, request.user, fields=fields, bases=kept_lines(bases), recipients=kept_lines(recipients)
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect(plan)
    return render(
        request,
        "plans/plan_form.html",
        {"plan": plan, "form": form, "bases": bases, "recipients": recipients},
    )


def plan_copy(request, year):
    """Start another year's plan from this one, after a confirmation."""
    plan = plan_or_404(year)
    require_perm(request, "plans.manage_plan", plan)
    form = CopyPlanForm(request.POST if request.method == "POST" else None, plan=plan)
    if form.is_valid():
        try:
            new = copy_plan(plan, form.cleaned_data["year"], request.user)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(
                request,
                _("The plan for %(year)s has been started from the plan for %(old)s.")
                % {"year": new.year, "old": plan.year},
            )
            return redirect(new)
    return render(
        request, "plans/plan_copy.html", {"plan": plan, "form": form, "task_count": plan.tasks.count()}
    )
