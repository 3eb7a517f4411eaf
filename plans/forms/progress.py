"""Forms of a task's progress: a dated note with evidence files, an event record, a workflow action.

File fields check their uploads like the dossiers' (``engines.uploads``) and
clean to ``CheckedUpload`` objects; the forms never store anything — the
domain functions of ``plans.progress`` do.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assessments.forms.dossier import MultipleCheckedFileField
from engines.forms import fields_only_helper
from engines.uploads import EVIDENCE_TYPES
from plans.progress import check_event_counts


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}
        ),
    )


class ProgressReportForm(forms.Form):
    reported_on = _date_field(_("Date"))
    note = forms.CharField(
        label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    files = MultipleCheckedFileField(
        label=_("Add evidence files"),
        required=False,
        allowed=EVIDENCE_TYPES,
        help_text=_("You may choose several files at once: PDF, JPEG, PNG, DOCX or XLSX."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()


# "Phường 1: 25" — a unit's name, a colon (or a dash), how many came from it.
_UNIT_LINE = re.compile(r"^(?P<name>.+?)\s*[:\-–]\s*(?P<count>\d+)\s*$")


def parse_by_unit(text: str) -> list[tuple[str, int]]:
    """The participants by unit typed one per line as "Unit: number"; blank lines are skipped."""
    rows, bad = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _UNIT_LINE.match(line.strip())
        if match is None:
            bad.append(number)
            continue
        rows.append((match["name"].strip(), int(match["count"])))
    if bad:
        raise ValidationError(
            _("Line %(lines)s: write one unit per line as “Unit: number”, e.g. “Phường 1: 25”.")
            % {"lines": ", ".join(map(str, bad))},
            code="unit_line",
        )
    return rows


class EventRecordForm(forms.Form):
    held_on = _date_field(_("Date held"))
    place = forms.CharField(label=_("Place"), max_length=200)
    audience = forms.CharField(
        label=_("Audience"), max_length=300, help_text=_("e.g. Ban chỉ đạo XHHT 15 phường")
    )
    participants = forms.IntegerField(label=_("Participants"), min_value=1)
    women = forms.IntegerField(label=_("Of which women"), min_value=0, initial=0)
    by_unit = forms.CharField(
        label=_("Participants by unit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Phường 1: 25\nPhường 2: 18"}),
        help_text=_("One unit per line, e.g. “Phường 1: 25”. The total may not exceed the participants."),
    )
    materials = forms.CharField(
        label=_("Materials"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()

    def clean_by_unit(self) -> list[tuple[str, int]]:
        return parse_by_unit(self.cleaned_data["by_unit"])

    def clean(self):
        cleaned = super().clean()
        if {"participants", "women", "by_unit"} <= cleaned.keys():
            try:
                check_event_counts(cleaned["participants"], cleaned["women"], cleaned["by_unit"])
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    for item in errors:
                        self.add_error(field, item)
        return cleaned
