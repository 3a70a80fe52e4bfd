"""IMAP IDLE against a real Dovecot: a report APPENDed is answered within seconds though the poll is hourly, and mail
that comes while the IDLE connection is down is answered once it is back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.mails import SCHOOLS, write_config
from tests.test_run import Systemd, a_report, start, stop


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[Systemd]:
    monitor = Systemd(tmp_path / "notify.sock")
    yield monitor
    monitor.close()


# generous: IDLE answers in well under a second; a busy CI machine parses and sends the receipt in a few
RECEIPT_WITHIN_S = 20.0


def idle_config(tmp_path: Path, imap_port: int, account: Any, smtp: Any, **imap: Any) -> Path:
    secrets = tmp_path / "secrets"
    secrets.mkdir(mode=0o700, exist_ok=True)
    for name, value in (("imap", account.password), ("smtp", smtp.password)):
        (secrets / name).write_text(value)
        (secrets / name).chmod(0o600)
    return write_config(
        tmp_path, schools=SCHOOLS, extra="poll_minutes: 60\n",  # only IDLE can explain a receipt within seconds
        mailbox={"imap": {"host": "127.0.0.1", "port": imap_port, "security": "none", "username": account.user,
                          "password_file": str(secrets / "imap"), "timeout": 10, "idle_renew_seconds": 2,
                          "idle_retry_seconds": 1, **imap}},
        outgoing={"smtp": {"host": "127.0.0.1", "port": smtp.port, "security": "none", "username": smtp.user,
                           "password_file": str(secrets / "smtp"), "timeout": 10}})


def settle(systemd: Systemd) -> None:
    """READY, the first poll done, and a moment for IDLE to begin (and be renewed at least once)."""
    systemd.wait_for("READY=1")
    systemd.wait_for("STATUS=idle, next poll")
    time.sleep(4)


def test_idle_answers_new_mail_within_seconds(tmp_path: Path, imap_account: Any, make_smtp_server: Any,
                                              systemd: Systemd) -> None:
    smtp = make_smtp_server()
    child = start(idle_config(tmp_path, imap_account.port, imap_account, smtp), systemd)
    try:
        settle(systemd)
        assert smtp.messages == []
        a_report(imap_account)
        (receipt,) = smtp.wait_for(1, timeout=RECEIPT_WITHIN_S)
    finally:
        err = stop(child)
    assert child.returncode == 0, err
    assert receipt.rcpt_tos == ("thhimlam@school.test",)


def test_idle_off_leaves_new_mail_to_the_poll(tmp_path: Path, imap_account: Any, make_smtp_server: Any,
                                              systemd: Systemd) -> None:
    smtp = make_smtp_server()
    child = start(idle_config(tmp_path, imap_account.port, imap_account, smtp, idle=False), systemd)
    try:
        settle(systemd)
        a_report(imap_account)
        time.sleep(6)
    finally:
        err = stop(child)
    assert child.returncode == 0, err
    assert smtp.messages == []  # the hourly poll has not come round


def test_mail_that_came_while_idle_was_down_is_answered_when_it_is_back(
        tmp_path: Path, imap_account: Any, make_smtp_server: Any, fault_proxy: Any, systemd: Systemd) -> None:
    smtp = make_smtp_server()
    proxy = fault_proxy(imap_account.port)
    child = start(idle_config(tmp_path, proxy.port, imap_account, smtp), systemd)
    try:
        settle(systemd)
        proxy.drop()  # every connection closed, and each new one at once: the server is unreachable
        time.sleep(1.5)
        a_report(imap_account)  # delivered while the daemon cannot see the box
        time.sleep(2)
        assert smtp.messages == []
        proxy.pass_through()
        (receipt,) = smtp.wait_for(1, timeout=RECEIPT_WITHIN_S)
    finally:
        err = stop(child)
    assert child.returncode == 0, err
    assert receipt.rcpt_tos == ("thhimlam@school.test",)
    assert "IMAP IDLE:" in err and "reconnecting in" in err
