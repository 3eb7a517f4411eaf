"""Page benchmark: ``python -m bench.pages`` from the repository root (issue 16).

Measures the portal's key pages served as in production against a bare Django
view served the same way, in one run:

1. Builds synthetic data with ``manage.py seed_scale`` in a throwaway
   PostgreSQL database (``bench_pages_<scale>`` on 127.0.0.1:5432, user
   postgres; another server with ``--postgres URL``), dropped at the end unless
   ``--keep``; ``--reuse`` measures a kept one again. ``--scale district`` (the
   default): 15 wards × 5 years; ``--scale national``: 3,321 wards × 5 years;
   ``--wards``/``--years`` override either.
2. Starts gunicorn with 2 sync workers on 127.0.0.1 (``bench.settings``: the
   production settings, the Redis cache in database 15 of
   redis://127.0.0.1:6379, flushed first, the portal's URLs plus
   ``/bench/bare/``, and a header counting each request's queries).
3. Logs in as each persona a page needs through the login form (the demo's
   user names, password ``xhht-demo-2026``), and loads each page from another
   process with ``--threads`` clients (8), one connection per request, for
   ``--seconds`` (8) after a second of warm-up.

Prints ``build_s=<seconds>``, then one line per page:

    page=NAME rps=R p50_ms=P p95_ms=Q queries=K ratio=X

where ``ratio`` is the page's throughput over the bare view's (a short string
through the same middleware, with the same session cookie), ``queries`` what
one request of the page asked the database; then
``memory worker_max_rss_mb=M`` — the largest resident size of a gunicorn
worker sampled during the run. A page whose data or persona is missing prints
``page=NAME skipped=<why>``; non-200 answers ``page=NAME non200=<status>:<n>``.
Not a test: it never fails on time, and exits with 1 only when a login failed
or a page answered other than 200. Results go to ``docs/performance.md``.
"""

import argparse
import multiprocessing
import os
import secrets
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from bench import http_load
from bench import server as server_process

REDIS = "redis://127.0.0.1:6379/15"
PASSWORD = "xhht-demo-2026"
SCALES = {"district": (15, 5), "national": (3321, 5)}
SEED = 2026


@dataclass(frozen=True)
class Page:
    name: str
    path: str | None  # None: skipped, for the reason in ``why``
    persona: str | None  # None: an anonymous visitor
    why: str = ""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="district")
    parser.add_argument("--wards", type=int, help="wards (default: the scale's)")
    parser.add_argument("--years", type=int, help="years of complete assessments (default: the scale's)")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=8, help="measured seconds per page")
    parser.add_argument("--only", default="", help="measure only these pages: name,name")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a kept database again, without building"
    )
    arguments = parser.parse_args()
    wards, years = SCALES[arguments.scale]
    arguments.wards = arguments.wards or wards
    arguments.years = arguments.years or years
    arguments.database = f"bench_pages_{arguments.scale}"
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
        DATABASE_URL=f"{arguments.postgres}/{arguments.database}",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        OTP_REQUIRED="0",  # the personas sign in with their password: two-step codes are not what is measured
        LOG_LEVEL="WARNING",
    )
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = arguments.database


def _user(username: str):
    from wards.models import User

    return User.objects.filter(username=username, is_active=True).first()


def _first_allowed(persona: str, permission: str, candidates):
    """The first object of ``candidates`` on which ``persona`` has ``permission`` (the page's own check)."""
    user = _user(persona)
    if user is None:
        return None
    return next((obj for obj in candidates if user.has_perm(permission, obj)), None)


def _pages() -> list[Page]:
    """The key pages of issue 16, each with the persona who uses it and an object from the data."""
    from django.db.models import Max
    from django.urls import reverse

    from assessments.models import Assessment, AssessmentState, DecisionState, RecognitionDecision
    from centers.models import Center
    from plans.models import YearPlan

    pages = [Page("bare", "/bench/bare/", "canbo.p1"), Page("login", http_load.LOGIN_PATH, None)]

    officer = _user("canbo.p1")
    ward_assessment = (
        Assessment.objects.filter(ward=officer.ward).order_by("-cycle__year").first() if officer else None
    )
    pages.append(
        Page("ward_assessment", reverse("assessments:detail", args=[ward_assessment.pk]), "canbo.p1")
        if ward_assessment
        else Page("ward_assessment", None, None, "no assessment of canbo.p1's ward")
    )
    pages.append(Page("inbox", reverse("assessments:inbox"), "phonggd"))

    planned = Assessment.objects.filter(state=AssessmentState.INSPECTION_PLANNED).order_by("pk")[:200]
    scored = _first_allowed("kiemtra1", "assessments.score_inspection", planned)
    pages.append(
        Page("scoring", reverse("assessments:scoring", args=[scored.pk]), "kiemtra1")
        if scored
        else Page("scoring", None, None, "no inspection kiemtra1 may score")
    )
    pages.append(Page("district_overview", reverse("dashboard:overview"), "bcd"))

    published = Assessment.objects.filter(state=AssessmentState.PUBLISHED)
    latest = published.aggregate(year=Max("cycle__year"))["year"]
    pages.append(
        Page("heatmap", reverse("dashboard:heatmap", kwargs={"year": latest}), "bcd")
        if latest
        else Page("heatmap", None, None, "no published year")
    )
    center = Center.objects.filter(ward__code=officer.ward.code).first() if officer else None
    pages.append(
        Page("clc", reverse("centers:detail", args=[center.pk]), "ttht.p1")
        if center
        else Page("clc", None, None, "no centre in canbo.p1's ward")
    )
    plan_year = YearPlan.objects.aggregate(year=Max("year"))["year"]
    pages.append(
        Page("plan_timeline", reverse("plans:timeline", kwargs={"year": plan_year}), "bcd")
        if plan_year
        else Page("plan_timeline", None, None, "no plan")
    )
    if latest:
        pages.append(
            Page("public_results", reverse("assessments:public_year", kwargs={"year": latest}), None)
        )
        # The results page links to public_decision, which redirects here: the released decision itself.
        decision = RecognitionDecision.objects.filter(
            state=DecisionState.RELEASED, cycle__year=latest
        ).first()
        pages.append(
            Page(
                "decision_pdf",
                reverse(
                    "assessments:decision_document",
                    kwargs={"pk": decision.pk, "key": "decision", "fmt": "pdf"},
                ),
                None,
            )
            if decision
            else Page("decision_pdf", None, None, f"no released decision in {latest}")
        )
    else:
        pages.append(Page("public_results", None, None, "no published year"))
        pages.append(Page("decision_pdf", None, None, "no published year"))
    return pages


class MemoryWatch:
    """Samples the gunicorn workers' resident memory every half second while the pages are loaded."""

    def __init__(self, server):
        self.server = server
        self.largest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.largest = max([self.largest, *server_process.worker_rss_mb(self.server)])

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._stop.set()
        self._thread.join()


def _cookies(port: int, pages: list[Page]) -> dict[str | None, str]:
    cookies: dict[str | None, str] = {None: ""}
    for persona in sorted({page.persona for page in pages if page.path and page.persona}):
        cookies[persona] = http_load.log_in(port, persona, PASSWORD)
    return cookies


def _measure(arguments, port: int, pages: list[Page]) -> bool:
    """Prints one line per page; returns False when some answers were not 200."""
    all_ok = True
    bare_rps = None
    cookies = _cookies(port, pages)
    # The clients run in a process of their own, which imports no Django.
    with multiprocessing.get_context("spawn").Pool(1) as clients:
        for page in pages:
            if page.path is None:
                print(f"page={page.name} skipped={page.why}", flush=True)
                continue
            cookie = cookies[page.persona]
            first = http_load.fetch(port, page.path, cookie)
            if first.status in (301, 302) and http_load.LOGIN_PATH in first.location:
                raise RuntimeError(
                    f"page={page.name} sent {page.persona} to {first.location}: the session failed."
                )
            load = clients.apply(
                http_load.measure, (port, page.path, cookie, arguments.threads, 1, arguments.seconds)
            )
            if page.name == "bare":
                bare_rps = load.rps
            print(
                f"page={page.name} rps={load.rps:.0f} p50_ms={load.p50_ms:.1f} p95_ms={load.p95_ms:.1f} "
                f"queries={first.queries} ratio={load.rps / bare_rps if bare_rps else float('nan'):.2f}",
                flush=True,
            )
            others = {status: count for status, count in load.statuses.items() if status != 200}
            if first.status != 200:
                others[first.status] = others.get(first.status, 0) + 1
            if others:
                all_ok = False
                listed = ",".join(f"{status}:{count}" for status, count in sorted(others.items()))
                print(f"page={page.name} non200={listed}", flush=True)
    return all_ok


def _serve(arguments, folder: str) -> bool:
    """Collects the static files, starts gunicorn, logs in and measures every page."""
    from django.core.management import call_command
    from django.db import connection

    only = set(filter(None, arguments.only.split(",")))
    pages = [page for page in _pages() if not only or page.name in only | {"bare"}]
    call_command("collectstatic", interactive=False, verbosity=0)
    redis.Redis.from_url(REDIS).flushdb()  # nothing cached before the server starts
    connection.close()
    port = server_process.free_port()
    server = server_process.start_gunicorn(port, Path(folder) / "gunicorn.log", {"REDIS_URL": REDIS})
    try:
        with MemoryWatch(server) as memory:
            ok = _measure(arguments, port, pages)
        print(f"memory worker_max_rss_mb={memory.largest:.0f}", flush=True)
        return ok
    except RuntimeError as error:  # a login or a session failed
        print(error, file=sys.stderr)
        return False
    finally:
        server.terminate()
        server.wait(timeout=30)


def _build(arguments) -> None:
    from django.core.management import call_command
    from django.db import connection

    start = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    call_command("seed_scale", wards=arguments.wards, years=arguments.years, seed=SEED, stdout=sys.stderr)
    print(
        f"build_s={time.perf_counter() - start:.1f} wards={arguments.wards} years={arguments.years}",
        flush=True,
    )


def main() -> int:
    arguments = _arguments()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        _setup(arguments, folder)
        from django.db import connection
        from django.db.utils import OperationalError

        built = not arguments.reuse
        if arguments.reuse:
            try:
                connection.ensure_connection()
            except OperationalError:
                print(f"No database {arguments.database} to reuse: building it.", file=sys.stderr)
                built = True
            connection.close()  # a database with a client cannot be dropped and made again
        try:
            if built:
                _build(arguments)
            else:
                print(f"build_s=0 (reused the database {arguments.database})", flush=True)
            ok = _serve(arguments, folder)
        finally:
            if arguments.keep or arguments.reuse:
                print(f"kept the database {arguments.database}", file=sys.stderr)
            else:
                connection.creation.destroy_test_db(arguments.database, verbosity=0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
