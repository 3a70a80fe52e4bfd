from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daemon.cycles.calendar import OfficeCalendar
from daemon.cycles.reminder_plan import ReminderPolicy, Wave, due_wave, plan_waves

CAL = OfficeCalendar()
POLICY = ReminderPolicy(before_days=(7, 3, 1), after_days=(1, 3, 7), send_at="07:30")
DUE_2024 = date(2024, 11, 14)


def at(day: date, hh_mm: str = "07:30") -> datetime:
    hours, minutes = map(int, hh_mm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=CAL.tz)


def walk(due, policy, first, last, times=("00:00", "07:29", "07:30", "07:31", "12:00", "23:59"), down=()):
    """Run due_wave at each time of each day, recording what is sent; `down` days the daemon is off."""
    sent: dict[str, datetime] = {}
    day = first
    while day <= last:
        if day not in down:
            for hh_mm in times:
                wave = due_wave(due, policy, CAL, at(day, hh_mm), set(sent))
                if wave is not None:
                    sent[wave.key] = at(day, hh_mm)
        day += timedelta(days=1)
    return sent


def test_walk_the_2024_cycle_day_by_day():
    sent = walk(DUE_2024, POLICY, date(2024, 10, 1), date(2024, 11, 30))
    assert sent == {
        "before-7": at(date(2024, 11, 7)),
        "before-3": at(date(2024, 11, 11)),
        "before-1": at(date(2024, 11, 13)),
        "after-1": at(date(2024, 11, 15)),
        "after-3": at(date(2024, 11, 18)),  # Sunday 17/11 moves to Monday
        "after-7": at(date(2024, 11, 21)),
    }
    assert all(CAL.is_workday(t.date()) and t.weekday() < 5 for t in sent.values())


def test_catch_up_after_five_days_down_sends_the_latest_wave_only():
    down = {date(2024, 11, 9) + timedelta(days=i) for i in range(5)}  # 09/11-13/11: misses before-3, before-1
    sent = walk(DUE_2024, POLICY, date(2024, 11, 1), date(2024, 11, 30), down=down)
    assert sent["before-1"] == at(date(2024, 11, 14), "07:30")  # the due day itself, before its end
    assert "before-3" not in sent
    assert len(sent) == 5


def test_catch_up_waits_for_a_working_day_and_the_hour():
    # down from Thursday 14/11 to Sunday: after-1 (Friday) is missed; nothing on the weekend nor before 07:30
    sent = {"before-7", "before-3", "before-1"}
    assert due_wave(DUE_2024, POLICY, CAL, at(date(2024, 11, 16), "09:00"), sent) is None
    assert due_wave(DUE_2024, POLICY, CAL, at(date(2024, 11, 18), "07:29"), sent) is None
    # Monday 07:30: after-3 is the most recent wave; after-1 is skipped, so one reminder that day
    assert due_wave(DUE_2024, POLICY, CAL, at(date(2024, 11, 18), "07:30"), sent).key == "after-3"


def test_no_before_wave_after_the_deadline():
    policy = ReminderPolicy(before_days=(3, 1), after_days=())
    assert due_wave(DUE_2024, policy, CAL, at(date(2024, 11, 15), "08:00"), set()) is None
    assert due_wave(DUE_2024, policy, CAL, at(DUE_2024, "23:00"), set()).key == "before-1"


def test_nothing_once_a_later_wave_has_gone():
    assert due_wave(DUE_2024, POLICY, CAL, at(date(2024, 11, 13), "08:00"), {"before-1"}) is None
    assert due_wave(DUE_2024, POLICY, CAL, at(date(2024, 11, 12), "08:00"), {"after-1"}) is None
    assert due_wave(DUE_2024, POLICY, CAL, at(date(2024, 11, 6), "23:59"), set()) is None


def test_max_count_caps_the_plan_and_the_sent_ledger():
    policy = ReminderPolicy(max_count=4)
    assert [w.key for w in plan_waves(DUE_2024, policy, CAL)] == ["before-7", "before-3", "before-1", "after-1"]
    assert len(walk(DUE_2024, policy, date(2024, 10, 1), date(2024, 11, 30))) == 4
    assert due_wave(DUE_2024, ReminderPolicy(max_count=2), CAL, at(date(2024, 11, 21)), {"x", "y"}) is None


def test_before_waves_over_tet_move_back_and_merge():
    # due Thursday 30/01/2025, inside Tết (25/01-02/02): before-3 and before-1 both fall back to Friday 24/01
    waves = plan_waves(date(2025, 1, 30), POLICY, CAL)
    assert [(w.key, w.send_on) for w in waves] == [
        ("before-7", date(2025, 1, 23)), ("before-1", date(2025, 1, 24)),
        ("after-3", date(2025, 2, 3)), ("after-7", date(2025, 2, 6)),
    ]


def test_before_wave_may_land_on_the_due_day():
    # due Monday 18/11/2024: before-1 is Sunday, moved to Monday morning, still before the deadline
    wave = plan_waves(date(2024, 11, 18), POLICY, CAL)[2]
    assert (wave.key, wave.send_on) == ("before-1", date(2024, 11, 18))


def test_min_gap_keeps_the_later_wave():
    waves = plan_waves(DUE_2024, ReminderPolicy(min_gap_days=3), CAL)
    assert [(w.key, w.send_on) for w in waves] == [
        ("before-7", date(2024, 11, 7)), ("before-3", date(2024, 11, 11)),  # before-1 (13/11) too near after-1
        ("after-1", date(2024, 11, 15)), ("after-3", date(2024, 11, 18)), ("after-7", date(2024, 11, 21)),
    ]


def test_workdays_only_false_keeps_nominal_days():
    waves = plan_waves(DUE_2024, ReminderPolicy(workdays_only=False), CAL)
    assert [w.send_on for w in waves] == [w.nominal for w in waves]
    assert waves[4].send_on == date(2024, 11, 17)


def test_a_changed_due_date_gives_new_waves():
    old = plan_waves(DUE_2024, POLICY, CAL)
    new = plan_waves(date(2024, 11, 21), POLICY, CAL)
    assert {(w.due, w.key) for w in old}.isdisjoint({(w.due, w.key) for w in new})
    # the ledger keys by due date, so the new date's ledger starts empty and its first wave is due at once
    assert due_wave(date(2024, 11, 21), POLICY, CAL, at(date(2024, 11, 14)), set()) == new[0]
    assert new[0].send_on == DUE_2024 and new[0].key == old[0].key and new[0] != old[0]


@pytest.mark.parametrize("kwargs", [
    {"send_at": "7:30"}, {"send_at": "24:00"}, {"before_days": (-1,)}, {"after_days": (0,)},
    {"max_count": 0}, {"min_gap_days": 0}, {"before_days": (1.5,)},
])
def test_bad_policy(kwargs):
    with pytest.raises(ValueError):
        ReminderPolicy(**kwargs)


def test_policy_from_config_lists():
    policy = ReminderPolicy(before_days=[1, 7, 3, 3], after_days=[7, 1])  # type: ignore[arg-type]
    assert (policy.before_days, policy.after_days, policy.send_time) == ((1, 3, 7), (1, 7), time(7, 30))


policies = st.builds(
    ReminderPolicy,
    before_days=st.lists(st.integers(0, 30), max_size=5).map(tuple),
    after_days=st.lists(st.integers(1, 30), max_size=5).map(tuple),
    send_at=st.sampled_from(["00:00", "07:30", "23:59"]),
    workdays_only=st.just(True),
    max_count=st.none() | st.integers(1, 6),
    min_gap_days=st.integers(1, 4),
)
dues = st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31))


@given(dues, policies)
def test_plan_properties(due, policy):
    waves: list[Wave] = plan_waves(due, policy, CAL)
    days = [w.send_on for w in waves]
    assert all(CAL.is_workday(d) for d in days)
    assert days == sorted(days) and len(set(days)) == len(days)
    assert all((b - a).days >= policy.min_gap_days for a, b in zip(days, days[1:], strict=False))
    assert all(w.send_at < CAL.end_of_day(due) for w in waves if w.kind == "before")
    assert all(w.send_on > due for w in waves if w.kind == "after")
    assert policy.max_count is None or len(waves) <= policy.max_count
    assert all(w.due == due for w in waves)


@given(dues, policies, st.sets(st.integers(0, 90), max_size=10))
def test_at_most_one_wave_a_day_whatever_the_downtime(due, policy, down_offsets):
    first = due - timedelta(days=35)
    down = {first + timedelta(days=i) for i in down_offsets}
    sent = walk(due, policy, first, due + timedelta(days=40), times=("06:00", "07:30", "23:59"), down=down)
    days = [t.date() for t in sent.values()]
    assert len(set(days)) == len(days)
    assert all(CAL.is_workday(d) for d in days)
    planned = {w.key for w in plan_waves(due, policy, CAL)}
    assert set(sent) <= planned
