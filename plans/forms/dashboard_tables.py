"""The confirmation form that adds a criterion weak two years running to next year's plan as a task."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import PlanSection


class WeakCriterionTaskForm(forms.Form):
    """Which section of next year's plan takes the task, and its text (proposed, editable)."""

    section = forms.ModelChoiceField(
        label=_("Section"), queryset=PlanSection.objects.none(), empty_label=None
    )
    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data=None, *, plan, text: str):
        super().__init__(data, initial={"text": text})
        self.fields["section"].queryset = plan.sections.order_by("part", "order")
        self.helper = FormHelper()
        self.helper.form_tag = False
