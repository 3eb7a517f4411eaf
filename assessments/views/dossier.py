"""The ward's dossier: scores and evidence per criterion, signed documents, the ZIP and the score sheet.

An assessment the user may not see (``assessments.view_assessment``) is a 404;
changing the dossier needs ``assessments.edit_dossier`` (403 otherwise), which
the domain functions check again on the locked row. Files are only ever
served from here, as attachments.
"""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from assessments import center_evidence
from assessments.dossier import (
    StaleSelfScore,
    apply_self_scores,
    carry_over_evidence,
    delete_evidence,
    save_criterion_self_assessment,
    save_dossier_document,
)
from assessments.dossier_zip import build_dossier_zip, dossier_zip_name
from assessments.forms.dossier import (
    CriterionSelfAssessmentForm,
    DossierDocumentForm,
    RequestedLevelForm,
    ScoresImportForm,
)
from assessments.models import Assessment, CriterionSelfScore, DocumentKind, DossierDocument
from assessments.procedures import asks_for_level, choose_requested_level, document_kinds, level_choices
from assessments.queries import criterion_or_404, visible_assessment_or_404
from assessments.spreadsheet import SpreadsheetError, export_self_scores, read_self_scores
from assessments.strategies import strategy_for
from assessments.views import indicators as indicator_pages
from engines.documents.render import DocumentRenderingFailed
from engines.storage import private_file_response
from engines.uploads import XLSX, content_type_for_name
from wards.permissions import require_perm


def _stored_score(assessment: Assessment, criterion) -> CriterionSelfScore | None:
    return (
        CriterionSelfScore.objects.filter(assessment=assessment, criterion=criterion)
        .select_related("updated_by")
        .first()
    )


def criterion_edit(request, pk: int, number: int):
    """One criterion: self-score, comment and new evidence files, saved together or not at all
    (its indicators' findings and evidence, under a level-based framework).

    A save based on a version of the score someone has changed since is refused;
    the page then shows what is stored now next to what the user typed, and
    saving again replaces it.
    """
    assessment = visible_assessment_or_404(request.user, pk)
    require_perm(request, "assessments.edit_dossier", assessment)
    criterion = criterion_or_404(assessment, number)
    if strategy_for(assessment.cycle.framework).per_indicator:
        return indicator_pages.self_assessment(request, assessment, criterion)
    score = _stored_score(assessment, criterion)
    evidence = list(assessment.evidence.filter(criterion=criterion).select_related("uploaded_by"))
    data = request.POST if request.method == "POST" else None
    form = CriterionSelfAssessmentForm(
        data,
        request.FILES if data is not None else None,
        criterion=criterion,
        evidence_count=len(evidence),
        initial=(
            {"points": score.points, "comment": score.comment, "version": score.version}
            if score
            else {"version": 0}
        ),
    )
    stale = ""  # the refusal of a save based on an outdated version
    if data is not None and form.is_valid():
        try:
            save_criterion_self_assessment(
                assessment,
                criterion,
                request.user,
                points=form.cleaned_data["points"],
                comment=form.cleaned_data["comment"],
                uploads=form.cleaned_data["files"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleSelfScore as error:
            stale = str(error)
            score = _stored_score(assessment, criterion)
            evidence = list(assessment.evidence.filter(criterion=criterion).select_related("uploaded_by"))
            form.start_from_version(score.version if score else 0)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            added = len(form.cleaned_data["files"])
            messages.success(
                request,
                ngettext(
                    "Criterion %(number)s has been saved with %(count)s new evidence file.",
                    "Criterion %(number)s has been saved with %(count)s new evidence files.",
                    added,
                )
                % {"number": criterion.number, "count": added},
            )
            return redirect(assessment)
    return render(
        request,
        "assessments/criterion_form.html",
        {
            "assessment": assessment,
            "criterion": criterion,
            "framework": assessment.cycle.framework,
            "evidence": evidence,
            "form": form,
            "score": score,
            "stale": stale,
            "previous_year": assessment.cycle.year - 1,
            "center_summary": center_evidence.criterion_summary(assessment, criterion),
        },
    )


@require_POST
def carry_over(request, pk: int, number: int):
    """Reuse last year's evidence for this criterion (by reference to the same stored files)."""
    assessment = visible_assessment_or_404(request.user, pk)
    require_perm(request, "assessments.edit_dossier", assessment)
    criterion = criterion_or_404(assessment, number)
    count = carry_over_evidence(assessment, criterion, request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s evidence file has been carried over from %(year)s.",
                "%(count)s evidence files have been carried over from %(year)s.",
                count,
            )
            % {"count": count, "year": assessment.cycle.year - 1},
        )
    else:
        messages.info(
            request,
            _("There is no evidence from %(year)s left to carry over.") % {"year": assessment.cycle.year - 1},
        )
    return redirect("assessments:criterion_edit", pk=assessment.pk, number=criterion.number)


@require_POST
def attach_center_summary(request, pk: int, number: int):
    """Attach the learning centre's summary for this criterion as a generated PDF report."""
    assessment = visible_assessment_or_404(request.user, pk)
    require_perm(request, "assessments.edit_dossier", assessment)
    criterion = criterion_or_404(assessment, number)
    if not criterion.center_topic:
        raise Http404
    try:
        evidence = center_evidence.attach_center_summary(assessment, criterion, request.user)
    except DocumentRenderingFailed as error:  # nothing was attached; the page stays as it was
        messages.error(request, str(error))
        return redirect("assessments:criterion_edit", pk=assessment.pk, number=criterion.number)
    messages.success(
        request,
        _("The learning centre's summary has been attached as evidence: %(name)s.")
        % {"name": evidence.original_name},
    )
    return redirect("assessments:criterion_edit", pk=assessment.pk, number=criterion.number)


def evidence_download(request, pk: int, evidence_pk: int):
    assessment = visible_assessment_or_404(request.user, pk)
    evidence = get_object_or_404(assessment.evidence, pk=evidence_pk)
    return private_file_response(
        evidence.file.name, filename=evidence.original_name, content_type=evidence.content_type
    )


@require_POST
def evidence_delete(request, pk: int, evidence_pk: int):
    assessment = visible_assessment_or_404(request.user, pk)
    evidence = get_object_or_404(assessment.evidence.select_related("criterion"), pk=evidence_pk)
    require_perm(request, "assessments.edit_dossier", assessment)
    try:
        delete_evidence(evidence, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The evidence file %(name)s has been deleted.") % {"name": evidence.original_name}
        )
    return redirect("assessments:criterion_edit", pk=assessment.pk, number=evidence.criterion.number)


def _document_kind(assessment: Assessment, kind: str) -> DocumentKind:
    """A document of the assessment's procedure (``assessments.procedures``); any other is a 404."""
    if kind not in document_kinds(assessment):
        raise Http404
    return DocumentKind(kind)


def document_edit(request, pk: int, kind: str):
    """Number, date, signer and signed scan of one of the procedure's documents (proposal, report, minutes…)."""
    assessment = visible_assessment_or_404(request.user, pk)
    kind = _document_kind(assessment, kind)
    require_perm(request, "assessments.edit_dossier", assessment)
    document = DossierDocument.objects.filter(assessment=assessment, kind=kind).first()
    data = request.POST if request.method == "POST" else None
    initial = (
        {"number": document.number, "issued_on": document.issued_on, "signer": document.signer}
        if document
        else {"signer": assessment.ward.chairman_name}
    )
    form = DossierDocumentForm(
        data, request.FILES if data is not None else None, initial=initial, cycle=assessment.cycle
    )
    if data is not None and form.is_valid():
        save_dossier_document(
            assessment,
            kind,
            request.user,
            number=form.cleaned_data["number"],
            issued_on=form.cleaned_data["issued_on"],
            signer=form.cleaned_data["signer"],
            scan=form.cleaned_data["scan"],
        )
        messages.success(request, _("%(document)s has been saved.") % {"document": kind.label})
        return redirect(assessment)
    return render(
        request,
        "assessments/document_form.html",
        {"assessment": assessment, "kind": kind, "document": document, "form": form},
    )


def document_scan(request, pk: int, kind: str):
    assessment = visible_assessment_or_404(request.user, pk)
    kind = _document_kind(assessment, kind)
    document = DossierDocument.objects.filter(assessment=assessment, kind=kind).exclude(scan="").first()
    if document is None:
        raise Http404
    content_type = content_type_for_name(document.scan.name)
    return private_file_response(
        document.scan.name,
        filename=document.scan_name or document.scan.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )


def requested_level(request, pk: int):
    """The level the dossier asks for, as the meeting agreed it (frameworks with levels)."""
    assessment = visible_assessment_or_404(request.user, pk)
    if not asks_for_level(assessment):
        raise Http404
    require_perm(request, "assessments.edit_dossier", assessment)
    form = RequestedLevelForm(
        request.POST if request.method == "POST" else None,
        initial={"level": assessment.requested_level},
        levels=level_choices(assessment),
    )
    if form.is_valid():
        try:
            choose_requested_level(assessment, form.cleaned_data["level"], request.user)
        except ValidationError as error:
            form.add_error("level", error)
        else:
            messages.success(request, _("The level asked for has been saved."))
            return redirect(assessment)
    return render(request, "assessments/requested_level_form.html", {"assessment": assessment, "form": form})


def dossier_zip(request, pk: int):
    """The whole dossier in one ZIP, for the ward and the district."""
    assessment = visible_assessment_or_404(request.user, pk)
    response = FileResponse(
        build_dossier_zip(assessment),
        as_attachment=True,
        filename=dossier_zip_name(assessment),
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _points_framework_or_404(assessment: Assessment) -> None:
    """The score sheet holds points per criterion: a level-based framework has none."""
    if strategy_for(assessment.cycle.framework).by_level:
        raise Http404


def scores_xlsx(request, pk: int):
    assessment = visible_assessment_or_404(request.user, pk)
    _points_framework_or_404(assessment)
    response = FileResponse(
        io.BytesIO(export_self_scores(assessment)),
        as_attachment=True,
        filename=f"tu-danh-gia-{assessment.ward.code}-{assessment.cycle.year}.xlsx",
        content_type=XLSX,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def scores_import(request, pk: int):
    """Self-scores and comments from an XLSX sheet: every row checked first, then all saved or none."""
    assessment = visible_assessment_or_404(request.user, pk)
    _points_framework_or_404(assessment)
    require_perm(request, "assessments.edit_dossier", assessment)
    data = request.POST if request.method == "POST" else None
    form = ScoresImportForm(data, request.FILES if data is not None else None)
    if data is not None and form.is_valid():
        try:
            rows = read_self_scores(assessment, form.cleaned_data["file"].file)
            count = apply_self_scores(assessment, rows, request.user)
        except SpreadsheetError as error:
            form.add_error("file", error.problems)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                ngettext(
                    "The scores of %(count)s criterion have been imported.",
                    "The scores of %(count)s criteria have been imported.",
                    count,
                )
                % {"count": count},
            )
            return redirect(assessment)
    return render(
        request,
        "assessments/scores_import.html",
        {"assessment": assessment, "form": form, "export_url": reverse("assessments:scores_xlsx", args=[pk])},
    )
