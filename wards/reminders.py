"""Reminder senders that ``manage.py send_reminders`` runs; apps above ``wards`` add theirs.

Each sender is a dotted path to a function ``(today: date) -> int`` that sends
the reminders due on ``today`` not sent before and returns how many it sent.
An app registers its sender in its ``AppConfig.ready`` (the plans app: the
overdue tasks), so the command's app never imports the apps it reminds for.
"""

from datetime import date

from django.utils.module_loading import import_string

_senders: list[str] = []


def register_reminder_sender(dotted_path: str) -> None:
    """Run the sender at ``dotted_path`` with the others (once, however often called)."""
    if dotted_path not in _senders:
        _senders.append(dotted_path)


def reminder_senders() -> list[str]:
    return list(_senders)


def send_registered_reminders(today: date) -> int:
    """Run every registered sender for ``today``; returns how many reminders they sent in all."""
    return sum(import_string(path)(today) for path in _senders)
