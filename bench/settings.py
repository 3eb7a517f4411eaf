"""Settings of the dashboards benchmark (``bench.dashboards``): the portal's, plus ``/bench/bare/``.

The server gets ``REDIS_URL`` and caches in Redis as in production. The
process that builds the data has none: every row it writes renews the
figures' data version (``engines.figures_cache``), which in its own memory
costs nothing, and the server starts with an empty cache anyway. Static files
get the production manifest (the pages' hashed URLs) without WhiteNoise's
compressed copies, which take a minute to make and no page reads.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
# First, so it counts every query the rest of the stack and the view make.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
