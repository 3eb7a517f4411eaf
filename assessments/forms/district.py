"""Forms of the district's pages: returning a dossier for supplement and the recognition decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, ReturnItem
from engines.forms import fields_only_helper

RETURN_ITEM_MAX_LENGTH = ReturnItem._meta.get_field("text").max_length


class ReturnForm(forms.Form):
    """What the ward must supplement: ticked suggestions plus one item per non-empty line typed."""

    suggested = forms.MultipleChoiceField(
        label=_("Missing from the dossier"), required=False, widget=forms.CheckboxSelectMultiple
    )
    items = forms.CharField(
        label=_("Other missing items"),
        required=False,
        help_text=_("One item per line; the ward sees each line."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, suggestions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested"].choices = [(text, text) for text in suggestions]
        if not suggestions:
            del self.fields["suggested"]
        self.helper = fields_only_helper()

    def clean(self):
        cleaned = super().clean()
        typed = [line.strip() for line in cleaned.get("items", "").splitlines() if line.strip()]
        items = [*cleaned.get("suggested", []), *typed]
        too_long = [item for item in items if len(item) > RETURN_ITEM_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Each item can have at most %(max)s characters."), params={"max": RETURN_ITEM_MAX_LENGTH}
            )
        if not items:
            raise forms.ValidationError(_("Name at least one missing item."), code="no_item")
        cleaned["item_list"] = list(dict.fromkeys(items))  # in order, each once
        return cleaned


class DecisionCreateForm(forms.Form):
    """The inspected wards of one cycle that the decision will recognise (rendered by hand, one row each)."""

    assessments = forms.ModelMultipleChoiceField(
        queryset=Assessment.objects.none(),
        error_messages={"required": _("Tick at least one ward.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessments"].queryset = candidates


class DecisionApproveForm(forms.Form):
    """The number, date and signature of the chairman's decision."""

    number = forms.CharField(label=_("Number"), max_length=40, help_text=_("e.g. 05/QĐ-UBND"))
    issued_on = forms.DateField(label=_("Date"), input_formats=["%d/%m/%Y"], help_text=_("dd/mm/yyyy"))
    signer = forms.CharField(label=_("Signed by"), max_length=120)
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=120, required=False, help_text=_("e.g. Phó Chủ tịch")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].widget.format = "%d/%m/%Y"
        self.helper = fields_only_helper()
