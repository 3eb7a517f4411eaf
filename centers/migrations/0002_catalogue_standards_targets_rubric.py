"""The catalogue, literacy standards, learning-model targets and rubric a new portal starts with.

Loaded once (rows already there are left alone); afterwards they are the
district's data, edited on the portal's pages.
"""

from django.db import migrations

from centers import defaults


def load_defaults(apps, schema_editor):
    ActivityKind = apps.get_model("centers", "ActivityKind")
    for order, (code, name, group, counts_only) in enumerate(defaults.ACTIVITY_KINDS, start=1):
        ActivityKind.objects.get_or_create(
            code=code, defaults={"name": name, "group": group, "counts_only": counts_only, "order": order}
        )
    LiteracyStandard = apps.get_model("centers", "LiteracyStandard")
    for level, name, min_age, max_age, threshold, valid_from, basis in defaults.LITERACY_STANDARDS:
        LiteracyStandard.objects.get_or_create(
            level=level,
            valid_from=valid_from,
            defaults={
                "name": name,
                "min_age": min_age,
                "max_age": max_age,
                "threshold_percent": threshold,
                "legal_basis": basis,
            },
        )
    LearningModelTarget = apps.get_model("centers", "LearningModelTarget")
    for kind, valid_from, target, basis in defaults.LEARNING_TARGETS:
        LearningModelTarget.objects.get_or_create(
            kind=kind, valid_from=valid_from, defaults={"target_percent": target, "legal_basis": basis}
        )
    RatingRubric = apps.get_model("centers", "RatingRubric")
    rubric, created = RatingRubric.objects.get_or_create(valid_from=2014, defaults={"name": defaults.RUBRIC_NAME})
    if created:
        for order, name, guidance, max_points in defaults.RUBRIC_AREAS:
            rubric.areas.create(order=order, name=name, guidance=guidance, max_points=max_points)
        for label, min_points in defaults.RUBRIC_BANDS:
            rubric.bands.create(label=label, min_points=min_points)


class Migration(migrations.Migration):
    dependencies = [("centers", "0001_centers_activities_register_rating")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
