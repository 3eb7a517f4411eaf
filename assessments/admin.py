"""The Django admin for assessments: a back office, never a way around the rules.

- An assessment's state is read-only here: it changes only through
  ``assessments.workflow.perform_transition`` (the history is read-only too).
- A framework's maxima and grades are checked like on the portal page
  (``assessments.frameworks``); a frozen framework is read-only; the scheme
  is confirmed only on the portal page, and changing maxima or grades here
  leaves it unconfirmed.
- Dossier contents (plan, self-scores, evidence, documents) are edited by the
  ward on the portal, with its permission and state checks; here they are
  shown only. Uploaded files are private and are not linked from the admin.
"""

from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from assessments.forms.frameworks import CycleForm
from assessments.frameworks import band_problems, is_framework_locked, plain_points, validate_half_points
from assessments.models import (
    Assessment,
    ClassificationBand,
    Criterion,
    CriterionSelfScore,
    Cycle,
    DossierDocument,
    EvidenceFile,
    Framework,
    Indicator,
    Notification,
    ScoringMode,
    SelfInspectionPlan,
    StateChange,
)
from assessments.scoring import maxima_problem


class ReadOnlyAdminMixin:
    """Shown in the admin, changed only through the portal's own pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _kept_forms(formset):
    """The rows that will exist after saving: existing or filled in, and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if (form.instance.pk or form.has_changed())
        and not (formset.can_delete and formset._should_delete_form(form))
    ]


class CriterionInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.scoring_mode != ScoringMode.POINTS:
            return
        maxima = [
            form.cleaned_data["max_points"] for form in _kept_forms(self) if "max_points" in form.cleaned_data
        ]
        if maxima and (
            problem := maxima_problem(maxima, plain_points(self.instance.total_points or Decimal(100)))
        ):
            raise ValidationError(problem)


class BandInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        minimums = sorted(
            (
                form.cleaned_data["min_points"]
                for form in _kept_forms(self)
                if "min_points" in form.cleaned_data
            ),
            reverse=True,
        )
        if problems := band_problems(minimums, plain_points(self.instance.total_points or Decimal(100))):
            raise ValidationError(problems)


class FrozenFrameworkInlineMixin:
    """Criteria and grades of a frozen framework cannot be added, changed or deleted."""

    def _editable(self, obj) -> bool:
        return obj is None or not is_framework_locked(obj)

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class CriterionInline(FrozenFrameworkInlineMixin, admin.TabularInline):
    model = Criterion
    formset = CriterionInlineFormSet
    fields = ["number", "title_vi", "title_en", "guidance", "max_points"]
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "max_points":
            field.validators.append(validate_half_points)
        return field


class ClassificationBandInline(FrozenFrameworkInlineMixin, admin.TabularInline):
    model = ClassificationBand
    formset = BandInlineFormSet
    fields = ["code", "label_vi", "label_en", "min_points"]
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "version", "first_year", "last_year", "scoring_mode", "scheme_confirmed"]
    list_filter = ["scoring_mode", "scheme_confirmed"]
    inlines = [CriterionInline, ClassificationBandInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and is_framework_locked(obj):
            return ["code", "version", "scoring_mode", "total_points", "scheme_confirmed", "first_year"]
        if obj is not None:
            return ["code", "version", "scoring_mode", "scheme_confirmed"]
        return ["scheme_confirmed"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        scheme_fields = {"max_points", "min_points", "number"}
        touched = any(
            formset.deleted_objects
            or formset.new_objects
            or any(scheme_fields & set(fields) for _obj, fields in formset.changed_objects)
            for formset in formsets
        )
        framework = form.instance
        if touched and framework.scheme_confirmed:
            framework.scheme_confirmed = False
            framework.save(update_fields=["scheme_confirmed"])
            self.message_user(
                request,
                _("The maxima or grades changed, so the scoring scheme is no longer confirmed."),
                level="warning",
            )


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """The indicators of a level-based framework: their texts and targets, editable until the version is
    frozen by a recognised assessment (then it is copied into a new version, like its criteria)."""

    list_display = ["__str__", "criterion"]
    list_filter = ["criterion__framework"]
    fields = ["criterion", "number", "title_vi", "title_en", "level_1_target", "level_2_target", "guidance"]
    readonly_fields = ["criterion", "number"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and is_framework_locked(obj.criterion.framework):
            return False
        return super().has_change_permission(request, obj)


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    form = CycleForm
    list_display = ["year", "framework", "lead_body", "dossier_deadline", "opened_at"]
    readonly_fields = ["opened_at"]
    list_select_related = ["framework", "lead_body"]


class StateChangeInline(admin.TabularInline):
    model = StateChange
    fk_name = "assessment"
    fields = ["at", "transition", "from_state", "to_state", "actor", "reason", "due_date"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["ward", "cycle", "state", "due_date", "self_total"]
    list_filter = ["cycle", "state"]
    list_select_related = ["ward", "cycle"]
    search_fields = ["ward__name", "ward__code"]
    fields = ["cycle", "ward", "state", "due_date", "due_label", "self_total", "updated_at"]
    inlines = [StateChangeInline]

    def get_readonly_fields(self, request, obj=None):
        # The state is never editable here: only the workflow engine changes it.
        always = ["state", "due_date", "due_label", "self_total", "updated_at"]
        return always if obj is None else ["cycle", "ward", *always]


@admin.register(StateChange)
class StateChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "assessment", "transition", "from_state", "to_state", "actor"]
    list_filter = ["transition", "to_state"]
    list_select_related = ["assessment__ward", "assessment__cycle", "actor"]


@admin.register(SelfInspectionPlan)
class SelfInspectionPlanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["assessment", "updated_by", "updated_at"]
    list_select_related = ["assessment__ward", "assessment__cycle", "updated_by"]


@admin.register(CriterionSelfScore)
class CriterionSelfScoreAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["assessment", "criterion", "points"]
    list_filter = ["assessment__cycle"]
    list_select_related = ["assessment__ward", "assessment__cycle", "criterion"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "assessment", "criterion", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["assessment__ward", "assessment__cycle", "criterion", "uploaded_by"]
    # The stored file has no public URL: it is served only by the portal's permission-checked view.
    exclude = ["file"]


@admin.register(DossierDocument)
class DossierDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "assessment", "number", "issued_on", "signer"]
    list_filter = ["kind"]
    list_select_related = ["assessment__ward", "assessment__cycle"]
    exclude = ["scan"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "created_at", "read_at"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__username"]
    readonly_fields = ["recipient", "subject", "body", "url", "created_at", "read_at"]

    def has_add_permission(self, request):
        return False
