"""A centre's own record: creating the centre of a ward, and saving its profile, board and partners.

Views parse with the forms of ``centers.forms.center`` and call one function
here; each checks the actor's permission itself.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from centers.models import Center
from wards.models import Ward


def create_center(actor, ward: Ward, **fields) -> Center:
    """The learning centre of ``ward``, which has no open centre yet (``centers.create_center``).

    ``fields``: any of the centre's profile fields (``name``, ``address``,
    ``phone``, ``established_on``, ``established_by``, ``rooms``, ``equipment``);
    without a name it is called "Trung tâm học tập cộng đồng <ward>".
    """
    if not actor.has_perm("centers.create_center"):
        raise PermissionDenied("centers.create_center")
    with transaction.atomic():
        if Center.objects.open().filter(ward=ward).exists():
            raise ValidationError(
                {"ward": [_("%(ward)s already has a learning centre.") % {"ward": ward.name}]}
            )
        name = " ".join(str(fields.pop("name", "") or "").split()) or _(
            "Community learning centre of %(ward)s"
        ) % {"ward": ward.name}
        center = Center(ward=ward, name=name, **fields)
        center.full_clean(exclude=["merged_into"], validate_constraints=False)
        center.save()
    return center


def update_center(actor, form, members, partners) -> Center:
    """Save a validated profile form and its board and partner formsets together, or nothing."""
    center = form.instance
    if not actor.has_perm("centers.change_center", center):
        raise PermissionDenied("centers.change_center")
    with transaction.atomic():
        center = form.save()
        for formset in (members, partners):
            formset.instance = center
            formset.save()
    return center
