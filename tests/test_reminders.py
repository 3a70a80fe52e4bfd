"""Reminders and the missing list, on a real database and the file outbox: what would reach whom, and when."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.main import main
from daemon.config.load import load_config
from daemon.context import Context, open_context
from daemon.cycles.adhoc import find_cycle
from daemon.cycles.reminder_plan import Wave
from daemon.cycles.reminders import _remind, send_due_reminders
from state import ledger
from tests.mails import ICT, SCHOOLS, write_config

CONTACTS = [{**s, "contact": "Cô Lò Thị Mai", "phone": "0215 3824 567"} if s["id"] == "thcs-tran-can" else s
            for s in SCHOOLS]


def make_config(tmp_path: Path, **kw: Any) -> Path:
    (tmp_path / "maildir").mkdir(exist_ok=True)
    return write_config(tmp_path, mailbox={"maildir": str(tmp_path / "maildir")},
                        outgoing={"outbox_dir": str(tmp_path / "out")}, schools=kw.pop("schools", CONTACTS), **kw)


def context(config: Path, when: str) -> Context:
    at = dt.datetime.fromisoformat(when).replace(tzinfo=ICT)
    return open_context(load_config(config), lambda: at)


def submit(ctx: Context, school_id: str, when: str = "2024-11-05T09:00:00+07:00") -> None:
    ctx.store.record_submission({"school_id": school_id, "cycle_id": "qcn-2024", "channel": "email",
                                 "received_at": when, "on_time": True, "status": "accepted",
                                 "created_at": when})


def sent_mails(out: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for p in sorted(out.glob("*.eml"))]


def test_before_the_deadline_each_missing_school_gets_one_polite_reminder(tmp_path: Path) -> None:
    ctx = context(make_config(tmp_path), "2024-11-07T07:31")
    submit(ctx, "th-him-lam")
    done = send_due_reminders(ctx)
    assert sorted((r.school_id, r.wave, r.outcome) for r in done) == [
        ("mn-hoa-ban", "before-7", "queued"), ("th-thanh-hoa", "before-7", "queued"),
        ("thcs-tran-can", "before-7", "queued")]
    assert send_due_reminders(ctx) == []  # the same morning again: nothing new
    row = next(r for r in ctx.store.outbox() if r["school_id"] == "mn-hoa-ban")
    assert (row["key"], row["priority"], row["recipients"]) == (
        "reminder:mn-hoa-ban:qcn-2024:2024-11-14:before-7", 2, ["mnhoaban@school.test"])
    text = email.message_from_bytes(row["raw"], policy=email.policy.default).get_body(("plain",)).get_content()
    assert "Kính gửi: Ban Giám hiệu Trường Mầm non Hoa Ban" in text
    assert "hết ngày 14/11/2024, còn 7 ngày" in text and "office@baocao.test" in text
    assert "Nhắc gửi báo cáo trước hết ngày 14/11/2024" in row["subject"]


def test_after_the_deadline_the_wording_changes_and_the_office_gets_the_missing_list(tmp_path: Path) -> None:
    ctx = context(make_config(tmp_path), "2024-11-15T07:30")
    submit(ctx, "th-him-lam")
    done = send_due_reminders(ctx)
    assert {r.outcome for r in done} == {"queued", "missing_list"}
    reminder = next(r for r in ctx.store.outbox() if r["kind"] == "reminder")
    assert "đã quá hạn ngày 14/11/2024" in reminder["subject"]
    (missing,) = [r for r in ctx.store.outbox() if r["kind"] == "missing"]
    assert missing["recipients"] == ["staff@baocao.test"] and "(3/4)" in missing["subject"]
    text = email.message_from_bytes(missing["raw"], policy=email.policy.default).get_body(("plain",)).get_content()
    assert "Trường THCS Trần Can" in text and "Cô Lò Thị Mai, 0215 3824 567" in text
    assert "Trường Tiểu học Him Lam" not in text
    assert send_due_reminders(context(tmp_path / "config.yaml", "2024-11-15T16:00")) == []


def test_dry_run_says_what_would_go_and_writes_nothing(tmp_path: Path, capsys: Any) -> None:
    config = make_config(tmp_path)
    assert main(["-c", str(config), "--now", "2024-11-11T08:00", "remind", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.count("would send: qcn-2024 before-3") == 4
    store = context(config, "2024-11-11T08:00").store
    assert store.outbox() == [] and ledger.reminders(store) == []
    assert ledger.expected_snapshot(store, "qcn-2024") == []
    assert not (tmp_path / "out").exists()


def test_remind_sends_through_the_outbox_and_a_rerun_sends_nothing(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    assert main(["-c", str(config), "--now", "2024-11-13T07:45", "remind"]) == 0
    assert main(["-c", str(config), "--now", "2024-11-13T09:00", "remind"]) == 0
    mails = sent_mails(tmp_path / "out")
    assert sorted(m["To"] for m in mails) == sorted(s["emails"][0] for s in SCHOOLS)
    assert {m["Auto-Submitted"] for m in mails} == {"auto-generated"}


def test_a_report_arriving_while_deciding_stops_that_reminder(tmp_path: Path) -> None:
    ctx = context(make_config(tmp_path), "2024-11-11T07:30")
    cycle = find_cycle(ctx, "qcn-2024")
    school = ctx.config.school("mn-hoa-ban")
    submit(ctx, "mn-hoa-ban", "2024-11-11T07:29:59+07:00")
    wave = Wave("before-3", "before", dt.date(2024, 11, 11), dt.date(2024, 11, 11),
                dt.datetime(2024, 11, 11, 7, 30, tzinfo=ICT), dt.date(2024, 11, 14))
    assert _remind(ctx, cycle, school, wave, {}, dry_run=False).outcome == "submitted"
    assert ctx.store.outbox() == [] and ledger.reminders(ctx.store) == []


def test_a_bouncing_address_is_not_reminded_and_the_office_is_told_once(tmp_path: Path) -> None:
    ctx = context(make_config(tmp_path), "2024-11-07T07:30")
    ctx.store.set_meta("bouncing:ThCsTranCan@school.test", "2024-11-06T10:00:00+07:00")
    outcomes = {r.school_id: r.outcome for r in send_due_reminders(ctx)}
    assert outcomes["thcs-tran-can"] == "bouncing"
    send_due_reminders(context(tmp_path / "config.yaml", "2024-11-11T07:30"))
    alerts = [r for r in ctx.store.outbox() if r["kind"] == "alert"]
    assert len(alerts) == 1 and alerts[0]["recipients"] == ["staff@baocao.test"]
    assert not [r for r in ctx.store.outbox() if r["kind"] == "reminder" and r["school_id"] == "thcs-tran-can"]


def test_a_changed_due_date_in_the_config_rearms_the_reminders(tmp_path: Path) -> None:
    make_config(tmp_path)
    send_due_reminders(context(tmp_path / "config.yaml", "2024-11-07T07:30"))
    make_config(tmp_path, due="2024-11-21")  # the office moves the deadline a week later
    ctx = context(tmp_path / "config.yaml", "2024-11-14T07:30")
    done = send_due_reminders(ctx)
    assert {(r.wave, r.due) for r in done} == {("before-7", dt.date(2024, 11, 21))}
    assert len(ledger.reminders(ctx.store)) == 8


def test_schools_fixed_at_first_use_keep_the_figures(tmp_path: Path) -> None:
    make_config(tmp_path)
    send_due_reminders(context(tmp_path / "config.yaml", "2024-10-01T08:00"))  # nothing due; fixes the set
    newcomer = {"id": "mn-new", "name": "Trường Mầm non Mới", "level": "MN", "emails": ["mnnew@school.test"]}
    make_config(tmp_path, schools=[*CONTACTS[1:], newcomer])  # Him Lam leaves the roster, a school is added
    ctx = context(tmp_path / "config.yaml", "2024-11-07T07:30")
    done = {r.school_id: r.outcome for r in send_due_reminders(ctx)}
    assert done == {"th-him-lam": "no_address", "mn-hoa-ban": "queued", "thcs-tran-can": "queued",
                    "th-thanh-hoa": "queued"}


@pytest.mark.parametrize("when", ["2024-11-09T08:00", "2024-11-07T07:29", "2024-09-30T08:00"])
def test_nothing_on_a_weekend_before_the_hour_or_before_the_cycle_opens(tmp_path: Path, when: str) -> None:
    assert send_due_reminders(context(make_config(tmp_path), when)) == []


def test_a_local_day_off_moves_the_wave_to_the_next_working_day(tmp_path: Path) -> None:
    import argparse

    config = load_config(make_config(tmp_path))
    # the office's own day off (config holidays.extra_days_off): Monday 11/11 -> Tuesday 12/11
    object.__setattr__(config, "holidays", argparse.Namespace(extra_days_off=[dt.date(2024, 11, 11)],
                                                              extra_workdays=[]))
    on = {}
    for day in (11, 12):
        at = dt.datetime(2024, 11, day, 7, 30, tzinfo=ICT)
        ctx = open_context(config, lambda at=at: at)
        on[day] = {r.wave for r in send_due_reminders(ctx)}
    assert on == {11: set(), 12: {"before-3"}}
