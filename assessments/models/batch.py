from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engines.storage import private_storage_callable


class BatchState(models.TextChoices):
    QUEUED = "queued", _("Waiting for the background worker")
    RUNNING = "running", _("Being produced")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def batch_upload_to(instance, filename: str) -> str:
    return f"batches/{instance.created_at:%Y}/{instance.pk}/{filename}"


class DocumentBatch(models.Model):
    """Many documents of one kind produced at once in the background, delivered as one ZIP.

    ``assessments.batches.start_batch`` creates it and queues the task;
    ``assessments.batch_rendering.run_batch`` renders the documents, counting ``done``
    after each, and stores the ZIP in the private storage.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="document_batches"
    )
    kind = models.CharField(_("document"), max_length=40)  # a key of documents.registry.DOCUMENT_TYPES
    object_ids = models.JSONField(_("objects"), default=list)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=BatchState.choices, default=BatchState.QUEUED)
    result = models.FileField(
        _("ZIP file"), storage=private_storage_callable, upload_to=batch_upload_to, max_length=255, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document batch")
        verbose_name_plural = _("document batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} × {self.total} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("assessments:batch_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in {BatchState.DONE, BatchState.FAILED}

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0

    @property
    def percent_step(self) -> int:
        """``percent`` rounded down to a step of 10, for the ``w-NN`` width classes of the progress bar."""
        return self.percent // 10 * 10
