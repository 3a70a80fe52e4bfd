"""A refused login (a revoked app password): said once, tried hourly, the new password taken without a restart."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.mails import ICT
from tests.test_poll_imap import Office, _report, office  # noqa: F401 - the fixture, shared


def test_a_refused_imap_login_is_said_once_tried_hourly_and_a_new_password_is_taken(
        office: Office, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    office.account.append("INBOX", _report("thhimlam@school.test", "Trường Tiểu học Him Lam", when), date=when)
    secret = office.config.parent / "secrets" / "imap"
    secret.write_text("the-revoked-app-password")
    assert office.poll("2024-11-15T08:00") == 1
    err = capsys.readouterr().err
    assert err.count("tries again every hour") == 1 and "IMAP login to 127.0.0.1" in err
    assert office.poll("2024-11-15T08:30") == 1
    err = capsys.readouterr().err
    assert "next try at 09:00" in err and "tries again every hour" not in err
    secret.write_text(office.account.password)
    assert office.poll("2024-11-15T09:01") == 0
    assert "IMAP login works again" in capsys.readouterr().err
    assert [m.rcpt_tos for m in office.smtp.messages] == [("thhimlam@school.test",)]
    assert office.poll("2024-11-15T09:10") == 0
    assert "works again" not in capsys.readouterr().err


def test_a_refused_smtp_login_says_so_once_and_when_it_works_again(
        office: Office, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    office.account.append("INBOX", _report("thhimlam@school.test", "Trường Tiểu học Him Lam", when), date=when)
    office.smtp.fail_next("auth", "535 5.7.8 Username and Password not accepted", times=2)
    said = []
    for now in ("2024-11-15T08:00", "2024-11-15T09:01", "2024-11-15T10:02"):
        assert office.poll(now) == 0
        said.append([line for line in capsys.readouterr().err.splitlines() if "login" in line])
    assert len(said[0]) == 2 and "tries again every hour" in said[0][0]  # the log line, and poll's own summary
    assert not any("tries again every hour" in line for line in said[1])  # refused again an hour later: no repeat
    assert "WARNING SMTP login works again" in said[2]
    assert len(office.smtp.messages) == 1
