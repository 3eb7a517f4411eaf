"""Every URL of the portal, asked by every persona, with GET and POST: the answer is the declared one.

The world (``tests.permission_matrix_world``) is built once per module (per
xdist worker) inside a transaction rolled back at the end; each request runs
in a savepoint rolled back after it, so no request changes what the next one
sees. The expected answers are ``tests.permission_matrix_table.EXPECTED``:
one row per URL name, one letter per persona. A refused POST (403, 404, 405,
or the login page) must leave every row count of the portal's apps — their
field-history tables included, so a changed field shows too — and every
``state`` column as they were; no GET may move a state.
"""

import hashlib
from urllib.parse import urlsplit

import pytest
import weasyprint
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.assessments.conftest import PDF_BYTES
from tests.permission_matrix_table import (
    ALLOWED,
    EXPECTED,
    FORBIDDEN,
    INVALID,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    PERSONAS,
    SKIPPED_NAMES,
    SKIPPED_NAMESPACES,
    expected_row,
)
from tests.permission_matrix_world import build_world, url_kwargs

PORTAL_APPS = ("wards", "assessments", "centers", "plans", "engines")
REFUSED = {FORBIDDEN, NOT_FOUND, NOT_ALLOWED, LOGIN}
URL_COUNT = 194  # named URL patterns of the portal, the skipped ones left out


def url_names(resolver=None, namespace="") -> list[str]:
    """Every URL name of the project with its namespaces; unnamed patterns as ``<unnamed: route>``."""
    names = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            if pattern.namespace not in SKIPPED_NAMESPACES:
                names += url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.append(namespace + pattern.name if pattern.name else f"<unnamed: {pattern.pattern}>")
    return [name for name in names if name not in SKIPPED_NAMES]


URL_NAMES = url_names()


def test_every_url_is_in_the_table_and_the_table_names_only_urls():
    assert len(URL_NAMES) == len(set(URL_NAMES)) == URL_COUNT
    assert sorted(set(URL_NAMES) - set(EXPECTED)) == [], "new URL without an entry"
    assert sorted(set(EXPECTED) - set(URL_NAMES)) == [], "entry for a URL that is gone"


# --- The world and the signed-in clients ----------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world and a session per persona, made once; rolled back when the module is done."""
    with (
        override_settings(
            PRIVATE_FILES_ROOT=tmp_path_factory.mktemp("private"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            LANGUAGE_CODE="vi",
            OTP_REQUIRED=False,
            AXES_ENABLED=False,
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        built = build_world()
        assert tuple(built.users) == PERSONAS
        built.sessions = {}
        for persona, user in built.users.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                built.sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield built
        transaction.set_rollback(True)


def client_of(world, persona: str) -> Client:
    client = Client()
    if persona in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    return client


# --- Asking and judging ---------------------------------------------------------------------------


def outcome(response) -> str:
    """The answer as a letter of the table (or the status code, which no row expects)."""
    if response.status_code in (301, 302, 303, 307, 308):
        location = urlsplit(response["Location"])
        if location.path == reverse("login") and "next=" in location.query:
            return LOGIN
        return ALLOWED
    if 200 <= response.status_code < 300:
        return ALLOWED
    return {400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(
        response.status_code, str(response.status_code)
    )


def _portal_tables() -> tuple[list[str], list[str]]:
    """The tables of the portal's apps, and those of them with a ``state`` column."""
    models = [model for label in PORTAL_APPS for model in apps.get_app_config(label).get_models()]
    tables = sorted({model._meta.db_table for model in models})
    stateful = sorted(
        {
            model._meta.db_table
            for model in models
            if any(f.name == "state" for f in model._meta.concrete_fields)
        }
    )
    return tables, stateful


def states() -> str:
    """A hash of every ``state`` column of the portal, row by row (one query)."""
    _tables, stateful = _portal_tables()
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(f"SELECT '{table}', id, state FROM {quote(table)}" for table in stateful)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({union}) AS every_state ORDER BY 1, 2")
        return hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()


def snapshot() -> tuple[dict, str]:
    """Row counts of every table of the portal's apps (one query) and the hash of the states."""
    tables, _stateful = _portal_tables()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables))
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
    return counts, states()


def changes(before: tuple[dict, str], after: tuple[dict, str]) -> list[str]:
    (counts_before, states_before), (counts_after, states_after) = before, after
    counted = [
        f"{table}: {counts_before[table]} → {counts_after[table]} rows"
        for table in counts_before
        if counts_before[table] != counts_after[table]
    ]
    return counted + (["a state changed"] if states_before != states_after else [])


def ask(world, url_name: str) -> tuple[dict, list[str]]:
    """``{(persona, method): letter}`` for every persona, and what changed that must not have.

    A GET may write (a document's first rendering issues its number) but never moves a
    state; a refused POST writes nothing at all.
    """
    url = reverse(url_name, kwargs=url_kwargs(url_name, world))
    answers, changed = {}, []
    before = snapshot()
    for persona in PERSONAS:
        for method in ("GET", "POST"):
            with transaction.atomic():
                client = client_of(world, persona)
                response = client.get(url) if method == "GET" else client.post(url, {})
                answers[persona, method] = letter = outcome(response)
                if response.streaming:
                    # Read to the end: the test client then closes the file. ``response.close()`` would
                    # say the request finished once more, and Django would close the connection it finds
                    # inside a transaction (the world's, on PostgreSQL).
                    b"".join(response.streaming_content)
                if method == "GET" and states() != before[1]:
                    changed.append(f"{persona} GET: a state changed")
                if method == "POST" and letter in REFUSED:
                    changed += [f"{persona} POST: {change}" for change in changes(before, snapshot())]
                transaction.set_rollback(True)
            cache.clear()  # nothing computed from the rolled-back rows outlives them
    return answers, changed


class _QuickPdf:
    """WeasyPrint's ``HTML`` answering a fixed one-page PDF: the templates still render, only the layout
    engine (a second per document, a ZIP holds dozens) is left out — the matrix is about who gets an answer."""

    def __init__(self, **kwargs):
        pass

    def write_pdf(self, **kwargs) -> bytes:
        return PDF_BYTES


@pytest.fixture
def quick_pdf(monkeypatch):
    monkeypatch.setattr(weasyprint, "HTML", _QuickPdf)


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_each_persona_gets_the_declared_answer_and_refused_posts_change_nothing(
    url_name, world, db, quick_pdf
):
    if url_name not in EXPECTED:
        pytest.fail(f"new URL without an entry in tests/permission_matrix_table.py: {url_name}")
    answers, changed = ask(world, url_name)

    expected = expected_row(url_name)
    differences = {
        f"{persona} {method}": f"expected {expected[persona, method]}, got {answers[persona, method]}"
        for persona, method in answers
        if answers[persona, method] != expected[persona, method]
    }
    assert differences == {}
    assert changed == []
