"""The filter of a plan's task list (django-filter): unit, ward, month, status (overdue too), criterion.

The page and its CSV/XLSX export use the same filter, so the file holds exactly
the rows on screen.
"""

import calendar
import datetime

import django_filters
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from assessments.models import Criterion
from plans.models import TaskPeriod, TaskState
from plans.overdue import overdue_condition
from wards.models import DistrictUnit, Ward

OVERDUE = "overdue"


def _month_name(month: int) -> str:
    return gettext("Month %(number)s") % {"number": month}


MONTH_CHOICES = [(month, lazy(_month_name, str)(month)) for month in range(1, 13)]
STATUS_CHOICES = [*TaskState.choices, (OVERDUE, _("Overdue"))]


class TaskFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"), queryset=DistrictUnit.objects.none(), empty_label=_("All units")
    )
    ward = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("administrative unit", "Ward"),
        queryset=Ward.objects.none(),
        empty_label=_("All wards"),
    )
    month = django_filters.TypedChoiceFilter(
        label=_("Month"),
        choices=[("", _("All months")), *MONTH_CHOICES],
        coerce=int,
        empty_value=None,
        method="in_month",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=_("All statuses"), method="with_status"
    )
    criterion = django_filters.ModelChoiceFilter(
        label=_("Assessment criterion"),
        queryset=Criterion.objects.none(),
        empty_label=_("All criteria"),
        field_name="criteria",
    )

    def __init__(self, data, queryset, *, plan, today: datetime.date):
        super().__init__(data, queryset=queryset)
        self.plan, self.today = plan, today
        self.filters["unit"].queryset = DistrictUnit.objects.filter(district=plan.district_id).order_by(
            "name"
        )
        self.filters["ward"].queryset = Ward.objects.filter(district=plan.district_id)
        self.filters["criterion"].queryset = (
            Criterion.objects.filter(plan_tasks__plan=plan)
            .distinct()
            .select_related("framework")
            .order_by("number")
        )

    def in_month(self, queryset, name, month):
        """Tasks with a period that covers some day of ``month`` of the plan's year."""
        first = datetime.date(self.plan.year, month, 1)
        last = datetime.date(self.plan.year, month, calendar.monthrange(self.plan.year, month)[1])
        periods = TaskPeriod.objects.filter(starts_on__lte=last, ends_on__gte=first).values("task_id")
        return queryset.filter(pk__in=periods)

    def with_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.filter(overdue_condition(self.today))
        return queryset.filter(Q(state=value))
