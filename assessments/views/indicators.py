"""The criterion's pages under a level-based framework: the ward's findings per indicator, the team's.

Reached through the same URLs and views as the points pages
(``dossier.criterion_edit``, ``inspection.scoring`` and ``inspection.score_criterion``),
which have checked the permissions already; the framework's strategy sends
them here (``per_indicator``).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessments.dossier import StaleSelfScore
from assessments.forms.indicators import IndicatorInspectionForm, IndicatorSelfForm
from assessments.indicator_dossier import (
    SelfAnswer,
    TeamAnswer,
    record_indicator_findings,
    save_indicator_self_assessment,
)
from assessments.indicators import (
    indicator_statuses,
    inspection_level,
    level_comparisons,
    self_level,
)
from assessments.inspection import StaleScore
from assessments.levels import classification_for_level

INITIAL_ANSWER = {True: "yes", False: "no", None: ""}


def _self_initial(status) -> dict:
    finding = status.finding
    if finding is None:
        return {"meets_level_1": "", "meets_level_2": "", "version": 0}
    return {
        "meets_level_1": INITIAL_ANSWER[finding.meets_level_1],
        "meets_level_2": INITIAL_ANSWER[finding.meets_level_2],
        "comment": finding.comment,
        "version": finding.version,
    }


def _all_valid(forms) -> bool:
    """Every form checked (so each shows its errors), not only up to the first invalid one."""
    return not sum(not form.is_valid() for form in forms)


def _posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def self_assessment(request, assessment, criterion):
    """Each indicator of the criterion: met at level 1 / level 2, a comment and its evidence files."""
    statuses = indicator_statuses(assessment, criterion)
    data, files = _posted(request)
    forms = [
        IndicatorSelfForm(data, files, indicator=status.indicator, initial=_self_initial(status))
        for status in statuses
    ]
    stale = ""
    if data is not None and _all_valid(forms):
        answers = [
            SelfAnswer(
                indicator=form.indicator,
                meets_level_1=form.answer("meets_level_1"),
                meets_level_2=form.answer("meets_level_2"),
                comment=form.cleaned_data["comment"],
                uploads=form.cleaned_data["files"],
                expected_version=form.cleaned_data["version"],
            )
            for form in forms
        ]
        try:
            save_indicator_self_assessment(assessment, criterion, request.user, answers)
        except StaleSelfScore as error:
            stale = str(error)
            statuses = indicator_statuses(assessment, criterion)
            for form, status in zip(forms, statuses, strict=True):
                form.data = form.data.copy()
                form.data[form.add_prefix("version")] = str(status.finding.version if status.finding else 0)
        else:
            messages.success(
                request,
                _("The indicators of criterion %(number)s have been saved.") % {"number": criterion.number},
            )
            return redirect(assessment)
    return render(
        request,
        "assessments/criterion_levels.html",
        {
            "assessment": assessment,
            "criterion": criterion,
            "framework": assessment.cycle.framework,
            "rows": list(zip(statuses, forms, strict=True)),
            "stale": stale,
        },
    )


def scoring(request, assessment, assigned: set[int], may_close: bool):
    """The team member's page: the indicators of their criteria with the ward's findings and evidence."""
    statuses = indicator_statuses(assessment, with_inspection=True)
    criteria = {}
    for status in statuses:
        criteria.setdefault(status.indicator.criterion, []).append(status)
    return render(
        request,
        "assessments/inspection/scoring_levels.html",
        {
            "assessment": assessment,
            "framework": assessment.cycle.framework,
            "assigned": [(c, rows) for c, rows in criteria.items() if c.pk in assigned],
            "others": [(c, rows) for c, rows in criteria.items() if c.pk not in assigned],
            "may_close": may_close,
        },
    )


def _team_initial(status) -> dict:
    found = status.inspection
    if found is None:
        return {"evidence_sufficient": True, "version": 0}
    return {
        "meets_level_1": INITIAL_ANSWER[found.meets_level_1],
        "meets_level_2": INITIAL_ANSWER[found.meets_level_2],
        "evidence_sufficient": found.evidence_sufficient,
        "comment": found.comment,
        "version": found.version,
    }


def score(request, assessment, criterion):
    """The team's findings for the indicators of one assigned criterion, saved together."""
    statuses = indicator_statuses(assessment, criterion, with_inspection=True)
    data, _files = _posted(request)
    forms = [
        IndicatorInspectionForm(data, indicator=status.indicator, initial=_team_initial(status))
        for status in statuses
    ]
    if data is not None and _all_valid(forms):
        answers = [
            TeamAnswer(
                indicator=form.indicator,
                meets_level_1=form.answer("meets_level_1"),
                meets_level_2=bool(form.answer("meets_level_2")),
                evidence_sufficient=form.cleaned_data["evidence_sufficient"],
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
            )
            for form in forms
        ]
        try:
            record_indicator_findings(assessment, request.user, answers)
        except StaleScore as error:
            forms[0].add_error(None, str(error))
            statuses = indicator_statuses(assessment, criterion, with_inspection=True)
        else:
            messages.success(
                request,
                _("The indicators of criterion %(number)s have been assessed.")
                % {"number": criterion.number},
            )
            return redirect("assessments:scoring", pk=assessment.pk)
    return render(
        request,
        "assessments/inspection/score_levels.html",
        {
            "assessment": assessment,
            "criterion": criterion,
            "framework": assessment.cycle.framework,
            "rows": list(zip(statuses, forms, strict=True)),
        },
    )


def consolidation(request, assessment, result, *, may_close: bool, may_score: bool):
    """Per indicator the ward's finding and the team's, and the level each comes to; then the level reached.

    ``result`` is the stored inspection result once closed (``None`` before: the team's level so far).
    """
    statuses = indicator_statuses(assessment, with_inspection=True)
    framework = assessment.cycle.framework
    own_level = self_level(statuses)
    team_level = result.level if result else inspection_level(statuses)
    return render(
        request,
        "assessments/inspection/consolidation_levels.html",
        {
            "assessment": assessment,
            "framework": framework,
            "rows": level_comparisons(statuses),
            "self_level": own_level,
            "self_band": classification_for_level(framework, own_level),
            "team_level": team_level,
            "team_band": result.classification if result else classification_for_level(framework, team_level),
            "unassessed": [status.indicator.code for status in statuses if status.inspection is None],
            "result": result,
            "may_close": may_close,
            "may_score": may_score,
        },
    )
