"""The reliability tests' tools: baocao as a subprocess, an office config, a mailbox mix, and the ledger checks."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from daemon.archive import TMP_DIR, Archive
from state.store import Store
from tests.mails import ICT, report_docx, school_mail, write_config
from tests.servers.faultproxy import FaultProxy

ROOT = Path(__file__).resolve().parents[2]
BASE_NOW = dt.datetime(2024, 11, 15, 8, 0)


@dataclass
class Office:
    """A config file pointing at IMAP and SMTP ports (a server's or a fault proxy's), and its state."""

    config: Path
    state: Path
    log: Path
    verbose: bool = False

    def poll(self, now: dt.datetime = BASE_NOW, timeout: float = 120.0) -> tuple[int, str, float]:
        """`baocao poll` in a subprocess: (exit code, stderr, seconds). Raises if it outlives `timeout`."""
        started = time.monotonic()
        done = subprocess.run(self.command(now), cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                              check=False)
        with self.log.open("a") as f:
            f.write(done.stderr)
        return done.returncode, done.stderr, time.monotonic() - started

    def start(self, now: dt.datetime, log: IO[str]) -> subprocess.Popen[bytes]:
        # its own process group, killed whole (its parse worker, in a session of its own, sees its pipe close and
        # leaves; under systemd, KillMode=control-group takes it too)
        return subprocess.Popen(self.command(now), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                                start_new_session=True)

    def command(self, now: dt.datetime) -> list[str]:
        verbose = ["-v"] if self.verbose else []
        return [sys.executable, "-m", "daemon", *verbose, "-c", str(self.config), "--now", now.isoformat(), "poll"]

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """A read-only look at the database (not through Store: it would migrate and write)."""
        db = self.state / "baocao.db"
        if not db.exists():
            return []
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as e:
            if "no such table" in str(e):
                return []
            raise
        finally:
            conn.close()


def make_office(tmp: Path, *, imap_port: int, account: Any, smtp_port: int, smtp: Any,
                schools: list[dict[str, Any]], timeout: float = 10.0) -> Office:
    secrets = tmp / "secrets"
    secrets.mkdir(mode=0o700, exist_ok=True)
    (secrets / "imap").write_text(account.password)
    (secrets / "smtp").write_text(smtp.password)
    for f in secrets.iterdir():
        f.chmod(0o600)
    config = write_config(
        tmp,
        mailbox={"imap": {"host": "127.0.0.1", "port": imap_port, "security": "none", "username": account.user,
                          "password_file": str(secrets / "imap"), "timeout": timeout}},
        outgoing={"smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none", "username": smtp.user,
                           "password_file": str(secrets / "smtp"), "timeout": timeout}},
        schools=schools,
    )
    return Office(config, tmp / "state", tmp / "baocao.log")


def roster(count: int) -> list[dict[str, Any]]:
    return [{"id": f"th-so-{i:03d}", "name": f"Trường Tiểu học Số {i}", "level": "TH",
             "emails": [f"th{i:03d}@school.test"]} for i in range(1, count + 1)]


def report_mail(school: dict[str, Any], when: dt.datetime, docx: bytes, *, note: str = "") -> bytes:
    return school_mail(school["emails"][0], f"Báo cáo quyền con người năm 2024 - {school['name']}{note}", when,
                       files=[(f"Bao cao QCN 2024 - {school['id']}{note}.docx", docx)],
                       message_id=f"<bc-{school['id']}-{when:%d%H%M}@school.test>")


def mailbox_mix(schools: list[dict[str, Any]], total: int, reports: int, corrections: int, notices: int,
                rng: random.Random) -> list[tuple[bytes, dt.datetime]]:
    """(raw, arrival) in a shuffled delivery order: `reports` first reports and `corrections` later ones from
    roster schools, `notices` roster mails without the file (each school told), the rest machines and strangers."""
    # each school's report names that school: a report naming another school is only a claim for it
    start = dt.datetime(2024, 11, 1, 7, 0, tzinfo=ICT)
    mails: list[tuple[bytes, dt.datetime]] = []
    for i in range(reports):
        when = start + dt.timedelta(hours=i)
        mails.append((report_mail(schools[i], when, report_docx(schools[i]["name"])), when))
    for i in range(corrections):
        when = start + dt.timedelta(days=10, hours=i)
        fixed = report_docx(schools[i]["name"], figures={"sessions": "07"})
        mails.append((report_mail(schools[i], when, fixed, note=" (bản sửa)"), when))
    for i in range(notices):
        when = start + dt.timedelta(days=5, hours=i)
        mails.append((school_mail(schools[reports + i]["emails"][0], "Báo cáo quyền con người năm 2024", when,
                                  body="Trường gửi báo cáo ạ."), when))
    kinds: list[Callable[[int, dt.datetime], bytes]] = [
        lambda i, when: school_mail(schools[i % reports]["emails"][0], f"Trả lời tự động {i}", when,
                                    headers={"Auto-Submitted": "auto-replied"}),
        lambda i, when: school_mail(f"nguoi{i}@gmail.test", f"Hỏi thăm {i}", when),
        lambda i, when: school_mail("MAILER-DAEMON@mx.school.test", f"Undelivered Mail {i}", when,
                                    headers={"X-Failed-Recipients": f"khong{i}@school.test"}),
        lambda i, when: school_mail(f"tin{i}@list.test", f"Bản tin {i}", when, headers={"List-Id": "<tin.list.test>"}),
    ]
    for i in range(total - len(mails)):
        when = start + dt.timedelta(days=3, minutes=7 * i)
        mails.append((kinds[i % len(kinds)](i, when), when))
    rng.shuffle(mails)
    return mails


class StallingProxy(FaultProxy):
    """A FaultProxy that can also blackhole a connection after N bytes from the server (mid-literal, mid-reply).

    Belongs in tests/servers/faultproxy.py as `stall(after_bytes=...)`; kept here while that file is not ours.
    """

    _stall_pending = False

    def stall_after(self, after_bytes: int) -> None:
        self._stall_pending = True
        self.drop(after_bytes)

    def _cut(self, conn: Any) -> None:
        if self._stall_pending and conn.budget == 0 and not getattr(conn, "stalled", False):
            conn.stalled = True
            self._flowing.clear()
            return
        super()._cut(conn)


def start_proxy(proxy: FaultProxy, stopper: list[FaultProxy]) -> FaultProxy:
    proxy.start()
    stopper.append(proxy)
    return proxy


def on_smtp(server: Any, hook: str, action: Callable[[], None]) -> None:
    """Run `action` once, in the SMTP server's thread, when the next client reaches `hook` (e.g. handle_RCPT)."""
    handler = server._controller.handler
    original = getattr(handler, hook)
    fired: list[bool] = []

    async def wrapped(*args: Any) -> Any:
        if not fired:
            fired.append(True)
            action()
        return await original(*args)

    setattr(handler, hook, wrapped)


def slow_replies(server: Any, seconds: float) -> None:
    """The server takes `seconds` between storing a message (and its Sent copy) and answering 250, as Gmail
    does: a kill in that gap is the ambiguous case the Sent lookup must settle."""
    handler = server._controller.handler
    original = handler.handle_DATA

    async def slow(*args: Any) -> Any:
        reply = await original(*args)
        await asyncio.sleep(seconds)
        return reply

    handler.handle_DATA = slow


# ledger checks -------------------------------------------------------------------------------------------------


def duplicates(smtp: Any) -> dict[str, int]:
    counts = Counter(str(m.message["Message-ID"]) for m in smtp.messages)
    return {mid: n for mid, n in counts.items() if n > 1}


def check_ledger(office: Office, account: Any, smtp: Any) -> dict[str, int]:
    """The invariants after a run; returns counts for the report. Fails with the first broken promise."""
    in_box = account.messages("INBOX")
    box_digests = {hashlib.sha256(raw).hexdigest() for raw in in_box.values()}
    rows = office.rows("SELECT sha256, status FROM messages")
    assert len(rows) == len(in_box), f"{len(rows)} messages recorded for {len(in_box)} in the mailbox"
    assert {r[0] for r in rows} == box_digests, "recorded messages differ from the mailbox's"
    assert {r[1] for r in rows} == {"processed"}, Counter(r[1] for r in rows)
    ids = office.rows("SELECT message_id FROM messages")
    assert len({r[0] for r in ids}) == len(ids), "a Message-ID recorded twice"
    subs = office.rows("SELECT school_id, message, superseded_by FROM submissions")
    assert len({r[1] for r in subs}) == len(subs), "one message gave two submissions"
    current = Counter(r[0] for r in subs if r[2] is None)
    assert set(current.values()) == {1}, f"schools without exactly one current submission: {current}"
    latest = office.rows("SELECT school_id, MAX(received_at) FROM submissions GROUP BY school_id")
    current_at = dict(office.rows("SELECT school_id, received_at FROM submissions WHERE superseded_by IS NULL"))
    assert all(current_at[school] == at for school, at in latest), "an older report is the current one"
    outbox = office.rows("SELECT message_id, status FROM outbox")
    assert {r[1] for r in outbox} == {"sent"}, Counter(r[1] for r in outbox)
    assert duplicates(smtp) == {}, f"receipts delivered twice: {duplicates(smtp)}"
    assert {str(m.message["Message-ID"]) for m in smtp.messages} == {r[0] for r in outbox}
    assert all("\\Seen" not in flags for flags in account.flags("INBOX").values()), "a message was marked read"
    check_state_files(office)
    return {"messages": len(rows), "submissions": len(subs), "current": len(current), "receipts": len(outbox)}


def check_state_files(office: Office) -> None:
    store = Store(office.state / "baocao.db")
    try:
        assert store.integrity_check() == "ok"
        known = store.archive_paths()
    finally:
        store.close()
    for name in ("raw", "files"):
        archive = Archive(office.state / name)
        assert archive.orphans(known) == [], f"orphan {name} files: {archive.orphans(known)}"
        temp = office.state / name / TMP_DIR
        assert not temp.exists() or not any(temp.iterdir()), f"temp files left: {list(temp.iterdir())}"


def kill_group(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL the poll and its children; False when it had already finished by itself."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    code = proc.wait()
    return code == -signal.SIGKILL
