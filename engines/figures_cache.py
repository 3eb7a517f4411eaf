"""Figures computed from many rows, kept in the cache until the data under them changes.

The dashboards aggregate thousands of rows; the steering committee opens them
far more often than the data changes. Every cached figure is stored under the
current *data version*, a token that changes whenever a row of the portal's
own apps is written — by ``save``/``delete`` (signals, connected in
``EnginesConfig.ready``), by the workflow engine's state write (which is an
``UPDATE`` and sends no signal) and by bulk writers, which call
``data_changed`` themselves. A figure is therefore never stale: after a
transition its key no longer exists and the next request computes it afresh.

The token changes twice for a write inside a transaction: at once (so the
writer's own next read is fresh) and again after the commit, so a figure that
another request computed from the not-yet-committed state is never read.

The token and the figures live in Django's default cache: Redis when
``REDIS_URL`` is set, shared by every worker; otherwise the process's memory
(``runserver``, tests) or, in production, files under ``PORTAL_DATA_DIR``.
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

T = TypeVar("T")

VERSION_KEY = "figures:version"
# Figures are recomputed at least once a day even when nothing changes (dates move "overdue" on).
TIMEOUT_SECONDS = 6 * 60 * 60
# Apps whose rows the figures are made of. Sessions, the task queue and the like are not.
WATCHED_APPS = frozenset({"wards", "engines", "centers", "assessments", "plans"})
# Rows of watched apps that no figure reads, written often (a notification read, a reminder sent).
IGNORED_MODELS = frozenset({"assessments.notification", "plans.taskreminder"})


def data_version() -> str:
    """The current data version; made on first use."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def data_changed() -> None:
    """Make every cached figure out of date: now, and again once the current transaction commits.

    Outside a transaction the write is already committed; inside one, the
    second change is queued once however many rows the transaction writes.
    """
    _new_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        func is _new_version for _savepoints, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_new_version)


def forget_figures(_run=None) -> None:
    """``manage.py seed_scale``'s step (registered in ``EnginesConfig.ready``): its rows go in without
    signals, so every figure is out of date once its transaction commits."""
    data_changed()


def cached_figure(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or its value cached for ``name`` and ``parts`` under the current data version.

    ``parts`` names what the figure depends on besides the data (the year, the
    ward, a filter); the page's language is added, since figures carry labels.
    """
    key = ":".join(["figures", data_version(), name, get_language() or "", *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT_SECONDS)
    return value


def _watched(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in WATCHED_APPS and meta.label_lower not in IGNORED_MODELS


def _row_written(sender, **kwargs) -> None:
    if _watched(sender):
        data_changed()


def watch_writes() -> None:
    """Connect the signals that mark the data changed (called once, from ``EnginesConfig.ready``)."""
    post_save.connect(_row_written, dispatch_uid="figures_cache_post_save")
    post_delete.connect(_row_written, dispatch_uid="figures_cache_post_delete")
    m2m_changed.connect(_row_written, dispatch_uid="figures_cache_m2m_changed")
