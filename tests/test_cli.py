"""The command line as an office clerk or a script uses it: check, submit, parse --json."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daemon.cli.main import build_parser, main, plain_poll
from tests.mails import SCHOOLS, report_docx, write_config


def imap_smtp_config(tmp_path: Path, account: Any, smtp: Any, imap_password: str) -> Path:
    secret = tmp_path / "imap-pw"
    secret.write_text(imap_password)
    secret.chmod(0o600)
    smtp_secret = tmp_path / "smtp-pw"
    smtp_secret.write_text(smtp.password)
    smtp_secret.chmod(0o600)
    return write_config(
        tmp_path,
        mailbox={"imap": {"host": "127.0.0.1", "port": account.ssl_port, "security": "ssl", "ca_file": str(account.ca_file),
                          "username": account.user, "password_file": str(secret), "extra_folders": ["\\Junk"]}},
        outgoing={"smtp": {"host": "127.0.0.1", "port": smtp.port, "security": "starttls", "ca_file": str(account.ca_file),
                           "username": smtp.user, "password_file": str(smtp_secret)}},
        schools=SCHOOLS,
    )


def test_check_logs_in_over_tls_and_says_ok(tmp_path: Path, imap_account: Any, smtp_server: Any,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    config = imap_smtp_config(tmp_path, imap_account, smtp_server, imap_account.password)
    assert main(["-c", str(config), "check"]) == 0
    out = capsys.readouterr().out
    assert "imap" in out and "INBOX: 0 thư, Junk: 0 thư" in out
    assert "smtp" in out and "login accepted" in out
    assert smtp_server.messages == []


def test_check_says_clearly_when_a_password_is_refused(tmp_path: Path, imap_account: Any, smtp_server: Any,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    config = imap_smtp_config(tmp_path, imap_account, smtp_server, "wrong-password")
    assert main(["-c", str(config), "check"]) == 2  # the fix is in a password file: the contract's "bad config"
    out = capsys.readouterr().out
    assert "imap" in out and "FAILED: the server refused the login" in out and "app password" in out
    assert "wrong-password" not in out


def test_submit_records_a_report_that_came_by_zalo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, mailbox={"maildir": str(tmp_path / "mail")},
                          outgoing={"outbox_dir": str(tmp_path / "out")}, schools=SCHOOLS)
    report = tmp_path / "Báo cáo Him Lam.docx"
    report.write_bytes(report_docx("Trường Tiểu học Him Lam"))
    assert main(["-c", str(config), "--now", "2024-11-13T10:00", "submit", "--school", "th-him-lam",
                 "--channel", "zalo", str(report)]) == 0
    assert "Đã ghi nhận báo cáo của Trường Tiểu học Him Lam (zalo, đúng hạn)" in capsys.readouterr().out
    assert main(["-c", str(config), "--now", "2024-11-13T10:00", "status", "--json"]) == 0
    rows = {s["id"]: s for s in json.loads(capsys.readouterr().out)["schools"]}
    assert rows["th-him-lam"]["status"] == "on_time" and rows["th-him-lam"]["files"] == ["Báo cáo Him Lam.docx"]


def test_submit_for_an_unknown_school_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, mailbox={"maildir": str(tmp_path / "mail")},
                          outgoing={"outbox_dir": str(tmp_path / "out")}, schools=SCHOOLS)
    assert main(["-c", str(config), "submit", "--school", "nope", str(config)]) == 2
    assert "no school with id 'nope'" in capsys.readouterr().err


def test_parse_json_has_the_contract_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, mailbox={"maildir": str(tmp_path / "mail")},
                          outgoing={"outbox_dir": str(tmp_path / "out")}, schools=SCHOOLS)
    report = tmp_path / "bc.docx"
    report.write_bytes(report_docx("Trường Tiểu học Him Lam", number="45/BC-THHL"))
    assert main(["-c", str(config), "parse", str(report), "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert {"file", "text_source", "school", "document_number", "date", "period", "cycle", "metrics", "sections",
            "problems"} <= set(item)
    assert item["school"] == {"id": "th-him-lam", "name": "Trường Tiểu học Him Lam"}
    assert item["document_number"] == "45/BC-THHL" and item["date"] == "2024-11-10"
    assert item["metrics"]["sessions"] == 5 and item["metrics"]["spokesperson"] is True


# words a command line is made of, the awkward ones included: abbreviations, `=`, dashes, empty values
WORDS = ["-c", "--config", "--config=", "--config=b.yaml", "--config=-x", "--now", "--now=", "--now=2024-11-20T08:00",
         "-v", "--verbose", "--verbose=1", "a.yaml", "-x", "-", "--", "poll", "run", "2024-11-20T08:00", "--conf",
         "-cx", "-c=x", "-vc", "", "-5", "a b", "--c", "--help"]


@given(st.lists(st.sampled_from(WORDS), max_size=6), st.booleans())
def test_a_plain_poll_is_read_as_argparse_reads_it(words: list[str], poll_last: bool) -> None:
    argv = words + ["poll"] if poll_last else words
    quick = plain_poll(argv)
    if quick is None:  # left to argparse
        return
    with contextlib.redirect_stderr(io.StringIO()):
        assert vars(quick) == vars(build_parser().parse_args(argv))


def test_a_timers_poll_is_read_without_argparse() -> None:
    argv = ["-c", "/etc/baocao/config.yaml", "--now=2024-11-20T08:00", "-v", "poll"]
    quick = plain_poll(argv)
    assert quick is not None
    assert vars(quick) == {"command": "poll", "config": "/etc/baocao/config.yaml", "now": "2024-11-20T08:00",
                           "verbose": True}


# the console script's entry, with an atexit handler of the kind a library registers, and an object that tells
# when the interpreter's teardown frees it
ENTRY = """
import atexit, os, sys
atexit.register(lambda: print("atexit ran", file=sys.stderr))
class Freed:
    def __del__(self):
        os.write(2, b" freed")
kept = Freed()
from daemon.cli.main import entry
print("to stdout", end="")  # left in the buffer: stdout is a pipe
entry()
"""


@pytest.mark.parametrize("command, code, torn_down", [("poll", 0, False), ("status", 0, True), ("nope", 2, True)])
def test_the_console_script_flushes_runs_atexit_and_keeps_the_exit_code(tmp_path: Path, command: str, code: int,
                                                                       torn_down: bool) -> None:
    """A poll's process skips the interpreter's teardown, and nothing else is seen to change."""
    mail = tmp_path / "mail"
    for sub in ("cur", "new", "tmp"):
        (mail / sub).mkdir(parents=True)
    config = write_config(tmp_path, mailbox={"maildir": str(mail)}, outgoing={"outbox_dir": str(tmp_path / "out")},
                          schools=SCHOOLS)
    done = subprocess.run([sys.executable, "-c", ENTRY, "-c", str(config), command], capture_output=True, text=True,
                          cwd=mail, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert done.returncode == code, done.stderr
    assert done.stdout.startswith("to stdout")
    assert done.stderr.endswith("atexit ran\n freed" if torn_down else "atexit ran\n")
    if command == "poll":
        assert done.stderr == "fetched 0, processed 0, failed 0, sent 0\natexit ran\n"
