"""An activity's class list: adding a learner, taking one off, importing a file, the file's template.

Learners' names are personal data: these pages are for ``centers.manage_activities``
(the ward's officers and the centre's staff, who may all see the names).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from centers.activities import add_learner, remove_learner
from centers.activity_queries import activity_or_404
from centers.class_list import ClassListError, class_list_template, import_class_list
from centers.forms.activities import ClassListForm, LearnerForm
from centers.queries import center_or_404
from centers.views.common import show_errors, xlsx_response
from wards.permissions import require_perm


def _activity_to_manage(request, pk, activity_pk):
    center = center_or_404(pk)
    require_perm(request, "centers.manage_activities", center)
    return center, activity_or_404(center, activity_pk)


def learner_add(request, pk, activity_pk):
    center, activity = _activity_to_manage(request, pk, activity_pk)
    form = LearnerForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            learner = add_learner(activity, request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("%(name)s is on the class list.") % {"name": learner.full_name})
            if "add_another" in request.POST:
                return redirect("centers:learner_add", center.pk, activity.pk)
            return redirect(activity)
    return render(
        request, "centers/learner_form.html", {"center": center, "activity": activity, "form": form}
    )


@require_POST
def learner_remove(request, pk, activity_pk, learner_pk):
    center, activity = _activity_to_manage(request, pk, activity_pk)
    learner = get_object_or_404(activity.learners.all(), pk=learner_pk)
    try:
        remove_learner(activity, request.user, learner)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is off the class list.") % {"name": learner.full_name})
    return redirect(activity)


def class_list_import(request, pk, activity_pk):
    """Upload a filled template: every row is enrolled, or — when any row is wrong — none, naming each problem."""
    center, activity = _activity_to_manage(request, pk, activity_pk)
    form = ClassListForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            count = import_class_list(activity, request.user, form.cleaned_data["file"])
        except ClassListError as error:
            problems = error.problems
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s learner has been imported.", "%(count)s learners have been imported.", count
                )
                % {"count": count},
            )
            return redirect(activity)
    return render(
        request,
        "centers/class_list_import.html",
        {"center": center, "activity": activity, "form": form, "problems": problems},
    )


def class_list_template_download(request):
    """The empty class-list template (headers and an example row; nobody's data)."""
    require_perm(request, "centers.view_center")
    return xlsx_response(class_list_template(), "danh-sach-hoc-vien.xlsx")
