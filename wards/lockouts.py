"""Accounts and addresses locked out after too many wrong passwords (django-axes), and lifting a lockout.

Axes keeps one ``AccessAttempt`` row per (user name, address, browser) with
its failures; it refuses a user name whose rows add up to the limit, from any
address, and an address whose rows do, for any user name, until the cool-off
has passed since the last failure. The administrator's page lists the rows
still inside the cool-off; unlocking a row forgets every failure of its user
name and of its address, so both locks it may be part of are lifted.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


@dataclass(frozen=True)
class Lockout:
    pk: int
    username: str
    ip_address: str
    failures: int
    last_attempt: datetime
    account_locked: bool
    address_locked: bool


def recent_attempts():
    """The failure rows still inside the cool-off: those that can lock, or add to a lock."""
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - get_cool_off())


def current_lockouts() -> list[Lockout]:
    """Each recent failure row, most recent first, with whether its account or its address is locked now."""
    attempts = list(recent_attempts().order_by("-attempt_time", "-pk"))
    by_username = _failures_by("username")
    by_address = _failures_by("ip_address")
    limit = settings.AXES_FAILURE_LIMIT
    return [
        Lockout(
            pk=attempt.pk,
            username=attempt.username or "",
            ip_address=attempt.ip_address or "",
            failures=attempt.failures_since_start,
            last_attempt=attempt.attempt_time,
            account_locked=by_username.get(attempt.username, 0) >= limit,
            address_locked=by_address.get(attempt.ip_address, 0) >= limit,
        )
        for attempt in attempts
    ]


def _failures_by(field: str) -> dict[str, int]:
    """Recent failures added up per user name or per address, as axes adds them up to decide."""
    totals = recent_attempts().exclude(**{f"{field}__isnull": True}).order_by().values(field)
    return {row[field]: row["total"] for row in totals.annotate(total=Sum("failures_since_start"))}


def unlock(attempt: AccessAttempt) -> int:
    """Forget the failures of ``attempt``'s user name and of its address; the number of rows removed."""
    return AxesProxyHandler.reset_attempts(
        ip_address=attempt.ip_address, username=attempt.username, ip_or_username=True
    )
