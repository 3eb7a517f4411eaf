"""Dashboards benchmark: ``python -m bench.dashboards`` from the repository root.

Measures the steering committee's pages served as in production, against a
bare Django view returning "ok" served the same way, in one run:

1. Builds district-scale data (``bench.district_history``: the demo district
   of ``manage.py seed_demo`` with ``--wards`` wards, ``--years`` years of
   results before the current cycle, the older ones imported as CSV) in a
   throwaway PostgreSQL database, ``bench_dashboards`` on 127.0.0.1:5432 (user
   postgres; another server with ``--postgres URL``), dropped at the end unless
   ``--keep``; ``--reuse`` measures a kept one again without building. Static
   files and uploads go to a temporary folder.
2. Starts gunicorn with 2 sync workers on 127.0.0.1 and a free port,
   ``PORTAL_ENV=production`` (a random ``SECRET_KEY``, plain HTTP), the Redis
   cache in database 15 of redis://127.0.0.1:6379 (flushed first), and
   ``bench.settings``: the portal's URLs plus ``/bench/bare/``.
3. Logs in as the demo steering committee member (``bcd``) through the login form.
4. Loads each page from another process: ``--threads`` clients (4), one
   connection per request, ``--seconds`` (10) after a second of warm-up (which
   also fills the figures' cache). Every page, the bare view included, is
   asked for with the session's cookie, so the floor includes the session and
   user look-ups Django's ``LoginRequiredMiddleware`` makes for any view.

Prints ``build_s=<seconds>`` and then one line per page:

    page=NAME rps=<pages/s> p50_ms=<median latency> p95_ms=<95th percentile> ratio=<rps / bare rps>

Pages: ``bare``, ``login``, ``overview`` (``dashboard:overview``), ``heatmap``
(``dashboard:heatmap`` for the latest year with results; ``page=heatmap
skipped=no such URL`` while that URL does not exist), and any given as
``--pages name=/url/,name=/url/``. Only 200 answers are counted; others are
listed as ``page=NAME non200=<status>:<count>,...``. A page that sends the
logged-in user to the login form stops the run. The target (issue 12) is a
ratio of at least 0.25 for the overview and the heat map at the default
scale (15 wards, 10 years). Not a test: it never fails on time, and exits
with 1 only when the login failed or a page answered other than 200.
"""

import argparse
import multiprocessing
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

import redis

from bench import http_load
from bench import server as server_process

DATABASE = "bench_dashboards"
REDIS = "redis://127.0.0.1:6379/15"  # the server's cache (bench.settings: the build needs none)
PERSONA = ("bcd", "xhht-demo-2026")  # the demo steering committee member (wards.demo)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboards", description=__doc__.split("\n")[0])
    parser.add_argument("--wards", type=int, default=15, help="wards in the district (at least 15)")
    parser.add_argument("--years", type=int, default=10, help="years of results before the current cycle")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per page")
    parser.add_argument("--pages", default="", help="more pages: name=/url/,name=/url/")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server")
    parser.add_argument("--keep", action="store_true", help=f"keep the {DATABASE} database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a kept database again, without building"
    )
    arguments = parser.parse_args()
    if arguments.wards < 15 or arguments.years < 1:
        parser.error("--wards must be at least 15 (the demo's) and --years at least 1.")
    return arguments


def _setup(arguments: argparse.Namespace, folder: str) -> None:
    """Production settings for this process and the server it starts (which inherits the environment)."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PORTAL_ENV="production",
        PORTAL_DATA_DIR=folder,
        SECRET_KEY=secrets.token_urlsafe(45),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"{arguments.postgres}/{DATABASE}",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = DATABASE


def _pages(arguments: argparse.Namespace, heatmap_year: int | None) -> dict[str, str | None]:
    """Each page's path; ``None`` for a page whose URL name does not exist (yet)."""
    from django.urls import NoReverseMatch, reverse

    def path(name, **kwargs):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            return None

    pages = {
        "bare": "/bench/bare/",
        "login": http_load.LOGIN_PATH,
        "overview": path("dashboard:overview"),
        "heatmap": path("dashboard:heatmap", year=heatmap_year),
    }
    for item in filter(None, arguments.pages.split(",")):
        name, _sign, url = item.partition("=")
        pages[name.strip()] = url.strip()
    return pages


def _check(port: int, name: str, path: str, cookie: str) -> None:
    """One request before measuring: a page that sends the user to log in means the session failed."""
    answer = http_load.fetch(port, path, cookie)
    if answer.status in (301, 302) and http_load.LOGIN_PATH in answer.location:
        raise RuntimeError(f"page={name} sent the logged-in user to {answer.location}: the session failed.")


def _measure(arguments, port: int, pages: dict[str, str | None], cookie: str) -> bool:
    """Prints one line per page; returns False when some answers were not 200."""
    all_ok = True
    bare_rps = None
    # The clients run in a process of their own, which imports no Django.
    with multiprocessing.get_context("spawn").Pool(1) as clients:
        for name, path in pages.items():
            if path is None:
                print(f"page={name} skipped=no such URL", flush=True)
                continue
            _check(port, name, path, cookie)
            load = clients.apply(
                http_load.measure, (port, path, cookie, arguments.threads, 1, arguments.seconds)
            )
            if name == "bare":
                bare_rps = load.rps
            print(
                f"page={name} rps={load.rps:.0f} p50_ms={load.p50_ms:.1f} p95_ms={load.p95_ms:.1f} "
                f"ratio={load.rps / bare_rps if bare_rps else float('nan'):.2f}",
                flush=True,
            )
            others = {status: count for status, count in load.statuses.items() if status != 200}
            if others:
                all_ok = False
                listed = ",".join(f"{status}:{count}" for status, count in sorted(others.items()))
                print(f"page={name} non200={listed}", flush=True)
    return all_ok


def _serve(arguments, folder: str, pages: dict[str, str | None]) -> bool:
    """Collects the static files, starts gunicorn, logs in and measures every page."""
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", interactive=False, verbosity=0)
    redis.Redis.from_url(REDIS).flushdb()  # no figure cached before the server starts
    connection.close()
    port = server_process.free_port()
    server = server_process.start_gunicorn(port, Path(folder) / "gunicorn.log", {"REDIS_URL": REDIS})
    try:
        return _measure(arguments, port, pages, http_load.log_in(port, *PERSONA))
    except RuntimeError as error:  # the login or the session failed
        print(error, file=sys.stderr)
        return False
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    arguments = _arguments()
    with tempfile.TemporaryDirectory(prefix="bench-dashboards-") as folder:
        _setup(arguments, folder)
        from django.db import connection
        from django.db.utils import OperationalError

        from bench import district_history

        built = True
        if arguments.reuse:
            try:
                connection.ensure_connection()
                built = False
            except OperationalError:
                print(f"No database {DATABASE} to reuse: building it.", file=sys.stderr)
            connection.close()  # a database with a client cannot be dropped and made again
        try:
            if built:
                start = time.perf_counter()
                connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
                district_history.build_district(arguments.wards, arguments.years)
                print(f"build_s={time.perf_counter() - start:.1f}", flush=True)
            else:
                print(f"build_s=0 (reused the database {DATABASE})", flush=True)
            ok = _serve(arguments, folder, _pages(arguments, district_history.latest_results_year()))
        finally:
            if arguments.keep or arguments.reuse:
                print(f"kept the database {DATABASE}", file=sys.stderr)
            else:
                connection.creation.destroy_test_db(DATABASE, verbosity=0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
