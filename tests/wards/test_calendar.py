"""The Vietnamese working-day calendar, the deadline command and the administrator's calendar page."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils.html import escape

from tests.helpers import vi_text
from wards.calendar import (
    Replaced,
    Replacement,
    add_working_days,
    calendar_for_year,
    days_off,
    extra_working_days,
    is_working_day,
    replaced_by_exception,
    working_days_between,
)
from wards.models import CalendarOverride

pytestmark = pytest.mark.django_db

CALENDAR_URL = "/calendar/"


def deadline_command(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


# --- working days --------------------------------------------------------------------------------------


def test_weekdays_work_and_weekends_do_not():
    assert is_working_day(date(2025, 3, 3))  # Monday
    assert is_working_day(date(2025, 3, 7))  # Friday
    assert not is_working_day(date(2025, 3, 8))  # Saturday
    assert not is_working_day(date(2025, 3, 9))  # Sunday


def test_public_holidays_and_government_swaps_of_2025():
    for day in (date(2025, 1, 1), date(2025, 1, 27), date(2025, 1, 31), date(2025, 4, 7)):
        assert not is_working_day(day), day
    # Reunification Day, Labour Day, and Friday 02/05 given off in exchange for Saturday 26/04.
    assert not is_working_day(date(2025, 4, 30))
    assert not is_working_day(date(2025, 5, 1))
    assert not is_working_day(date(2025, 5, 2))
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 4, 27))  # the Sunday after stays off


def test_receipt_on_friday_before_tet_2025():
    assert add_working_days(date(2025, 1, 24), 10) == date(2025, 2, 14)


def test_receipt_before_the_reunification_day_swap_2025():
    assert add_working_days(date(2025, 4, 25), 5) == date(2025, 5, 6)


def test_deadline_across_tet_mau_tuat_2018():
    # Official 2018 calendar: civil servants off Wed 14/02 (29 Tết) to Tue 20/02 (mùng 5), seven days
    # with the weekend. Received Mon 12/02: Tue 13/02 is day 1, then 21, 22, 23/02 and Mon 26/02.
    for day in (
        date(2018, 2, 14),
        date(2018, 2, 15),
        date(2018, 2, 16),
        date(2018, 2, 19),
        date(2018, 2, 20),
    ):
        assert not is_working_day(day), day
    assert is_working_day(date(2018, 2, 13))
    assert is_working_day(date(2018, 2, 21))
    assert add_working_days(date(2018, 2, 12), 5) == date(2018, 2, 26)


def test_deadline_across_tet_binh_ngo_2026():
    # Official 2026 calendar: off Mon 16/02 (29 Tết) to Fri 20/02 (mùng 4); with the weekends either
    # side, nine days from Sat 14/02 to Sun 22/02. Received Wed 11/02: 12 and 13/02 are days 1 and 2,
    # then Mon 23, Tue 24 and Wed 25/02.
    assert [day for day in (date(2026, 2, d) for d in range(14, 23)) if is_working_day(day)] == []
    assert is_working_day(date(2026, 2, 13))
    assert is_working_day(date(2026, 2, 23))
    assert add_working_days(date(2026, 2, 11), 5) == date(2026, 2, 25)


def test_swap_across_new_year_2018_2019():
    # Mon 31/12/2018 off in exchange for Saturday 05/01/2019 (Official Dispatch 6519/VPCP-KGVX).
    assert not is_working_day(date(2018, 12, 31))
    assert is_working_day(date(2019, 1, 5))


def test_zero_working_days_is_the_day_of_receipt():
    assert add_working_days(date(2025, 1, 24), 0) == date(2025, 1, 24)
    assert add_working_days(date(2025, 1, 25), 0) == date(2025, 1, 25)  # even a Saturday


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 24), -1)


def test_extra_day_off_moves_the_deadline_one_working_day_later():
    CalendarOverride.objects.create(day=date(2025, 2, 10), is_working_day=False, reason="Thông báo số 1")
    assert not is_working_day(date(2025, 2, 10))
    assert add_working_days(date(2025, 1, 24), 10) == date(2025, 2, 17)


def test_extra_working_saturday_moves_the_deadline_earlier():
    CalendarOverride.objects.create(day=date(2025, 2, 8), is_working_day=True, reason="Làm bù")
    assert is_working_day(date(2025, 2, 8))
    assert add_working_days(date(2025, 1, 24), 10) == date(2025, 2, 13)


def test_override_wins_over_the_package():
    CalendarOverride.objects.create(day=date(2025, 4, 26), is_working_day=False, reason="Hủy làm bù")
    CalendarOverride.objects.create(day=date(2025, 5, 2), is_working_day=True, reason="Hủy nghỉ bù")
    assert not is_working_day(date(2025, 4, 26))
    assert is_working_day(date(2025, 5, 2))


def test_overrides_are_read_in_one_query(django_assert_num_queries):
    CalendarOverride.objects.create(day=date(2025, 2, 10), is_working_day=False, reason="Nghỉ")
    with django_assert_num_queries(1):
        assert add_working_days(date(2025, 1, 24), 60) == date(2025, 4, 28)  # via 07/04 off, Sat 26/04 worked
    with django_assert_num_queries(1):
        working_days_between(date(2025, 1, 1), date(2025, 12, 31))
    with django_assert_num_queries(1):
        calendar_for_year(2025)


def test_a_long_run_of_extra_days_off_still_counts_correctly(django_assert_num_queries):
    start = date(2025, 3, 1)
    CalendarOverride.objects.bulk_create(
        CalendarOverride(day=date.fromordinal(start.toordinal() + n), is_working_day=False, reason="Nghỉ")
        for n in range(61)  # 01/03 to 30/04
    )
    # 25, 26, 27 and 28/02 are days 1-4; March and April are off, 01 and 02/05 are holidays.
    # The run goes past the first window of overrides read, so a second query reads the next.
    with django_assert_num_queries(2):
        assert add_working_days(date(2025, 2, 24), 5) == date(2025, 5, 5)


def test_working_days_between():
    assert working_days_between(date(2025, 1, 24), date(2025, 2, 14)) == 10
    assert working_days_between(date(2025, 4, 25), date(2025, 5, 6)) == 5
    assert working_days_between(date(2025, 1, 24), date(2025, 1, 24)) == 0
    assert working_days_between(date(2025, 2, 14), date(2025, 1, 24)) == -10


def test_days_off_and_extra_working_days_of_2025():
    off = {entry.day: entry.name for entry in days_off(2025)}
    assert {
        date(2025, 1, 1),
        date(2025, 1, 27),
        date(2025, 4, 30),
        date(2025, 5, 2),
        date(2025, 9, 2),
    } <= set(off)
    assert all(name for name in off.values())
    extra = extra_working_days(2025)
    assert [entry.day for entry in extra] == [date(2025, 4, 26)]
    assert "02/05/2025" in extra[0].name


def test_overrides_appear_in_the_year_lists():
    off = CalendarOverride.objects.create(day=date(2025, 6, 2), is_working_day=False, reason="Nghỉ đột xuất")
    CalendarOverride.objects.create(day=date(2025, 4, 26), is_working_day=False, reason="Hủy làm bù")
    assert [(e.day, e.name, e.override) for e in days_off(2025) if e.day == date(2025, 6, 2)] == [
        (date(2025, 6, 2), "Nghỉ đột xuất", off)
    ]
    assert extra_working_days(2025) == []


# --- deadline command ----------------------------------------------------------------------------------


def test_command_prints_the_due_date():
    assert deadline_command("--from", "24/01/2025", "--working-days", "10") == "14/02/2025\n"
    assert deadline_command("--from", "25/04/2025", "--working-days", "5") == "06/05/2025\n"


def test_command_rejects_an_iso_date():
    with pytest.raises(CommandError, match="DD/MM/YYYY"):
        deadline_command("--from", "2025-01-24", "--working-days", "10")


def test_command_rejects_a_negative_count():
    with pytest.raises(CommandError, match="0 or more"):
        deadline_command("--from", "24/01/2025", "--working-days", "-3")


def test_command_rejects_a_count_that_is_not_a_number():
    with pytest.raises(CommandError, match="whole number"):
        deadline_command("--from", "24/01/2025", "--working-days", "ten")


# --- calendar page -------------------------------------------------------------------------------------


def test_admin_sees_the_calendar_of_a_year(system_admin, login):
    response = login(system_admin).get(CALENDAR_URL, {"year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert "29/01/2025" in html  # Tết Nguyên Đán
    assert "Tết Nguyên Đán" in html
    assert "26/04/2025" in html  # the Saturday worked
    assert "02/05/2025" in html
    assert [entry.day for entry in response.context["extra_working_days"]] == [date(2025, 4, 26)]


def test_admin_sees_the_current_year_by_default(system_admin, login):
    response = login(system_admin).get(CALENDAR_URL)
    assert response.status_code == 200
    assert response.context["year"] == date.today().year


def test_admin_adds_an_extra_day_off(system_admin, login):
    response = login(system_admin).post(
        CALENDAR_URL + "?year=2025",
        {"day": "14/02/2025", "is_working_day": "False", "reason": "Thông báo 123/TB-UBND"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/calendar/?year=2025"
    override = CalendarOverride.objects.get()
    assert (override.day, override.is_working_day, override.reason) == (
        date(2025, 2, 14),
        False,
        "Thông báo 123/TB-UBND",
    )
    assert add_working_days(date(2025, 1, 24), 10) == date(2025, 2, 17)


def test_admin_adds_an_extra_working_day(system_admin, login):
    response = login(system_admin).post(
        CALENDAR_URL, {"day": "08/02/2025", "is_working_day": "True", "reason": "Làm bù"}
    )
    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert (override.day, override.is_working_day, override.reason) == (date(2025, 2, 8), True, "Làm bù")


def test_admin_deletes_an_override(system_admin, login):
    override = CalendarOverride.objects.create(day=date(2025, 6, 2), is_working_day=False, reason="Nghỉ")
    keep = CalendarOverride.objects.create(day=date(2025, 6, 3), is_working_day=False, reason="Nghỉ")
    client = login(system_admin)
    page = client.get(CALENDAR_URL, {"year": 2025}).content.decode()
    assert f'name="delete" value="{override.pk}"' in page
    response = client.post(CALENDAR_URL + "?year=2025", {"delete": override.pk})
    assert response.status_code == 302
    assert response["Location"] == "/calendar/?year=2025"
    assert list(CalendarOverride.objects.all()) == [keep]
    assert client.post(CALENDAR_URL, {"delete": "abc"}).status_code == 404
    assert client.post(CALENDAR_URL, {"delete": override.pk}).status_code == 404


def test_bad_date_redisplays_the_form_and_saves_nothing(system_admin, login):
    response = login(system_admin).post(
        CALENDAR_URL, {"day": "31/02/2025", "is_working_day": "False", "reason": "Ngày sai"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "day" in form.errors
    html = response.content.decode()
    assert 'value="31/02/2025"' in html
    assert 'value="Ngày sai"' in html
    assert not CalendarOverride.objects.exists()


def test_a_plain_day_is_saved_without_asking_for_confirmation(system_admin, login):
    client = login(system_admin)
    assert 'name="confirm_replace"' not in client.get(CALENDAR_URL).content.decode()

    response = client.post(CALENDAR_URL, {"day": "03/06/2025", "is_working_day": "False", "reason": "Nghỉ"})

    assert response.status_code == 302
    assert CalendarOverride.objects.get().day == date(2025, 6, 3)


def test_an_exception_on_an_official_holiday_asks_for_confirmation_and_saves_nothing(system_admin, login):
    response = login(system_admin).post(
        CALENDAR_URL, {"day": "02/09/2025", "is_working_day": "True", "reason": "Làm bù"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        escape("Ngày 02/09/2025 là ngày lễ chính thức (Quốc khánh). Lưu ngoại lệ này sẽ thay thế ngày lễ đó.")
        in html
    )
    assert 'name="confirm_replace"' in html
    assert '<input type="hidden" name="warned_day" value="02/09/2025">' in html
    assert 'value="02/09/2025"' in html
    assert 'value="Làm bù"' in html
    assert not CalendarOverride.objects.exists()
    assert not is_working_day(date(2025, 9, 2))


def test_a_confirmed_exception_replaces_the_official_holiday(system_admin, login):
    response = login(system_admin).post(
        CALENDAR_URL,
        {
            "day": "02/09/2025",
            "is_working_day": "True",
            "reason": "Làm bù",
            "confirm_replace": "on",
            "warned_day": "02/09/2025",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/calendar/?year=2025"
    override = CalendarOverride.objects.get()
    assert (override.day, override.is_working_day, override.reason) == (date(2025, 9, 2), True, "Làm bù")
    assert is_working_day(date(2025, 9, 2))


def test_a_confirmation_given_for_another_day_does_not_count(system_admin, login):
    # The box was ticked under the warning for 02/09, then the day was changed to 30/04.
    response = login(system_admin).post(
        CALENDAR_URL,
        {
            "day": "30/04/2025",
            "is_working_day": "True",
            "reason": "Làm bù",
            "confirm_replace": "on",
            "warned_day": "02/09/2025",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        escape(
            "Ngày 30/04/2025 là ngày lễ chính thức (Ngày Chiến thắng). Lưu ngoại lệ này sẽ thay thế ngày lễ đó."
        )
        in html
    )
    assert '<input type="hidden" name="warned_day" value="30/04/2025">' in html
    assert not CalendarOverride.objects.exists()


def test_a_confirmation_without_the_warning_day_does_not_count(system_admin, login):
    response = login(system_admin).post(
        CALENDAR_URL, {"day": "02/09/2025", "is_working_day": "True", "reason": "X", "confirm_replace": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["__all__"][0].code == "confirm_replace"
    assert not CalendarOverride.objects.exists()


def test_an_exception_on_an_official_swapped_working_day_asks_for_confirmation(system_admin, login):
    response = login(system_admin).post(
        CALENDAR_URL, {"day": "26/04/2025", "is_working_day": "False", "reason": "Nghỉ"}
    )

    assert response.status_code == 200
    assert (
        escape(
            "Ngày 26/04/2025 là ngày làm việc chính thức ("
            + vi_text("Working day in exchange for the day off on %(date)s", date="02/05/2025")
            + "). Lưu ngoại lệ này sẽ thay thế ngày làm việc đó."
        )
        in response.content.decode()
    )
    assert not CalendarOverride.objects.exists()
    assert is_working_day(date(2025, 4, 26))


def test_a_day_already_overridden_asks_before_replacing_the_exception(system_admin, login):
    CalendarOverride.objects.create(day=date(2025, 6, 2), is_working_day=False, reason="Nghỉ bù")
    client = login(system_admin)
    data = {"day": "02/06/2025", "is_working_day": "True", "reason": "Làm"}

    response = client.post(CALENDAR_URL, data)

    assert response.status_code == 200
    assert (
        escape("Ngày 02/06/2025 đã có ngày ngoại lệ (Nghỉ bù). Lưu ngoại lệ này sẽ thay thế ngoại lệ đó.")
        in response.content.decode()
    )
    assert CalendarOverride.objects.get().is_working_day is False

    response = client.post(CALENDAR_URL, {**data, "confirm_replace": "on", "warned_day": "02/06/2025"})

    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert (override.day, override.is_working_day, override.reason) == (date(2025, 6, 2), True, "Làm")


def test_replaced_by_exception_names_what_a_day_means_in_the_calendar():
    CalendarOverride.objects.create(day=date(2025, 6, 2), is_working_day=False, reason="Nghỉ bù")

    assert replaced_by_exception(date(2025, 9, 2)) == Replacement(
        date(2025, 9, 2), Replaced.HOLIDAY, "Quốc khánh"
    )
    assert replaced_by_exception(date(2025, 4, 26)).kind == Replaced.OFFICIAL_WORKING_DAY
    assert replaced_by_exception(date(2025, 6, 2)) == Replacement(
        date(2025, 6, 2), Replaced.EXCEPTION, "Nghỉ bù"
    )
    assert replaced_by_exception(date(2025, 6, 3)) is None  # an ordinary Tuesday
    assert replaced_by_exception(date(2025, 6, 7)) is None  # an ordinary Saturday


@pytest.mark.parametrize("persona", ["ward_officer", "education_staff"])
def test_other_roles_are_refused(persona, request, login):
    user = request.getfixturevalue(persona)
    existing = CalendarOverride.objects.create(day=date(2025, 6, 2), is_working_day=False, reason="Nghỉ")
    client = login(user)
    assert client.get(CALENDAR_URL).status_code == 403
    response = client.post(CALENDAR_URL, {"day": "14/02/2025", "is_working_day": "False", "reason": "X"})
    assert response.status_code == 403
    assert client.post(CALENDAR_URL, {"delete": existing.pk}).status_code == 403
    assert list(CalendarOverride.objects.all()) == [existing]


def test_anonymous_visitor_is_sent_to_log_in(login):
    response = login(None).get(CALENDAR_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = login(None).post(CALENDAR_URL, {"day": "14/02/2025", "is_working_day": "False", "reason": "X"})
    assert response.status_code == 302
    assert not CalendarOverride.objects.exists()
