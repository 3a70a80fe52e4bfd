"""Shared by the benches: a Dovecot under tmp, boxes filled straight into its Maildirs, a baocao config for them."""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mails import ICT, report_docx, school_mail, write_config  # noqa: E402
from tests.servers.certs import make_cert  # noqa: E402
from tests.servers.dovecot import DovecotServer, ImapAccount  # noqa: E402

NOW = "2024-11-20T08:00:00+07:00"
# the ingest runs before the due date: no compiled summary is due yet, only the reports and their receipts
BEFORE_DUE = "2024-11-12T08:00:00+07:00"
# before any cycle's look-back: a first poll skips such mail by SEARCH SINCE, as it skips last year's mail
OLD = dt.datetime(2020, 3, 1, 9, 0, tzinfo=ICT)
# inside the 2024 cycle, before its due date: these are read and answered
RECENT = dt.datetime(2024, 11, 5, 9, 0, tzinfo=ICT)
# an office of the size baocao is built for; each school sends two reports (the second supersedes the first)
SCHOOLS = [{"id": f"th-so-{i}", "name": f"Trường Tiểu học Số {i}", "level": "TH", "emails": [f"th{i}@school.test"]}
           for i in range(1, 501)]


@contextmanager
def dovecot() -> Iterator[tuple[DovecotServer, Path]]:
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)
        (tmp / "dovecot").mkdir()
        server = DovecotServer(tmp / "dovecot", make_cert(tmp))
        server.start()
        try:
            yield server, tmp
        finally:
            server.stop()


def fill_maildir(account: ImapAccount, count: int, make: Callable[[int], tuple[bytes, dt.datetime]]) -> None:
    """Write `count` messages into the account's INBOX Maildir; Dovecot assigns UIDs when it next looks.

    The file's mtime is the INTERNALDATE Dovecot reports (and SEARCH SINCE uses). Thousands of APPENDs would
    take minutes; files take a second.
    """
    server = account.server
    maildir = account.maildir
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    pid = os.getpid()
    for i in range(count):
        raw, when = make(i)
        stamp = when.timestamp()
        path = maildir / "cur" / f"{int(stamp)}.M{i}P{pid}.bench,S={len(raw)}:2,"
        path.write_bytes(raw)
        os.utime(path, (stamp, stamp))
    home = maildir.parent
    for directory, _, files in os.walk(home):
        os.chown(directory, server.mail_uid, server.mail_gid)
        for name in files:
            os.chown(Path(directory) / name, server.mail_uid, server.mail_gid)


def newsletter(i: int) -> tuple[bytes, dt.datetime]:
    """Old list mail: the bulk of a real office box, long since read. One template: 20,000 in a few seconds."""
    when = OLD + dt.timedelta(minutes=i)
    return _NEWSLETTER.replace(b"NNNNN", str(i).encode()), when


_NEWSLETTER = school_mail("newsNNNNN@list.example", "Bản tin NNNNN", OLD, headers={"List-Id": "<tin.list.example>"},
                          message_id="<nNNNNN@bench>", body="Bản tin số NNNNN của Sở.")


def report_mail(i: int) -> tuple[bytes, dt.datetime]:
    """A school's report with its own docx (distinct bytes, so no file is deduplicated away)."""
    school = SCHOOLS[i % len(SCHOOLS)]
    when = RECENT + dt.timedelta(minutes=i)
    docx = report_docx(school["name"], number=f"{i}/BC-TH",
                       figures={"sessions": str(i % 20 + 1), "participants": str(100 + i), "spokesperson": "Có",
                                "key_staff": "32", "key_staff_trained": "25"})
    raw = school_mail(school["emails"][0], f"Báo cáo quyền con người {i}", when,
                      files=[(f"bc-{i}.docx", docx)], message_id=f"<r{i}@bench>")
    return raw, when


def imap_config(work: Path, account: ImapAccount) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    secret = work / "pw"
    secret.write_text(account.password)
    secret.chmod(0o600)
    imap = {"host": "127.0.0.1", "port": account.port, "security": "none", "username": account.user,
            "password_file": str(secret)}
    return write_config(work, mailbox={"imap": imap}, outgoing={"outbox_dir": str(work / "outbox")}, schools=SCHOOLS)


def baocao_bin() -> str:
    return str(ROOT / ".venv" / "bin" / "baocao")


def installed_baocao(work: Path) -> str:
    """`baocao` as a server runs it: the wheel built from the tree, installed (not editable) into a fresh venv
    whose dependencies come from this venv's site-packages through a .pth (as tests/test_wheel.py does)."""
    import shutil
    import site
    import subprocess

    src, wheels, venv = work / "src", work / "wheels", work / "venv"
    src.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("daemon", "parsers", "state", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--wheel-dir", str(wheels), str(src)], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (wheel,) = wheels.glob("baocao-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    (fresh_site,) = (venv / "lib").glob("python3*/site-packages")
    (fresh_site / "baocao-bench-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return str(venv / "bin" / "baocao")


def peak_rss_mb() -> tuple[float, float]:
    """ru_maxrss of this process and of its largest waited-for child, in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024
