"""The poll loop as a school and systemd see it, each figure beside a baseline measured in the same run.

Run: .venv/bin/python bench/loop_bench.py [--quick] [--storm]   (needs getmail6: pip install -e '.[bench]')
Against a local Dovecot and SMTP server, `baocao run` as systemd runs it (NOTIFY_SOCKET, WATCHDOG_USEC):
  1. APPEND -> receipt at the SMTP server, p50/p95, IMAP IDLE on and off (baseline: the poll interval);
  2. the first receipt of a 10-report batch (baseline: the last one, when a poll sent all at its end);
  3. the longest gap between watchdog pings while 30 scans are read, against WatchdogSec;
  4. SIGTERM in the middle of a batch of scans: exit time, and every report read as `parse --json` reads it
     (tests/reliability/test_stop.py; --storm: 22 stops over a 30-scan poll);
  5. a whole-process idle `baocao poll` of the installed wheel with 50 and 3,000 recorded messages (the config
     from its cache, as every poll after the first), beside getmail6's idle run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from boxes import NOW, ROOT, dovecot, fill_maildir, imap_config, installed_baocao, newsletter
from getmail_bench import getmail_setup, timed

from tests.mails import ICT, report_docx, school_mail, write_config
from tests.reliability.harness import roster
from tests.reliability.test_stop import SCAN, run_stops
from tests.servers.smtp import SmtpServer
from tests.test_run import Systemd

OPEN = "2024-10-15T08:00"  # the cycle is open and no reminder is due: receipts are the only mail
SCHOOLS = roster(120)


def config_for(work: Path, account: Any, smtp: SmtpServer, *, idle: bool, poll_minutes: int) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    for name, value in (("imap", account.password), ("smtp", smtp.password)):
        (work / name).write_text(value)
        (work / name).chmod(0o600)
    return write_config(
        work, schools=SCHOOLS, extra=f"poll_minutes: {poll_minutes}\n",
        mailbox={"imap": {"host": "127.0.0.1", "port": account.port, "security": "none", "username": account.user,
                          "password_file": str(work / "imap"), "timeout": 10, "idle": idle}},
        outgoing={"smtp": {"host": "127.0.0.1", "port": smtp.port, "security": "none", "username": smtp.user,
                           "password_file": str(work / "smtp"), "timeout": 10}})


class Daemon:
    def __init__(self, config: Path, work: Path, watchdog_s: float = 120.0) -> None:
        self.systemd = Systemd(work / f"notify-{time.monotonic_ns()}.sock")
        env = {**os.environ, "NOTIFY_SOCKET": str(self.systemd.path), "WATCHDOG_USEC": str(int(watchdog_s * 1e6))}
        env.pop("WATCHDOG_PID", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.log = (work / "daemon.log").open("a")
        self.proc = subprocess.Popen([sys.executable, "-m", "daemon", "-c", str(config), "--now", OPEN, "run"],
                                     cwd=ROOT, env=env, stderr=self.log)
        self.systemd.wait_for("READY=1", timeout=60)
        self.systemd.wait_for("STATUS=idle, next poll", timeout=120)

    def stop(self) -> float:
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        self.systemd.close()
        self.log.close()
        return time.monotonic() - started


def report(school: dict[str, Any], n: int, *, scan: bool = False) -> bytes:
    when = dt.datetime(2024, 10, 14, 9, 0, tzinfo=ICT) + dt.timedelta(minutes=n)
    if scan:
        files, kind = [(f"scan-{n}.jpg", SCAN.read_bytes())], "image/jpeg"
    else:
        files = [(f"bc-{n}.docx", report_docx(school["name"], number=f"{n}/BC-TH"))]
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return school_mail(school["emails"][0], f"Báo cáo quyền con người năm 2024 - {school['name']}", when,
                       files=files, content_type=kind, message_id=f"<bench-{n}-{time.monotonic_ns()}@school.test>")


def latencies(account: Any, smtp: SmtpServer, start_at: int, samples: int, spread_s: float) -> list[float]:
    out, rng = [], random.Random(start_at)
    for i in range(samples):
        time.sleep(rng.uniform(0, spread_s))  # arrivals at random points of the poll cycle
        have = len(smtp.messages)
        account.append("INBOX", report(SCHOOLS[start_at + i], start_at + i))
        sent = time.monotonic()
        smtp.wait_for(have + 1, timeout=600)
        out.append(time.monotonic() - sent)
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_latency(server: Any, tmp: Path, quick: bool) -> None:
    smtp = SmtpServer(require_auth=True)
    smtp.start()
    try:
        account = server.add_user("latency")
        on = Daemon(config_for(tmp / "idle-on", account, smtp, idle=True, poll_minutes=5), tmp / "idle-on")
        with_idle = latencies(account, smtp, 0, 6 if quick else 12, 2.0)
        on.stop()
        account = server.add_user("latency-off")
        off = Daemon(config_for(tmp / "idle-off", account, smtp, idle=False, poll_minutes=1), tmp / "idle-off")
        without = latencies(account, smtp, 40, 2 if quick else 5, 20.0)
        off.stop()
    finally:
        smtp.stop()
    print(f"1. APPEND -> receipt at the SMTP server   IDLE on:  p50 {pct(with_idle, .5):5.1f} s  p95 "
          f"{pct(with_idle, .95):5.1f} s  (n={len(with_idle)}; target p50 <= 5 s, p95 <= 10 s)")
    print(f"                                          IDLE off: p50 {pct(without, .5):5.1f} s  p95 "
          f"{pct(without, .95):5.1f} s  (n={len(without)}; baseline: poll_minutes 1 = 60 s; target <= 70 s)")


def bench_batch(server: Any, tmp: Path) -> None:
    smtp = SmtpServer()
    smtp.start()
    try:
        account = server.add_user("batch")
        daemon = Daemon(config_for(tmp / "batch", account, smtp, idle=True, poll_minutes=5), tmp / "batch")
        sent = time.monotonic()
        for i in range(10):
            account.append("INBOX", report(SCHOOLS[60 + i], 60 + i))
        appended = time.monotonic() - sent
        smtp.wait_for(1, timeout=300)
        first = time.monotonic() - sent
        smtp.wait_for(10, timeout=300)
        last = time.monotonic() - sent
        daemon.stop()
    finally:
        smtp.stop()
    print(f"2. 10-report batch (APPENDed in {appended:.1f} s): first receipt {first:5.1f} s (target <= 15 s); "
          f"baseline, all sent at the poll's end: the last, {last:.1f} s")


def wait_processed(state_db: Path, count: int, timeout: float) -> float:
    """The monotonic time at which `count` messages were processed (the daemon's store, read-only)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if state_db.exists():
            conn = sqlite3.connect(f"file:{state_db}?mode=ro", uri=True, timeout=5)
            try:
                done = conn.execute("SELECT count(*) FROM messages WHERE status = 'processed'").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is not there yet
                done = 0
            finally:
                conn.close()
            if done >= count:
                return time.monotonic()
        time.sleep(0.2)
    raise TimeoutError(f"{count} messages not processed within {timeout:.0f} s")


def bench_watchdog(server: Any, tmp: Path, scans: int) -> None:
    smtp = SmtpServer()
    smtp.start()
    # the unit's WatchdogSec; --quick's 10 scans take about 25 s, less than the 30 s between the unit's pings, so it
    # uses a 20 s watchdog (pings every 5 s at most) to see them come during the parses at all
    watchdog_s = 120.0 if scans >= 30 else 20.0
    try:
        account = server.add_user("watchdog")
        config = config_for(tmp / "watchdog", account, smtp, idle=True, poll_minutes=5)
        daemon = Daemon(config, tmp / "watchdog", watchdog_s)
        sent = time.monotonic()
        for i in range(scans):
            account.append("INBOX", report(SCHOOLS[i], 200 + i, scan=True))
        # the scan names another school than its sender's, so each is decided as a claim for the staff, with no
        # receipt: the batch is over when every message is processed, not when receipts arrive
        state_db = tmp / "watchdog" / "state" / "baocao.db"
        first = wait_processed(state_db, 1, timeout=600) - sent
        took = wait_processed(state_db, scans, timeout=1800) - sent
        pings = [t for t, m in daemon.systemd.messages if m == "WATCHDOG=1" and t >= sent]
        daemon.stop()
    finally:
        smtp.stop()
    gaps = [b - a for a, b in zip([sent, *pings], [*pings, sent + took], strict=True)]
    print(f"3. {scans} scans read in {took:.0f} s (the first decided after {first:.1f} s): longest gap between watchdog "
          f"pings {max(gaps):.1f} s, WatchdogSec {watchdog_s:.0f} s (target < {watchdog_s / 2:.0f} s); "
          f"baseline, pinged only between jobs: {took:.0f} s")


def bench_stops(server: Any, tmp: Path, storm: bool) -> None:
    smtp = SmtpServer()
    smtp.start()
    try:
        account = server.add_user("stops")
        work = tmp / "stops"
        work.mkdir()
        result = run_stops(work, account, smtp, scans=30 if storm else 8, stops=22 if storm else 3, seed=5,
                           max_delay=0.3 if storm else 2.5)
    finally:
        smtp.stop()
    print(f"4. SIGTERM mid-batch ({result['stops']} stops, {result['landed']}): exit in {result['median_exit_s']:.2f} s "
          f"median, {result['longest_exit_s']:.2f} s longest (target <= 15 s; baseline: systemd's TimeoutStopSec 60 s, "
          "then SIGKILL); every report read as `parse --json` reads it, one receipt per school, nothing else")


def record_messages(state_db: Path, count: int) -> None:
    """`count` processed report mails with their sent receipts, inside the cycle window, as a season leaves them."""
    conn = sqlite3.connect(state_db)
    base = dt.datetime(2024, 11, 1, 8, 0, tzinfo=ICT)
    with conn:
        for i in range(count):
            at = (base + dt.timedelta(minutes=7 * i)).isoformat()
            cur = conn.execute(
                "INSERT INTO messages (sha256, message_id, size, sender, subject, received_at, archive_path, status, "
                "classification, school_id, cycle_id, created_at, processed_at) VALUES (?, ?, 1000, ?, 'Báo cáo', ?, "
                "'/dev/null', 'processed', 'submission', 'th-so-001', 'qcn-2024', ?, ?)",
                (f"{i:064x}", f"<rec-{i}@school.test>", f"th{i % 500:03d}@school.test", at, at, at))
            conn.execute(
                "INSERT INTO outbox (key, kind, priority, school_id, cycle_id, recipients, message_id, subject, raw, "
                "status, not_before, created_at, sent_at) VALUES (?, 'receipt', 0, 'th-so-001', 'qcn-2024', ?, ?, "
                "'Đã nhận', x'00', 'sent', ?, ?, ?)",
                (f"receipt:{i}", f'["th{i % 500:03d}@school.test"]', f"<out-{i}@baocao.test>", at, at, at))
            conn.execute("INSERT INTO attachments (message, position, sha256, safe_name, size, stored_path, "
                         "parse_status) VALUES (?, 0, ?, 'bc.docx', 1000, '/dev/null', 'read')",
                         (cur.lastrowid, f"{i:064x}"))
    conn.close()


def bench_idle(server: Any, tmp: Path, runs: int, box: int) -> None:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, not at every run
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")  # the validated config's cache, not the user's
    account = server.add_user("idle")
    fill_maildir(account, box, newsletter)
    assert account.count() == box
    commands: dict[str, list[str]] = {}
    baocao = installed_baocao(tmp / "install")  # what ships: an editable install's import hook costs ~10 ms
    for recorded in (50, 3000):
        config = imap_config(tmp / f"idle-{recorded}", account)
        command = [baocao, "-c", str(config), "--now", NOW, "poll"]
        timed(command)  # records the folder's position
        record_messages(tmp / f"idle-{recorded}" / "state" / "baocao.db", recorded)
        commands[f"baocao, {recorded} recorded"] = command
    commands["getmail6"] = getmail_setup(tmp / "getmail", account)
    timed(commands["getmail6"])  # catches up with the box once
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        timed(command)  # warm: bytecode written, files cached
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    bare = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(runs))
    med = {name: statistics.median(values) * 1000 for name, values in times.items()}
    small, big, theirs = med["baocao, 50 recorded"], med["baocao, 3000 recorded"], med["getmail6"]
    print(f"5. whole-process idle run, {box} messages in the box (median of {runs}, alternated):")
    print(f"     bare `python -c pass`               {bare * 1000:6.0f} ms")
    print(f"     getmail6 (baseline)                 {theirs:6.0f} ms")
    print(f"     baocao poll, 50 recorded messages   {small:6.0f} ms")
    print(f"     baocao poll, 3000 recorded          {big:6.0f} ms   {big / small:.2f}x the 50 (target <= 1.1x), "
          f"{big / theirs:.2f}x getmail6 (target <= 0.5x), target <= 100 ms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer samples, 10 scans instead of 30")
    parser.add_argument("--storm", action="store_true", help="22 stops over a 30-scan poll (several minutes)")
    parser.add_argument("--only", help="comma-separated parts to run: latency,batch,watchdog,stops,idle")
    args = parser.parse_args()
    parts = set((args.only or "latency,batch,watchdog,stops,idle").split(","))
    with dovecot() as (server, tmp):
        if "latency" in parts:
            bench_latency(server, tmp, args.quick)
        if "batch" in parts:
            bench_batch(server, tmp)
        if "watchdog" in parts:
            bench_watchdog(server, tmp, 10 if args.quick else 30)
        if "stops" in parts:
            bench_stops(server, tmp, args.storm)
        if "idle" in parts:
            bench_idle(server, tmp, 7 if args.quick else 15, 3000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
