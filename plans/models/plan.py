from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engines.workflow import StateChangeBase, StatefulModel
from wards.history import FieldHistory
from wards.models import District, DistrictUnit, Ward


class YearPlan(models.Model):
    """The steering committee's yearly plan for a learning society (kế hoạch xây dựng XHHT năm …).

    The document's parts are rows (bases, sections, tasks, recipients) so the
    plan prints in the Decree 30/2020 layout and its tasks can be followed.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=40, blank=True, help_text=_("e.g. 25/KH-BCĐ"))
    issued_on = models.DateField(_("date"), null=True, blank=True)
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    purposes = models.TextField(_("purposes"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    closing = models.TextField(_("closing sentence"), blank=True)
    signer_capacity = models.CharField(
        _("signs as"), max_length=120, blank=True, help_text=_("e.g. TRƯỞNG BAN")
    )
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="one_plan_per_district_year")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.year])


class PlanBasis(models.Model):
    """One legal basis (căn cứ) of the plan, in the order printed."""

    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="bases")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]


class PlanRecipient(models.Model):
    """One line of the distribution list (nơi nhận)."""

    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="recipients")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("recipient"), max_length=300)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class SectionPart(models.TextChoices):
    CONTENT = "content", _("Content (II)")
    ORGANISATION = "organisation", _("Organisation of the work (III)")


class PlanSection(models.Model):
    """A numbered section of the plan's content (II) or of its organisation (III), with its text."""

    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="sections")
    part = models.CharField(_("part"), max_length=20, choices=SectionPart.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(_("number"), max_length=10, blank=True, help_text=_("e.g. 1, 2.1"))
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["part", "order", "pk"]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title


class TaskState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanTask(StatefulModel):
    """A task of the plan: what, who answers for it (a district unit or a ward), with whom, by when.

    "The 15 wards" of the plan's text is one task per ward, so each ward
    reports on its own. ``due_on`` is the last day of its last period: past it
    (Asia/Ho_Chi_Minh), a task neither done nor cancelled is overdue.
    """

    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        PlanSection, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("section")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("task"))
    unit = models.ForeignKey(
        DistrictUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_tasks",
        verbose_name=_("responsible unit"),
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_tasks",
        verbose_name=_("responsible ward"),
    )
    coordinating_units = models.ManyToManyField(
        DistrictUnit, blank=True, related_name="coordinated_tasks", verbose_name=_("coordinating units")
    )
    criteria = models.ManyToManyField(
        "assessments.Criterion",
        blank=True,
        related_name="plan_tasks",
        verbose_name=_("assessment criteria served"),
    )
    is_event = models.BooleanField(
        _("training or conference"),
        default=False,
        help_text=_("Its report records the event: date, place, participants."),
    )
    state = models.CharField(
        _("status"), max_length=20, choices=TaskState.choices, default=TaskState.NOT_STARTED
    )
    due_on = models.DateField(_("due by"), db_index=True)
    period_label = models.CharField(
        _("when"), max_length=100, help_text=_("As the plan writes it, e.g. Tháng 3, 4/2018")
    )

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["section__part", "section__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(ward__isnull=True))
                | (Q(unit__isnull=True) & Q(ward__isnull=False)),
                name="task_has_one_responsible",
            )
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("plans:task_detail", args=[self.pk])

    @property
    def responsible(self):
        return self.unit or self.ward


class TaskPeriod(models.Model):
    """A month or quarter the task falls in ("Các Quý I, II, III" is three periods)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="periods")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    label = models.CharField(_("period"), max_length=40, help_text=_("e.g. Tháng 01/2018, Quý II/2018"))

    class Meta:
        verbose_name = _("task period")
        verbose_name_plural = _("task periods")
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return self.label


class TaskChange(StateChangeBase):
    """Append-only history of a task's status."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=TaskState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=TaskState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("task change")
        verbose_name_plural = _("task changes")
