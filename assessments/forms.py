"""Forms of the assessment pages: the self-inspection plan and the workflow actions."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import SelfInspectionPlan


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class PlanForm(forms.ModelForm):
    """The self-inspection plan; saved by ``assessments.plan.save_plan``, never by ``form.save()``."""

    class Meta:
        model = SelfInspectionPlan
        fields = ["team_members", "schedule", "content"]
        widgets = {field: forms.Textarea(attrs={"rows": 4}) for field in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ReasonForm(forms.Form):
    """The reason of a workflow action; whether it is required is the engine's decision.

    The field is not required here: ``perform_transition`` and
    ``undo_last_transition`` raise ``ReasonRequired`` and the view puts that
    message on this field, so the rule lives in one place. Browsers are told
    with the ``required`` attribute when the action needs a reason.
    """

    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].widget.attrs["required"] = True
            self.fields["reason"].label = _("Reason (required)")
        self.helper = _helper()


class TransitionForm(ReasonForm):
    """Confirm a workflow action, with a reason when the action needs one (e.g. returning a dossier)."""


class UndoForm(ReasonForm):
    """An administrator takes back the last change; the reason is kept in the history."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, reason_required=True, **kwargs)
