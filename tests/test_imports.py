"""An idle poll loads only what an idle poll needs: no templates, no parsers, no document or chart libraries, no
sqlite-utils (the store speaks plain sqlite3 when the schema is up to date), no MIME parser or composer, no YAML
reader once the config is in the cache, no argparse and no dataclasses; and with a Maildir, no IMAP client."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.mails import ICT, SCHOOLS, report_docx, school_mail, write_config

# what an idle poll has no use for: templates, parsing, the summary, sending, the scheduler
HEAVY = ("jinja2", "parsers", "docx", "pdfplumber", "matplotlib", "openpyxl", "PIL", "numpy", "smtplib",
         "daemon.cli.commands_sched", "schedule", "sqlite_utils", "state.migrations", "daemon.mail.compose",
         "daemon.mail.inbound", "daemon.cycles.adhoc", "daemon.cycles.status", "daemon.process", "email.mime",
         # the config comes from the cache (daemon/config/cache.py): no YAML reader, no validation;
         # Google's sign-in only with auth: oauth2
         "yaml", "daemon.config.load", "daemon.config.section", "daemon.config.yamlmarks",
         "daemon.mail.oauth", "urllib.request",
         # a plain `poll` is read without argparse (building its parser loaded shutil too), and the config's types
         # and the poll's records are daemon.config.record's, not dataclasses (which loads inspect, ast and dis)
         "argparse", "shutil", "dataclasses", "inspect")
# what only an IMAP mailbox needs (daemon/workflow.py imports daemon.mail.mailbox for it)
IMAP = ("daemon.mail.mailbox", "imaplib", "imap_tools", "ssl", "email", "socket")
# the real entry point, then what it loaded
PROBE = """
import json, sys
from daemon.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def idle_poll_modules(tmp_path: Path, config: Path, unwanted: tuple[str, ...] = HEAVY) -> list[str]:
    """The `unwanted` modules a second `baocao poll` loads (the first records the folder's position and migrates)."""
    empty = tmp_path / "cwd"  # not tmp_path: its state/ directory would shadow the `state` package
    empty.mkdir(exist_ok=True)
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", PROBE, "-c", str(config), "--now", "2024-11-15T08:00", "poll"],
                              capture_output=True, text=True, check=True, cwd=empty)
        result = json.loads(done.stdout.splitlines()[-1])
        assert result["code"] == 0, done.stderr
    return [name for name in unwanted if any(m == name or m.startswith(name + ".") for m in result["modules"])]


def test_idle_poll_imports_nothing_heavy(tmp_path: Path) -> None:
    mail = tmp_path / "mail"
    for sub in ("cur", "new", "tmp"):
        (mail / sub).mkdir(parents=True)
    config = write_config(tmp_path, mailbox={"maildir": str(mail)}, outgoing={"outbox_dir": str(tmp_path / "out")},
                          schools=SCHOOLS)
    assert idle_poll_modules(tmp_path, config, HEAVY + IMAP) == []


def test_idle_imap_poll_with_recorded_mail_imports_nothing_heavy(tmp_path: Path, imap_account: Any) -> None:
    when = dt.datetime(2024, 11, 10, 8, 0, tzinfo=ICT)
    imap_account.append("INBOX", school_mail("thhimlam@school.test", "Báo cáo quyền con người", when,
                                             files=[("BC.docx", report_docx("Trường Tiểu học Him Lam"))]), date=when)
    secret = tmp_path / "imap-password"
    secret.write_text(imap_account.password)
    secret.chmod(0o600)
    config = write_config(tmp_path, schools=SCHOOLS, outgoing={"outbox_dir": str(tmp_path / "out")},
                          mailbox={"imap": {"host": "127.0.0.1", "port": imap_account.port, "security": "none",
                                            "username": imap_account.user, "password_file": str(secret)}})
    assert idle_poll_modules(tmp_path, config) == []
    assert len(list((tmp_path / "out").iterdir())) == 1  # the first poll did read and answer the report
