"""Forms of the centre's own pages: its profile, board and partners, and a new centre for a ward."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from centers.models import Center, CenterMember, Partner
from engines.forms import fields_only_helper
from wards.models import Ward

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": gettext_lazy("dd/mm/yyyy"), "autocomplete": "off"}
)


class CenterForm(forms.ModelForm):
    class Meta:
        model = Center
        fields = ["name", "address", "phone", "established_on", "established_by", "rooms", "equipment"]
        widgets = {
            "established_on": DATE_WIDGET,
            "rooms": forms.Textarea(attrs={"rows": 4}),
            "equipment": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_only_helper()
        self.helper.layout = Layout(
            Div(*(Div(Field(name), css_class="col-md-6") for name in self.fields), css_class="row")
        )


class NewCenterForm(forms.Form):
    """The ward that gets a centre (one without an open centre), and the centre's first details."""

    ward = forms.ModelChoiceField(
        label=pgettext_lazy("administrative unit", "Ward"), queryset=Ward.objects.none()
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Left blank: “Trung tâm học tập cộng đồng” and the ward's name."),
    )
    address = forms.CharField(label=gettext_lazy("Address"), max_length=255, required=False)
    established_on = forms.DateField(label=gettext_lazy("Established on"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards_without_center()
        self.helper = fields_only_helper()


def wards_without_center():
    """The wards that have no open learning centre, in Vietnamese alphabetical order."""
    return Ward.objects.exclude(pk__in=Center.objects.open().values("ward_id")).order_by("sort_key")


class _PartnerFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """A partner named on activities stays: the activities would lose who co-organised them."""
        super().clean()
        in_use = [
            form.instance.name
            for form in self.deleted_forms
            if form.instance.pk and form.instance.activities.exists()
        ]
        if in_use:
            raise forms.ValidationError(
                _("These partners co-organise activities and cannot be removed: %(names)s.")
                % {"names": ", ".join(in_use)}
            )


CenterMemberFormSet = forms.inlineformset_factory(
    Center,
    CenterMember,
    fields=["full_name", "role", "position", "appointed_by", "phone", "order"],
    extra=2,
    can_delete=True,
    help_texts={"position": "", "order": ""},
)
PartnerFormSet = forms.inlineformset_factory(
    Center, Partner, formset=_PartnerFormSet, fields=["name", "kind", "unit"], extra=2, can_delete=True
)


class TableFormSetHelper(FormHelper):
    """Draws a formset as a table, one row per member or partner."""

    template = "bootstrap5/table_inline_formset.html"
    form_tag = False
