"""The briefing form (date, place, wards present, minutes, a progress grid) and the emulation plan's texts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engines.forms import fields_only_helper
from plans.models import ClusterBriefing, ProgressLevel

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}
)
LEVEL_CHOICES = [("", "—"), *ProgressLevel.choices]


class BriefingForm(forms.Form):
    """One select and one note per ward × criterion, named ``level_<ward>_<criterion>`` / ``note_<ward>_<criterion>``."""

    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=200)
    wards_present = forms.ModelMultipleChoiceField(
        label=_("Wards present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, wards, criteria, briefing: ClusterBriefing | None = None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if briefing is not None:
            initial |= {
                "held_on": briefing.held_on,
                "place": briefing.place,
                "minutes": briefing.minutes,
                "wards_present": [ward.pk for ward in briefing.wards_present.all()],
            }
            for row in briefing.progress.all():
                initial[f"level_{row.ward_id}_{row.criterion_id}"] = row.level
                initial[f"note_{row.ward_id}_{row.criterion_id}"] = row.note
        super().__init__(*args, initial=initial, **kwargs)
        self.wards, self.criteria = list(wards), list(criteria)
        self.fields["wards_present"].queryset = wards
        for ward in self.wards:
            for criterion in self.criteria:
                label = f"{ward.name} – {criterion.number}"
                self.fields[f"level_{ward.pk}_{criterion.pk}"] = forms.ChoiceField(
                    label=label, choices=LEVEL_CHOICES, required=False
                )
                self.fields[f"note_{ward.pk}_{criterion.pk}"] = forms.CharField(
                    label=_("Note"), max_length=500, required=False
                )
        self.helper = fields_only_helper()

    def grid(self) -> list[tuple]:
        """(ward, [(criterion, level field, note field)]) for the template's table."""
        return [
            (
                ward,
                [(c, self[f"level_{ward.pk}_{c.pk}"], self[f"note_{ward.pk}_{c.pk}"]) for c in self.criteria],
            )
            for ward in self.wards
        ]

    def progress(self) -> dict[tuple[int, int], tuple[str, str]]:
        data = self.cleaned_data
        return {
            (ward.pk, criterion.pk): (
                data[f"level_{ward.pk}_{criterion.pk}"],
                data[f"note_{ward.pk}_{criterion.pk}"],
            )
            for ward in self.wards
            for criterion in self.criteria
            if data[f"level_{ward.pk}_{criterion.pk}"]
        }


class EmulationTextsForm(forms.Form):
    """The titles of the year's contents and texts of its criteria, for a manager to correct."""

    def __init__(self, *args, contents, **kwargs):
        super().__init__(*args, **kwargs)
        self.contents = contents
        for content in contents:
            self.fields[f"content_{content.pk}"] = forms.CharField(
                label=_("Content %(number)s") % {"number": content.number},
                max_length=300,
                initial=content.title,
            )
            for criterion in content.criteria.all():
                self.fields[f"criterion_{criterion.pk}"] = forms.CharField(
                    label=_("Criterion %(number)s") % {"number": criterion.number},
                    max_length=500,
                    initial=criterion.text,
                )
        self.helper = fields_only_helper()

    def titles(self) -> dict[int, str]:
        return {
            int(name.split("_")[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("content_")
        }

    def texts(self) -> dict[int, str]:
        return {
            int(name.split("_")[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("criterion_")
        }
