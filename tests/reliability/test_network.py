"""Network faults: a TCP proxy between baocao and Dovecot / SMTP drops, resets and stalls; SMTP says no.

baocao must retry what is retriable, stop on what is not, lose nothing, hang no longer than its timeouts, and
let the next clean poll finish everything with no receipt delivered twice.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.mails import ICT, report_docx, school_mail
from tests.reliability.harness import (
    BASE_NOW,
    Office,
    StallingProxy,
    check_ledger,
    make_office,
    on_smtp,
    report_mail,
    roster,
)

TIMEOUT = 2.0  # the config's IMAP and SMTP socket timeout
# a poll's own work on top of one (or two: the failed read, then LOGOUT/QUIT) timeouts: start, parse, send
MARGIN = 8.0
SCHOOLS = roster(3)
# what the server sends after RCPT until the client starts the message body
REPLY_354 = len(b"250 OK\r\n") + len(b"354 End data with <CR><LF>.<CR><LF>\r\n")


@dataclass
class Net:
    office: Office
    account: Any
    smtp: Any
    imap_proxy: StallingProxy
    smtp_proxy: StallingProxy

    def deliver(self, *schools: int, large: bool = False) -> None:
        for i in schools:
            when = dt.datetime(2024, 11, 10, 9, i, tzinfo=ICT)
            raw = report_mail(SCHOOLS[i], when, report_docx(SCHOOLS[i]["name"]))
            if large:  # a phone video next to the report: a FETCH literal of ~4 MB
                raw = school_mail(SCHOOLS[i]["emails"][0], "Báo cáo quyền con người kèm video", when,
                                  files=[("bao-cao.docx", report_docx(SCHOOLS[i]["name"])),
                                         ("video.mp4", os.urandom(3 * 1024 * 1024))])
            self.account.append("INBOX", raw, date=when)

    def poll(self, minutes: int = 0) -> tuple[int, str]:
        code, err, seconds = self.office.poll(BASE_NOW + dt.timedelta(minutes=minutes), timeout=60)
        assert seconds < TIMEOUT * 2 + MARGIN, f"poll took {seconds:.1f}s\n{err}"
        return code, err

    def outbox(self) -> list[tuple[Any, ...]]:
        return self.office.rows("SELECT status, attempts, last_error FROM outbox ORDER BY id")

    def events(self, stage: str) -> list[str]:
        return [reply for s, reply in self.smtp.events if s == stage]


@pytest.fixture
def net(tmp_path: Path, imap_account: Any, make_smtp_server: Any) -> Iterator[Net]:
    smtp = make_smtp_server(sent_copy_to=(imap_account, "Sent"))
    proxies = [StallingProxy(imap_account.port), StallingProxy(smtp.port)]
    for proxy in proxies:
        proxy.start()
    office = make_office(tmp_path, imap_port=proxies[0].port, account=imap_account, smtp_port=proxies[1].port,
                         smtp=smtp, schools=SCHOOLS, timeout=TIMEOUT)
    yield Net(office, imap_account, smtp, *proxies)
    for proxy in proxies:
        proxy.stop()


# IMAP --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["drop", "reset", "stall"])
def test_a_fetch_cut_midway_records_nothing_partial_and_the_next_poll_gets_it(net: Net, fault: str) -> None:
    net.deliver(0)
    net.deliver(1, large=True)
    {"drop": net.imap_proxy.drop, "reset": net.imap_proxy.reset,
     "stall": net.imap_proxy.stall_after}[fault](1_000_000)  # inside the large message's literal
    code, err = net.poll()
    assert code == 1 and "baocao: mailbox: IMAP 127.0.0.1" in err, err
    assert net.office.rows("SELECT sender FROM messages") == [("th001@school.test",)]
    assert [r[0] for r in net.outbox()] == ["sent"]  # what was recorded is still answered
    net.imap_proxy.pass_through()
    assert net.poll(1)[0] == 0
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 2


def test_imap_down_exits_1_with_one_line_and_the_next_poll_catches_up(net: Net) -> None:
    net.deliver(0)
    net.imap_proxy.refuse()
    code, err = net.poll()
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("baocao:")] == [
        f"baocao: mailbox: cannot connect to IMAP 127.0.0.1:{net.imap_proxy.port} (none): "
        "[Errno 111] Connection refused"], err
    assert "Traceback" not in err and net.office.rows("SELECT * FROM messages") == []
    net.imap_proxy.pass_through()
    net.smtp_proxy.refuse()  # now SMTP is down: the receipt waits, queued
    assert net.poll(1)[0] == 0
    assert net.outbox()[0][0] == "pending" and "cannot connect to SMTP" in net.outbox()[0][2]
    net.smtp_proxy.pass_through()
    assert net.poll(10)[0] == 0
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 1


# SMTP through the proxy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["drop", "reset"])
def test_a_send_cut_after_354_is_resent_once_after_the_grace(net: Net, fault: str) -> None:
    """GIVEN the connection dies while the body goes out, the server keeps nothing; WHEN baocao cannot know
    that, THEN it waits for the Sent folder's word for SENT_GRACE, then resends exactly once."""
    net.deliver(0)
    cut = {"drop": net.smtp_proxy.drop, "reset": net.smtp_proxy.reset}[fault]
    on_smtp(net.smtp, "handle_RCPT", lambda: cut(REPLY_354))
    assert net.poll()[0] == 0
    assert net.smtp.messages == [] and net.events("rcpt") == ["250 OK"]
    assert net.outbox()[0][0] == "unknown"
    net.smtp_proxy.pass_through()
    assert net.poll(1)[0] == 0
    assert net.outbox()[0][0] == "unknown" and net.smtp.messages == []  # not in Sent yet: no blind resend
    assert net.poll(10)[0] == 0
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 1


def test_a_send_stalled_mid_data_times_out_and_the_late_delivery_is_not_repeated(net: Net) -> None:
    """GIVEN the network blackholes while the body goes out, WHEN the timeout fires, THEN the row is unknown;
    the held bytes reach the server once the network is back, and the Sent folder settles it: no resend."""
    net.deliver(0)
    on_smtp(net.smtp, "handle_RCPT", lambda: net.smtp_proxy.stall_after(REPLY_354))
    assert net.poll()[0] == 0
    assert net.smtp.messages == [] and net.outbox()[0][0] == "unknown"
    net.smtp_proxy.pass_through()
    net.smtp.wait_for(1)
    assert net.poll(1)[0] == 0
    assert net.outbox()[0][0] == "sent"
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 1


def test_a_send_stalled_before_the_250_is_settled_from_sent_without_a_resend(net: Net) -> None:
    net.deliver(0)
    on_smtp(net.smtp, "handle_DATA", net.smtp_proxy.stall)  # the server stores; its 250 never arrives
    assert net.poll()[0] == 0
    assert len(net.smtp.messages) == 1 and net.outbox()[0][0] == "unknown"
    net.smtp_proxy.pass_through()
    assert net.poll(1)[0] == 0
    assert net.outbox()[0][0] == "sent"
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 1


# SMTP replies ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("stage", "reply"), [
    ("mail", "421 4.3.0 Temporary System Problem. Try again later"),
    ("rcpt", "451 4.7.1 Greylisted, please try again later"),
    ("rcpt", "421 4.7.0 Too many connections"),
    ("data", "451 4.3.0 Mail server temporarily rejected message"),
])
def test_a_temporary_reply_is_retried_after_a_backoff(net: Net, stage: str, reply: str) -> None:
    net.deliver(0, 1)
    net.smtp.fail_next(stage, reply)
    assert net.poll()[0] == 0
    assert net.outbox()[0][:2] == ("pending", 1) and reply[:3] in net.outbox()[0][2]
    assert net.outbox()[1][0] == "sent"  # the next row goes on
    assert net.poll(10)[0] == 0
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 2


def test_a_refused_login_stops_sending_without_a_retry_loop(net: Net) -> None:
    net.deliver(0, 1)
    net.smtp.fail_next("auth", "535 5.7.8 Username and Password not accepted")  # this connection's login
    code, err = net.poll()
    assert code == 0 and "SMTP login to 127.0.0.1" in err, err
    assert len(net.events("connect")) == 1 and [r[0] for r in net.outbox()] == ["pending", "pending"]
    assert net.poll(30)[0] == 0
    assert len(net.events("connect")) == 1  # one login an hour, not one per poll or per message
    assert net.poll(61)[0] == 0  # the password works again
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 2


@pytest.mark.parametrize("stage", ["mail", "rcpt", "data"])
def test_a_quota_reply_pauses_sending_and_loses_nothing(net: Net, stage: str) -> None:
    net.deliver(0, 1)
    net.smtp.fail_next(stage, "550 5.4.5 Daily user sending quota exceeded")
    code, err = net.poll()
    assert code == 0 and "5.4.5" in err, err
    assert [r[0] for r in net.outbox()] == ["pending", "pending"] and net.smtp.messages == []
    tried = len(net.smtp.events)
    assert net.poll(60)[0] == 0
    assert len(net.smtp.events) == tried  # paused: not even a connection
    assert net.poll(4 * 60)[0] == 0
    assert check_ledger(net.office, net.account, net.smtp)["receipts"] == 2
