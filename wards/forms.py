"""Forms of the ward pages: the ward's data and its steering committee."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms

from wards.models import SteeringMember, Ward


class WardForm(forms.ModelForm):
    """A ward's data; code and cluster only for users who may change a ward's identity."""

    class Meta:
        model = Ward
        fields = [
            "code",
            "name",
            "cluster",
            "population",
            "households",
            "residential_groups",
            "address",
            "chairman_name",
            "clc_director_name",
        ]
        # Text boxes, not <input type="number">: a browser empties a number box
        # holding a mistyped value, and the user could not see what was wrong.
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric"})
            for name in ("population", "households", "residential_groups")
        }

    def __init__(self, *args, may_change_identity: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_change_identity:
            del self.fields["code"]
            del self.fields["cluster"]
        else:
            self.fields["cluster"].queryset = self.fields["cluster"].queryset.filter(
                district_id=self.instance.district_id
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                *(Div(Field(name), css_class="col-md-6") for name in self.fields),
                css_class="row",
            )
        )


SteeringMemberFormSet = forms.inlineformset_factory(
    Ward,
    SteeringMember,
    fields=["full_name", "position", "committee_role", "order"],
    extra=2,
    can_delete=True,
    help_texts={"position": ""},
)


class SteeringMemberFormSetHelper(FormHelper):
    """Draws the steering committee as a table, one member a row."""

    template = "bootstrap5/table_inline_formset.html"
    form_tag = False
