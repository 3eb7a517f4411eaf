"""The production set-up of ``docs/deploy.md`` and ``deploy/`` holds together.

Settings are read once per process, so the bucket option and the production
checks run ``config.settings`` in a fresh Python process (as
``tests/config/test_settings.py`` does). nginx and systemd are not installed
on a test machine: their sample files are read as text and compared with the
settings they must agree with.
"""

import json
import re
import runpy
import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands

from config.env import env_s3_storage
from tests.config.test_settings import REPO_ROOT, _environment, _run

DEPLOY = REPO_ROOT / "deploy"
AWS = {
    "PORTAL_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "xhht-files",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.vn",
    "AWS_S3_REGION_NAME": "ap-southeast-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "secret-example",
    "AWS_S3_ADDRESSING_STYLE": "path",
}


def production_env_sample() -> dict[str, str]:
    """deploy/production.env.example's variables (the commented bucket ones left out)."""
    text = (DEPLOY / "production.env.example").read_text()
    return dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", text, flags=re.MULTILINE))


def production(tmp_path, **overrides) -> dict[str, str]:
    """The sample production environment, with a real secret key, for a fresh process."""
    sample = production_env_sample()
    sample["SECRET_KEY"] = secrets.token_urlsafe(45)
    sample["PORTAL_DATA_DIR"] = str(tmp_path)
    sample.pop("GUNICORN_WORKERS")  # gunicorn's, not the portal's
    return _environment(tmp_path, **{**sample, **overrides})


# --- the bucket option ----------------------------------------------------------------------------


def test_env_s3_storage_reads_the_bucket_from_the_environment(monkeypatch):
    for name, value in AWS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_QUERYSTRING_EXPIRE", raising=False)
    assert env_s3_storage("private") == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "xhht-files",
            "location": "private",
            "endpoint_url": "https://s3.example.vn",
            "region_name": "ap-southeast-1",
            "access_key": "AKIAEXAMPLE",
            "secret_key": "secret-example",
            "addressing_style": "path",
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }


def test_env_s3_storage_leaves_keys_to_boto3_and_refuses_a_missing_bucket(monkeypatch):
    for name in AWS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "xhht-files")
    monkeypatch.setenv("AWS_QUERYSTRING_EXPIRE", "30")
    options = env_s3_storage("media")["OPTIONS"]
    assert (options["access_key"], options["secret_key"], options["endpoint_url"]) == (None, None, None)
    assert (options["location"], options["addressing_style"], options["querystring_expire"]) == (
        "media",
        "auto",
        30,
    )
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "")
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        env_s3_storage("private")


def test_settings_put_the_private_files_and_the_media_in_the_bucket(tmp_path):
    pytest.importorskip("storages.backends.s3")
    code = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
from engines.storage import private_storage
private_storage.bucket_name  # looked up at first use
print(json.dumps({
    "backends": {key: value["BACKEND"] for key, value in settings.STORAGES.items()},
    "private": [type(private_storage._wrapped).__name__,
                private_storage.bucket_name, private_storage.location, private_storage.querystring_expire,
                private_storage.file_overwrite, private_storage.default_acl],
    "media": [default_storage.bucket_name, default_storage.location],
    "url": private_storage.url("evidence/2025/P01/abc.pdf"),
}))
"""
    result = _run(["-c", code], _environment(tmp_path, **AWS))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["backends"] == {
        "default": "storages.backends.s3.S3Storage",
        "private": "storages.backends.s3.S3Storage",
        "staticfiles": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    assert found["private"] == ["S3Storage", "xhht-files", "private", 60, False, None]
    assert found["media"] == ["xhht-files", "media"]
    assert found["url"].startswith("https://s3.example.vn/xhht-files/private/evidence/2025/P01/abc.pdf?")
    assert "X-Amz-Expires=60" in found["url"]


def test_by_default_the_private_files_are_in_their_folder(tmp_path):
    code = (
        "import django; django.setup(); from engines.storage import private_storage; "
        "location = private_storage.location; print(type(private_storage._wrapped).__name__, location)"
    )
    result = _run(["-c", code], _environment(tmp_path, PORTAL_PRIVATE_DIR=str(tmp_path / "evidence")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["PrivateFileStorage", str(tmp_path / "evidence")]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"PORTAL_X_ACCEL_REDIRECT_PREFIX": "_private"}, "must begin and end with /"),
        ({"PORTAL_X_ACCEL_REDIRECT_PREFIX": "/_private"}, "must begin and end with /"),
        ({**AWS, "PORTAL_X_ACCEL_REDIRECT_PREFIX": "/_private/"}, "with PORTAL_STORAGE=s3 leave it empty"),
        ({**AWS, "AWS_STORAGE_BUCKET_NAME": ""}, "AWS_STORAGE_BUCKET_NAME must be set"),
        ({"PORTAL_STORAGE": "ftp"}, "PORTAL_STORAGE='ftp' must be one of: filesystem, s3"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "exclude each other"),
    ],
)
def test_a_storage_or_mail_setting_that_cannot_work_stops_start_up(tmp_path, overrides, message):
    result = _run(["-c", "import django; django.setup()"], _environment(tmp_path, **overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


# --- production checks ----------------------------------------------------------------------------


@pytest.mark.parametrize("bucket", [False, True], ids=["folder-and-nginx", "bucket"])
def test_the_sample_production_environment_passes_the_deploy_checks(tmp_path, bucket):
    if bucket:
        pytest.importorskip("storages.backends.s3")
    overrides = {**AWS, "PORTAL_X_ACCEL_REDIRECT_PREFIX": ""} if bucket else {}
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production(tmp_path, **overrides)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_sample_production_environment_is_what_the_settings_read(tmp_path):
    code = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps([settings.PORTAL_X_ACCEL_REDIRECT_PREFIX, settings.CACHES["default"]["BACKEND"],
    settings.DATABASES["default"]["ENGINE"], settings.DATABASES["default"]["CONN_MAX_AGE"], settings.ADMINS,
    settings.TRUSTED_PROXY_COUNT, settings.SECURE_SSL_REDIRECT, settings.EMAIL_TIMEOUT]))
"""
    result = _run(["-c", code], production(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "/_private/",
        "django.core.cache.backends.redis.RedisCache",
        "django.db.backends.postgresql",
        60,
        [["quantri@example.vn", "quantri@example.vn"]],
        1,
        True,
        10,
    ]


# --- nginx, gunicorn, systemd samples -------------------------------------------------------------


def _nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def test_nginx_sample_refuses_exactly_the_bodies_the_portal_refuses(tmp_path):
    nginx = (DEPLOY / "nginx" / "xhht.conf").read_text()
    limits = re.findall(r"^\s*client_max_body_size\s+(\S+);", nginx, flags=re.MULTILINE)
    default = _run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.PORTAL_MAX_REQUEST_BYTES)",
        ],
        _environment(tmp_path),
    )
    assert default.returncode == 0, default.stderr
    assert [_nginx_size(limit) for limit in limits] == [int(default.stdout)] == [105_906_176]


def test_nginx_sample_serves_the_private_folder_only_internally_under_the_documented_prefix():
    nginx = (DEPLOY / "nginx" / "xhht.conf").read_text()
    sample = production_env_sample()
    prefix = sample["PORTAL_X_ACCEL_REDIRECT_PREFIX"]
    assert prefix == "/_private/"
    assert f"PORTAL_X_ACCEL_REDIRECT_PREFIX={prefix}" in (REPO_ROOT / "docs" / "deploy.md").read_text()
    blocks = dict(re.findall(r"^\s*location\s+(\S+)\s*\{(.*?)\}", nginx, flags=re.MULTILINE | re.DOTALL))
    private = blocks[prefix]
    assert re.search(r"^\s*internal;", private, flags=re.MULTILINE)
    assert re.search(r"^\s*alias\s+(\S+);", private, flags=re.MULTILINE).group(1) == (
        sample["PORTAL_DATA_DIR"] + "/private/"
    )
    # nginx drops the portal's other headers on an X-Accel-Redirect: the location adds back nosniff.
    assert "add_header X-Content-Type-Options nosniff always;" in private
    # The visitor's own X-Forwarded-Proto is never passed on: the portal trusts that header.
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in blocks["/"]


def test_gunicorn_sample_reads_its_numbers_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8100")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert (config["workers"], config["bind"], config["forwarded_allow_ips"]) == (
        3,
        "127.0.0.1:8100",
        "127.0.0.1,::1",
    )
    monkeypatch.delenv("GUNICORN_BIND")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["bind"] == "127.0.0.1:8000"


def test_systemd_units_run_commands_the_portal_has():
    units = {path.name: path.read_text() for path in (DEPLOY / "systemd").glob("*.service")}
    assert sorted(units) == [
        "xhht-backup.service",
        "xhht-reminders.service",
        "xhht-web.service",
        "xhht-worker.service",
    ]
    commands = [re.search(r"manage\.py (\w+)", text) for text in units.values()]
    assert sorted(match.group(1) for match in commands if match) == [
        "backup",
        "db_worker",
        "send_reminders",
    ]
    assert all(match.group(1) in get_commands() for match in commands if match)
    assert "gunicorn --config deploy/gunicorn.conf.py config.wsgi" in units["xhht-web.service"]
    for name, text in units.items():
        assert "EnvironmentFile=/etc/xhht/xhht.env" in text, name
    for timer in ("xhht-backup.timer", "xhht-reminders.timer"):
        assert "OnCalendar=" in (DEPLOY / "systemd" / timer).read_text()


def test_deploy_guide_documents_every_variable():
    guide = (REPO_ROOT / "docs" / "deploy.md").read_text()
    example = (REPO_ROOT / ".env.example").read_text()
    variables = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    variables |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', gunicorn))
    assert "GUNICORN_WORKERS" in variables
    missing = sorted(name for name in variables if f"`{name}`" not in guide)
    assert missing == []
