"""Filters of the literacy register page and its export (django-filter): one filter, so the
export is exactly the list on screen."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centers.literacy import birth_years_for_ages
from centers.models import LiteracyLevel
from wards.text import strip_diacritics

# value → (label, youngest, oldest); ``None`` is open-ended
AGE_BANDS = {
    "15-35": (_("15–35 (literacy level 1)"), 15, 35),
    "15-60": (_("15–60 (literacy level 2)"), 15, 60),
    "under-15": (_("Under 15"), None, 14),
    "over-60": (_("Over 60"), 61, None),
}


class RegisterStatus:
    CURRENT = "current"
    LEFT = "left"
    ALL = "all"
    CHOICES = [
        (CURRENT, _("Listed now")),
        (LEFT, _("No longer listed")),
        (ALL, _("Everyone")),
    ]


class RegisterFilter(django_filters.FilterSet):
    """Search without diacritics ("nguyen van" finds "Nguyễn Văn …") or by code; level; age band in
    ``year`` (ages counted by year of birth, as ``centers.literacy``); whether the latest import listed them.
    """

    q = django_filters.CharFilter(label=_("Name or code"), method="search")
    level = django_filters.ChoiceFilter(
        label=_("Literacy level"), choices=LiteracyLevel.choices, empty_label=_("All levels")
    )
    age = django_filters.ChoiceFilter(
        label=_("Age"),
        choices=[(value, label) for value, (label, _young, _old) in AGE_BANDS.items()],
        method="age_band",
        empty_label=_("All ages"),
    )
    status = django_filters.ChoiceFilter(
        label=_("In the register"),
        choices=RegisterStatus.CHOICES,
        method="register_status",
        empty_label=None,
        null_value=None,
    )

    def __init__(self, data=None, queryset=None, *, year: int, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", RegisterStatus.CURRENT)
        super().__init__(data, queryset, **kwargs)
        self.year = year
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"placeholder": _("e.g. nguyen van"), "type": "search"}
        )

    def search(self, queryset, name, value):
        words = strip_diacritics(value).split()
        if not words:
            return queryset
        return queryset.filter(
            Q(search_name__contains=" ".join(words)) | Q(person_code__iexact=value.strip())
        )

    def age_band(self, queryset, name, value):
        _label, youngest, oldest = AGE_BANDS[value]
        first, last = birth_years_for_ages(youngest or 0, oldest or 0, self.year)
        if youngest is not None:
            queryset = queryset.filter(birth_year__lte=last)
        if oldest is not None:
            queryset = queryset.filter(birth_year__gte=first)
        return queryset

    def register_status(self, queryset, name, value):
        if value == RegisterStatus.CURRENT:
            return queryset.filter(in_register=True)
        if value == RegisterStatus.LEFT:
            return queryset.filter(in_register=False)
        return queryset
