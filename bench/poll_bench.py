"""Poll cost against a local Dovecot: idle poll at 50 vs 5,000 messages, and ingest rate.

Run: .venv/bin/python bench/poll_bench.py [--big 5000] [--reports 200]
Prints each figure with its ratio to a baseline measured in the same run (a bare imap_tools login + STATUS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import imaplib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imap_tools import MailBoxUnencrypted  # noqa: E402

from daemon.config import load_config  # noqa: E402
from daemon.context import open_context, system_clock  # noqa: E402
from daemon.workflow import poll  # noqa: E402
from tests.mails import ICT, SCHOOLS, report_docx, school_mail, write_config  # noqa: E402
from tests.servers.certs import make_cert  # noqa: E402
from tests.servers.dovecot import DovecotServer  # noqa: E402

NOW = "2024-11-20T08:00:00+07:00"


def fill(account: object, count: int, *, reports: bool = False) -> None:
    imap = imaplib.IMAP4(account.host, account.port)  # type: ignore[attr-defined]
    imap.login(account.user, account.password)  # type: ignore[attr-defined]
    when = dt.datetime(2024, 11, 5, 9, 0, tzinfo=ICT)
    docx = report_docx("Trường Tiểu học Him Lam")
    for i in range(count):
        if reports:
            school = SCHOOLS[i % len(SCHOOLS)]
            raw = school_mail(
                school["emails"][0],
                f"Báo cáo quyền con người {i}",
                when + dt.timedelta(minutes=i),
                files=[(f"bc-{i}.docx", docx)],
                message_id=f"<r{i}@bench>",
            )
        else:
            raw = school_mail(
                f"news{i}@list.example",
                f"Bản tin {i}",
                when + dt.timedelta(minutes=i),
                headers={"List-Id": "<tin.list.example>"},
                message_id=f"<n{i}@bench>",
            )
        imap.append("INBOX", None, imaplib.Time2Internaldate(when), raw)
    imap.logout()


def config_for(tmp: Path, account: object) -> Path:
    secret = tmp / "pw"
    secret.write_text(account.password)  # type: ignore[attr-defined]
    secret.chmod(0o600)
    return write_config(
        tmp,
        mailbox={
            "imap": {
                "host": "127.0.0.1",
                "port": account.port,
                "security": "none",  # type: ignore[attr-defined]
                "username": account.user,
                "password_file": str(secret),
            }
        },  # type: ignore[attr-defined]
        outgoing={"outbox_dir": str(tmp / "outbox")},
        schools=SCHOOLS,
    )


def timed_poll(config_path: Path) -> float:
    config = load_config(config_path)
    ctx = open_context(config, system_clock(config.office.timezone, dt.datetime.fromisoformat(NOW)))
    try:
        start = time.perf_counter()
        poll(ctx)
        return time.perf_counter() - start
    finally:
        ctx.close()


def baseline(account: object) -> float:
    start = time.perf_counter()
    with MailBoxUnencrypted(account.host, account.port, timeout=10).login(  # type: ignore[attr-defined]
        account.user, account.password, initial_folder=None
    ) as box:  # type: ignore[attr-defined]
        box.folder.status("INBOX", ["UIDVALIDITY", "UIDNEXT"])
    return time.perf_counter() - start


def median(fn: object, runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))  # type: ignore[operator]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--big", type=int, default=5000)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)
        (tmp / "dovecot").mkdir()
        server = DovecotServer(tmp / "dovecot", make_cert(tmp))
        server.start()
        try:
            results = {}
            for label, count in (("small", args.small), ("big", args.big)):
                account = server.add_user(label)
                fill(account, count)
                work = tmp / label
                work.mkdir()
                config = config_for(work, account)
                first = timed_poll(config)
                results[label] = (
                    count,
                    first,
                    median(lambda c=config: timed_poll(c), args.runs),
                    account,
                    config,
                )
            base = median(lambda: baseline(results["small"][3]), args.runs)
            print(f"baseline: bare login + STATUS            {base * 1000:8.1f} ms")
            for count, first, idle, _, _ in results.values():
                print(
                    f"idle poll, {count:6d} messages in box      {idle * 1000:8.1f} ms   "
                    f"({idle / base:4.2f}x baseline; first poll ingested them in {first:.1f} s, "
                    f"{count / first:.0f} msg/s)"
                )
            ratio = results["big"][2] / results["small"][2]
            print(f"idle poll {args.big} vs {args.small} messages: {ratio:.2f}x")
            config = results["big"][4]
            cli = median(lambda: _cli_poll(config), 5)
            print(f"whole-process idle `baocao poll` at {args.big}: {cli * 1000:.0f} ms")

            account = server.add_user("reports")
            fill(account, args.reports, reports=True)
            work = tmp / "reports"
            work.mkdir()
            took = timed_poll(config_for(work, account))
            print(
                f"ingest of {args.reports} report mails (fetch, archive, parse, receipt): {took:.1f} s, "
                f"{args.reports / took:.1f} msg/s"
            )
        finally:
            server.stop()
    return 0


def _cli_poll(config: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "baocao"), "-c", str(config), "--now", NOW, "poll"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
