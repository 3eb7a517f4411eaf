"""Forms of the workflow engine's own pages: the reason of an action, and undo."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _


def fields_only_helper() -> FormHelper:
    """Crispy draws the fields only: the template writes the <form> tag and its CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class ReasonForm(forms.Form):
    """The reason of a workflow action; whether it is required is the engine's decision.

    The field is not required here: ``Workflow.perform`` and ``Workflow.undo_last``
    raise ``ReasonRequired`` and the view puts that message on this field, so
    the rule lives in one place. Browsers are told with the ``required``
    attribute when the action needs a reason.
    """

    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].widget.attrs["required"] = True
            self.fields["reason"].label = _("Reason (required)")
        self.helper = fields_only_helper()


class UndoForm(ReasonForm):
    """An administrator takes back the last change; the reason is kept in the history."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, reason_required=True, **kwargs)
