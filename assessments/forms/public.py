"""The search of the public results of a year: a ward's name and its emulation cluster."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PublicResultSearch(forms.Form):
    """``?q=`` (a ward's name, diacritics and case ignored) and ``?cluster=`` (an emulation cluster's id).

    The clusters' choices are given (read from the figures' cache by the view), so
    that checking the form costs no query on a page everybody may open.
    """

    q = forms.CharField(label=pgettext_lazy("administrative unit", "Ward"), required=False, max_length=120)
    cluster = forms.TypedChoiceField(
        label=_("Emulation cluster"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, clusters: list[tuple[int, str]]):
        super().__init__(data)
        self.fields["cluster"].choices = [("", _("All clusters")), *clusters]
