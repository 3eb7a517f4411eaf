"""Past years' results in and out as CSV, and the figures the public pages show.

Import validates every row before writing anything: one bad line and nothing
is imported. Imported results go through the workflow engine's
``import_result`` transition, so they have a history like any other result.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.inspection_workflow import DECISION_WORKFLOW
from assessments.models import (
    Assessment,
    AssessmentState,
    Cycle,
    Framework,
    InspectionResult,
    InspectionScore,
    RecognitionDecision,
)
from assessments.scoring import classify, validate_points
from assessments.workflow import perform_transition
from engines.spreadsheets import csv_writer
from wards.models import DistrictUnit, UnitKind, User, Ward

REQUIRED_COLUMNS = ["year", "ward_code", "criterion", "points"]
OPTIONAL_COLUMNS = ["decision_number", "decision_date"]


class ImportRefused(Exception):
    """The file has errors; ``errors`` lists each with its line number."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class _WardYear:
    year: int
    ward: Ward
    first_line: int
    points: dict[int, Decimal] = field(default_factory=dict)
    decision_number: str = ""
    decision_date: datetime.date | None = None


def _parse(text: str) -> tuple[dict[tuple[int, str], _WardYear], list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if header[:4] != REQUIRED_COLUMNS or any(column not in OPTIONAL_COLUMNS for column in header[4:]):
        return {}, [_("Line 1: the header must be %(header)s.") % {"header": ",".join(REQUIRED_COLUMNS)}]
    wards = {ward.code: ward for ward in Ward.objects.all()}
    frameworks: dict[int, Framework | None] = {}
    groups: dict[tuple[int, str], _WardYear] = {}
    errors: list[str] = []
    for line, row in enumerate(reader, start=2):
        try:
            year = int(row["year"])
            ward = wards[row["ward_code"].strip()]
            number = int(row["criterion"])
            points = Decimal(row["points"].strip())
        except (KeyError, ValueError, TypeError, InvalidOperation, AttributeError):
            errors.append(_("Line %(line)s: unreadable row or unknown ward code.") % {"line": line})
            continue
        if year not in frameworks:
            frameworks[year] = Framework.objects.for_year(year).prefetch_related("criteria").first()
        framework = frameworks[year]
        criterion = (
            next((c for c in framework.criteria.all() if c.number == number), None) if framework else None
        )
        if criterion is None:
            errors.append(
                _("Line %(line)s: no criterion %(number)s for %(year)s.")
                % {"line": line, "number": number, "year": year}
            )
            continue
        try:
            validate_points(criterion, points)
        except Exception as error:  # ValidationError: report it with the line
            errors.append(_("Line %(line)s: %(error)s") % {"line": line, "error": " ".join(error.messages)})
            continue
        group = groups.setdefault((year, ward.code), _WardYear(year, ward, line))
        if number in group.points:
            errors.append(
                _("Line %(line)s: criterion %(number)s appears twice.") % {"line": line, "number": number}
            )
            continue
        group.points[number] = points
        if row.get("decision_number"):
            group.decision_number = row["decision_number"].strip()
        if row.get("decision_date"):
            try:
                group.decision_date = datetime.datetime.strptime(
                    row["decision_date"].strip(), "%d/%m/%Y"
                ).date()
            except ValueError:
                errors.append(_("Line %(line)s: the decision date must be dd/mm/yyyy.") % {"line": line})
    if errors:  # a group whose rows failed would also "lack" them; report the rows only
        return groups, errors
    for (year, _code), group in groups.items():
        expected = {c.number for c in frameworks[year].criteria.all()}
        if set(group.points) != expected:
            missing = ", ".join(str(n) for n in sorted(expected - set(group.points)))
            errors.append(
                _("Line %(line)s: %(ward)s %(year)s lacks criteria %(numbers)s.")
                % {"line": group.first_line, "ward": group.ward.code, "year": year, "numbers": missing}
            )
    return groups, errors


def import_results(text: str, actor: User) -> int:
    """Load a CSV of past results (see the module docstring); returns the number of ward-years imported."""
    groups, errors = _parse(text)
    existing = {
        (a.cycle.year, a.ward.code)
        for a in Assessment.objects.select_related("cycle", "ward").exclude(state=AssessmentState.PLAN_DRAFT)
    }
    errors += [
        _("Line %(line)s: %(ward)s already has a result for %(year)s.")
        % {"line": g.first_line, "ward": g.ward.code, "year": g.year}
        for key, g in groups.items()
        if key in existing
    ]
    if errors:
        raise ImportRefused(sorted(errors, key=_line_number))
    with transaction.atomic():
        for group in groups.values():
            _import_group(group, actor)
    return len(groups)


def _line_number(message: str) -> int:
    digits = "".join(ch for ch in message.split(":")[0] if ch.isdigit())
    return int(digits or 0)


def _cycle_for(year: int) -> Cycle:
    lead = (
        DistrictUnit.objects.filter(kind=UnitKind.PROMOTION_ASSOCIATION).first()
        or DistrictUnit.objects.first()
    )
    cycle, _created = Cycle.objects.get_or_create(
        year=year,
        defaults={
            "framework": Framework.objects.for_year(year).first(),
            "self_assessment_start": datetime.date(year, 10, 1),
            "self_assessment_end": datetime.date(year, 10, 20),
            "dossier_deadline": datetime.date(year, 10, 31),
            "inspection_start": datetime.date(year, 11, 1),
            "inspection_end": datetime.date(year, 11, 30),
            "recognition_deadline": datetime.date(year, 12, 15),
            "lead_body": lead,
        },
    )
    return cycle


def _import_group(group: _WardYear, actor: User) -> None:
    cycle = _cycle_for(group.year)
    assessment, _created = Assessment.objects.get_or_create(cycle=cycle, ward=group.ward)
    criteria = {c.number: c for c in cycle.framework.criteria.all()}
    InspectionScore.objects.bulk_create(
        InspectionScore(assessment=assessment, criterion=criteria[n], points=p, scored_by=actor)
        for n, p in group.points.items()
    )
    total = sum(group.points.values(), Decimal(0))
    InspectionResult.objects.create(
        assessment=assessment,
        total=total,
        classification=classify(cycle.framework, total),
        closed_by=actor,
        closed_at=timezone.now(),
        imported=True,
    )
    if group.decision_number:
        decision, created = RecognitionDecision.objects.get_or_create(
            cycle=cycle,
            number=group.decision_number,
            defaults={"issued_on": group.decision_date, "prepared_by": actor},
        )
        decision.assessments.add(assessment)
        if created:
            DECISION_WORKFLOW.perform(decision, "record_past", actor, reason=_("Imported from past records"))
    perform_transition(assessment, "import_result", actor, reason=_("Imported from past records"))


def export_results(year: int) -> str:
    """CSV ``ward_code,ward_name,total,classification`` for every ward with a result in ``year``.

    Names are written with ``engines.spreadsheets.csv_writer``: none can turn into a formula.
    """
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["ward_code", "ward_name", "total", "classification"])
    results = (
        InspectionResult.objects.filter(assessment__cycle__year=year)
        .select_related("assessment__ward", "classification")
        .order_by("assessment__ward__sort_key")
    )
    for result in results:
        ward = result.assessment.ward
        label = result.classification.label_vi if result.classification else ""
        writer.writerow([ward.code, ward.name, f"{result.total:.1f}", label])
    return out.getvalue()
