"""District comparison benchmark: ``python -m bench.centers_comparison`` from the repository root.

Builds its own data in a throwaway database (a test database beside the
configured one, created and migrated here, destroyed at the end): 15 wards,
each with an open learning centre of 200 activities × 20 sessions in the year
— three in five of them classes with a list of 20 learners, 15 of whom come to
each session; the others talks recorded as counts — inserted in bulk. Then it
times ``centers.figures.district_comparison(year)`` (the activity figures) and
``centers.comparison.compare_centers(year)`` (the whole table the page shows:
figures, literacy, learning families, ratings) and prints on stdout:

    build_s=<seconds to build the data>
    district_comparison_median_ms=<median of 15 runs, after one warm-up>
    compare_centers_median_ms=<median of 15 runs of the whole table>
    center_figures_median_ms=<median of 15 runs of one centre's page figures>

The target is a median of at most 150 ms for the comparison. Not a test: it
never fails on time.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CENTERS = 15
ACTIVITIES = 200
SESSIONS = 20
CLASS_SIZE = 20
PRESENT = 15
YEAR = 2018


def _setup(database_file: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    # A file, not SQLite's in-memory test database, so the timings are those of the real thing.
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(database_file)


def _build(rng: random.Random) -> None:
    from centers.models import Activity, ActivityKind, Attendance, Center, Learner, Session
    from wards.models import Cluster, District, User, Ward

    district = District.objects.create(name="Quận 5", authority_name="UBND Quận 5", place_name="Quận 5")
    clusters = [Cluster.objects.create(district=district, number=n, name=f"Cụm {n}") for n in (1, 2, 3)]
    actor = User.objects.create(username="bench", full_name="Benchmark")
    list_kinds = list(ActivityKind.objects.filter(counts_only=False))
    talk_kinds = list(ActivityKind.objects.filter(counts_only=True))
    for number in range(1, CENTERS + 1):
        ward = Ward.objects.create(
            district=district, cluster=clusters[number % 3], code=f"P{number:02d}", name=f"Phường {number}"
        )
        center = Center.objects.create(ward=ward, name=f"Trung tâm học tập cộng đồng Phường {number}")
        activities = []
        for index in range(ACTIVITIES):
            is_class = index % 5 < 3
            starts_on = date(YEAR, 1, 2) + timedelta(days=rng.randrange(200))
            activities.append(
                Activity(
                    center=center,
                    year=starts_on.year,  # bulk_create skips save(), which sets it
                    kind=rng.choice(list_kinds if is_class else talk_kinds),
                    title=f"Hoạt động {index}",
                    starts_on=starts_on,
                    ends_on=starts_on + timedelta(weeks=SESSIONS),
                    attendance=Attendance.LIST if is_class else Attendance.COUNTS,
                    created_by=actor,
                )
            )
        activities = Activity.objects.bulk_create(activities)
        classes = [activity for activity in activities if activity.attendance == Attendance.LIST]
        learners = Learner.objects.bulk_create(
            Learner(
                center=center,
                full_name=f"Học viên {number}-{index}",
                search_name=f"hoc vien {number}-{index}",
                birth_year=1950 + index % 50,
                gender="F" if index % 3 else "M",
                ethnic_minority=index % 17 == 0,
            )
            for index in range(len(classes) * CLASS_SIZE)
        )
        class_lists = {
            activity.pk: learners[position * CLASS_SIZE : (position + 1) * CLASS_SIZE]
            for position, activity in enumerate(classes)
        }
        Activity.learners.through.objects.bulk_create(
            Activity.learners.through(activity_id=activity_id, learner_id=learner.pk)
            for activity_id, members in class_lists.items()
            for learner in members
        )
        sessions = []
        for activity in activities:
            for week in range(SESSIONS):
                total = PRESENT if activity.pk in class_lists else rng.randrange(30, 200)
                sessions.append(
                    Session(
                        activity=activity,
                        date=activity.starts_on + timedelta(weeks=week),
                        total=total,
                        women=total // 2,
                        ethnic_minority=total // 20,
                    )
                )
        sessions = Session.objects.bulk_create(sessions, batch_size=2000)
        Session.attendees.through.objects.bulk_create(
            (
                Session.attendees.through(session_id=session.pk, learner_id=learner.pk)
                for session in sessions
                if session.activity_id in class_lists
                for learner in rng.sample(class_lists[session.activity_id], PRESENT)
            ),
            batch_size=5000,
        )


def _median_ms(function, runs: int = 15) -> float:
    function()  # warm-up: the database's cache, Django's query compilation
    timings = []
    for _run in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder) / "bench-centers.sqlite3")
        from django.db import connection

        from centers.comparison import compare_centers
        from centers.figures import center_figures, district_comparison
        from centers.models import Center

        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            start = time.perf_counter()
            _build(random.Random(10))
            build = time.perf_counter() - start
            rows = district_comparison(YEAR)
            if len(rows) != CENTERS or rows[0].figures.activities != ACTIVITIES:
                print(f"Unexpected data: {len(rows)} centres.", file=sys.stderr)
                return 1
            comparison = _median_ms(lambda: district_comparison(YEAR))
            table = _median_ms(lambda: compare_centers(YEAR))
            center = Center.objects.first()
            one_center = _median_ms(lambda: center_figures(center, YEAR))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"build_s={build:.1f}")
    print(f"district_comparison_median_ms={comparison:.1f}")
    print(f"compare_centers_median_ms={table:.1f}")
    print(f"center_figures_median_ms={one_center:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
