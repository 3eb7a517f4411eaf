from django.db import models

from plans.models.plan import PlanTask


class TaskReminder(models.Model):
    """One overdue reminder sent for a task on a day: the key that keeps the command from sending it twice."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "sent_on"], name="one_task_reminder_a_day")]

    def __str__(self):
        return f"{self.task_id} {self.sent_on}"
