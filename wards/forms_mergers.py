"""The administrator's form recording a ward merger."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wards.mergers import check_merger
from wards.models import Ward, WardMerger

DAY_FORMAT = "%d/%m/%Y"


class MergerForm(forms.Form):
    """The wards merged (ticked among the open wards), the new ward's code and name, the day and legal basis.

    ``clean`` asks ``wards.mergers.check_merger``, so every refusal of the
    merger shows on the form, under its field, before the confirmation step.
    """

    predecessors = forms.ModelMultipleChoiceField(
        label=_("Wards merged"),
        queryset=Ward.objects.filter(closed_on__isnull=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The first ticked ward in the list gives the new ward its emulation cluster."),
    )
    new_ward_code = forms.CharField(
        label=_("Code of the new ward"), max_length=Ward._meta.get_field("code").max_length
    )
    new_ward_name = forms.CharField(
        label=_("Name of the new ward"), max_length=Ward._meta.get_field("name").max_length
    )
    effective_on = forms.DateField(
        label=_("Effective on"),
        input_formats=[DAY_FORMAT],
        widget=forms.DateInput(
            format=DAY_FORMAT, attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
        help_text=_("Written dd/mm/yyyy, e.g. 01/07/2025."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=WardMerger._meta.get_field("legal_basis").max_length,
        required=False,
        help_text=_("e.g. the resolution of the National Assembly Standing Committee that merged the wards."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("predecessors"),
            Div(
                Div(Field("new_ward_code"), css_class="col-md-3"),
                Div(Field("new_ward_name"), css_class="col-md-5"),
                Div(Field("effective_on"), css_class="col-md-4"),
                css_class="row",
            ),
            Field("legal_basis"),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            check_merger(
                list(cleaned["predecessors"]),
                new_ward_code=cleaned["new_ward_code"],
                new_ward_name=cleaned["new_ward_name"],
                effective_on=cleaned["effective_on"],
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned
