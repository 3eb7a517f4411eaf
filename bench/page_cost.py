"""Cost of the key HTML pages in one process: ``python -m bench.page_cost`` from the repository root.

Where ``bench.dashboards`` measures pages served by gunicorn, this measures
what each request costs the server itself, so a change can be judged in a
minute on a busy machine: CPU milliseconds per request (``time.process_time``
over ``--requests`` requests after two of warm-up) and queries per request,
through the whole middleware stack with Django's test client, against the
bare view of ``bench.urls`` (``ratio`` = bare ms / page ms, the throughput
ratio ``bench.dashboards`` reports). The district (``bench.district_history``:
``--wards`` wards, ``--years`` years before the current cycle) is built in a
SQLite database in ``--data`` (a temporary folder by default; a folder that
already holds one is measured again without building), with the production
manifest of static files; ``--profile NAME`` prints the cProfile of one page.
"""

import argparse
import cProfile
import os
import pstats
import tempfile
import time

PASSWORD = "xhht-demo-2026"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.page_cost", description=__doc__.split("\n")[0])
    parser.add_argument("--wards", type=int, default=15, help="wards in the district (at least 15)")
    parser.add_argument("--years", type=int, default=1, help="years of results before the current cycle")
    parser.add_argument("--requests", type=int, default=50, help="measured requests per page")
    parser.add_argument("--data", default="", help="folder of the database, kept (built when empty)")
    parser.add_argument("--profile", default="", help="print the cProfile of this page")
    return parser.parse_args()


def _pages() -> list[tuple[str, str, str]]:
    """(name, demo persona, path) of each page measured."""
    from assessments.models import Assessment, AssessmentState

    ward_assessment = Assessment.objects.filter(ward__code="P01").order_by("-cycle__year").first()
    planned = Assessment.objects.filter(state=AssessmentState.INSPECTION_PLANNED).order_by("pk").first()
    pages = [
        ("bare", "phonggd", "/bench/bare/"),
        ("login", "", "/accounts/login/"),
        ("inbox_staff", "phonggd", "/inbox/"),
        ("inbox_ward", "canbo.p1", "/inbox/"),
        ("inbox_inspector", "kiemtra1", "/inbox/"),
        ("list_staff", "phonggd", "/assessments/"),
        ("assessment_ward", "canbo.p1", f"/assessments/{ward_assessment.pk}/"),
        ("assessment_staff", "phonggd", f"/assessments/{ward_assessment.pk}/"),
    ]
    if planned:
        pages.append(("scoring", "kiemtra1", f"/assessments/{planned.pk}/scoring/"))
    return pages


class _Counter:
    """A database execute wrapper that counts the queries it lets through."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self):
        return self.count


def main() -> None:
    arguments = _arguments()
    folder = arguments.data or tempfile.mkdtemp(prefix="page-cost-")
    built = os.path.exists(os.path.join(folder, "portal.sqlite3"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PORTAL_DATA_DIR=folder,
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from assessments.models import Assessment
    from bench.district_history import build_district
    from wards.models import User

    setup_test_environment()  # the test client's context capture, as in the tests
    if not built:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        build_district(arguments.wards, arguments.years)
    clients: dict[str, Client] = {}
    wards = Assessment.objects.values("ward").distinct().count()
    years = Assessment.objects.values("cycle__year").distinct().count()
    print(f"wards={wards} years={years} (the current cycle included) requests={arguments.requests}")
    bare_ms = None
    for name, username, path in _pages():
        if username not in clients:
            clients[username] = Client()
            if username:
                clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        for _warm in range(2):
            assert client.get(path).status_code == 200, (name, path)
        queries = _Counter()
        with connection.execute_wrapper(queries):
            client.get(path)
        if name == arguments.profile:
            profile = cProfile.Profile()
            profile.enable()
        start = time.process_time()
        for _request in range(arguments.requests):
            client.get(path)
        ms = (time.process_time() - start) * 1000 / arguments.requests
        if name == arguments.profile:
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        bare_ms = bare_ms or ms
        print(f"page={name} ms={ms:.1f} queries={len(queries)} ratio={bare_ms / ms:.2f}")


if __name__ == "__main__":
    main()
