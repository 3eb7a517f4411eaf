from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centers.models.center import Center
from engines.workflow import StateChangeBase, StatefulModel


class RatingRubric(models.Model):
    """The district's rubric for the year-end rating of the centres: areas with points, and bands.

    Local data (no national rubric exists): the district edits it; a year's
    ratings keep the rubric they were scored with.
    """

    name = models.CharField(_("name"), max_length=200)
    valid_from = models.PositiveSmallIntegerField(_("from year"), unique=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rating rubric")
        verbose_name_plural = _("rating rubrics")
        ordering = ["-valid_from"]

    def __str__(self):
        return self.name


class RatingArea(models.Model):
    """One area of the rubric (management, activities, social participation, effectiveness…)."""

    rubric = models.ForeignKey(RatingRubric, on_delete=models.CASCADE, related_name="areas")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("what is looked at"), blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("rating area")
        verbose_name_plural = _("rating areas")
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["rubric", "order"], name="unique_rating_area_order")]

    def __str__(self):
        return self.name


class RatingBand(models.Model):
    """A result of the rating (Tốt, Khá, Trung bình, Chưa đạt) from a number of points up."""

    rubric = models.ForeignKey(RatingRubric, on_delete=models.CASCADE, related_name="bands")
    label = models.CharField(_("result"), max_length=60)
    min_points = models.DecimalField(_("from points"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("rating band")
        verbose_name_plural = _("rating bands")
        ordering = ["-min_points"]
        constraints = [models.UniqueConstraint(fields=["rubric", "min_points"], name="unique_rating_band")]

    def __str__(self):
        return f"{self.label} ≥ {self.min_points}"


class RatingState(models.TextChoices):
    DRAFT = "draft", _("Being scored")
    SCORED = "scored", _("Scored, awaiting approval")
    APPROVED = "approved", _("Approved")


class CenterRating(StatefulModel):
    """A centre's year-end rating: scored by the district in December, then approved."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("year"))
    rubric = models.ForeignKey(RatingRubric, on_delete=models.PROTECT, related_name="ratings")
    state = models.CharField(
        _("state"), max_length=20, choices=RatingState.choices, default=RatingState.DRAFT
    )
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=1, default=0)
    result = models.CharField(_("result"), max_length=60, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("centre rating")
        verbose_name_plural = _("centre ratings")
        ordering = ["-year", "center__ward__sort_key"]
        constraints = [models.UniqueConstraint(fields=["center", "year"], name="unique_center_rating_year")]

    def __str__(self):
        return f"{self.center} – {self.year}"

    def get_absolute_url(self):
        return reverse("centers:rating", args=[self.center_id, self.year])

    @property
    def is_approved(self) -> bool:
        return self.state == RatingState.APPROVED


class RatingScore(models.Model):
    rating = models.ForeignKey(CenterRating, on_delete=models.CASCADE, related_name="scores")
    area = models.ForeignKey(RatingArea, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("rating score")
        verbose_name_plural = _("rating scores")
        ordering = ["area__order"]
        constraints = [models.UniqueConstraint(fields=["rating", "area"], name="unique_rating_score")]

    def __str__(self):
        return f"{self.rating} – {self.area}: {self.points}"


class RatingChange(StateChangeBase):
    """Append-only history of a rating's states."""

    rating = models.ForeignKey(CenterRating, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=RatingState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=RatingState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("rating change")
        verbose_name_plural = _("rating changes")
