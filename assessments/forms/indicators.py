"""Forms of a level-based framework: one indicator's finding, by the ward (with its evidence) or by the team.

A page shows one form per indicator of the criterion, prefixed with the
indicator's id; ``assessments.indicator_dossier`` saves them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms.dossier import MultipleCheckedFileField
from assessments.models import Indicator
from engines.forms import fields_only_helper
from engines.uploads import EVIDENCE_TYPES

ANSWERS = {"yes": True, "no": False, "": None}


class AnswerField(forms.TypedChoiceField):
    """Yes, no, or (for the ward) not answered yet."""

    def __init__(self, *, label, allow_unanswered: bool):
        choices = [("yes", _("yes")), ("no", _("no"))]
        if allow_unanswered:
            choices.append(("", _("not answered")))
        super().__init__(
            label=label,
            choices=choices,
            coerce=ANSWERS.get,
            empty_value=None,
            required=not allow_unanswered,
            widget=forms.RadioSelect,
        )


class IndicatorForm(forms.Form):
    """The answers for one indicator; level 2 only where it asks more than level 1."""

    allow_unanswered = True

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, prefix=f"i{indicator.pk}", **kwargs)
        self.indicator = indicator
        self.fields["meets_level_1"] = AnswerField(
            label=_("Met at level 1?"), allow_unanswered=self.allow_unanswered
        )
        if indicator.has_higher_level_2_target:
            self.fields["meets_level_2"] = AnswerField(
                label=_("Met at level 2?"), allow_unanswered=self.allow_unanswered
            )
        self.order_fields(["meets_level_1", "meets_level_2"])
        self.helper = fields_only_helper()

    def answer(self, name: str):
        return self.cleaned_data.get(name)


class IndicatorSelfForm(IndicatorForm):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleCheckedFileField(
        label=_("Add evidence files"),
        required=False,
        allowed=EVIDENCE_TYPES,
        help_text=_("You may choose several files at once: PDF, JPEG, PNG, DOCX or XLSX."),
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class IndicatorInspectionForm(IndicatorForm):
    allow_unanswered = False

    evidence_sufficient = forms.BooleanField(label=_("Evidence sufficient"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
