import datetime

from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format


def test_date_typed_day_first_is_read_as_day_month_year():
    with translation.override("vi"):
        assert forms.DateField().clean("05/03/2026") == datetime.date(2026, 3, 5)


def test_date_with_dashes_and_iso_dates_are_accepted():
    with translation.override("vi"):
        assert forms.DateField().clean("05-03-2026") == datetime.date(2026, 3, 5)
        assert forms.DateField().clean("2026-03-05") == datetime.date(2026, 3, 5)


def test_date_shown_day_first_with_leading_zeros():
    day = datetime.date(2026, 3, 5)
    with translation.override("vi"):
        assert date_format(day) == "05/03/2026"
        assert date_format(day, "SHORT_DATE_FORMAT") == "05/03/2026"
        assert Template("{{ day|date }}").render(Context({"day": day})) == "05/03/2026"
        assert Template("{{ day|date:'SHORT_DATE_FORMAT' }}").render(Context({"day": day})) == "05/03/2026"


def test_date_input_widget_shows_day_first():
    with translation.override("vi"):
        field = forms.DateField()
        html = field.widget.render("day", datetime.date(2026, 3, 5))
    assert 'value="05/03/2026"' in html
