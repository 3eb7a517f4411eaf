from django.urls import path

from assessments.views import (
    assessment,
    batches,
    district,
    documents,
    dossier,
    frameworks,
    inspection,
    public,
    undo,
)

app_name = "assessments"

urlpatterns = [
    # The assessment page, workflow actions, inbox and notifications (views/assessment.py).
    path("assessments/", assessment.assessment_list, name="list"),
    path("assessments/<int:pk>/", assessment.assessment_detail, name="detail"),
    path("assessments/<int:pk>/plan/", assessment.plan_edit, name="plan_edit"),
    path("assessments/<int:pk>/transition/<str:name>/", assessment.transition, name="transition"),
    path("assessments/<int:pk>/undo/", undo.assessment_undo, name="undo"),
    path("inbox/", assessment.inbox, name="inbox"),
    path("notifications/", assessment.notifications, name="notifications"),
    # The ward's dossier: scores, evidence, documents, ZIP and XLSX (views/dossier.py).
    path("assessments/<int:pk>/criteria/<int:number>/", dossier.criterion_edit, name="criterion_edit"),
    path(
        "assessments/<int:pk>/criteria/<int:number>/carry-over/",
        dossier.carry_over,
        name="carry_over",
    ),
    path(
        "assessments/<int:pk>/criteria/<int:number>/center-summary/",
        dossier.attach_center_summary,
        name="attach_center_summary",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_pk>/",
        dossier.evidence_download,
        name="evidence_download",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_pk>/delete/",
        dossier.evidence_delete,
        name="evidence_delete",
    ),
    path("assessments/<int:pk>/documents/<str:kind>/", dossier.document_edit, name="document_edit"),
    path("assessments/<int:pk>/documents/<str:kind>/scan/", dossier.document_scan, name="document_scan"),
    path("assessments/<int:pk>/level/", dossier.requested_level, name="requested_level"),
    path("assessments/<int:pk>/dossier.zip", dossier.dossier_zip, name="dossier_zip"),
    path("assessments/<int:pk>/scores.xlsx", dossier.scores_xlsx, name="scores_xlsx"),
    path("assessments/<int:pk>/scores/import/", dossier.scores_import, name="scores_import"),
    # Official documents generated in the Decree 30 format (views/documents.py).
    path("assessments/<int:pk>/print/<str:key>.pdf", documents.document_pdf, name="document_pdf"),
    path("assessments/<int:pk>/print/<str:key>.docx", documents.document_docx, name="document_docx"),
    path("inspections/<int:pk>/print/<slug:key>.<str:fmt>", documents.plan_document, name="plan_document"),
    path(
        "decisions/<int:pk>/print/<slug:key>.<str:fmt>",
        documents.decision_document,
        name="decision_document",
    ),
    path("results/<int:year>/print/<slug:key>.<str:fmt>", documents.public_document, name="public_document"),
    path("results/<int:year>/<str:code>/decision.pdf", documents.public_decision, name="public_decision"),
    # Batches of documents rendered in the background (views/batches.py).
    path("batches/new/", batches.batch_create, name="batch_create"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/download/", batches.batch_download, name="batch_download"),
    # Receipt and recognition decisions (views/district.py).
    path("assessments/<int:pk>/receive/", district.receive, name="receive"),
    path("assessments/<int:pk>/return/", district.return_for_supplement, name="return_for_supplement"),
    path("assessments/<int:pk>/receipt/", district.receipt_slip, name="receipt_slip"),
    path("decisions/", district.decision_list, name="decision_list"),
    path("decisions/new/", district.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", district.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/approve/", district.decision_approve, name="decision_approve"),
    path("decisions/<int:pk>/release/", district.decision_release, name="decision_release"),
    path("decisions/<int:pk>/withdraw/", district.decision_withdraw, name="decision_withdraw"),
    path("decisions/<int:pk>/undo/", undo.decision_undo, name="decision_undo"),
    # Inspection plans, team scoring and consolidation (views/inspection.py).
    path("inspections/", inspection.plan_list, name="inspection_plan_list"),
    path("inspections/new/", inspection.plan_create, name="inspection_plan_create"),
    path("inspections/<int:pk>/", inspection.plan_detail, name="inspection_plan_detail"),
    path("inspections/<int:pk>/edit/", inspection.plan_edit, name="inspection_plan_edit"),
    path("inspections/<int:pk>/submit/", inspection.plan_submit, name="inspection_plan_submit"),
    path("inspections/<int:pk>/approve/", inspection.plan_approve, name="inspection_plan_approve"),
    path("inspections/<int:pk>/return/", inspection.plan_return, name="inspection_plan_return"),
    path("inspections/<int:pk>/undo/", undo.plan_undo, name="inspection_plan_undo"),
    path("assessments/<int:pk>/scoring/", inspection.scoring, name="scoring"),
    path("assessments/<int:pk>/scoring/<int:number>/", inspection.score_criterion, name="score_criterion"),
    path("assessments/<int:pk>/consolidation/", inspection.consolidation, name="consolidation"),
    path("assessments/<int:pk>/close/", inspection.close, name="close_inspection"),
    # Published results, open to everyone (views/public.py).
    path("results/", public.results_index, name="public_index"),
    path("results/<int:year>/", public.results_year, name="public_year"),
    path("results/ward/<str:code>/", public.results_ward, name="public_ward"),
    path("results/summary/", public.results_summary, name="public_summary"),
    path("results/summary/export.<str:fmt>", public.results_summary_export, name="public_summary_export"),
    # Frameworks and cycles (views/frameworks.py).
    path("frameworks/", frameworks.framework_list, name="framework_list"),
    path("frameworks/<int:pk>/", frameworks.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/copy/", frameworks.framework_copy, name="framework_copy"),
    path("cycles/", frameworks.cycle_list, name="cycle_list"),
    path("cycles/new/", frameworks.cycle_create, name="cycle_create"),
    path("cycles/<int:year>/", frameworks.cycle_edit, name="cycle_edit"),
    path("cycles/<int:year>/open/", frameworks.cycle_open, name="cycle_open"),
]
