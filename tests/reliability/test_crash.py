"""Crash safety: `baocao poll` SIGKILLed at random moments, over and over, then let finish.

The one window SMTP cannot close: the server has answered 250 to our DATA, and the process dies before the
autocommitted UPDATE that marks the row 'sent' (outbox.send_pending, right after sendmail() returns: nothing
else runs in between). The row stays 'sending'; the next poll makes it 'unknown' and looks its Message-ID up
in the Sent folder (Gmail files what it relays there, the test server likewise before its 250): found, it is
'sent'; not found SENT_GRACE after the attempt, it is resent with the same Message-ID. A duplicate is thus
possible only if the provider accepted the mail but has not filed it in Sent SENT_GRACE later (or does not
file relayed mail at all). Here Sent is always filed, so the test demands zero duplicates.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from daemon.archive import TMP_DIR, Archive
from tests.reliability.harness import (
    BASE_NOW,
    Office,
    check_ledger,
    kill_group,
    mailbox_mix,
    make_office,
    roster,
    slow_replies,
)

# a poll's interpreter start and imports take ~0.3 s; kills up to 1.4 s in land in fetch, parse and send alike
MAX_DELAY = 1.4
IDLE_RUN = 0.5
# Gmail answers DATA in a few hundred ms; the test server stores, files in Sent, then waits this before its 250
SMTP_LATENCY = 0.15


def _phase(office: Office, in_box: int) -> str:
    """Where the killed run was: what is left undone tells. Receipts go out as each report is written, so a kill
    during a send shows as a row left 'sending' (claimed, its SMTP exchange under way), whatever else is left."""
    if office.rows("SELECT 1 FROM outbox WHERE status = 'sending' LIMIT 1"):
        return "send"
    recorded = office.rows("SELECT COUNT(*) FROM messages")
    if not recorded or recorded[0][0] < in_box:
        return "fetch"
    if office.rows("SELECT 1 FROM messages WHERE status != 'processed' LIMIT 1"):
        return "process"
    if office.rows("SELECT 1 FROM outbox WHERE status != 'sent' LIMIT 1"):
        return "send"
    return "idle"


def run_kills(tmp_path: Path, account: Any, smtp: Any, *, kills: int, total: int, late: int, reports: int,
              corrections: int, notices: int, seed: int) -> dict[str, Any]:
    """GIVEN a mailbox of `total - late` mails, one more arriving before each restart until `total`, WHEN polls
    are killed `kills` times at random and one then runs clean, THEN the ledger holds (see check_ledger)."""
    slow_replies(smtp, SMTP_LATENCY)
    schools = roster(reports + notices + 10)  # ten never write: no summary is due, the run stays a poll
    office = make_office(tmp_path, imap_port=account.port, account=account, smtp_port=smtp.port, smtp=smtp,
                         schools=schools)
    office.verbose = True  # the log then names each send settled from the Sent folder
    rng = random.Random(seed)
    mails = mailbox_mix(schools, total, reports, corrections, notices, rng)
    for raw, when in mails[: total - late]:
        account.append("INBOX", raw, date=when)
    in_box = total - late
    phases: Counter[str] = Counter()
    started = time.monotonic()
    cycle = 0
    with office.log.open("a") as log:
        while sum(phases.values()) < kills:
            if in_box < total:
                raw, when = mails[in_box]
                account.append("INBOX", raw, date=when)
                in_box += 1
            # the delay spans the run it interrupts: a poll with nothing to do lasts about IDLE_RUN
            run = MAX_DELAY if in_box < total or _phase(office, in_box) != "idle" else IDLE_RUN
            # the clock moves a minute a cycle, so SENT_GRACE expires for some interrupted sends mid-run
            proc = office.start(BASE_NOW + dt.timedelta(minutes=cycle), log)
            time.sleep(rng.uniform(0.0, run))
            if kill_group(proc):
                phases[_phase(office, in_box)] += 1
            cycle += 1
    killed_for = time.monotonic() - started
    assert in_box == total
    end = BASE_NOW + dt.timedelta(minutes=cycle + 60)  # past SENT_GRACE for the last interrupted send
    for minutes in (0, 1):
        code, err, _ = office.poll(end + dt.timedelta(minutes=minutes))
        assert code == 0, err
    counts = check_ledger(office, account, smtp)
    # a killed poll's parse worker (a session of its own, out of reach of the kill) sees its pipe close and
    # leaves; none lingers, holding memory, after its caller
    deadline = time.monotonic() + 15
    while (left := _processes_of(office)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left
    log_text = office.log.read_text()
    counts["settled_from_sent"] = log_text.count("outcome settled as sent")
    counts["resent"] = log_text.count("outcome settled as not sent")
    return {**counts, "kills": sum(phases.values()), "cycles": cycle, "phases": dict(phases),
            "kill_seconds": round(killed_for), "sink": len(smtp.messages)}


def _processes_of(office: Office) -> list[int]:
    """Processes whose command line names this office's config: polls and the parse workers forked from them."""
    mine = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                zombie = "State:\tZ" in (entry / "status").read_text()
            except OSError:
                continue  # gone meanwhile
            if str(office.config).encode() in cmdline and not zombie:
                mine.append(int(entry.name))
    return mine


@pytest.mark.slow
def test_random_sigkills_lose_nothing_and_send_nothing_twice(tmp_path: Path, imap_account: Any,
                                                             make_smtp_server: Any) -> None:
    smtp = make_smtp_server(sent_copy_to=(imap_account, "Sent"))
    result = run_kills(tmp_path, imap_account, smtp, kills=100, total=200, late=100, reports=30, corrections=5,
                       notices=50, seed=6)
    print(result)
    assert result["messages"] == 200 and result["submissions"] == 35 and result["current"] == 30
    assert result["receipts"] == 85
    # the kills really landed everywhere, not only on finished work
    assert all(result["phases"].get(p, 0) >= 3 for p in ("fetch", "process", "send")), result["phases"]


@pytest.mark.slow
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not os.environ.get("BAOCAO_SOAK"), reason="the soak runs with BAOCAO_SOAK=1 (~10 minutes)")
def test_soak_a_thousand_sigkills(tmp_path: Path, imap_account: Any, make_smtp_server: Any) -> None:
    smtp = make_smtp_server(sent_copy_to=(imap_account, "Sent"))
    seed = int(os.environ.get("BAOCAO_SOAK_SEED", "2024"))
    result = run_kills(tmp_path, imap_account, smtp, kills=1000, total=1000, late=500, reports=200,
                       corrections=50, notices=100, seed=seed)  # 350 receipts: within the 400-a-day budget
    print(result)
    assert result["messages"] == 1000 and result["submissions"] == 250 and result["receipts"] == 350


def test_a_poll_sweeps_temp_files_of_dead_writers_and_keeps_live_ones(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "raw")
    archive.store(b"mail", ".eml")
    dead = subprocess.Popen(["true"])
    dead.wait()
    half = tmp_path / "raw" / TMP_DIR / f"{'a' * 64}.eml.{dead.pid}.tmp"
    busy = tmp_path / "raw" / TMP_DIR / f"{'b' * 64}.eml.{os.getppid()}.tmp"  # a writer still at work
    half.write_bytes(b"half a mail")
    busy.write_bytes(b"being written")
    assert archive.sweep_temp() == [half]
    assert busy.exists() and not half.exists()
