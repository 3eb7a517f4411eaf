"""Forms of the administrator's framework pages and of the district's cycle pages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessments.frameworks import (
    CYCLE_DATE_FIELDS,
    cycle_date_problems,
    framework_covers_year,
    validate_half_points,
)
from assessments.models import ClassificationBand, Criterion, Cycle, Framework
from wards.models import DistrictUnit, UnitKind

LEAD_BODY_KINDS = (UnitKind.EDUCATION_OFFICE, UnitKind.PROMOTION_ASSOCIATION)
# Who reviews, recognises and signs, as the documents print them (blank: the district's; assessments.authority).
AUTHORITY_FIELDS = (
    "reviewing_body",
    "recognising_body",
    "recognising_parent_body",
    "signer_capacity",
    "signer_title",
)


class CriterionForm(forms.ModelForm):
    """One criterion of the scheme; its number is shown, not edited."""

    class Meta:
        model = Criterion
        fields = ["title_vi", "title_en", "guidance", "max_points", "center_topic"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_points"].validators.append(validate_half_points)
        self.fields["max_points"].widget.attrs.update({"step": "0.5", "min": "0.5"})


class BandForm(forms.ModelForm):
    """One grade: its labels and the points it needs."""

    class Meta:
        model = ClassificationBand
        fields = ["label_vi", "label_en", "min_points"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["min_points"].widget.attrs.update({"step": "0.5", "min": "0"})


CriterionFormSet = forms.modelformset_factory(Criterion, form=CriterionForm, extra=0, edit_only=True)
BandFormSet = forms.modelformset_factory(ClassificationBand, form=BandForm, extra=0, edit_only=True)


class ConfirmSchemeForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked these maxima against the official text; confirm the scoring scheme"),
        required=False,
    )


class FrameworkCopyForm(forms.Form):
    first_year = forms.IntegerField(label=_("First year of the new version"), min_value=1990, max_value=2100)


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
    )


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, framework):
        years = f"{framework.first_year}–{framework.last_year or '…'}"
        return f"{framework} · {years}"


AUTHORITY_NOTE = _(
    "Leave these empty for the district's People's Committee and its chairman, with the education office "
    "reviewing (Circular 44, and before 07/2025). Since the reform the head of the education office, or "
    "the body the province designates, recognises: name it here as the documents must print it."
)


class CycleForm(forms.ModelForm):
    """A year's calendar, framework, lead body, and the bodies and signer its documents name.

    Dates are typed day first (dd/mm/yyyy) and must follow the order of the
    procedure; the framework must apply to the year. Once the cycle is open
    (its assessments exist) the year and the framework no longer change.
    """

    framework = FrameworkChoiceField(
        label=_("Framework"), queryset=Framework.objects.order_by("code", "version")
    )
    lead_body = forms.ModelChoiceField(
        label=_("Body leading the inspection"),
        queryset=DistrictUnit.objects.filter(kind__in=LEAD_BODY_KINDS),
    )

    class Meta:
        model = Cycle
        fields = ["year", "framework", *CYCLE_DATE_FIELDS, "lead_body", *AUTHORITY_FIELDS]
        help_texts = {
            "signer_capacity": _(
                "Lines above the title, separated by “/”, e.g. KT. GIÁM ĐỐC. Empty, with an empty title: "
                "TM. ỦY BAN NHÂN DÂN, the chairman or a vice-chairman as entered when the decision is signed."
            ),
            "signer_title": _(
                "e.g. PHÓ GIÁM ĐỐC, TRƯỞNG PHÒNG. Empty, with an empty capacity: the People's Committee's "
                "chairman; empty with a capacity: CHỦ TỊCH."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CYCLE_DATE_FIELDS:
            self.fields[name] = _date_field(Cycle._meta.get_field(name).verbose_name)
        if self.instance.pk and self.instance.opened_at:
            for name in ("year", "framework"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("The cycle is open: its assessments use this.")
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_id = "cycle-form"
        self.helper.layout = Layout(
            Div(
                Div(Field("year"), css_class="col-md-2"),
                Div(Field("framework"), css_class="col-md-6"),
                Div(Field("lead_body"), css_class="col-md-4"),
                css_class="row",
            ),
            Div(*(Div(Field(name), css_class="col-md-4") for name in CYCLE_DATE_FIELDS), css_class="row"),
            Fieldset(
                _("Reviewing and recognising authority"),
                HTML(format_html('<p class="small text-body-secondary">{}</p>', AUTHORITY_NOTE)),
                Div(
                    *(Div(Field(name), css_class="col-md-4") for name in AUTHORITY_FIELDS[:3]),
                    *(Div(Field(name), css_class="col-md-6") for name in AUTHORITY_FIELDS[3:]),
                    css_class="row",
                ),
                css_id="cycle-authority",
            ),
        )
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        cleaned_data = super().clean()
        year, framework = cleaned_data.get("year"), cleaned_data.get("framework")
        if year and framework and not framework_covers_year(framework, year):
            self.add_error("framework", _("This framework does not apply to %(year)s.") % {"year": year})
        for field, problem in cycle_date_problems(cleaned_data).items():
            self.add_error(field, problem)
        return cleaned_data
