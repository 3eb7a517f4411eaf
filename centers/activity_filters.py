"""The filter of a centre's activity list (django-filter): year, month, group, kind, partner, topic.

``?year=`` is always one year (this year when absent), so the list, its export
and the centre's figures speak of the same year; ``?month=`` keeps the
activities running in that month of it. The topic search ignores diacritics and
case ("xoa mu chu" finds "Lớp xóa mù chữ").
"""

import django_filters
from django.http import QueryDict
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from centers.figures import MONTHS, month_bounds, running_in, year_bounds
from centers.models import ActivityGroup, ActivityKind
from wards.text import strip_diacritics


def _month_name(month: int) -> str:
    return gettext("Month %(number)s") % {"number": month}


MONTH_CHOICES = [(month, lazy(_month_name, str)(month)) for month in MONTHS]


class ActivityFilter(django_filters.FilterSet):
    year = django_filters.TypedChoiceFilter(label=_("Year"), coerce=int, empty_value=None, method="in_year")
    month = django_filters.TypedChoiceFilter(
        label=_("Month"),
        choices=[("", _("All months")), *MONTH_CHOICES],
        coerce=int,
        empty_value=None,
        method="in_month",
    )
    group = django_filters.ChoiceFilter(
        label=_("Group"), field_name="kind__group", choices=ActivityGroup.choices, empty_label=_("All groups")
    )
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind"), queryset=ActivityKind.objects.order_by("order", "name"), empty_label=_("All kinds")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), queryset=None, empty_label=_("All partners")
    )
    q = django_filters.CharFilter(label=_("Topic"), method="search_topic")

    def __init__(self, data: QueryDict | None, queryset, *, center, years: list[int], default_year: int):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("year"):
            data["year"] = str(default_year)
        super().__init__(data, queryset=queryset)
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]
        self.filters["partner"].queryset = center.partners.all()

    def in_year(self, queryset, name, year):
        return queryset.filter(running_in(*year_bounds(year)))

    def in_month(self, queryset, name, month):
        year = self.form.cleaned_data["year"]
        return queryset.filter(running_in(*month_bounds(year, month)))

    def search_topic(self, queryset, name, value):
        """Topics containing ``value``, compared without diacritics (one query for the centre's year)."""
        text = strip_diacritics(" ".join(value.split()))
        if not text:
            return queryset
        ids = [pk for pk, title in queryset.values_list("pk", "title") if text in strip_diacritics(title)]
        return queryset.filter(pk__in=ids)
