"""The yearly counts of learning models: one row of three numbers per kind."""

from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from centers.learning import count_problems
from centers.models import LearningModelKind
from engines.forms import fields_only_helper

COUNTS = ("total", "registered", "recognised")
COUNT_LABELS = {"total": _("In the ward"), "registered": _("Registered"), "recognised": _("Recognised")}


class LearningModelsForm(forms.Form):
    """Four rows (families, clans, residential groups, units) of total, registered, recognised."""

    def __init__(self, *args, records=None, **kwargs):
        initial = {
            f"{record.kind}_{count}": getattr(record, count) for record in records or () for count in COUNTS
        }
        super().__init__(*args, initial={**initial, **kwargs.pop("initial", {})}, **kwargs)
        rows = []
        for kind in LearningModelKind:
            for count in COUNTS:
                self.fields[f"{kind.value}_{count}"] = forms.IntegerField(
                    label=COUNT_LABELS[count], min_value=0, max_value=1_000_000
                )
            rows.append(
                Fieldset(
                    kind.label,
                    Div(
                        *(Div(Field(f"{kind.value}_{count}"), css_class="col-4") for count in COUNTS),
                        css_class="row g-2 align-items-end",
                    ),
                    css_class="mb-2",
                )
            )
        self.helper = fields_only_helper()
        self.helper.layout = Layout(*rows)

    def clean(self):
        cleaned_data = super().clean()
        for kind in LearningModelKind:
            values = [cleaned_data.get(f"{kind.value}_{count}") for count in COUNTS]
            if None in values:
                continue  # the field's own error says what is missing
            for count, problem in count_problems(*values).items():
                self.add_error(f"{kind.value}_{count}", problem)
        return cleaned_data

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """Kind → (total, registered, recognised), for ``record_learning_models``."""
        return {
            kind.value: tuple(self.cleaned_data[f"{kind.value}_{count}"] for count in COUNTS)
            for kind in LearningModelKind
        }
