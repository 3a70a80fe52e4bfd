from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daemon.cycles.calendar import (
    OfficeCalendar,
    announced_years,
    lunar_new_year,
    lunar_to_solar,
    statutory_days_off,
)

CAL = OfficeCalendar()


def span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Vietnam reckons at UTC+7: in 2030 the new moon is 2 Feb 23:07 local (16:07 UTC, checked with PyEphem),
# so Tết Canh Tuất is 2 Feb in Vietnam but 3 Feb in China (UTC+8); likewise 2007 (17 Feb vs 18 Feb).
TET = {2007: date(2007, 2, 17), 2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1),
       2023: date(2023, 1, 22), 2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17),
       2027: date(2027, 2, 6), 2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 2)}


@pytest.mark.parametrize("year", sorted(TET))
def test_lunar_new_year(year):
    assert lunar_new_year(year) == TET[year]


@pytest.mark.parametrize(("year", "expected"), [
    (2020, date(2020, 4, 2)), (2022, date(2022, 4, 10)), (2023, date(2023, 4, 29)),
    (2024, date(2024, 4, 18)), (2025, date(2025, 4, 7)), (2026, date(2026, 4, 26)),
])
def test_gio_to_hung_vuong(year, expected):
    assert lunar_to_solar(10, 3, year) == expected


def test_leap_month():
    # 2023 had a leap 2nd month (nhuận tháng 2): 1/2 nhuận fell on 22/03/2023
    assert lunar_to_solar(1, 2, 2023, leap=True) == date(2023, 3, 22)
    with pytest.raises(ValueError, match="no leap month 5"):
        lunar_to_solar(1, 5, 2023, leap=True)


@pytest.mark.parametrize(("first", "last"), [
    (date(2024, 2, 8), date(2024, 2, 14)), (date(2024, 4, 27), date(2024, 5, 1)),
    (date(2024, 8, 31), date(2024, 9, 3)), (date(2025, 1, 25), date(2025, 2, 2)),
    (date(2025, 4, 30), date(2025, 5, 4)), (date(2025, 8, 30), date(2025, 9, 2)),
    (date(2026, 1, 1), date(2026, 1, 4)), (date(2026, 2, 14), date(2026, 2, 22)),
    (date(2026, 8, 29), date(2026, 9, 2)),
])
def test_announced_breaks_are_days_off_and_end_before_a_workday(first, last):
    assert not any(CAL.is_workday(d) for d in span(first, last))
    assert CAL.is_workday(CAL.previous_workday(first - timedelta(days=1)))
    assert CAL.next_workday(last + timedelta(days=1)) == CAL.next_workday(last)


@pytest.mark.parametrize("day", [date(2024, 5, 4), date(2025, 4, 26), date(2026, 1, 10), date(2026, 8, 22)])
def test_make_up_saturdays_are_workdays(day):
    assert day.weekday() == 5
    assert CAL.is_workday(day)


def test_single_holidays_and_ordinary_days():
    assert not CAL.is_workday(date(2024, 4, 18))  # Giỗ Tổ, Thursday
    assert not CAL.is_workday(date(2025, 4, 7))  # Giỗ Tổ, Monday
    assert CAL.is_workday(date(2024, 11, 14))  # Thursday
    assert CAL.is_workday(date(2024, 11, 20))  # Ngày Nhà giáo is not a day off
    assert not CAL.is_workday(date(2024, 11, 16))  # Saturday


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_sundays_are_never_workdays(day):
    sunday = day + timedelta(days=6 - day.weekday())
    assert not CAL.is_workday(sunday)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_tet_is_never_a_workday(day):
    tet = lunar_new_year(day.year)
    assert not any(CAL.is_workday(d) for d in span(tet - timedelta(days=1), tet + timedelta(days=3)))


def test_computed_year_2027_compensates_weekend_holidays():
    # Tết 06/02/2027 is a Saturday: 5/2-9/2 plus two compensatory days; 1/5 Saturday -> Monday 3/5
    assert sorted(statutory_days_off(2027)) == [
        date(2027, 1, 1), *span(date(2027, 2, 5), date(2027, 2, 11)), date(2027, 4, 16),
        date(2027, 4, 30), date(2027, 5, 1), date(2027, 5, 3), date(2027, 9, 2), date(2027, 9, 3),
    ]


@pytest.mark.parametrize(("year", "off"), [
    (2027, [date(2027, 9, 2), date(2027, 9, 3)]),  # Thursday: + Friday
    (2028, [date(2028, 9, 1), date(2028, 9, 4)]),  # Saturday: Friday before, compensated Monday
    (2029, [date(2029, 9, 3), date(2029, 9, 4)]),  # Sunday: Monday after, compensated Tuesday
    (2030, [date(2030, 9, 2), date(2030, 9, 3)]),  # Monday: + Tuesday (as announced for 2024)
    (2031, [date(2031, 9, 1), date(2031, 9, 2)]),  # Tuesday: Monday before (as announced for 2025)
    (2033, [date(2033, 9, 1), date(2033, 9, 2)]),  # Friday: Thursday before
])
def test_national_day_and_its_adjacent_day(year, off):
    weekdays_off = [d for d in span(date(year, 8, 28), date(year, 9, 8)) if d.weekday() < 5 and not CAL.is_workday(d)]
    assert weekdays_off == off


@pytest.mark.parametrize("year", range(2024, 2036))
def test_every_year_has_the_statutory_eleven_days_at_least(year):
    weekday_holidays = [d for d in CAL.holidays_in(year) if d.weekday() < 5]
    assert len(weekday_holidays) >= 11
    assert date(year, 1, 1) in CAL.holidays_in(year)
    assert date(year, 9, 2) in CAL.holidays_in(year)


def test_shipped_table_years():
    assert sorted(announced_years()) == [2024, 2025, 2026]


def test_overrides():
    cal = OfficeCalendar(extra_days_off=frozenset({date(2024, 11, 15)}), extra_workdays=frozenset({date(2024, 11, 16)}))
    assert not cal.is_workday(date(2024, 11, 15))
    assert cal.is_workday(date(2024, 11, 16))
    assert date(2024, 11, 15) in cal.holidays_in(2024)
    with pytest.raises(ValueError, match="both"):
        OfficeCalendar(extra_days_off=frozenset({date(2024, 1, 2)}), extra_workdays=frozenset({date(2024, 1, 2)}))


def test_next_previous_and_add_workdays():
    assert CAL.next_workday(date(2024, 11, 14)) == date(2024, 11, 14)
    assert CAL.next_workday(date(2025, 1, 25)) == date(2025, 2, 3)
    assert CAL.previous_workday(date(2025, 1, 30)) == date(2025, 1, 24)
    assert CAL.add_workdays(date(2024, 11, 15), 1) == date(2024, 11, 18)  # Friday + 1
    assert CAL.add_workdays(date(2024, 11, 16), 0) == date(2024, 11, 18)
    assert CAL.add_workdays(date(2025, 1, 24), 1) == date(2025, 2, 3)  # over Tết
    assert CAL.add_workdays(date(2025, 2, 3), -1) == date(2025, 1, 24)
    assert CAL.add_workdays(date(2025, 4, 24), 2) == date(2025, 4, 26)  # the make-up Saturday counts


def test_end_of_day_and_local():
    end = CAL.end_of_day(date(2024, 11, 14))
    assert end.utcoffset() == timedelta(hours=7)
    assert (end.year, end.month, end.day, end.hour, end.minute) == (2024, 11, 14, 23, 59)
    assert datetime(2024, 11, 14, 16, 59, 59, tzinfo=UTC) <= end
    assert datetime(2024, 11, 14, 17, 0, tzinfo=UTC) > end
    assert CAL.local(datetime(2024, 11, 14, 17, 0, tzinfo=UTC)) == datetime(2024, 11, 15, 0, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert CAL.local(datetime(2024, 11, 14, 8, 0)).utcoffset() == timedelta(hours=7)
