"""PDF benchmark: ``python -m bench.pdf`` from the repository root, on the demo data (``manage.py seed_demo``).

Prints exactly two lines on stdout:

    decision_median_s=<median of 7 renderings of a recognition decision, after one warm-up>
    minutes15_s=<15 inspection minutes rendered one after the other in this process>

Both go through ``assessments.documents.registry.render_document(key, obj)``.
Until the district-side documents ("decision", "inspection_minutes") are in the
registry, the ward report and the ward self-inspection minutes stand in, and a
note on stderr says so. Everything runs in a transaction that is rolled back,
so the numbers the renderings issue do not stay in the register.
"""

import os
import statistics
import sys
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _timed(render, key, obj) -> float:
    start = time.perf_counter()
    render(key, obj)
    return time.perf_counter() - start


def main() -> int:
    _setup()
    from django.db import transaction

    from assessments.documents.registry import DOCUMENT_TYPES, render_document
    from assessments.models import Assessment, AssessmentState, DecisionState, RecognitionDecision

    inspected = list(
        Assessment.objects.filter(
            state__in=[AssessmentState.INSPECTED, AssessmentState.RECOGNISED, AssessmentState.PUBLISHED]
        ).order_by("-cycle__year", "ward__sort_key")[:15]
    )
    if len(inspected) < 15:
        print(
            f"Need 15 inspected assessments, found {len(inspected)}: run manage.py seed_demo.",
            file=sys.stderr,
        )
        return 1

    if "decision" in DOCUMENT_TYPES:
        decision_key = "decision"
        decision = RecognitionDecision.objects.exclude(state=DecisionState.PREPARED).order_by("-pk").first()
        if decision is None:
            print("No approved recognition decision: run manage.py seed_demo.", file=sys.stderr)
            return 1
    else:
        decision_key, decision = "ward_report", inspected[0]
        print('NOTE: no "decision" document yet; timing the ward report in its place.', file=sys.stderr)
    if "inspection_minutes" in DOCUMENT_TYPES:
        minutes_key = "inspection_minutes"
    else:
        minutes_key = "ward_minutes"
        print(
            'NOTE: no "inspection_minutes" document yet; timing the ward self-inspection minutes in its place.',
            file=sys.stderr,
        )

    with transaction.atomic():
        render_document(decision_key, decision)  # warm-up: fonts, stylesheet, templates
        median = statistics.median(_timed(render_document, decision_key, decision) for _ in range(7))
        start = time.perf_counter()
        for assessment in inspected:
            render_document(minutes_key, assessment)
        batch = time.perf_counter() - start
        transaction.set_rollback(True)

    print(f"decision_median_s={median:.3f}")
    print(f"minutes15_s={batch:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
