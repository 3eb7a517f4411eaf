"""The centre's own record: editing its profile, board and partners; creating the centre of a ward."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from centers.forms.center import (
    CenterForm,
    CenterMemberFormSet,
    NewCenterForm,
    PartnerFormSet,
    TableFormSetHelper,
)
from centers.profile import create_center, update_center
from centers.queries import center_or_404
from centers.views.common import show_errors
from wards.permissions import require_perm


def center_edit(request, pk):
    center = center_or_404(pk)
    require_perm(request, "centers.change_center", center)
    # The form writes the typed values into ``center`` while validating; keep the saved name.
    center_name = center.name
    data = request.POST if request.method == "POST" else None
    form = CenterForm(data, instance=center)
    members = CenterMemberFormSet(data, instance=center, prefix="members")
    partners = PartnerFormSet(data, instance=center, prefix="partners")
    # ``&``, not ``and``: validate all three, so every error shows at once.
    if data is not None and form.is_valid() & members.is_valid() & partners.is_valid():
        center = update_center(request.user, form, members, partners)
        messages.success(request, _("The centre %(name)s has been saved.") % {"name": center.name})
        return redirect(center)
    return render(
        request,
        "centers/center_edit.html",
        {
            "center": center,
            "center_name": center_name,
            "form": form,
            "members": members,
            "partners": partners,
            "formset_helper": TableFormSetHelper(),
        },
    )


def center_create(request):
    """A centre for a ward that has none (``?ward=CODE`` chooses the ward)."""
    require_perm(request, "centers.create_center")
    data = request.POST if request.method == "POST" else None
    initial = {}
    if code := request.GET.get("ward"):
        initial["ward"] = NewCenterForm().fields["ward"].queryset.filter(code=code).first()
    form = NewCenterForm(data, initial=initial)
    if form.is_valid():
        fields = dict(form.cleaned_data)
        ward = fields.pop("ward")
        try:
            center = create_center(request.user, ward, **fields)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("The centre %(name)s has been created; add its board and partners.")
                % {"name": center.name},
            )
            return redirect("centers:edit", center.pk)
    return render(request, "centers/center_create.html", {"form": form})
