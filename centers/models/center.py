from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engines.workflow import StateChangeBase, StatefulModel
from wards.history import FieldHistory
from wards.models import DistrictUnit, Ward


class CenterQuerySet(models.QuerySet):
    def open(self) -> "CenterQuerySet":
        return self.filter(closed_on__isnull=True)


class Center(models.Model):
    """A ward's Community Learning Center (Trung tâm học tập cộng đồng, TTHTCĐ).

    One open centre per ward. A centre outlives the ward's form: when wards
    merge (the 2025 two-tier reform) the old centres are closed with
    ``merged_into`` pointing at the merged ward's centre, so their records and
    ratings of past years stay with them and remain readable.
    """

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="centers",
        verbose_name=pgettext_lazy("administrative unit", "ward"),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    established_by = models.CharField(
        _("established by"),
        max_length=200,
        blank=True,
        help_text=_("The decision that established it, e.g. Quyết định số 12/QĐ-UBND"),
    )
    rooms = models.TextField(
        _("rooms"), blank=True, help_text=_("One room per line, e.g. Hội trường – 80 chỗ")
    )
    equipment = models.TextField(_("equipment"), blank=True, help_text=_("One item per line"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CenterQuerySet.as_manager()

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("learning centre")
        verbose_name_plural = _("learning centres")
        ordering = ["ward__sort_key", "-established_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["ward"], condition=Q(closed_on__isnull=True), name="one_open_center_per_ward"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class MemberRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    DEPUTY = "deputy", _("Deputy director")
    STAFF = "staff", _("Staff")
    INSTRUCTOR = "instructor", _("Volunteer instructor")


class CenterMember(models.Model):
    """A person of the centre's board, staff or volunteer instructors.

    The director is a ward vice-chairman; since 07/2025 the ward chairman
    appoints the board (``appointed_by`` keeps the decision, as data).
    """

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=120)
    role = models.CharField(_("role in the centre"), max_length=20, choices=MemberRole.choices)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("e.g. Phó Chủ tịch UBND phường")
    )
    appointed_by = models.CharField(_("appointed by"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("centre member")
        verbose_name_plural = _("centre members")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.full_name


class PartnerKind(models.TextChoices):
    WOMENS_UNION = "womens_union", _("Women's Union")
    PROMOTION_ASSOCIATION = "promotion_association", _("Association for promoting education")
    YOUTH_UNION = "youth_union", _("Youth Union")
    SCHOOL = "school", _("School")
    CONTINUING_EDUCATION = "continuing_education", _("Continuing-education centre")
    OTHER = "other", _("Other")


class Partner(models.Model):
    """An organisation that co-organises the centre's activities."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices, default=PartnerKind.OTHER)
    unit = models.ForeignKey(
        DistrictUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district unit"),
        help_text=_("When the partner is one of the district's units"),
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["center", "name"], name="unique_partner_name")]

    def __str__(self):
        return self.name


class CalendarState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class CenterCalendar(StatefulModel):
    """The centre's yearly activity calendar (lịch hoạt động Trung tâm) that the director publishes.

    Its months are the year's activities and sessions; this row holds whether
    and when the director published it. The state changes through the
    workflow engine (``centers.calendar_workflow``).
    """

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="calendars")
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=20, choices=CalendarState.choices, default=CalendarState.DRAFT
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("activity calendar")
        verbose_name_plural = _("activity calendars")
        constraints = [models.UniqueConstraint(fields=["center", "year"], name="unique_center_calendar_year")]

    def __str__(self):
        return f"{self.center} – {self.year}"

    # --- Read as its centre by the permission predicates (centers.rules), and linked to its page ---

    @property
    def ward(self):
        return self.center.ward

    @property
    def closed_on(self):
        return self.center.closed_on

    def get_absolute_url(self):
        return reverse("centers:calendar", args=[self.center_id, self.year])


class CalendarChange(StateChangeBase):
    """Append-only history of a calendar's publication."""

    calendar = models.ForeignKey(CenterCalendar, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=CalendarState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=CalendarState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")
