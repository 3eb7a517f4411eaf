"""The audit trail's filter: which kind of record, whose changes, between which days."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wards.audit import audited_models
from wards.forms_calendar import DAY_FORMAT
from wards.models import User


def _day_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[DAY_FORMAT],
        widget=forms.DateInput(
            format=DAY_FORMAT, attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
    )


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label=pgettext_lazy("audit", "Record"), required=False)
    user = forms.ModelChoiceField(
        label=_("Changed by"), queryset=User.objects.all(), required=False, empty_label=_("Everybody")
    )
    since = _day_field(pgettext_lazy("date range", "From"))
    until = _day_field(pgettext_lazy("date range", "To"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = sorted(
            ((key, capfirst(model._meta.verbose_name_plural)) for key, model in audited_models().items()),
            key=lambda choice: str(choice[1]),
        )
        self.fields["model"].choices = [("", _("Every record")), *kinds]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The last day comes before the first."))
        return cleaned
