"""When reminders go out for one due date: a pure plan of waves, and which single wave is due now.

Rules (each one tested in tests/test_reminder_plan.py):
- A wave's nominal day counts calendar days from the due date: before-7 is due - 7, after-1 is due + 1.
- With `workdays_only`, a wave on a day off moves to the next working day. A "before" wave never moves past
  the due date (it may land on the due day itself, which is still before the deadline at its end); if the
  next working day is later, it moves back to the last working day before the due date instead.
- Waves on the same day merge into one, and so do waves closer than `min_gap_days`: of two, the later one
  (the one nearer the deadline or further past it) is kept, under its own key.
- `max_count` keeps the first waves in time order: a cap on how many reminders a school gets per due date.
- `due_wave` sends at most the most recent wave whose time has come, and nothing once a later wave has gone:
  after downtime the daemon catches up with one reminder, never a burst, and (with `workdays_only`) only on a
  working day and from `send_at` on (so a school never gets two the same day). A "before" wave is never sent
  after the deadline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from daemon.cycles.calendar import OfficeCalendar

WaveKind = Literal["before", "after"]
_HH_MM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
# a reminder further than a year from its due date is a typo in the config, not a plan
MAX_OFFSET_DAYS = 366


def _day_offsets(name: str, values: Iterable[int], minimum: int) -> tuple[int, ...]:
    offsets = tuple(values)
    for n in offsets:
        if isinstance(n, bool) or not isinstance(n, int) or not minimum <= n <= MAX_OFFSET_DAYS:
            raise ValueError(f"{name} must be whole days from {minimum} to {MAX_OFFSET_DAYS}, got {n!r}")
    return tuple(sorted(set(offsets)))


@dataclass(frozen=True)
class ReminderPolicy:
    """How reminders are spread around a due date (config key `reminders`)."""

    before_days: tuple[int, ...] = (7, 3, 1)
    after_days: tuple[int, ...] = (1, 3, 7)
    send_at: str = "07:30"  # office time
    workdays_only: bool = True
    max_count: int | None = None
    min_gap_days: int = 1  # 1 merges only waves on the same day

    def __post_init__(self) -> None:
        # 0 days before is the morning of the due day, still before the deadline
        object.__setattr__(self, "before_days", _day_offsets("before_days", self.before_days, 0))
        object.__setattr__(self, "after_days", _day_offsets("after_days", self.after_days, 1))
        if not isinstance(self.send_at, str) or not _HH_MM.fullmatch(self.send_at):
            raise ValueError(f"send_at must be HH:MM (24-hour), got {self.send_at!r}")
        if self.max_count is not None and (isinstance(self.max_count, bool) or self.max_count < 1):
            raise ValueError(f"max_count must be at least 1 or absent, got {self.max_count!r}")
        if isinstance(self.min_gap_days, bool) or not 1 <= self.min_gap_days <= MAX_OFFSET_DAYS:
            raise ValueError(f"min_gap_days must be at least 1, got {self.min_gap_days!r}")

    @property
    def send_time(self) -> time:
        hours, minutes = self.send_at.split(":")
        return time(int(hours), int(minutes))


@dataclass(frozen=True)
class Wave:
    """One reminder wave for one due date; the ledger keys it by (school, cycle, due, key)."""

    key: str  # "before-7", "after-1"
    kind: WaveKind
    nominal: date
    send_on: date
    send_at: datetime  # aware, office time
    due: date


def _send_on(kind: WaveKind, nominal: date, due: date, policy: ReminderPolicy, cal: OfficeCalendar) -> date:
    if not policy.workdays_only:
        return nominal
    day = cal.next_workday(nominal)
    if kind == "before" and day > due:
        day = cal.previous_workday(due)
    return day


def plan_waves(due: date, policy: ReminderPolicy, cal: OfficeCalendar) -> list[Wave]:
    """All waves for `due`, in time order, after moving, merging and capping."""
    offsets: list[tuple[WaveKind, int]] = [("before", -n) for n in policy.before_days]
    offsets += [("after", n) for n in policy.after_days]
    candidates = []
    for kind, offset in offsets:
        nominal = due + timedelta(days=offset)
        send_on = _send_on(kind, nominal, due, policy, cal)
        send_at = datetime.combine(send_on, policy.send_time, tzinfo=cal.tz)
        candidates.append(Wave(f"{kind}-{abs(offset)}", kind, nominal, send_on, send_at, due))
    kept: list[Wave] = []
    # from the last wave back, so that of two waves too close together the later one stays
    for wave in sorted(candidates, key=lambda w: (w.send_on, w.nominal), reverse=True):
        if kept and (kept[-1].send_on - wave.send_on).days < policy.min_gap_days:
            continue
        kept.append(wave)
    kept.reverse()
    return kept[: policy.max_count] if policy.max_count is not None else kept


def due_wave(
    due: date, policy: ReminderPolicy, cal: OfficeCalendar, now: datetime, already_sent: Set[str]
) -> Wave | None:
    """The one wave to send at `now` for this due date, or None.

    `already_sent` holds the keys already sent for this (school, cycle, due date); a naive `now` is office time.
    """
    if policy.max_count is not None and len(already_sent) >= policy.max_count:
        return None
    now = cal.local(now)
    if policy.workdays_only and not cal.is_workday(now.date()):
        return None  # a catch-up after downtime waits for a working day too
    if now.time() < policy.send_time:
        return None  # ... and for the hour: sending only from send_at on keeps it to one wave a day
    waves = plan_waves(due, policy, cal)
    passed = [w for w in waves if w.send_at <= now]
    if not passed:
        return None
    latest = passed[-1]
    if any(w.key in already_sent for w in waves[len(passed) - 1 :]):
        return None
    if latest.kind == "before" and now > cal.end_of_day(due):
        return None
    return latest
