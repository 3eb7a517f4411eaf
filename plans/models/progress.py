from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engines.storage import generated_name, private_storage_callable
from plans.models.plan import PlanTask


def task_evidence_upload_to(instance, filename: str) -> str:
    return generated_name(f"plans/{instance.task.plan.year}/task-{instance.task_id}", filename)


class TaskReport(models.Model):
    """A progress note of the responsible unit on its task, dated."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["reported_on", "pk"]

    def __str__(self):
        return f"{self.task} – {self.reported_on:%d/%m/%Y}"


class TaskEvidence(models.Model):
    """A file that shows the task was done (checked like the dossiers' evidence, stored privately)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("file"), storage=private_storage_callable, upload_to=task_evidence_upload_to, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task evidence")
        verbose_name_plural = _("task evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class TaskEvent(models.Model):
    """The record of a training or conference held for a task."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="events")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    audience = models.CharField(_("audience"), max_length=300)
    participants = models.PositiveIntegerField(_("participants"))
    women = models.PositiveIntegerField(_("of which women"), default=0)
    materials = models.TextField(_("materials"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("event record")
        verbose_name_plural = _("event records")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(women__lte=models.F("participants")), name="event_women_within"
            )
        ]

    def __str__(self):
        return f"{self.task} – {self.held_on:%d/%m/%Y}"


class TaskEventAttendance(models.Model):
    """How many came from one unit (a ward, a district unit, a school…)."""

    event = models.ForeignKey(TaskEvent, on_delete=models.CASCADE, related_name="attendance")
    unit_name = models.CharField(_("unit"), max_length=200)
    participants = models.PositiveIntegerField(_("participants"))

    class Meta:
        verbose_name = _("participants of a unit")
        verbose_name_plural = _("participants by unit")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.unit_name}: {self.participants}"
