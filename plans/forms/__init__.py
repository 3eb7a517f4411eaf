"""Forms of the plan's pages: the plan's fields, its bases and recipients (formsets), a task, copying."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments.models import Criterion
from plans.models import PlanSection, YearPlan
from plans.planning import PLAN_FIELDS, parse_period
from wards.models import DistrictUnit, Ward

ALL_WARDS = "all"


def _no_form_tag() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class PlanForm(forms.ModelForm):
    class Meta:
        model = YearPlan
        fields = PLAN_FIELDS
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "purposes": forms.Textarea(attrs={"rows": 6}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag()


class LineForm(forms.Form):
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


BasisFormSet = formset_factory(LineForm, extra=1, can_delete=True)
RecipientFormSet = formset_factory(LineForm, extra=1, can_delete=True)


def kept_lines(formset) -> list[str]:
    """The lines of a valid formset, in order, without the deleted and the empty ones."""
    return [
        form.cleaned_data["text"].strip()
        for form in formset.forms
        if form.cleaned_data.get("text", "").strip() and not form.cleaned_data.get("DELETE")
    ]


class TaskForm(forms.Form):
    """A task: what, who, with whom, when ("Tháng 3, 4/2018", "Quý I/2018", "Cả năm")."""

    section = forms.ModelChoiceField(label=_("Section"), queryset=PlanSection.objects.none())
    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 4}))
    responsible = forms.ChoiceField(label=_("Responsible"))
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Coordinating units"),
        queryset=DistrictUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    when = forms.CharField(
        label=_("When"),
        max_length=100,
        help_text=_("e.g. Tháng 01/2018, Tháng 3, 4/2018, Quý I/2018, Cả năm"),
    )
    criteria = forms.ModelMultipleChoiceField(
        label=_("Assessment criteria served"), queryset=Criterion.objects.none(), required=False
    )
    is_event = forms.BooleanField(
        label=_("Training or conference"),
        required=False,
        help_text=_("Its report records the event: date, place, participants."),
    )

    def __init__(self, data=None, *, plan, task=None):
        initial = None
        if task is not None:
            initial = {
                "section": task.section_id,
                "text": task.text,
                "coordinating_units": list(task.coordinating_units.all()),
                "when": task.period_label,
                "criteria": list(task.criteria.all()),
                "is_event": task.is_event,
            }
        super().__init__(data, initial=initial)
        self.plan, self.task = plan, task
        self.fields["section"].queryset = plan.sections.order_by("part", "order")
        units = DistrictUnit.objects.filter(district=plan.district_id).order_by("name")
        self.fields["coordinating_units"].queryset = units
        self.fields["criteria"].queryset = Criterion.objects.select_related("framework").order_by(
            "framework__first_year", "number"
        )
        if task is None:
            wards = Ward.objects.filter(district=plan.district_id)
            self.fields["responsible"].choices = [
                ("", "---------"),
                (_("District units"), [(f"unit:{unit.pk}", unit.name) for unit in units]),
                (
                    pgettext_lazy("administrative unit", "Wards"),
                    [
                        (ALL_WARDS, _("Every ward (one task each)")),
                        *((f"ward:{w.pk}", w.name) for w in wards),
                    ],
                ),
            ]
        else:
            del self.fields["responsible"]
            del self.fields["section"]
        self.helper = _no_form_tag()

    def clean_when(self):
        label = self.cleaned_data["when"]
        self.cleaned_data["periods"] = parse_period(label, self.plan.year)
        return label

    def clean_responsible(self):
        value = self.cleaned_data["responsible"]
        if value == ALL_WARDS:
            return {"all_wards": True}
        kind, _sep, pk = value.partition(":")
        model = {"unit": DistrictUnit, "ward": Ward}.get(kind)
        found = (
            model.objects.filter(district=self.plan.district_id, pk=pk).first()
            if model and pk.isdigit()
            else None
        )
        if found is None:
            raise ValidationError(_("Choose one responsible: a district unit, a ward or all the wards."))
        return {kind: found}

    def task_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "text": data["text"],
            "coordinating_units": data["coordinating_units"],
            "periods": data["periods"],
            "period_label": data["when"],
            "criteria": data["criteria"],
            "is_event": data["is_event"],
        }
        if self.task is None:
            fields.update(data["responsible"])
        return fields


class CopyPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the new plan"), min_value=2000, max_value=2100)
    confirm = forms.BooleanField(
        label=_("I understand that a new plan is created with every task not started.")
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["year"].initial = plan.year + 1
        self.helper = _no_form_tag()
