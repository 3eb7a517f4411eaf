"""The filter of the assessment list (django-filter, like the ward list's): year, state and a ward search."""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments.models import AssessmentState, ClassificationBand
from assessments.queries import overdue_condition
from wards.models import Ward


class AssessmentFilter(django_filters.FilterSet):
    """``?year=`` (the latest cycle when absent, every year when blank), ``?state=``, ``?q=`` (ward name),
    ``?overdue=true`` (past their due date), ``?band=`` (classified in that grade): the dashboard's figures
    link here with these.

    The ward search ignores diacritics and case, as on the ward list ("phuong 1"
    finds "Phường 1"). Filter the visible assessments only: the queryset given
    is ``assessments_for_user(user)``.
    """

    year = django_filters.TypedChoiceFilter(
        label=_("Year"), field_name="cycle__year", coerce=int, empty_value=None
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=AssessmentState.choices, empty_label=_("All states")
    )
    q = django_filters.CharFilter(label=pgettext_lazy("administrative unit", "Ward"), method="search_ward")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="only_overdue")
    band = django_filters.ChoiceFilter(
        label=_("Classification"),
        field_name="result__classification__code",
        empty_label=_("All classifications"),
    )

    def __init__(self, data: QueryDict | None, queryset, *, years: list[int]):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if "year" not in data and years:
            data["year"] = str(years[0])
        super().__init__(data, queryset=queryset)
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]
        self.filters["band"].extra["choices"] = _band_choices()

    def search_ward(self, queryset, name, value):
        return queryset.filter(ward__in=Ward.objects.search(value))

    def only_overdue(self, queryset, name, value):
        return queryset.filter(overdue_condition()) if value else queryset.exclude(overdue_condition())


def _band_choices() -> list[tuple[str, str]]:
    """Each grade code once, labelled as the newest framework names it."""
    choices: dict[str, str] = {}
    for band in ClassificationBand.objects.order_by("-framework__first_year", "-min_points"):
        choices.setdefault(band.code, band.label)
    return list(choices.items())
