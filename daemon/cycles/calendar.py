"""The office's working calendar: Monday-Friday, Vietnamese public holidays, yearly swaps, office time zone.

Years the Government has announced come from `data/holidays.yaml`; other years are computed from the Labour
Code 2019 (Art. 111-112) with Hồ Ngọc Đức's astronomical lunar calendar for UTC+7.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import yaml

OFFICE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# the Vietnamese lunar calendar is reckoned at UTC+7 (Quyết định 121/HĐBT since 1968)
LUNAR_TZ_HOURS = 7.0
# the longest run of days off is Tết (9 days) plus weekends; a longer search means corrupt data
MAX_DAYS_OFF_IN_A_ROW = 60
_SYNODIC_MONTH = 29.530588853
_JD_1900_NEW_MOON = 2415021.076998695
# date.toordinal() counts 0001-01-01 as 1; the Julian Day Number of that day is 1721426
_JDN_OFFSET = 1721425


def _jdn(d: date) -> int:
    return d.toordinal() + _JDN_OFFSET


def _from_jdn(jdn: int) -> date:
    return date.fromordinal(jdn - _JDN_OFFSET)


def _new_moon_jdn(k: int, tz_hours: float) -> int:
    """Local day number of the k-th new moon after 1900-01-01 (Meeus, as used by Hồ Ngọc Đức)."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 += -0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr) - 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 += -0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return math.floor(jd1 + c1 - delta_t + 0.5 + tz_hours / 24)


def _sun_longitude_sector(jdn: int, tz_hours: float) -> int:
    """Which of the 12 thirty-degree sectors the sun's longitude is in at the start of local day `jdn`."""
    t = (jdn - 2451545.5 - tz_hours / 24) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    lon -= 2 * math.pi * math.floor(lon / (2 * math.pi))
    return math.floor(lon / math.pi * 6)


def _lunar_month11_start(year: int, tz_hours: float) -> int:
    """Day number of the first day of the 11th lunar month (the one holding the winter solstice) of `year`."""
    off = _jdn(date(year, 12, 31)) - 2415021
    k = math.floor(off / _SYNODIC_MONTH)
    nm = _new_moon_jdn(k, tz_hours)
    if _sun_longitude_sector(nm, tz_hours) >= 9:
        nm = _new_moon_jdn(k - 1, tz_hours)
    return nm


def _leap_month_offset(a11: int, tz_hours: float) -> int:
    k = math.floor((a11 - _JD_1900_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_longitude_sector(_new_moon_jdn(k + i, tz_hours), tz_hours)
    while True:
        last = arc
        i += 1
        arc = _sun_longitude_sector(_new_moon_jdn(k + i, tz_hours), tz_hours)
        if arc == last or i >= 14:
            return i - 1


def lunar_to_solar(day: int, month: int, year: int, *, leap: bool = False, tz_hours: float = LUNAR_TZ_HOURS) -> date:
    """The solar date of lunar day/month/year (Vietnamese calendar); `leap` picks the intercalary month."""
    if month < 11:
        a11, b11 = _lunar_month11_start(year - 1, tz_hours), _lunar_month11_start(year, tz_hours)
    else:
        a11, b11 = _lunar_month11_start(year, tz_hours), _lunar_month11_start(year + 1, tz_hours)
    k = math.floor(0.5 + (a11 - _JD_1900_NEW_MOON) / _SYNODIC_MONTH)
    off = (month - 11) % 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz_hours)
        leap_month = (leap_off - 2) % 12
        if leap and month != leap_month:
            raise ValueError(f"lunar year {year} has no leap month {month}")
        if leap or off >= leap_off:
            off += 1
    elif leap:
        raise ValueError(f"lunar year {year} has no leap month")
    return _from_jdn(_new_moon_jdn(k + off, tz_hours) + day - 1)


def lunar_new_year(year: int) -> date:
    """Mùng 1 Tết of the lunar year that starts in solar `year`."""
    return lunar_to_solar(1, 1, year)


def _national_day_pair(year: int) -> tuple[date, date]:
    """2/9 and the adjacent day the Code leaves to the Government (Art. 112: 'the day before or after').

    Picked as the announced years did (2021-2026): the neighbour that joins 2/9 to the weekend without
    itself being a weekend day; on a Wednesday the day before (as in 2026).
    """
    national_day = date(year, 9, 2)
    before, after = national_day - timedelta(days=1), national_day + timedelta(days=1)
    weekday = national_day.weekday()  # Monday is 0
    return national_day, (after if weekday in (0, 3, 6) else before)


def statutory_days_off(year: int) -> frozenset[date]:
    """Days off by the Labour Code 2019 (Art. 112), with Art. 111's compensatory days for weekend holidays."""
    tet = lunar_new_year(year)
    holidays = {
        date(year, 1, 1),
        *(tet + timedelta(days=i) for i in range(-1, 4)),  # last day of the old year + mùng 1-4
        lunar_to_solar(10, 3, year),  # Giỗ Tổ Hùng Vương
        date(year, 4, 30),
        date(year, 5, 1),
        *_national_day_pair(year),
    }
    days_off = set(holidays)
    for holiday in sorted(holidays):
        if holiday.weekday() >= 5:
            compensation = holiday + timedelta(days=1)
            while compensation.weekday() >= 5 or compensation in days_off:
                compensation += timedelta(days=1)
            days_off.add(compensation)
    return frozenset(days_off)


@dataclass(frozen=True)
class AnnouncedYear:
    """One year's civil-service schedule as the Government announced it."""

    days_off: frozenset[date]
    workdays: frozenset[date]  # make-up Saturdays ("làm bù")


def _expand(entries: Iterable[Any], where: str) -> frozenset[date]:
    days: set[date] = set()
    for entry in entries or ():
        if isinstance(entry, date):
            days.add(entry)
        elif isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, date) for x in entry):
            first, last = entry
            days.update(first + timedelta(days=i) for i in range((last - first).days + 1))
        else:
            raise ValueError(f"{where}: expected a date or [first, last], got {entry!r}")
    return frozenset(days)


@cache
def announced_years() -> dict[int, AnnouncedYear]:
    """The shipped table of announced schedules, by year."""
    text = resources.files("daemon.cycles").joinpath("data/holidays.yaml").read_text(encoding="utf-8")
    table = yaml.safe_load(text)
    years: dict[int, AnnouncedYear] = {}
    for year, spec in table.items():
        where = f"holidays.yaml {year}"
        entry = AnnouncedYear(_expand(spec.get("days_off"), where), _expand(spec.get("workdays"), where))
        if any(d.year != year for d in entry.days_off | entry.workdays):
            raise ValueError(f"{where}: a date outside {year}")
        years[int(year)] = entry
    return years


@cache
def _year_schedule(year: int) -> AnnouncedYear:
    announced = announced_years().get(year)
    if announced is not None:
        return announced
    return AnnouncedYear(statutory_days_off(year), frozenset())


@dataclass(frozen=True)
class OfficeCalendar:
    """Working days of the office; `extra_*` are local overrides on top of the shipped table."""

    tz: ZoneInfo = OFFICE_TZ
    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_workdays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_days_off", frozenset(self.extra_days_off))
        object.__setattr__(self, "extra_workdays", frozenset(self.extra_workdays))
        both = self.extra_days_off & self.extra_workdays
        if both:
            raise ValueError(f"dates both extra days off and extra workdays: {sorted(both)}")

    def is_workday(self, d: date) -> bool:
        if d in self.extra_workdays:
            return True
        if d in self.extra_days_off:
            return False
        schedule = _year_schedule(d.year)
        if d in schedule.workdays:
            return True
        return d.weekday() < 5 and d not in schedule.days_off

    def next_workday(self, d: date) -> date:
        """`d` itself if it is a working day, else the first working day after it."""
        return self._walk(d, 1)

    def previous_workday(self, d: date) -> date:
        """`d` itself if it is a working day, else the last working day before it."""
        return self._walk(d, -1)

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after `d` (before it when n < 0; `d` is not counted); n=0 is next_workday(d)."""
        if n == 0:
            return self.next_workday(d)
        step = 1 if n > 0 else -1
        for _ in range(abs(n)):
            d = self._walk(d + timedelta(days=step), step)
        return d

    def holidays_in(self, year: int) -> list[date]:
        """The days off in `year` besides ordinary weekends (holidays, compensatory and swapped days)."""
        schedule = _year_schedule(year)
        days = (schedule.days_off | {d for d in self.extra_days_off if d.year == year}) - self.extra_workdays
        return sorted(d for d in days if not self.is_workday(d))

    def end_of_day(self, d: date) -> datetime:
        """The last instant of `d` in office time: a deadline on `d` is met by anything at or before it."""
        return datetime.combine(d, time.max, tzinfo=self.tz)

    def start_of_day(self, d: date) -> datetime:
        return datetime.combine(d, time.min, tzinfo=self.tz)

    def local(self, dt: datetime) -> datetime:
        """`dt` in office time; a naive `dt` is taken to be office time already."""
        if dt.tzinfo is None:
            return dt.replace(tzinfo=self.tz)
        return dt.astimezone(self.tz)

    def today(self, now: datetime) -> date:
        return self.local(now).date()

    def _walk(self, d: date, step: int) -> date:
        for _ in range(MAX_DAYS_OFF_IN_A_ROW):
            if self.is_workday(d):
                return d
            d += timedelta(days=step)
        raise ValueError(f"no working day within {MAX_DAYS_OFF_IN_A_ROW} days of {d}: check the holiday table")
