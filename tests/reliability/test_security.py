"""Security end to end through Dovecot and aiosmtpd: forged senders, backscatter, mail loops, secrets, file modes."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.main import main
from state.store import Store
from tests.mails import ICT, SCHOOLS, report_docx, school_mail, write_config

WHEN = dt.datetime(2024, 11, 11, 9, 0, tzinfo=ICT)
SUBJECT = "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"
ROSTER = {e for s in SCHOOLS for e in s["emails"]}
IMAP_PASSWORD = "imap-Pa55-Kh0ng-Lo-Ra"  # distinctive, so a leak anywhere is found by a plain search
GOOGLE_FAIL = ("mx.google.com; dkim=fail header.i=@school.test header.s=s1 header.b=abc; spf=fail "
               "(google.com: domain of thhimlam@school.test does not designate 6.6.6.6 as permitted sender) "
               "smtp.mailfrom=thhimlam@school.test; dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=school.test")
GOOGLE_PASS = "mx.google.com; dkim=pass header.i=@school.test; spf=pass; dmarc=pass (p=NONE) header.from=school.test"


class Office:
    def __init__(self, tmp: Path, account: Any, smtp: Any, imap_password: str | None = None) -> None:
        self.account, self.smtp = account, smtp
        secrets = tmp / "secrets"
        secrets.mkdir(mode=0o700, parents=True)
        (secrets / "imap").write_text(imap_password or account.password)
        (secrets / "smtp").write_text(smtp.password)
        self.config = write_config(
            tmp,
            mailbox={"imap": {"host": "127.0.0.1", "port": account.port, "security": "none",
                              "username": account.user, "password_file": str(secrets / "imap"), "timeout": 10}},
            outgoing={"smtp": {"host": "127.0.0.1", "port": smtp.port, "security": "none", "username": smtp.user,
                               "password_file": str(secrets / "smtp"), "timeout": 10}},
            schools=SCHOOLS)
        for f in secrets.iterdir():
            f.chmod(0o600)
        self.state = tmp / "state"

    def deliver(self, sender: str, *, headers: dict[str, str] | None = None, subject: str = SUBJECT,
                school: str = "Trường Tiểu học Him Lam", files: bool = True, when: dt.datetime = WHEN) -> None:
        attached = [(f"bao-cao-{abs(hash((sender, subject)))}.docx", report_docx(school))] if files else None
        self.account.append("INBOX", school_mail(sender, subject, when, files=attached, headers=headers), date=when)

    def poll(self, now: str = "2024-11-15T08:00", *extra: str) -> int:
        return main(["-c", str(self.config), *extra, "--now", now, "poll"])

    def status(self, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
        capsys.readouterr()
        assert main(["-c", str(self.config), "--now", "2024-11-15T08:00", "status", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        return {s["id"]: s for s in data["schools"]} | {"unmatched": data["unmatched"]}

    def recipients(self) -> list[tuple[str, ...]]:
        return [m.rcpt_tos for m in self.smtp.messages]


@pytest.fixture
def office(tmp_path: Path, imap_account: Any, make_smtp_server: Any) -> Office:
    return Office(tmp_path, imap_account, make_smtp_server())


@pytest.mark.parametrize(("results", "expected"), [
    ([GOOGLE_FAIL], "needs_review"),
    ([GOOGLE_FAIL, GOOGLE_PASS], "needs_review"),  # a forged pass below Google's own field
    (["mx.google.com; dkim=pass header.d=evil.example header.i=@evil.example; spf=pass "
      "smtp.mailfrom=x@evil.example; dmarc=none"], "needs_review"),
    (["mx.google.com; dkim=pass header.i=@school.test; dmarc=pass (dmarc=fail) header.from=school.test"], "on_time"),
], ids=["dmarc-fail", "forged-pass-below", "dkim-pass-other-domain", "real-pass"])
def test_roster_sender_failing_gmail_authentication_is_a_claim_and_only_a_pass_is_answered_at_the_roster(
        office: Office, capsys: pytest.CaptureFixture[str], results: list[str], expected: str) -> None:
    headers = {"Reply-To": "ke-gia-mao@evil.example"}
    office.account.append("INBOX", _with_results(school_mail(
        "Trường TH Him Lam <ThHimLam+bao-cao@School.test>", SUBJECT, WHEN, headers=headers,
        files=[("bao-cao.docx", report_docx("Trường Tiểu học Him Lam"))]), results), date=WHEN)
    assert office.poll() == 0
    school = office.status(capsys)["th-him-lam"]
    assert school["status"] == expected
    assert (expected == "on_time") != any("xác thực" in p for p in school["problems"])
    # a claim never mails the school it names: only the staff hear of it
    assert office.recipients() == [("thhimlam@school.test",) if expected == "on_time" else ("staff@baocao.test",)]


def test_strangers_get_no_mail_and_a_school_they_name_is_not_mailed_either(
        office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    office.deliver("kẻ lạ <stranger@evil.example>", subject="Hóa đơn", school="Công ty ABC")
    office.deliver("stranger@evil.example", subject="Báo cáo", files=False)
    office.deliver("stranger2@evil.example", subject="Báo cáo Trường Tiểu học Thanh Hoà", files=False)
    office.deliver("co.lan@gmail.com", headers={"Reply-To": "co.lan@evil.example"},
                   subject=f"{SUBJECT} - Trường Tiểu học Thanh Hoà", school="Trường Tiểu học Thanh Hòa")
    assert office.poll() == 0
    assert office.recipients() == [("staff@baocao.test",)]  # the claim for Thanh Hòa waits for the staff
    status = office.status(capsys)
    assert status["th-thanh-hoa"]["status"] == "needs_review"
    assert len(status["unmatched"]) == 3


@pytest.mark.parametrize("style", ["in-reply-to", "re-subject-only", "tl-subject-only"])
def test_an_auto_responder_answering_every_mail_cannot_start_a_loop(office: Office, style: str) -> None:
    """GIVEN a school whose mailbox answers each of our mails without Auto-Submitted and without a file
    WHEN ten polls run over five days, the responder re-injecting its answers into our INBOX after each
    THEN the school gets its receipt and nothing else."""
    office.deliver("thhimlam@school.test")
    answered = 0
    for n in range(10):
        assert office.poll(f"2024-11-{15 + n // 2}T{8 + n % 2 * 6:02d}:00") == 0
        for sent in office.smtp.messages[answered:]:
            headers = {"In-Reply-To": sent.message["Message-ID"]} if style == "in-reply-to" else {}
            subject = f"{'TL' if style == 'tl-subject-only' else 'RE'}: {sent.message['Subject']}"
            body = "Tôi đang đi công tác, sẽ trả lời sau.\n> " + sent.message.get_body(("plain",)).get_content()
            office.account.append("INBOX", school_mail("thhimlam@school.test", subject, WHEN, body=body,
                                                       headers=headers), date=WHEN)
            answered += 1
    assert office.account.count("INBOX") == 1 + answered
    assert office.recipients() == [("thhimlam@school.test",)]


def test_passwords_never_appear_in_logs_output_database_or_archive(
        tmp_path: Path, imap_account: Any, make_smtp_server: Any, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    smtp = make_smtp_server()
    wrong = Office(tmp_path / "wrong", imap_account, smtp, imap_password=IMAP_PASSWORD)
    with caplog.at_level(logging.DEBUG):
        assert main(["-c", str(wrong.config), "-v", "check"]) != 0
        assert wrong.poll("2024-11-15T08:00", "-v") == 1  # a refused login: one line, exit 1
        right = Office(tmp_path / "right", imap_account, smtp)
        right.deliver("thhimlam@school.test")
        assert right.poll("2024-11-15T08:00", "-v") == 0
    out, err = capsys.readouterr()
    assert "login" in (caplog.text + err).lower()  # the refusal was reported
    assert len(smtp.messages) == 1
    secrets = [IMAP_PASSWORD, imap_account.password, smtp.password]
    for text in (caplog.text, out, err):
        assert not [s for s in secrets if s in text]
    for state in (wrong.state, right.state):
        for path in [p for p in state.rglob("*") if p.is_file()]:
            data = path.read_bytes()
            assert not [s for s in secrets if s.encode() in data], path


def test_state_files_are_0600_and_directories_0700_whatever_the_umask(office: Office, tmp_path: Path) -> None:
    office.deliver("thhimlam@school.test")
    previous = os.umask(0o022)
    try:
        assert office.poll() == 0
        store = Store(office.state / "baocao.db")  # SQLite gives its WAL and SHM the database file's mode
        store.set_meta("probe", "1")
        paths = [office.state, *office.state.rglob("*")]
        modes = {str(p.relative_to(tmp_path)): (p.is_dir(), stat.S_IMODE(p.stat().st_mode)) for p in paths}
        store.close()
    finally:
        os.umask(previous)
    names = {p.name for p in paths}
    assert {"baocao.db", "baocao.db-wal", "baocao.db-shm", "poll.lock", "raw", "files"} <= names
    assert any(p.suffix == ".eml" for p in paths) and any(p.suffix == ".docx" for p in paths)
    assert {k: oct(m) for k, (is_dir, m) in modes.items() if m != (0o700 if is_dir else 0o600)} == {}


def test_outbox_files_written_instead_of_sent_are_0600(tmp_path: Path) -> None:
    maildir = tmp_path / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "new" / "1.school").write_bytes(school_mail(
        "thhimlam@school.test", SUBJECT, WHEN, files=[("bao-cao.docx", report_docx("Trường Tiểu học Him Lam"))]))
    config = write_config(tmp_path, mailbox={"maildir": str(maildir)},
                          outgoing={"outbox_dir": str(tmp_path / "outbox")}, schools=SCHOOLS)
    previous = os.umask(0o022)
    try:
        assert main(["-c", str(config), "--now", "2024-11-15T08:00", "poll"]) == 0
    finally:
        os.umask(previous)
    written = list((tmp_path / "outbox").glob("*.eml"))
    assert len(written) == 1 and stat.S_IMODE(written[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "outbox").stat().st_mode) == 0o700


def _with_results(raw: bytes, results: list[str]) -> bytes:
    """Authentication-Results fields at the top, in the order given (the first is the one Gmail added last)."""
    return b"".join(f"Authentication-Results: {r}\r\n".encode() for r in results) + raw
