"""Read settings from the environment, failing loudly on nonsense.

A typo in an environment variable must stop the portal at start-up, not
silently fall back to a default (e.g. ``DEBUG=flase`` turning debug off, or
``EMAIL_PORT=25x`` crashing on the first e-mail). Each helper raises
``ImproperlyConfigured`` naming the variable and the value it could not use.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; empty items are refused (``a,,b`` is a typo)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    items = [item.strip() for item in value.split(",")]
    if any(item == "" for item in items):
        raise ImproperlyConfigured(f"{name}={value!r} contains an empty item.")
    return items


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices``, case-insensitive; empty means ``default`` (as everywhere in ``.env.example``)."""
    value = (os.environ.get(name) or default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def env_database(name: str, sqlite_path, *, conn_max_age: int = 60) -> dict:
    """PostgreSQL from ``DATABASE_URL``; otherwise the embedded SQLite file.

    SQLite is tuned for a small office with several people saving at once:
    WAL lets readers work while one writer writes, ``IMMEDIATE`` transactions
    take the write lock up front (no "database is locked" half-way through a
    transaction), and the busy timeout makes a second writer wait instead of
    failing. PostgreSQL connections are kept ``conn_max_age`` seconds (0 behind
    a transaction-pooling PgBouncer, which must own the connections).
    """
    url = os.environ.get(name, "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(sqlite_path),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    if not url.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured(
            f"{name} must be a postgres:// (or sqlite://) URL, got {url.split(':', 1)[0]!r}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} could not be parsed: {error}") from None
    return config


S3_BACKEND = "storages.backends.s3.S3Storage"


def env_s3_storage(location: str) -> dict:
    """A ``STORAGES`` entry for an S3-compatible bucket (django-storages), under the key prefix ``location``.

    The portal's files are personal data: objects are never public (no ACL,
    the bucket's own policy applies), never overwritten, and read through
    URLs signed for ``AWS_QUERYSTRING_EXPIRE`` seconds. Keys left empty fall
    back to boto3's own chain (an instance role, ``~/.aws``).
    """
    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", required=True),
            "location": location,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "access_key": env_str("AWS_ACCESS_KEY_ID"),
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
            "addressing_style": env_choice("AWS_S3_ADDRESSING_STYLE", ("auto", "path", "virtual"), "auto"),
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 60, minimum=1),
            "file_overwrite": False,
        },
    }
