"""The administrator's form for an exception to the working-day calendar."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from wards.calendar import Replaced, Replacement, replaced_by_exception
from wards.models import CalendarOverride

DAY_FORMAT = "%d/%m/%Y"

WARNINGS = {
    Replaced.HOLIDAY: _(
        "%(date)s is an official holiday (%(name)s). Saving this exception will replace the holiday."
    ),
    Replaced.OFFICIAL_WORKING_DAY: _(
        "%(date)s is an official working day (%(name)s). Saving this exception will replace it."
    ),
    Replaced.EXCEPTION: _(
        "%(date)s already has a calendar exception (%(name)s). Saving this one will replace it."
    ),
}


def replacement_warning(replacement: Replacement) -> str:
    """The sentence telling the administrator which day, and what on it, the exception replaces."""
    return WARNINGS[replacement.kind] % {
        "date": replacement.day.strftime(DAY_FORMAT),
        "name": replacement.name,
    }


class CalendarOverrideForm(forms.Form):
    """An extra day off or an extra working day from a government notice.

    The day is typed day first (dd/mm/yyyy) as on Vietnamese documents; the
    kind of day is a required choice rather than a checkbox, so that an
    unticked box never silently means "day off".

    A day that already means something in the calendar (an official holiday,
    a swapped working day, an earlier exception) is not saved at once: the form
    comes back with a warning naming what would be replaced and a confirmation
    checkbox. The confirmation holds for the day it was shown for only (the
    hidden ``warned_day``), so changing the day after ticking the box brings
    the warning for the new day first.
    """

    day = forms.DateField(
        label=_("Day"),
        input_formats=[DAY_FORMAT],
        widget=forms.DateInput(
            format=DAY_FORMAT, attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
        help_text=_("Written dd/mm/yyyy, e.g. 02/05/2025."),
    )
    is_working_day = forms.TypedChoiceField(
        label=_("Kind of day"),
        choices=[("False", _("Extra day off")), ("True", _("Extra working day"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )
    reason = CalendarOverride._meta.get_field("reason").formfield(
        help_text=_("e.g. the government notice it comes from.")
    )
    confirm_replace = forms.BooleanField(label=_("Save this exception in its place"), required=False)
    warned_day = forms.DateField(input_formats=[DAY_FORMAT], required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.replacement: Replacement | None = None
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

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("day")
        if day is None:
            return cleaned
        replacement = replaced_by_exception(day)
        confirmed = cleaned.get("confirm_replace") and cleaned.get("warned_day") == day
        if replacement is not None and not confirmed:
            self._ask_confirmation(replacement)
        return cleaned

    def _ask_confirmation(self, replacement: Replacement) -> None:
        """Refuse this submission with the warning, and show the checkbox that confirms it for this day."""
        self.replacement = replacement
        self.add_error(None, forms.ValidationError(replacement_warning(replacement), code="confirm_replace"))
        self.helper.layout.append(
            HTML('<input type="hidden" name="warned_day" value="{{ form.replacement.day|date:"d/m/Y" }}">')
        )
        # Focused, so the page opens at the warning rather than at the top of the calendar.
        self.helper.layout.append(Field("confirm_replace", autofocus="autofocus"))
