"""Settings of the learning-society portal, read from the environment.

``PORTAL_ENV`` chooses the mode: ``development`` (the default: embedded
SQLite, console e-mail) or ``production`` (refuses to start without a real
``SECRET_KEY`` and ``ALLOWED_HOSTS``; HTTPS-only cookies and HSTS). Every
variable is listed with its meaning in ``.env.example``.
"""

from datetime import timedelta
from pathlib import Path

import bootstrap_wrapper
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_choice, env_database, env_int, env_list, env_s3_storage, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PORTAL_ENV = env_choice("PORTAL_ENV", ("development", "production"), "development")
PRODUCTION = PORTAL_ENV == "production"
DATA_DIR = Path(env_str("PORTAL_DATA_DIR", str(BASE_DIR / "data")))
PORTAL_NAME = env_str("PORTAL_NAME", "Xây dựng xã hội học tập")

DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PORTAL_ENV=production.")


def _development_secret_key() -> str:
    """A per-checkout random key kept in the data folder, so sessions survive restarts."""
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when PORTAL_ENV=production.")
else:
    SECRET_KEY = env_str("SECRET_KEY") or _development_secret_key()
    (DATA_DIR / "staticfiles").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Who gets the e-mail of a server error (Django's mail_admins logger): comma-separated addresses.
ADMINS = [(address, address) for address in env_list("ADMINS")]
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"  # the portal's page instead of Django's bare English one

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "template_partials",
    "csp",
    "django_tasks",
    "simple_history",
    "config.apps.TasksDatabaseConfig",  # django_tasks_db, with a translated name
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wards",
    "engines",
    "assessments",
    "centers",
    "plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # The audit history (wards/history.py) records the signed-in user as the author of each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.RequestSizeLimitMiddleware",  # before any view (or CSRF check) reads the body
    "engines.middleware.DocumentFailureMiddleware",
    "config.middleware.IdleSessionMiddleware",
    "wards.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wards.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        DATA_DIR / "portal.sqlite3",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "wards.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address before the password
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "wards:home"  # "/", which sends each user on to wards.landing.landing_url
LOGOUT_REDIRECT_URL = "login"

# Login defences (wards/sign_in.py, wards/two_factor.py). After LOGIN_FAILURE_LIMIT wrong passwords for one
# account (from anywhere) or from one address (for any account), that account or address is refused for
# LOGIN_LOCKOUT_MINUTES; a system administrator can lift it sooner (Manage → Login lockouts).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wards.views.sign_in.lockout_page"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # works on SQLite and PostgreSQL, across workers
AXES_DISABLE_ACCESS_LOG = True  # the portal keeps its own sign-in log (wards.SignInEvent)
AXES_VERBOSE = False  # no banner at every start; failures and lockouts are still logged
# Behind a reverse proxy every request comes from the proxy's address: name how many proxies stand in front
# (each appends to X-Forwarded-For) so the lockout counts the visitor's address instead.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
# Ward chairmen, district approvers and administrators confirm each sign-in with a code from an
# authenticator app (TOTP) or a one-time recovery code. Off only for a local demo (`./dev run`).
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
OTP_TOTP_ISSUER = PORTAL_NAME
# Shared ward-office PCs: a session ends after SESSION_IDLE_MINUTES without a request
# (config.middleware.IdleSessionMiddleware) and when the browser closes.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The stored session outlives the idle limit a little, so the idle check (not a vanished session) ends it
# and can say why; a session abandoned for longer is gone from the database too.
SESSION_COOKIE_AGE = (SESSION_IDLE_MINUTES + 60) * 60

# Language, time and dates: Vietnamese first, dd/mm/yyyy everywhere.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap/css", bootstrap_wrapper.get_bootstrap_css_dir()),
    ("bootstrap/js", bootstrap_wrapper.get_bootstrap_js_dir()),
]
# Several app servers share these two folders (one network file system), unless the files live in a bucket
# (PORTAL_STORAGE=s3 below); static files are collected on each server.
MEDIA_ROOT = Path(env_str("PORTAL_MEDIA_DIR", str(DATA_DIR / "media")))
PRIVATE_FILES_ROOT = Path(env_str("PORTAL_PRIVATE_DIR", str(DATA_DIR / "private")))
# Reminders go this many working days before a due date (and once more when it has passed).
REMINDER_WORKING_DAYS_BEFORE = env_int("REMINDER_WORKING_DAYS_BEFORE", 2, minimum=1)
# Largest evidence file or signed scan accepted, in bytes (checked before the file is stored).
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
# Largest request body, in bytes: refused with a 413 page from its Content-Length, before a byte of it is
# read or spooled to disk (config.middleware.RequestSizeLimitMiddleware). A form may carry several
# evidence files, so the default is five of the largest; the proxy's limit (README) should match it.
PORTAL_MAX_REQUEST_BYTES = env_int(
    "PORTAL_MAX_REQUEST_BYTES", 5 * EVIDENCE_MAX_BYTES + 1024 * 1024, minimum=1
)
if PORTAL_MAX_REQUEST_BYTES < EVIDENCE_MAX_BYTES:
    raise ImproperlyConfigured("PORTAL_MAX_REQUEST_BYTES must be at least EVIDENCE_MAX_BYTES.")
# Form fields other than files: 2.5 MB is far above the longest form (a framework's criteria with their
# guidance) and keeps a forged body from filling the memory. Uploaded files above 2.5 MB go to a temporary
# file instead of memory while the request is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploaded and generated files: folders on this server (the default), or an S3-compatible bucket through
# django-storages (`pip install .[s3]`), the private files under the key prefix "private/", media under
# "media/". "private" is the store of evidence, scans and generated batches (engines.storage.private_storage).
PORTAL_STORAGE = env_choice("PORTAL_STORAGE", ("filesystem", "s3"), "filesystem")
if PORTAL_STORAGE == "s3":
    _FILE_STORAGES = {"default": env_s3_storage("media"), "private": env_s3_storage("private")}
else:
    _FILE_STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "engines.storage.PrivateFileStorage"},
    }
# How a private file reaches the browser once the view has checked permission (engines.storage):
# - from a bucket: a redirect to a URL signed for AWS_QUERYSTRING_EXPIRE seconds, or, with
#   PORTAL_S3_DOWNLOADS=stream, through this process (a bucket the browsers cannot reach);
# - from the folder: streamed by this process, or, with PORTAL_X_ACCEL_REDIRECT_PREFIX set (e.g. /_private/),
#   by nginx from its `internal` location of that prefix (an empty answer with X-Accel-Redirect).
PORTAL_S3_DOWNLOADS = env_choice("PORTAL_S3_DOWNLOADS", ("redirect", "stream"), "redirect")
PORTAL_X_ACCEL_REDIRECT_PREFIX = env_str("PORTAL_X_ACCEL_REDIRECT_PREFIX", "")
if PORTAL_X_ACCEL_REDIRECT_PREFIX and not (
    PORTAL_X_ACCEL_REDIRECT_PREFIX.startswith("/") and PORTAL_X_ACCEL_REDIRECT_PREFIX.endswith("/")
):
    raise ImproperlyConfigured("PORTAL_X_ACCEL_REDIRECT_PREFIX must begin and end with /, e.g. /_private/.")
if PORTAL_X_ACCEL_REDIRECT_PREFIX and PORTAL_STORAGE == "s3":
    raise ImproperlyConfigured(
        "PORTAL_X_ACCEL_REDIRECT_PREFIX serves files from a folder; with PORTAL_STORAGE=s3 leave it empty."
    )
STORAGES = {
    **_FILE_STORAGES,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Background tasks (django-tasks): batches of documents are rendered by `manage.py db_worker`, not in the
# web process. "immediate" runs each task at once in the process that queues it (tests, one-off scripts).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env_choice("TASKS_BACKEND", tuple(_TASK_BACKENDS), "database")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

# The cache holds the dashboards' figures (engines.figures_cache) and the public pages. Redis when REDIS_URL
# is set, shared by every worker process; otherwise this process's memory, or in production (several
# workers, no Redis) files under PORTAL_DATA_DIR, which every worker shares.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
elif PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache and written through to the database: one query less on every page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed on the console in development, SMTP in production.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "xhht@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465) exclude each other."
    )
# Seconds before an unanswering SMTP server gives up, instead of holding a web worker for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)

# Content-Security-Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
