"""News items and good examples: written by district staff, read by everyone once published.

Which items whom: the public (and every signed-in user) reads
``NewsItem.objects.published()``; the district staff who write them and the
system administrator who may undo a step see every item (``items_for_staff``).
A draft is written here; its state changes only through ``NEWS_WORKFLOW``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plans.models import NewsItem, NewsState

NEWS_FIELDS = ("title", "kind", "summary", "body", "ward", "published_on")
TEXT_FIELDS = ("title", "summary", "body")


def items_for_staff(user):
    """Every item, any state, for district staff and the system administrator; nothing for anyone else."""
    if not user.has_perm("plans.view_news_drafts"):
        return NewsItem.objects.none()
    return NewsItem.objects.select_related("ward").order_by("-updated_at", "-pk")


def _cleaned(fields: dict) -> dict:
    unknown = set(fields) - set(NEWS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    return {name: value.strip() if name in TEXT_FIELDS else value for name, value in fields.items()}


def create_news_item(actor, **fields) -> NewsItem:
    """A new draft written by ``actor`` (district staff)."""
    if not actor.has_perm("plans.manage_news"):
        raise PermissionDenied("plans.manage_news")
    return NewsItem.objects.create(created_by=actor, **_cleaned(fields))


def update_news_item(item: NewsItem, actor, **fields) -> NewsItem:
    """Change a draft's text; the row is locked and its state read again, so a published text never changes."""
    with transaction.atomic():
        locked = NewsItem.objects.select_for_update().get(pk=item.pk)
        if not actor.has_perm("plans.manage_news", locked):
            raise PermissionDenied("plans.manage_news")
        if locked.state != NewsState.DRAFT:
            raise ValidationError(
                _("This can no longer be changed: it is now “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        cleaned = _cleaned(fields)
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*cleaned, "updated_at"])
    item.refresh_from_db()
    return item
