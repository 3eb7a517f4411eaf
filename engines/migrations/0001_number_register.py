"""The number register moves here from the assessments app, keeping its tables.

State only: the tables ``assessments_documentsequence`` and
``assessments_issuednumber`` already exist (assessments 0004), and the
assessments migration ``numbers_move_to_engines`` gives them their final shape
(an owner key instead of the foreign key to the assessment) before it lets go
of the models. On a new database the same migrations create them there.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    state_operations = [
        migrations.CreateModel(
            name="DocumentSequence",
            fields=[
                (
                    "id",
                    models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                ),
                ("issuer_code", models.CharField(max_length=40, verbose_name="issuing body")),
                ("type_code", models.CharField(max_length=10, verbose_name="document type")),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("last_number", models.PositiveIntegerField(default=0, verbose_name="last number")),
            ],
            options={
                "verbose_name": "document number sequence",
                "verbose_name_plural": "document number sequences",
                "db_table": "assessments_documentsequence",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("issuer_code", "type_code", "year"), name="unique_document_sequence"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="IssuedNumber",
            fields=[
                (
                    "id",
                    models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                ),
                ("issuer_code", models.CharField(max_length=40, verbose_name="issuing body")),
                ("issuer_label", models.CharField(max_length=200, verbose_name="issuing body name")),
                ("body_code", models.CharField(default="UBND", max_length=20, verbose_name="body abbreviation")),
                ("type_code", models.CharField(max_length=10, verbose_name="document type")),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("number", models.PositiveIntegerField(verbose_name="number")),
                ("subject", models.CharField(max_length=500, verbose_name="summary")),
                ("issued_on", models.DateField(verbose_name="date")),
                ("issued_at", models.DateTimeField(auto_now_add=True, verbose_name="registered at")),
                ("owner_key", models.CharField(blank=True, db_index=True, max_length=100, verbose_name="owner")),
                ("document_key", models.CharField(blank=True, max_length=40, verbose_name="document")),
            ],
            options={
                "verbose_name": "issued document number",
                "verbose_name_plural": "issued document numbers",
                "db_table": "assessments_issuednumber",
                "ordering": ["issuer_code", "year", "type_code", "number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("issuer_code", "type_code", "year", "number"), name="unique_issued_number"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("owner_key", ""), _negated=True),
                        fields=("owner_key", "document_key"),
                        name="unique_issued_document",
                    ),
                ],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
