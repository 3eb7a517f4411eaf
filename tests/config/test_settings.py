"""Settings come from the environment and fail loudly on nonsense.

The helpers of ``config.env`` are tested in-process with ``monkeypatch``; the
start-up rules of ``config.settings`` (production refuses to start without a
real secret key and host list, ``check --deploy`` is clean, DEBUG is off by
default) are tested in a fresh Python process, since settings are read once
per process. None of these tests touch the database.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_database, env_int, env_list, env_str

REPO_ROOT = Path(__file__).resolve().parents[2]
HOST = "xhht.example.vn"


# --- config.env helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["flase", "ture", "2", "enabled", "yes please"])
def test_env_bool_rejects_nonsense(monkeypatch, value):
    monkeypatch.setenv("X", value)
    with pytest.raises(ImproperlyConfigured, match="X="):
        env_bool("X")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" on ", True),
        ("0", False),
        ("FALSE", False),
        ("no", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool_accepts_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("X", value)
    assert env_bool("X", default=not expected) is expected


def test_env_bool_default_when_unset(monkeypatch):
    monkeypatch.delenv("X", raising=False)
    assert env_bool("X") is False
    assert env_bool("X", True) is True


@pytest.mark.parametrize("value", ["25x", "2.5", "twenty", "0x19"])
def test_env_int_rejects_nonsense(monkeypatch, value):
    monkeypatch.setenv("EMAIL_PORT", value)
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)


def test_env_int_rejects_below_minimum(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("EMAIL_PORT", 25, minimum=1)


def test_env_int_accepts_numbers_and_defaults(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", " 587 ")
    assert env_int("EMAIL_PORT", 25, minimum=1) == 587
    monkeypatch.setenv("EMAIL_PORT", "1")
    assert env_int("EMAIL_PORT", 25, minimum=1) == 1
    monkeypatch.setenv("EMAIL_PORT", "")
    assert env_int("EMAIL_PORT", 25, minimum=1) == 25
    monkeypatch.delenv("EMAIL_PORT")
    assert env_int("EMAIL_PORT", 25, minimum=1) == 25


@pytest.mark.parametrize("value", ["a,,b", "a,", ",a", "a, ,b"])
def test_env_list_rejects_empty_items(monkeypatch, value):
    monkeypatch.setenv("ALLOWED_HOSTS", value)
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list("ALLOWED_HOSTS")


def test_env_list_accepts_lists_and_defaults(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "xhht.example.vn, www.xhht.example.vn")
    assert env_list("ALLOWED_HOSTS") == ["xhht.example.vn", "www.xhht.example.vn"]
    monkeypatch.setenv("ALLOWED_HOSTS", "")
    assert env_list("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]
    monkeypatch.delenv("ALLOWED_HOSTS")
    assert env_list("ALLOWED_HOSTS") == []


def test_env_choice_rejects_unknown_value(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "prod")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_ENV='prod'"):
        env_choice("PORTAL_ENV", ("development", "production"), "development")


def test_env_choice_accepts_known_values(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", " Production ")
    assert env_choice("PORTAL_ENV", ("development", "production"), "development") == "production"
    monkeypatch.delenv("PORTAL_ENV")
    assert env_choice("PORTAL_ENV", ("development", "production"), "development") == "development"


def test_env_str_required(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env_str("SECRET_KEY", required=True)
    monkeypatch.setenv("SECRET_KEY", "")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env_str("SECRET_KEY", required=True)
    monkeypatch.setenv("SECRET_KEY", "abc")
    assert env_str("SECRET_KEY", required=True) == "abc"


@pytest.mark.parametrize("url", ["mysql://user:pw@localhost/xhht", "oracle://db/xhht", "localhost:5432"])
def test_env_database_rejects_other_engines(monkeypatch, tmp_path, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", tmp_path / "portal.sqlite3")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_env_database_defaults_to_tuned_sqlite(monkeypatch, tmp_path, value):
    if value is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", value)
    config = env_database("DATABASE_URL", tmp_path / "portal.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "portal.sqlite3")
    options = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout=" in options["init_command"]
    assert "foreign_keys=ON" in options["init_command"]


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_env_database_postgres_url(monkeypatch, tmp_path, scheme):
    monkeypatch.setenv("DATABASE_URL", f"{scheme}://xhht:s3cret@db.example.vn:5433/xhht")
    config = env_database("DATABASE_URL", tmp_path / "portal.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("xhht", "xhht", "s3cret")
    assert (config["HOST"], config["PORT"]) == ("db.example.vn", 5433)


# --- config.settings in a fresh process (no database needed) --------------------------------------


def _environment(tmp_path, **overrides) -> dict[str, str]:
    """The test runner's environment without any settings we want to control."""
    env = dict(os.environ)
    for name in (
        "SECRET_KEY",
        "DATABASE_URL",
        "DEBUG",
        "ALLOWED_HOSTS",
        "PORTAL_ENV",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    ):
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["PORTAL_DATA_DIR"] = str(tmp_path)
    env.update(overrides)
    return env


def _run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _setup(env) -> subprocess.CompletedProcess:
    return _run(["-c", "import django; django.setup()"], env)


def _production(tmp_path, **overrides) -> dict[str, str]:
    settings = {"PORTAL_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(45), "ALLOWED_HOSTS": HOST}
    settings.update(overrides)
    return _environment(tmp_path, **settings)


def test_production_starts_with_secret_key_and_hosts(tmp_path):
    result = _setup(_production(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 50}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DEBUG": "1"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start(tmp_path, overrides, named):
    env = _production(tmp_path, **overrides)
    for name, value in overrides.items():
        if value == "":
            env.pop(name)
    result = _setup(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_typo_in_a_variable_stops_start_up(tmp_path):
    result = _setup(_environment(tmp_path, EMAIL_PORT="25x"))
    assert result.returncode != 0
    assert "EMAIL_PORT='25x'" in result.stderr


def test_a_request_limit_below_one_file_stops_start_up(tmp_path):
    """Otherwise one allowed evidence file would meet the 413 page instead of being accepted."""
    result = _setup(_environment(tmp_path, EVIDENCE_MAX_BYTES="2000", PORTAL_MAX_REQUEST_BYTES="1000"))
    assert result.returncode != 0
    assert "PORTAL_MAX_REQUEST_BYTES must be at least EVIDENCE_MAX_BYTES." in result.stderr


def test_production_passes_deploy_checks(tmp_path):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_debug_is_off_by_default(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = _run(["-c", code], _environment(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_development_keeps_its_secret_key_in_the_data_dir(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    first = _run(["-c", code], _environment(tmp_path))
    second = _run(["-c", code], _environment(tmp_path))
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    assert second.stdout.strip() == key == (tmp_path / "secret_key").read_text().strip()


def test_env_example_lists_every_variable_read_by_settings():
    source = (REPO_ROOT / "config" / "settings.py").read_text()
    # config.env reads the bucket's variables itself (env_s3_storage).
    source += (REPO_ROOT / "config" / "env.py").read_text()
    read = set(re.findall(r'env_\w+\(\s*"([A-Z][A-Z0-9_]*)"', source))
    example = (REPO_ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert len(read) >= 15
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"
    assert listed <= read, f"not read by settings.py: {sorted(listed - read)}"
