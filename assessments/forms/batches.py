"""The request for a batch of documents: which document, which year (hidden fields of a button)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.batches import batch_kind_choices
from assessments.models import Cycle


class BatchForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, data):
        super().__init__(data)
        self.fields["kind"].choices = batch_kind_choices()
        self.fields["year"].choices = [
            (year, str(year)) for year in Cycle.objects.values_list("year", flat=True)
        ]
