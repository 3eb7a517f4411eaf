from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wards.models import Cluster, Ward


class EmulationContent(models.Model):
    """A content of the city association's emulation plan for a year (2018: 5 contents, 10 criteria)."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("emulation content")
        verbose_name_plural = _("emulation contents")
        ordering = ["year", "number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="unique_emulation_content")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class EmulationCriterion(models.Model):
    content = models.ForeignKey(EmulationContent, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("criterion"), max_length=500)

    class Meta:
        verbose_name = _("emulation criterion")
        verbose_name_plural = _("emulation criteria")
        ordering = ["content__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["content", "number"], name="unique_emulation_criterion")
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class ClusterBriefing(models.Model):
    """A quarterly briefing (họp giao ban) of an emulation cluster of wards with the association."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="briefings")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    wards_present = models.ManyToManyField(
        Ward, blank=True, related_name="+", verbose_name=_("wards present")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cluster briefing")
        verbose_name_plural = _("cluster briefings")
        ordering = ["-year", "quarter", "cluster__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "quarter"], name="one_briefing_per_cluster_quarter"
            )
        ]

    def __str__(self):
        return f"{self.cluster} – Q{self.quarter}/{self.year}"

    def get_absolute_url(self):
        return reverse("plans:briefing", args=[self.pk])


class ProgressLevel(models.TextChoices):
    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")


class BriefingProgress(models.Model):
    """Where a ward stands on one emulation criterion at a briefing."""

    briefing = models.ForeignKey(ClusterBriefing, on_delete=models.CASCADE, related_name="progress")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(EmulationCriterion, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("progress"), max_length=20, choices=ProgressLevel.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("progress on a criterion")
        verbose_name_plural = _("progress on criteria")
        ordering = ["ward__sort_key", "criterion__content__number", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "ward", "criterion"], name="unique_briefing_progress")
        ]

    def __str__(self):
        return f"{self.briefing} – {self.ward} – {self.criterion}"
