from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centers.models.center import Center, Partner
from centers.models.people import SearchableName
from wards.history import FieldHistory


class ActivityGroup(models.TextChoices):
    """The kinds of work the plan names (section II.2); the catalogue's entries each belong to one."""

    LITERACY = "literacy", _("Literacy and post-literacy classes")
    UNIVERSAL_EDUCATION = "universal_education", _("Universal-education classes")
    TALK = "talk", _("Thematic talks")
    VOCATIONAL = "vocational", _("Short vocational courses")
    IT = "it", _("IT courses")
    LANGUAGE = "language", _("Foreign-language courses")
    HOBBY = "hobby", _("Hobby and talent classes")


class ActivityKind(models.Model):
    """An entry of the activity catalogue; the district adds its own beside the plan's."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=30, choices=ActivityGroup.choices)
    counts_only = models.BooleanField(
        _("attendance as counts"),
        default=False,
        help_text=_(
            "Large talks record how many came (women, ethnic minority) instead of a list of learners."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("kind of activity")
        verbose_name_plural = _("kinds of activity")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Attendance(models.TextChoices):
    LIST = "list", _("List of learners")
    COUNTS = "counts", _("Counts")


class Activity(models.Model):
    """A class, course or talk of a centre, with its sessions."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="activities")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True, editable=False)
    kind = models.ForeignKey(
        ActivityKind, on_delete=models.PROTECT, related_name="activities", verbose_name=_("kind")
    )
    title = models.CharField(_("topic"), max_length=255)
    instructor = models.CharField(_("instructor"), max_length=200, blank=True)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("partner"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendance = models.CharField(
        _("attendance recorded as"), max_length=10, choices=Attendance.choices, default=Attendance.LIST
    )
    note = models.TextField(_("note"), blank=True)
    learners = models.ManyToManyField(
        "Learner", blank=True, related_name="activities", verbose_name=_("learners")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="activity_ends_after_start")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # An activity belongs to the year it starts in: the year's figures and calendar count it there.
        self.year = self.starts_on.year
        if kwargs.get("update_fields") and "starts_on" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("centers:activity_detail", args=[self.center_id, self.pk])


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Learner(SearchableName):
    """A person who attends a centre's classes: personal data, seen only by the ward's and education staff."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="learners")
    full_name = models.CharField(_("full name"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)
    residential_group = models.CharField(_("residential group"), max_length=60, blank=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name


class Session(models.Model):
    """One meeting of an activity and who came.

    The counts are stored on every session: entered for a talk recorded as
    counts, computed from ``attendees`` for one recorded as a list (by
    ``centers.activities.record_session``), so the figures sum one column.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"), db_index=True)
    topic = models.CharField(_("topic of the session"), max_length=255, blank=True)
    attendees = models.ManyToManyField(
        Learner, blank=True, related_name="sessions", verbose_name=_("attendees")
    )
    total = models.PositiveIntegerField(_("attendance"), default=0)
    women = models.PositiveIntegerField(_("women"), default=0)
    ethnic_minority = models.PositiveIntegerField(_("ethnic minority"), default=0)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(women__lte=F("total")) & Q(ethnic_minority__lte=F("total")),
                name="session_counts_within_total",
            )
        ]

    def __str__(self):
        return f"{self.activity} – {self.date:%d/%m/%Y}"
