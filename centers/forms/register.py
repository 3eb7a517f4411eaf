"""The import form of the literacy register."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centers.models import RegisterSource
from engines.forms import fields_only_helper


class RegisterImportForm(forms.Form):
    """The file, where it comes from, and the day its data are as of; the file itself is checked
    by ``centers.register_import.import_register`` (every row, then all or nothing)."""

    file = forms.FileField(
        label=_("Register file (XLSX or CSV)"),
        allow_empty_file=True,  # the import refuses it, naming the file
        help_text=_("An export of the PCGD-XMC system, or the ward's sheet made from the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    source = forms.ChoiceField(label=_("Source"), choices=RegisterSource.choices)
    as_of = forms.DateField(
        label=_("Data as of"),
        input_formats=["%d/%m/%Y"],
        help_text=_("The day the file was exported from the system or the data were surveyed (dd/mm/yyyy)."),
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()
