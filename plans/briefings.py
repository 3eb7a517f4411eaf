"""The emulation clusters' quarterly briefings (họp giao ban) against the city association's emulation plan.

The city Hội Khuyến học sets each year's emulation contents and criteria (2018:
5 contents, 10 criteria). They are data a manager edits: the demo seeds
placeholder titles marked ``PLACEHOLDER_MARK`` because the exact wording is not
in our sources, and the pages say so until a manager types the real text.

At each quarter's briefing of a cluster the association records the date,
place, which of the cluster's wards came, the minutes, and where each ward
stands on each criterion. A briefing is recorded whole or not at all.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from plans.models import (
    BriefingProgress,
    ClusterBriefing,
    EmulationContent,
    EmulationCriterion,
    ProgressLevel,
)
from wards.models import Cluster, Ward

PLACEHOLDER_MARK = "(tạm đặt)"
QUARTERS = (1, 2, 3)  # the plan: briefings in quarters I, II and III
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def emulation_contents(year: int) -> list[EmulationContent]:
    """The year's contents, each with its criteria (two queries)."""
    return list(
        EmulationContent.objects.filter(year=year).prefetch_related(
            Prefetch("criteria", queryset=EmulationCriterion.objects.order_by("number"))
        )
    )


def criteria_of_year(year: int) -> list[EmulationCriterion]:
    return list(
        EmulationCriterion.objects.filter(content__year=year)
        .select_related("content")
        .order_by("content__number", "number")
    )


def has_placeholders(contents: list[EmulationContent]) -> bool:
    """Whether any title is still the demo's placeholder (the page then asks a manager for the real text)."""
    return any(
        PLACEHOLDER_MARK in content.title or any(PLACEHOLDER_MARK in c.text for c in content.criteria.all())
        for content in contents
    )


def set_emulation_scheme(year: int, actor, scheme: list[tuple[str, list[str]]]) -> list[EmulationContent]:
    """Make the year's contents and criteria exactly ``scheme`` ([(content title, [criterion texts])]).

    Contents numbered 1, 2, …; criteria numbered across the year (1–10 in 2018,
    as the city plan counts them). Existing rows keep their identity (the briefings'
    progress points at criteria), so only titles change where numbers match.
    """
    if not actor.has_perm("plans.manage_briefings"):
        raise PermissionDenied("plans.manage_briefings")
    criterion_number = 0
    with transaction.atomic():
        for number, (title, texts) in enumerate(scheme, start=1):
            content, _created = EmulationContent.objects.update_or_create(
                year=year, number=number, defaults={"title": title.strip()}
            )
            for text in texts:
                criterion_number += 1
                EmulationCriterion.objects.update_or_create(
                    content=content, number=criterion_number, defaults={"text": text.strip()}
                )
    return emulation_contents(year)


def rename_emulation_items(actor, *, titles: dict[int, str], texts: dict[int, str]) -> None:
    """A manager corrects the titles of contents (by pk) and the texts of criteria (by pk)."""
    if not actor.has_perm("plans.manage_briefings"):
        raise PermissionDenied("plans.manage_briefings")
    if any(not value.strip() for value in [*titles.values(), *texts.values()]):
        raise ValidationError(_("Every content and criterion needs a text."))
    with transaction.atomic():
        for content in EmulationContent.objects.select_for_update().filter(pk__in=titles):
            content.title = titles[content.pk].strip()
            content.save(update_fields=["title"])
        for criterion in EmulationCriterion.objects.select_for_update().filter(pk__in=texts):
            criterion.text = texts[criterion.pk].strip()
            criterion.save(update_fields=["text"])


def _check(cluster: Cluster, year: int, quarter: int, wards_present, progress) -> list[str]:
    """Every problem of a briefing's record, so the form can show them all at once."""
    problems = []
    if quarter not in (1, 2, 3, 4):
        problems.append(_("The quarter must be I, II, III or IV."))
    cluster_wards = set(Ward.objects.filter(cluster=cluster).values_list("pk", flat=True))
    outside = sorted({ward.pk for ward in wards_present} - cluster_wards)
    outside += sorted({ward_id for ward_id, _criterion in progress} - cluster_wards - set(outside))
    if outside:
        names = ", ".join(
            Ward.objects.filter(pk__in=outside).order_by("sort_key").values_list("name", flat=True)
        )
        problems.append(
            _("Not wards of %(cluster)s: %(wards)s.") % {"wards": names or outside, "cluster": cluster.name}
        )
    criteria = {criterion.pk for criterion in criteria_of_year(year)}
    if any(criterion_id not in criteria for _ward, criterion_id in progress):
        problems.append(_("A criterion is not one of %(year)s's emulation criteria.") % {"year": year})
    if any(level not in ProgressLevel.values for level, _note in progress.values()):
        problems.append(_("Unknown progress level."))
    return problems


def record_briefing(
    cluster: Cluster,
    year: int,
    quarter: int,
    actor,
    *,
    held_on: date,
    place: str,
    wards_present,
    minutes: str,
    progress: dict[tuple[int, int], tuple[str, str]],
) -> ClusterBriefing:
    """Record (or correct) the cluster's briefing of ``quarter``: all of it, or nothing if anything is wrong.

    ``progress`` maps ``(ward_id, criterion_id)`` to ``(level, note)``; a cell
    left out has no assessment. The wards present and assessed must be the
    cluster's own, the criteria those of ``year``.
    """
    if not actor.has_perm("plans.manage_briefings"):
        raise PermissionDenied("plans.manage_briefings")
    wards_present = list(wards_present)
    problems = _check(cluster, year, quarter, wards_present, progress)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        briefing, _created = ClusterBriefing.objects.update_or_create(
            cluster=cluster,
            year=year,
            quarter=quarter,
            defaults={
                "held_on": held_on,
                "place": place.strip(),
                "minutes": minutes.strip(),
                "recorded_by": actor,
            },
        )
        briefing.wards_present.set(wards_present)
        briefing.progress.all().delete()
        BriefingProgress.objects.bulk_create(
            BriefingProgress(
                briefing=briefing, ward_id=ward_id, criterion_id=criterion_id, level=level, note=note.strip()
            )
            for (ward_id, criterion_id), (level, note) in progress.items()
        )
    return briefing


@dataclass
class BriefingRow:
    cluster: Cluster
    cells: list[tuple[int, ClusterBriefing | None]]  # (quarter, briefing) for quarters I–III


def briefings_of_year(year: int) -> list[BriefingRow]:
    """Each cluster with its briefings of quarters I–III of ``year`` (two queries)."""
    briefings = {
        (briefing.cluster_id, briefing.quarter): briefing
        for briefing in ClusterBriefing.objects.filter(year=year).select_related("cluster")
    }
    return [
        BriefingRow(cluster, [(quarter, briefings.get((cluster.pk, quarter))) for quarter in QUARTERS])
        for cluster in Cluster.objects.order_by("number")
    ]


def latest_year(default: int) -> int:
    """The latest year with an emulation plan or a briefing, else ``default`` (where the list opens)."""
    years = [
        EmulationContent.objects.aggregate(year=Max("year"))["year"],
        ClusterBriefing.objects.aggregate(year=Max("year"))["year"],
    ]
    return max((year for year in years if year), default=default)


@dataclass
class GridRow:
    ward: Ward
    present: bool
    cells: list[tuple[EmulationCriterion, BriefingProgress | None]]


def progress_grid(briefing: ClusterBriefing, criteria: list[EmulationCriterion]) -> list[GridRow]:
    """The cluster's wards × the year's criteria with the level recorded at ``briefing``."""
    recorded = {(row.ward_id, row.criterion_id): row for row in briefing.progress.all()}
    present = {ward.pk for ward in briefing.wards_present.all()}
    return [
        GridRow(
            ward,
            ward.pk in present,
            [(criterion, recorded.get((ward.pk, criterion.pk))) for criterion in criteria],
        )
        for ward in Ward.objects.filter(cluster=briefing.cluster_id).order_by("sort_key")
    ]
