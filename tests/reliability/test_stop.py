"""Stops harm nothing: `baocao run` stopped (SIGTERM) in the middle of a batch of scanned reports, again and again.

Each stop lands while scans are being read. Two ways systemd stops a service: KillMode=mixed signals only the
main process; the default (control-group) signals every process of the unit, the parse worker and its tesseract
too. Either way the daemon must exit within seconds with nothing lost, and every report must end read exactly as
`baocao parse --json` reads the file, with no school told anything about the interruption.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.mails import ICT, school_mail
from tests.reliability.harness import ROOT, Office, make_office, roster

SCAN = ROOT / "tests" / "corpus" / "thcs-thanh-binh-photo.jpg"
# the cycle is open and no reminder is due: the only mail the schools can get is their receipt
NOW = "2024-10-15T08:00"
# systemd's TimeoutStopSec is 60 s; the issue asks for an exit within 15 s
STOP_LIMIT_S = 15.0
# what a school must never read: the stop's traces (an exit code, a timeout, the worker's crash text)
INTERNAL = ("tiến trình con", "với mã", "dừng bất thường", "quá 60 giây", "-15")


def scan_mails(schools: list[dict[str, Any]]) -> list[bytes]:
    scan = SCAN.read_bytes()
    when = dt.datetime(2024, 10, 14, 9, 0, tzinfo=ICT)
    return [school_mail(s["emails"][0], f"Báo cáo quyền con người năm 2024 - {s['name']}", when + dt.timedelta(minutes=i),
                        files=[(f"bao-cao-{s['id']}.jpg", scan)], content_type="image/jpeg",
                        message_id=f"<scan-{s['id']}@school.test>")
            for i, s in enumerate(schools)]


def start(office: Office, log: Any) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")}
    return subprocess.Popen([sys.executable, "-m", "daemon", "-v", "-c", str(office.config), "--now", NOW, "run"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, env=env, start_new_session=True)


def descendants(pid: int) -> list[int]:
    """The processes under `pid` (its parse worker, in a session of its own, and what that started)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        found += children
        frontier += children
    return found


def processed(office: Office) -> int:
    rows = office.rows("SELECT COUNT(*) FROM messages WHERE status = 'processed'")
    return rows[0][0] if rows else 0


def handles_term(pid: int, timeout: float = 30.0) -> None:
    """Wait until the process catches SIGTERM (its SigCgt mask in /proc)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("SigCgt:")), 16)
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.02)


def stop(proc: subprocess.Popen[bytes], whole_unit: bool) -> float:
    """SIGTERM as systemd sends it; the seconds until the daemon has exited (0 expected).

    systemd stops a unit that has said READY; a daemon still importing has no handler yet, so wait for it."""
    handles_term(proc.pid)
    others = descendants(proc.pid) if whole_unit else []
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    for pid in others:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    assert code == 0, f"the daemon exited with {code}"
    return time.monotonic() - started


def run_stops(tmp_path: Path, account: Any, smtp: Any, *, scans: int, stops: int, seed: int,
              max_delay: float = 2.5) -> dict[str, Any]:
    """GIVEN `scans` scanned reports in the box, WHEN `baocao run` is stopped `stops` times while it reads them
    (alternately as KillMode=mixed and control-group do) and then runs to the end, THEN see `check_reports`."""
    schools = roster(scans + 5)
    office = make_office(tmp_path, imap_port=account.port, account=account, smtp_port=smtp.port, smtp=smtp,
                         schools=schools)
    for raw in scan_mails(schools[:scans]):
        account.append("INBOX", raw, date=dt.datetime(2024, 10, 14, 9, 0, tzinfo=ICT))
    rng = random.Random(seed)
    exits: list[float] = []
    landed: Counter[str] = Counter()
    with office.log.open("a") as log:
        for n in range(stops):
            before = processed(office)
            if before >= scans:
                break  # all read: a stop now would not be in the middle of a batch
            proc = start(office, log)
            deadline = time.monotonic() + 120
            while processed(office) == before and time.monotonic() < deadline:
                time.sleep(0.05)  # each run reads at least one report, so the storm ends
            time.sleep(rng.uniform(0.0, max_delay))
            landed["mid-batch" if processed(office) < scans else "after"] += 1
            exits.append(stop(proc, whole_unit=n % 2 == 1))
        proc = start(office, log)
        deadline = time.monotonic() + 60 + 10 * scans
        while (processed(office) < scans or unsent(office)) and time.monotonic() < deadline:
            time.sleep(0.1)
        exits.append(stop(proc, whole_unit=False))
    check_reports(office, smtp, scans)
    return {"stops": stops, "landed": dict(landed), "longest_exit_s": round(max(exits), 2),
            "median_exit_s": round(sorted(exits)[len(exits) // 2], 2)}


def unsent(office: Office) -> int:
    return int(office.rows("SELECT COUNT(*) FROM outbox WHERE status != 'sent'")[0][0])


def check_reports(office: Office, smtp: Any, scans: int) -> None:
    """Every report read as `parse --json` reads its file; one receipt per school, nothing about the stops."""
    done = subprocess.run([sys.executable, "-m", "daemon", "-c", str(office.config), "parse", "--json", str(SCAN)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    expected = json.loads(done.stdout)
    for item in expected:
        item.pop("file", None)
    rows = office.rows("SELECT m.status, m.attempts, a.report FROM messages m JOIN attachments a ON a.message = m.id")
    assert len(rows) == scans
    for status, attempts, report in rows:
        assert (status, attempts) == ("processed", 0)
        got = json.loads(report)
        for item in got:
            item.pop("file", None)
        assert got == expected
    # each school's mail judged alike, none by a cut-short parse (the photo names a school that is not on this
    # roster, so each is a claim waiting for the staff: the decision is the same whether or not a stop came)
    decisions = office.rows("SELECT DISTINCT classification, reason FROM messages")
    assert len(decisions) == 1, decisions
    recipients = Counter(tuple(m.rcpt_tos) for m in smtp.messages if m.rcpt_tos != ("staff@baocao.test",))
    assert len(set(recipients.values())) <= 1 and all(n == 1 for n in recipients.values()), recipients
    items = office.rows("SELECT COUNT(*) FROM review_items")
    assert items == [(scans,)] or len(recipients) == scans, (items, recipients)
    for message in smtp.messages:
        text = message.message.get_body(("plain",)).get_content()
        assert not [word for word in INTERNAL if word in text], text


def test_stops_in_the_middle_of_a_batch_of_scans_harm_nothing(tmp_path: Path, imap_account: Any,
                                                              make_smtp_server: Any) -> None:
    smtp = make_smtp_server()
    # each stop soon after the run's first report is written: the others are being read then (two workers read
    # ahead), and enough remain for the next run to be stopped mid-batch too
    result = run_stops(tmp_path, imap_account, smtp, scans=6, stops=3, seed=13, max_delay=0.5)
    print(result)
    assert result["landed"].get("mid-batch", 0) >= 2, result
    assert result["longest_exit_s"] < STOP_LIMIT_S, result


@pytest.mark.slow
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not os.environ.get("BAOCAO_STOP_STORM"), reason="the storm runs with BAOCAO_STOP_STORM=1")
def test_a_storm_of_stops_over_a_30_scan_poll(tmp_path: Path, imap_account: Any, make_smtp_server: Any) -> None:
    smtp = make_smtp_server()
    result = run_stops(tmp_path, imap_account, smtp, scans=30, stops=22, seed=12, max_delay=0.3)
    print(result)
    assert result["landed"].get("mid-batch", 0) >= 20, result
    assert result["longest_exit_s"] < STOP_LIMIT_S, result
