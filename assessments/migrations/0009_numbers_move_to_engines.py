"""The number register moves to the engines app: an owner key replaces the link to the assessment.

Every number that belonged to an assessment now names it by key
(``"assessments.assessment:12"``), so the register needs no foreign key into
this app. The tables stay where they are; this app then lets go of the models
(state only) and ``engines`` holds them (engines 0001). The content types move
with them, so permissions granted on the register are kept.
"""

from django.db import migrations, models
from django.db.models.functions import Cast, Concat

OWNER_PREFIX = "assessments.assessment:"
MODELS = ("documentsequence", "issuednumber")


def owner_keys_from_assessments(apps, schema_editor):
    IssuedNumber = apps.get_model("assessments", "IssuedNumber")
    IssuedNumber.objects.filter(assessment__isnull=False).update(
        owner_key=Concat(models.Value(OWNER_PREFIX), Cast("assessment_id", models.CharField()))
    )


def assessments_from_owner_keys(apps, schema_editor):
    IssuedNumber = apps.get_model("assessments", "IssuedNumber")
    for issued in IssuedNumber.objects.filter(owner_key__startswith=OWNER_PREFIX):
        issued.assessment_id = int(issued.owner_key.removeprefix(OWNER_PREFIX))
        issued.save(update_fields=["assessment"])


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_to_engines(apps, schema_editor):
    _move_content_types(apps, "assessments", "engines")


def content_types_to_assessments(apps, schema_editor):
    _move_content_types(apps, "engines", "assessments")


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0008_self_score_version_plan_number"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("engines", "0001_number_register"),
    ]

    operations = [
        migrations.AddField(
            model_name="issuednumber",
            name="owner_key",
            field=models.CharField(blank=True, db_index=True, default="", max_length=100, verbose_name="owner"),
            preserve_default=False,
        ),
        migrations.RunPython(owner_keys_from_assessments, assessments_from_owner_keys),
        migrations.RemoveConstraint(model_name="issuednumber", name="unique_issued_document"),
        migrations.RemoveField(model_name="issuednumber", name="assessment"),
        migrations.AddConstraint(
            model_name="issuednumber",
            constraint=models.UniqueConstraint(
                condition=models.Q(("owner_key", ""), _negated=True),
                fields=("owner_key", "document_key"),
                name="unique_issued_document",
            ),
        ),
        migrations.RunPython(content_types_to_engines, content_types_to_assessments),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="IssuedNumber"),
                migrations.DeleteModel(name="DocumentSequence"),
            ]
        ),
    ]
