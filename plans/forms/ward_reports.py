"""The ward's report or plan form (its four text sections) and the form that starts one."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engines.forms import fields_only_helper
from plans.models import WardReport, WardReportKind
from plans.ward_reports import SECTIONS


class WardReportForm(forms.ModelForm):
    class Meta:
        model = WardReport
        fields = list(SECTIONS)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in SECTIONS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in SECTIONS}


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, this_year - 4, -1)]


class StartWardReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=WardReportKind.choices)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()
