from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engines.workflow import StateChangeBase, StatefulModel
from wards.models import Ward


class NewsKind(models.TextChoices):
    NEWS = "news", _("News")
    GOOD_EXAMPLE = "good_example", _("Good example (real people, real deeds)")


class NewsState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """What the public may read: published items, newest first."""
        return self.filter(state=NewsState.PUBLISHED).order_by("-published_on", "-pk")


class NewsItem(StatefulModel):
    """A short news item or a good example ("người thật, việc thật") that district staff publish.

    Plain text only: the body is shown with its line breaks, never as HTML. The
    public reads published items; the author's name is never shown to them.
    """

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=NewsKind.choices, default=NewsKind.NEWS)
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("text"))
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=pgettext_lazy("administrative unit", "ward"),
    )
    published_on = models.DateField(_("date shown"))
    state = models.CharField(_("state"), max_length=20, choices=NewsState.choices, default=NewsState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The district staff's page of the item (its steps and history)."""
        return reverse("news:manage_detail", args=[self.pk])

    def public_url(self):
        return reverse("news:detail", args=[self.pk])


class NewsItemChange(StateChangeBase):
    item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=NewsState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=NewsState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("news item change")
        verbose_name_plural = _("news item changes")
