"""Overdue reminders for the plan's tasks, sent with the dossier reminders by ``manage.py send_reminders``.

A task not done nor cancelled after its due date (``plans.overdue``)
is reminded to the people who answer for it — the district unit's staff, or
the ward's officer and chairman (the holders of ``plans.report_task``) — once
a day while it stays overdue. Each reminder is recorded in ``TaskReminder``
under (task, day) in the same transaction that notifies, so running the
command twice a day, or two copies at once, sends nothing twice.
"""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.defaultfilters import truncatechars
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.notifications import notify_users
from plans.models import PlanTask, TaskReminder
from plans.overdue import overdue_tasks
from wards.models import User


def responsible_people(tasks: list[PlanTask]) -> dict[int, list[User]]:
    """For each task, the active users who may report on it (two queries, whatever the number of tasks)."""
    units = {task.unit_id for task in tasks if task.unit_id}
    wards = {task.ward_id for task in tasks if task.ward_id}
    by_unit: dict[int, list[User]] = defaultdict(list)
    by_ward: dict[int, list[User]] = defaultdict(list)
    if units:
        for user in User.objects.filter(is_active=True, unit_id__in=units).prefetch_related("role_grants"):
            by_unit[user.unit_id].append(user)
    if wards:
        for user in User.objects.filter(is_active=True, ward_id__in=wards).prefetch_related("role_grants"):
            by_ward[user.ward_id].append(user)
    return {
        task.pk: [
            user
            for user in (by_unit[task.unit_id] if task.unit_id else by_ward[task.ward_id])
            if user.has_perm("plans.report_task", task)
        ]
        for task in tasks
    }


def send_overdue_task_reminders(today: date) -> int:
    """Remind every task overdue on ``today`` not reminded yet today; returns how many tasks were reminded."""
    tasks = list(overdue_tasks(today=today).select_related("plan", "unit", "ward").order_by("due_on", "pk"))
    people = responsible_people(tasks)
    sent = 0
    for task in tasks:
        try:
            with transaction.atomic():
                TaskReminder.objects.create(task=task, sent_on=today)
                _notify(task, people[task.pk])
        except IntegrityError:
            continue  # sent before today
        sent += 1
    return sent


def _notify(task: PlanTask, users: list[User]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Overdue task of the %(year)s plan: %(task)s (%(responsible)s, due %(date)s)") % {
            "year": task.plan.year,
            "task": truncatechars(task.text, 80),
            "responsible": task.responsible,
            "date": task.due_on.strftime("%d/%m/%Y"),
        }
    notify_users(users, subject, subject, task.get_absolute_url())
