"""The centres' reference data pages (``/centers/settings/``): the activity catalogue, literacy standards,
learning-model targets; the rubrics are in ``centers.views.rubrics``.

Every page needs ``centers.manage_catalogue`` (the education office, the
system administrator); anyone else is refused (403).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from centers.forms.settings import ActivityKindForm, LearningTargetForm, LiteracyStandardForm
from centers.models import ActivityKind, LearningModelTarget, LiteracyStandard
from centers.reference_data import delete_kind, kinds_with_use, set_kind_in_use
from wards.permissions import require_perm

PERM = "centers.manage_catalogue"


def settings_index(request):
    require_perm(request, PERM)
    return render(request, "centers/settings/index.html")


SECTIONS = {
    "centers:kind_list": _lazy("Activity catalogue"),
    "centers:standard_list": _lazy("Literacy standards"),
    "centers:target_list": _lazy("Learning-model targets"),
}


def _form_page(request, form_class, instance, *, back: str, title: str, saved: str):
    """A reference-data form: save in one transaction and go back to the list (``back``), or show the errors."""
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, saved)
        return redirect(back)
    context = {"form": form, "title": title, "back": back, "section": SECTIONS[back], "instance": instance}
    return render(request, "centers/settings/form.html", context)


# --- The activity catalogue --------------------------------------------------------------------------


def kind_list(request):
    require_perm(request, PERM)
    return render(request, "centers/settings/kind_list.html", {"kinds": kinds_with_use()})


def kind_create(request):
    require_perm(request, PERM)
    return _form_page(
        request,
        ActivityKindForm,
        None,
        back="centers:kind_list",
        title=_("New kind of activity"),
        saved=_("The kind of activity has been added to the catalogue."),
    )


def kind_edit(request, pk: int):
    require_perm(request, PERM)
    kind = get_object_or_404(ActivityKind, pk=pk)
    return _form_page(
        request,
        ActivityKindForm,
        kind,
        back="centers:kind_list",
        title=kind.name,
        saved=_("The kind of activity has been saved."),
    )


@require_POST
def kind_set_active(request, pk: int):
    """Take a kind out of use (``active=0``) or back into use (``active=1``)."""
    require_perm(request, PERM)
    kind = get_object_or_404(ActivityKind, pk=pk)
    active = request.POST.get("active") == "1"
    set_kind_in_use(kind, active)
    if active:
        messages.success(request, _("“%(kind)s” is in use again.") % {"kind": kind.name})
    else:
        messages.success(
            request,
            _("“%(kind)s” is no longer offered for new activities; recorded ones keep it.")
            % {"kind": kind.name},
        )
    return redirect("centers:kind_list")


def kind_delete(request, pk: int):
    """Ask (GET), then delete (POST) a kind entered by mistake; one in use is refused."""
    require_perm(request, PERM)
    kind = get_object_or_404(ActivityKind, pk=pk)
    if request.method != "POST":
        return render(request, "centers/settings/kind_delete.html", {"kind": kind})
    try:
        delete_kind(kind)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("“%(kind)s” has been deleted.") % {"kind": kind.name})
    return redirect("centers:kind_list")


# --- Literacy standards ------------------------------------------------------------------------------


def standard_list(request):
    require_perm(request, PERM)
    return render(
        request, "centers/settings/standard_list.html", {"standards": LiteracyStandard.objects.all()}
    )


def standard_create(request):
    require_perm(request, PERM)
    return _form_page(
        request,
        LiteracyStandardForm,
        None,
        back="centers:standard_list",
        title=_("New literacy standard from a year"),
        saved=_("The literacy standard has been saved."),
    )


def standard_edit(request, pk: int):
    require_perm(request, PERM)
    standard = get_object_or_404(LiteracyStandard, pk=pk)
    return _form_page(
        request,
        LiteracyStandardForm,
        standard,
        back="centers:standard_list",
        title=f"{standard.name} ({standard.valid_from})",
        saved=_("The literacy standard has been saved."),
    )


# --- Learning-model targets --------------------------------------------------------------------------


def target_list(request):
    require_perm(request, PERM)
    return render(
        request, "centers/settings/target_list.html", {"targets": LearningModelTarget.objects.all()}
    )


def target_create(request):
    require_perm(request, PERM)
    return _form_page(
        request,
        LearningTargetForm,
        None,
        back="centers:target_list",
        title=_("New learning-model target from a year"),
        saved=_("The target has been saved."),
    )


def target_edit(request, pk: int):
    require_perm(request, PERM)
    target = get_object_or_404(LearningModelTarget, pk=pk)
    return _form_page(
        request,
        LearningTargetForm,
        target,
        back="centers:target_list",
        title=f"{target.get_kind_display()} ({target.valid_from})",
        saved=_("The target has been saved."),
    )
