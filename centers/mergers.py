"""The learning centres in a ward merger (a step registered with ``wards.merger_steps``)."""

from django.utils.translation import gettext as _

from centers.models import Center


def carry_centers_over(merger) -> None:
    """Close each merged ward's open centre on the merger's day, pointing to the new ward's centre.

    The new ward gets one open centre, named after it and established by the
    merger's legal basis, when at least one of the merged wards had one; its
    board and partners are entered afresh on its page (the old centres keep theirs).
    """
    old_centers = list(
        Center.objects.open().select_for_update().filter(ward__in=merger.predecessors.all()).order_by("pk")
    )
    if not old_centers:
        return
    new_center = Center.objects.create(
        ward=merger.new_ward,
        name=_("Community learning centre of %(ward)s") % {"ward": merger.new_ward.name},
        address=old_centers[0].address,
        established_on=merger.effective_on,
        established_by=merger.legal_basis[:200],
    )
    for center in old_centers:
        center.closed_on = merger.effective_on
        center.merged_into = new_center
        center.save(update_fields=["closed_on", "merged_into", "updated_at"])
