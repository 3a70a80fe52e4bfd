"""The whole 2024 cycle walked day by day against a real Dovecot and SMTP server, and a SIGKILLed `remind`."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.commands_sched import cmd_cycle
from daemon.cli.main import main
from daemon.config.load import load_config
from daemon.cycles.calendar import OfficeCalendar
from state.store import Store
from tests.mails import ICT, SCHOOLS, report_docx, school_mail, write_config

ROOT = Path(__file__).resolve().parents[1]
SIX = [*SCHOOLS,
       {"id": "th-nam-thanh", "name": "Trường Tiểu học Nam Thanh", "level": "TH", "emails": ["thnamthanh@school.test"]},
       {"id": "mn-so-10", "name": "Trường Mầm non Số 10", "level": "MN", "emails": ["mnso10@school.test"],
        "contact": "Cô Quàng Thị Hoa", "phone": "0912 345 678"}]
LATECOMER = {"id": "thcs-moi", "name": "Trường THCS Mới", "level": "THCS", "emails": ["thcsmoi@school.test"]}


class Office:
    def __init__(self, tmp: Path, account: Any, smtp: Any) -> None:
        self.tmp, self.account, self.smtp = tmp, account, smtp
        secrets = tmp / "secrets"
        secrets.mkdir(mode=0o700, exist_ok=True)
        for name, value in (("imap", account.password), ("smtp", smtp.password)):
            (secrets / name).write_text(value)
            (secrets / name).chmod(0o600)
        self.write(SIX)

    def write(self, schools: list[dict[str, Any]]) -> None:
        secrets = self.tmp / "secrets"
        self.config = write_config(
            self.tmp, schools=schools,
            mailbox={"imap": {"host": "127.0.0.1", "port": self.account.port, "security": "none",
                              "username": self.account.user, "password_file": str(secrets / "imap"),
                              "timeout": 10}},
            outgoing={"smtp": {"host": "127.0.0.1", "port": self.smtp.port, "security": "none",
                               "username": self.smtp.user, "password_file": str(secrets / "smtp"), "timeout": 10}})

    def run(self, when: str, *args: str) -> int:
        return main(["-c", str(self.config), "--now", when, *args])

    def mail(self, when: dt.datetime, raw: bytes) -> None:
        self.account.append("INBOX", raw, date=when)

    def report(self, school: dict[str, Any], when: dt.datetime) -> None:
        self.mail(when, school_mail(school["emails"][0], "Báo cáo quyền con người năm 2024", when,
                                    files=[("Báo cáo QCN 2024.docx", report_docx(school["name"]))]))

    def store(self) -> Store:
        return Store(load_config(self.config).state_dir / "baocao.db")

    def sent(self, kind: str) -> list[Any]:
        return [m for m in self.smtp.messages if m.message["X-Baocao-Kind"] == kind]


@pytest.fixture
def office(tmp_path: Path, imap_account: Any, make_smtp_server: Any) -> Office:
    return Office(tmp_path, imap_account, make_smtp_server(sent_copy_to=(imap_account, "Sent")))


def at(day: dt.date, hh_mm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hh_mm), tzinfo=ICT)


SCHOOL = {s["id"]: s for s in SIX}
BY_ADDRESS = {s["emails"][0]: s["id"] for s in SIX}
D = dt.date
# the measured result of the walk: school reminders per day (the office's mails are counted apart)
EXPECTED_PER_DAY = {D(2024, 11, 7): 5, D(2024, 11, 11): 4, D(2024, 11, 13): 2, D(2024, 11, 15): 3,
                    D(2024, 11, 18): 1, D(2024, 11, 19): 1, D(2024, 11, 21): 2, D(2024, 11, 25): 1,
                    D(2024, 11, 29): 1}
EXPECTED_DAYS = {
    "th-him-lam": [],                                         # submits 05/11, before any reminder
    "mn-hoa-ban": [D(2024, 11, 7)],                           # submits 11/11 06:31, an hour before the next
    "thcs-tran-can": [D(2024, 11, d) for d in (7, 11, 13, 15, 18, 21)],  # never sends
    "th-thanh-hoa": [D(2024, 11, d) for d in (7, 11, 13, 15)],           # sends late, Saturday 16/11
    "th-nam-thanh": [D(2024, 11, d) for d in (7, 11, 15, 19, 21, 25, 29)],  # extended on 12/11 to 22/11
    "mn-so-10": [D(2024, 11, 7), D(2024, 11, 11)],            # its address bounces from 12/11
}


@pytest.mark.slow
def test_walk_the_2024_cycle_day_by_day(office: Office) -> None:
    """GIVEN six schools and the 14/11 deadline, WHEN each day is polled at 06:35 and reminded at 07:31 from
    1/10 to 30/11, THEN reminders go only to schools still missing, on working days, once per wave."""
    events = {
        D(2024, 10, 20): lambda: office.write([*SIX, LATECOMER]),  # joins after the set was fixed on 1/10
        D(2024, 11, 5): lambda: office.report(SCHOOL["th-him-lam"], at(D(2024, 11, 5), "06:00")),
        D(2024, 11, 11): lambda: office.report(SCHOOL["mn-hoa-ban"], at(D(2024, 11, 11), "06:31")),
        D(2024, 11, 12): lambda: office.mail(at(D(2024, 11, 12), "06:00"), school_mail(
            "MAILER-DAEMON@mx.school.test", "Undelivered Mail Returned to Sender", at(D(2024, 11, 12), "06:00"),
            headers={"X-Failed-Recipients": "mnso10@school.test", "Auto-Submitted": "auto-replied"})),
        D(2024, 11, 16): lambda: office.report(SCHOOL["th-thanh-hoa"], at(D(2024, 11, 16), "06:10")),
    }
    cal = OfficeCalendar()
    per_day: Counter[dt.date] = Counter()
    days: dict[str, list[dt.date]] = {s: [] for s in SCHOOL}
    office_mail: Counter[dt.date] = Counter()
    day = D(2024, 10, 1)
    while day <= D(2024, 11, 30):
        if day in events:
            events[day]()
        assert office.run(f"{day}T06:35", "poll") == 0
        before, before_office = len(office.sent("reminder")), len(office.sent("missing") + office.sent("alert"))
        assert office.run(f"{day}T07:31", "remind") == 0
        for m in office.sent("reminder")[before:]:
            days[BY_ADDRESS[m.message["To"]]].append(day)
            per_day[day] += 1
        office_mail[day] += len(office.sent("missing") + office.sent("alert")) - before_office
        if day == D(2024, 11, 12):
            ns = argparse.Namespace(cycle_command="extend", id="qcn-2024", school="th-nam-thanh", due="2024-11-22")
            assert cmd_cycle(load_config(office.config), at(day, "09:00"), ns) == 0
        day += dt.timedelta(days=1)

    assert dict(per_day) == EXPECTED_PER_DAY
    assert sum(per_day.values()) == 20
    assert days == EXPECTED_DAYS
    assert all(cal.is_workday(d) and d.weekday() < 5 for d in per_day)
    assert {d: n for d, n in office_mail.items() if n} == {D(2024, 11, 13): 1, D(2024, 11, 15): 1,
                                                          D(2024, 11, 18): 1, D(2024, 11, 21): 1}
    (alert,) = office.sent("alert")
    assert "Trường Mầm non Số 10" in alert.message["Subject"] and "0912 345 678" in alert.message.get_body(
        ("plain",)).get_content()
    first_missing = office.sent("missing")[0].message.get_body(("plain",)).get_content()
    assert "Trường Mầm non Số 10" in first_missing and "Trường Tiểu học Nam Thanh" in first_missing
    assert "hạn mới hết ngày 22/11/2024" in first_missing
    assert not [m for m in office.smtp.messages if "thcsmoi@school.test" in m.rcpt_tos]
    late = next(m for m in office.sent("reminder") if m.message["To"] == "thcstrancan@school.test"
                and "quá hạn" in m.message["Subject"])
    assert "đã quá 1 ngày" in late.message.get_body(("plain",)).get_content()


def _slow_data(smtp: Any, seconds: float) -> None:
    """Each DATA waits before it is stored and answered, so a SIGKILL lands in the middle of a run."""
    handler = smtp._controller.handler
    original = handler.handle_DATA

    async def slow(*args: Any) -> str:
        import asyncio

        await asyncio.sleep(seconds)
        return str(await original(*args))

    handler.handle_DATA = slow


def test_sigkill_mid_remind_then_rerun_sends_each_reminder_once(office: Office) -> None:
    _slow_data(office.smtp, 0.4)
    child = subprocess.Popen([sys.executable, "-m", "daemon", "-c", str(office.config), "--now",
                              "2024-11-07T07:31", "remind"], cwd=ROOT, stderr=subprocess.PIPE)
    try:
        office.smtp.wait_for(2, timeout=30)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert len(office.smtp.messages) < len(SIX)  # killed in the middle, not after the end
    assert office.run("2024-11-07T07:35", "remind") == 0
    assert office.run("2024-11-07T07:36", "remind") == 0
    assert office.run("2024-11-07T07:50", "poll") == 0  # settles the row left 'sending' from the Sent folder
    assert office.run("2024-11-07T08:00", "poll") == 0
    reminders = Counter(m.rcpt_tos for m in office.sent("reminder"))
    assert reminders == Counter({(s["emails"][0],): 1 for s in SIX})
    assert {r["status"] for r in office.store().outbox()} == {"sent"}


def test_remind_dry_run_against_the_real_servers_sends_nothing(office: Office, capsys: Any) -> None:
    assert office.run("2024-11-07T07:31", "remind", "--dry-run") == 0
    assert capsys.readouterr().out.count("would send:") == len(SIX)
    assert office.smtp.messages == [] and office.store().outbox() == []
