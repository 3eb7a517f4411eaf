"""Moving the register to the engines app keeps every number and names each assessment by its owner key."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from engines.documents.numbering import number_for_document
from engines.models import DocumentSequence, IssuedNumber
from tests.factories import AssessmentFactory

ENGINES = ("engines", "0001_number_register")


def the_move() -> tuple[tuple[str, str], tuple[str, str]]:
    """The assessments migration that hands the register over, and the one before it (found, not named)."""
    migrations = MigrationExecutor(connection).loader.disk_migrations
    (move,) = [key for key, migration in migrations.items() if ENGINES in migration.dependencies]
    (before,) = [key for key in migrations[move].dependencies if key[0] == "assessments"]
    return before, move


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1]]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_keeps_numbers_and_sequences_and_gives_owners_their_key():
    before, move = the_move()
    assessment = AssessmentFactory()
    old_apps = migrate([before, ("engines", None)])
    try:
        OldIssuedNumber = old_apps.get_model("assessments", "IssuedNumber")
        OldSequence = old_apps.get_model("assessments", "DocumentSequence")
        OldSequence.objects.create(issuer_code="P01", type_code="KH", year=2018, last_number=2)
        common = {"issuer_label": "UBND", "type_code": "KH", "year": 2018, "subject": "Kế hoạch"}
        common["issued_on"] = datetime.date(2018, 10, 5)
        OldIssuedNumber.objects.create(
            issuer_code="P01", number=1, assessment_id=assessment.pk, document_key="ward_plan", **common
        )
        OldIssuedNumber.objects.create(
            issuer_code="QUAN", number=1, document_key="inspection_plan:3", **common
        )
    finally:
        # Forward to every app's latest migration, not only the move's: the tests that run after this one
        # in the same process need the whole schema (the apps above, e.g. plans, were unapplied too).
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    rows = sorted(IssuedNumber.objects.values_list("issuer_code", "number", "owner_key", "document_key"))
    assert rows == [
        ("P01", 1, f"assessments.assessment:{assessment.pk}", "ward_plan"),
        ("QUAN", 1, "", "inspection_plan:3"),
    ]
    assert DocumentSequence.objects.get().last_number == 2
    kept = number_for_document(
        assessment,
        "ward_plan",
        issuer_code="P01",
        issuer_label="UBND",
        type_code="KH",
        subject="Kế hoạch",
        on=datetime.date(2019, 1, 1),
    )
    assert (kept.number, IssuedNumber.objects.count()) == (1, 2)
