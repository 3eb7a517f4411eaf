"""How views find a centre: every centre is visible to signed-in users (aggregates only);
what they may see inside (names) and do is decided by ``centers.rules``."""

from django.shortcuts import get_object_or_404

from centers.models import Center


def center_or_404(pk: int) -> Center:
    return get_object_or_404(Center.objects.select_related("ward", "ward__district", "merged_into"), pk=pk)


def open_center_of_ward_or_404(code: str) -> Center:
    return get_object_or_404(Center.objects.open().select_related("ward"), ward__code=code)
