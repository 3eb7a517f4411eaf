"""Forms of the reference-data pages: the activity catalogue, literacy standards, targets, rubrics."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from centers.forms.rating import DecimalCommaField
from centers.models import ActivityKind, LearningModelTarget, LiteracyStandard, RatingRubric
from centers.rating import plain_points
from centers.reference_data import (
    age_range_problem,
    duplicate_standard_problem,
    duplicate_target_problem,
    percent_problem,
)
from engines.forms import fields_only_helper


def _page_helper(form_id: str) -> FormHelper:
    helper = FormHelper()
    helper.form_method = "post"
    helper.form_id = form_id
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("save", _("Save")))
    return helper


class ActivityKindForm(forms.ModelForm):
    """A kind of the catalogue; its code, which imports and exports name it by, is fixed once created."""

    class Meta:
        model = ActivityKind
        fields = ["code", "name", "group", "counts_only", "order"]
        help_texts = {"code": _("Short, without diacritics or spaces, e.g. cd-an-toan-giao-thong")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = ""
        self.helper = _page_helper("kind-form")


class LiteracyStandardForm(forms.ModelForm):
    """A standard's ages and threshold; a new one starts from a year (the level and year then stay)."""

    class Meta:
        model = LiteracyStandard
        fields = ["level", "valid_from", "name", "min_age", "max_age", "threshold_percent", "legal_basis"]
        field_classes = {"threshold_percent": DecimalCommaField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["level"].disabled = True
            self.fields["valid_from"].disabled = True
        self.helper = _page_helper("standard-form")

    def clean(self):
        cleaned_data = super().clean()
        if problem := age_range_problem(cleaned_data.get("min_age"), cleaned_data.get("max_age")):
            self.add_error("max_age", problem)
        if problem := percent_problem(cleaned_data.get("threshold_percent")):
            self.add_error("threshold_percent", problem)
        level, valid_from = cleaned_data.get("level"), cleaned_data.get("valid_from")
        if (
            level
            and valid_from
            and (problem := duplicate_standard_problem(level, valid_from, self.instance.pk))
        ):
            self.add_error("valid_from", problem)
        return cleaned_data


class LearningTargetForm(forms.ModelForm):
    class Meta:
        model = LearningModelTarget
        fields = ["kind", "valid_from", "target_percent", "legal_basis"]
        field_classes = {"target_percent": DecimalCommaField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["kind"].disabled = True
            self.fields["valid_from"].disabled = True
        self.helper = _page_helper("target-form")

    def clean(self):
        cleaned_data = super().clean()
        if problem := percent_problem(cleaned_data.get("target_percent")):
            self.add_error("target_percent", problem)
        kind, valid_from = cleaned_data.get("kind"), cleaned_data.get("valid_from")
        if kind and valid_from and (problem := duplicate_target_problem(kind, valid_from, self.instance.pk)):
            self.add_error("valid_from", problem)
        return cleaned_data


class RubricForm(forms.ModelForm):
    class Meta:
        model = RatingRubric
        fields = ["name", "valid_from", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].min_value = 2000
        self.helper = fields_only_helper()

    def clean_valid_from(self):
        year = self.cleaned_data["valid_from"]
        if RatingRubric.objects.filter(valid_from=year).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another rubric already starts in %(year)s.") % {"year": year})
        return year


class AreaRowForm(forms.Form):
    """One area of the rubric being edited (``id`` empty for a new one)."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    order = forms.IntegerField(label=_("Order"), min_value=1, max_value=99)
    name = forms.CharField(label=_("Name"), max_length=200)
    guidance = forms.CharField(
        label=_("What is looked at"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_points = DecimalCommaField(label=_("Maximum points"), max_digits=5, decimal_places=1)


class BandRowForm(forms.Form):
    label = forms.CharField(label=_("Result"), max_length=60)
    min_points = DecimalCommaField(label=_("From points"), max_digits=5, decimal_places=1)


class _RowFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The rows to keep or add, as plain data: filled extra rows, without those ticked for deletion."""
        return [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.has_changed() or form.initial
            if not self._should_delete_form(form)
        ]


AreaFormSet = forms.formset_factory(AreaRowForm, formset=_RowFormSet, extra=1, can_delete=True)
BandFormSet = forms.formset_factory(BandRowForm, formset=_RowFormSet, extra=1, can_delete=True)


def area_initial(rubric: RatingRubric) -> list[dict]:
    return [
        {
            "id": a.pk,
            "order": a.order,
            "name": a.name,
            "guidance": a.guidance,
            "max_points": plain_points(a.max_points),
        }
        for a in rubric.areas.all()
    ]


def band_initial(rubric: RatingRubric) -> list[dict]:
    return [{"label": band.label, "min_points": plain_points(band.min_points)} for band in rubric.bands.all()]
