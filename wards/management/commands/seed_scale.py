"""``python manage.py seed_scale --wards N --years Y [--seed S] [--per-unit K]``: synthetic data at scale."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string

from wards.models import Ward
from wards.scale import ScaleRun
from wards.seeders import scale_generators

# The tables whose rows are scores: the rate the benchmark asks for is counted on them.
SCORE_TABLES = (
    "assessments_criterionselfscore",
    "assessments_indicatorselffinding",
    "assessments_inspectionscore",
    "assessments_indicatorinspectionfinding",
    "assessments_scorerevision",
)


class Command(BaseCommand):
    help = (
        "Generate N wards with Y past years of complete assessments, learning centres and plans, "
        "and this year's cycle open (for benchmarks). Same seed, same data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wards", type=int, required=True, help="number of wards (3321: the whole country)"
        )
        parser.add_argument("--years", type=int, required=True, help="complete years before the current one")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--per-unit",
            type=int,
            default=6,
            help="activities per centre and year, and plan tasks per district unit and year (default 6)",
        )
        parser.add_argument(
            "--add",
            action="store_true",
            help="run even though the database already has wards (the generated ones come beside them)",
        )
        parser.add_argument("--force", action="store_true", help="the same as --add")

    def handle(self, *args, wards, years, seed, per_unit, add, force, **options):
        if wards < 1 or years < 0 or per_unit < 1:
            raise CommandError("--wards and --per-unit must be at least 1, --years at least 0.")
        if Ward.objects.exists() and not (add or force):
            raise CommandError(
                f"This database already has {Ward.objects.count()} wards: seed_scale writes its own district, "
                "wards, users and cycles and would collide with them. Use an empty database "
                "(manage.py migrate on a new one), or pass --add to generate beside them."
            )
        today = timezone.localdate()
        run = ScaleRun(
            seed=seed,
            ward_count=wards,
            years=list(range(today.year - years, today.year)),
            per_unit=per_unit,
            today=today,
        )
        generators = [(path, import_string(path)) for path in scale_generators()]  # imports not timed
        started = time.perf_counter()
        timings = []
        # Nothing generated is e-mailed (no generator sends mail; this makes sure of it).
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            for dotted_path, generate in generators:
                begun = time.perf_counter()
                generate(run)
                timings.append((dotted_path, time.perf_counter() - begun))
            committing = time.perf_counter()
        # PostgreSQL checks the foreign keys (deferred) when the one transaction commits.
        timings.append(("commit", time.perf_counter() - committing))
        elapsed = time.perf_counter() - started
        self._summary(run, elapsed, timings)

    def _summary(self, run: ScaleRun, elapsed: float, timings) -> None:
        total = sum(run.counts.values())
        scores = sum(run.counts[table] for table in SCORE_TABLES)
        scoring = dict(timings).get("assessments.scale.generate_assessments", 0.0)
        width = max(len(table) for table in run.counts)
        self.stdout.write(f"{'Table'.ljust(width)}  {'Rows':>10}")
        for table, rows in sorted(run.counts.items()):
            if rows:
                self.stdout.write(f"{table.ljust(width)}  {rows:>10,}")
        self.stdout.write("")
        for dotted_path, seconds in timings:
            self.stdout.write(f"{dotted_path}: {seconds:.1f} s")
        self.stdout.write(
            f"\n{len(run.wards):,} wards, years {run.years[0] if run.years else '-'}–{run.today.year} "
            f"({len(run.years)} complete, {run.today.year} open), seed {run.seed}: {total:,} rows in {elapsed:.1f} s "
            f"= {total / elapsed:,.0f} rows/s; {scores:,} score rows = {scores / elapsed:,.0f} score rows/s "
            f"over the whole run, {scores / scoring if scoring else 0:,.0f}/s while the assessments were written."
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Every account's password: xhht-demo-2026 (canbo.p1, chutich.p1, "
                "ttht.p1, phonggd, kiemtra1, chutich.quan, bcd, admin …)."
            )
        )
