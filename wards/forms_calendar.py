"""The administrator's form for an exception to the working-day calendar."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from wards.models import CalendarOverride


class CalendarOverrideForm(forms.ModelForm):
    """An extra day off or an extra working day from a government notice.

    The day is typed day first (dd/mm/yyyy) as on Vietnamese documents; the
    kind of day is a required choice rather than a checkbox, so that an
    unticked box never silently means "day off".
    """

    day = forms.DateField(
        label=_("Day"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
        help_text=_("Written dd/mm/yyyy, e.g. 02/05/2025."),
    )
    is_working_day = forms.TypedChoiceField(
        label=_("Kind of day"),
        choices=[("False", _("Extra day off")), ("True", _("Extra working day"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CalendarOverride
        fields = ["day", "is_working_day", "reason"]
        help_texts = {"reason": _("e.g. the government notice it comes from.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_id = "calendar-override-form"
        self.helper.layout = Layout(
            Div(
                Div(Field("day"), css_class="col-md-3"),
                Div(Field("is_working_day"), css_class="col-md-3"),
                Div(Field("reason"), css_class="col-md-6"),
                css_class="row",
            ),
        )
        self.helper.add_input(Submit("add", _("Add")))
