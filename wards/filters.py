"""Filters of the ward and user lists (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wards.models import Cluster, Role, SignInEvent, SignInOutcome, User, Ward


class WardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    cluster = django_filters.ModelChoiceFilter(
        label=_("Emulation cluster"), queryset=Cluster.objects.all(), empty_label=_("All clusters")
    )
    # Unticked (the default): the wards merged into another are left out.
    merged = django_filters.BooleanFilter(
        label=_("Show merged wards"), widget=forms.CheckboxInput, method="show_merged"
    )

    class Meta:
        model = Ward
        fields = ["q", "cluster", "merged"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def show_merged(self, queryset, name, value):
        return queryset if value else queryset.filter(closed_on__isnull=True)


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, field_name="role_grants__role", empty_label=_("All roles")
    )
    ward = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("administrative unit", "Ward"),
        queryset=Ward.objects.all(),
        empty_label=_("All wards"),
    )

    class Meta:
        model = User
        fields = ["role", "ward"]


class SignInFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("User name"), lookup_expr="icontains")
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=SignInOutcome.choices, empty_label=_("All outcomes")
    )
    ip_address = django_filters.CharFilter(label=_("IP address"), lookup_expr="startswith")
    since = django_filters.DateFilter(label=_("From"), field_name="at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("To"), field_name="at", lookup_expr="date__lte")

    class Meta:
        model = SignInEvent
        fields = ["username", "outcome", "ip_address", "since", "until"]
