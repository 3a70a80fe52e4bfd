"""The test servers themselves, driven with plain imap_tools / smtplib / sockets."""

from __future__ import annotations

import datetime
import smtplib
import socket
import ssl
from email.message import EmailMessage

import pytest
from imap_tools import AND, H, MailBox, MailboxLoginError, MailBoxStartTls, MailBoxUnencrypted

from tests.servers.certs import Cert
from tests.servers.dovecot import DovecotServer, ImapAccount
from tests.servers.smtp import SmtpServer

TIMEOUT = 5


def make_mail(subject: str = "Bao cao thang 5", message_id: str = "<m1@school.test>") -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "school@school.test"
    mail["To"] = "office@baocao.test"
    mail["Subject"] = subject
    mail["Message-ID"] = message_id
    mail.set_content("Kính gửi phòng giáo dục\n")
    return mail


def raw_mail(subject: str = "Bao cao", message_id: str = "<m1@school.test>") -> bytes:
    return make_mail(subject, message_id).as_bytes().replace(b"\n", b"\r\n")


def smtp_login(server: SmtpServer) -> smtplib.SMTP:
    client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    client.login(server.user, server.password)
    return client


# Dovecot


def test_login_plain(imap_account: ImapAccount) -> None:
    with MailBoxUnencrypted(imap_account.host, imap_account.port, timeout=TIMEOUT).login(
        imap_account.user, imap_account.password
    ) as mailbox:
        assert mailbox.folder.get() == "INBOX"


def test_login_starttls_verifies_cert(imap_account: ImapAccount) -> None:
    with MailBoxStartTls(
        imap_account.host, imap_account.port, timeout=TIMEOUT, ssl_context=imap_account.ssl_context()
    ).login(imap_account.user, imap_account.password) as mailbox:
        assert mailbox.client.sock.version() is not None


def test_login_ssl_verifies_cert(imap_account: ImapAccount) -> None:
    context = ssl.create_default_context(cafile=str(imap_account.ca_file))
    with MailBox(imap_account.host, imap_account.ssl_port, timeout=TIMEOUT, ssl_context=context).login(
        imap_account.user, imap_account.password
    ) as mailbox:
        assert mailbox.folder.exists("Sent")


def test_ssl_without_ca_file_fails_verification(imap_account: ImapAccount) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        MailBox(
            imap_account.host,
            imap_account.ssl_port,
            timeout=TIMEOUT,
            ssl_context=ssl.create_default_context(),
        )


def test_wrong_password_is_rejected(imap_account: ImapAccount) -> None:
    mailbox = MailBoxUnencrypted(imap_account.host, imap_account.port, timeout=TIMEOUT)
    with pytest.raises(MailboxLoginError):
        mailbox.login(imap_account.user, "wrong")
    mailbox.client.shutdown()


def test_fetch_without_mark_seen_leaves_no_seen_flag(imap_account: ImapAccount) -> None:
    uid = imap_account.append("INBOX", raw_mail())
    with MailBoxUnencrypted(imap_account.host, imap_account.port, timeout=TIMEOUT).login(
        imap_account.user, imap_account.password
    ) as mailbox:
        [message] = mailbox.fetch(mark_seen=False)
        assert message.subject == "Bao cao"
        assert imap_account.flags() == {uid: set()}
        list(mailbox.fetch(mark_seen=True))
    assert imap_account.flags() == {uid: {"\\Seen"}}


def test_append_keeps_flags_and_date(imap_account: ImapAccount) -> None:
    when = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    uid = imap_account.append("Junk", raw_mail(), flags=("\\Flagged", "$Processed"), date=when)
    assert imap_account.flags("Junk") == {uid: {"\\Flagged", "$Processed"}}
    with MailBoxUnencrypted(imap_account.host, imap_account.port, timeout=TIMEOUT).login(
        imap_account.user, imap_account.password, "Junk"
    ) as mailbox:
        _, data = mailbox.client.uid("FETCH", str(uid), "(INTERNALDATE)")
    assert b'INTERNALDATE "06-May-2024' in data[0]


def test_uids_count_and_create_folder(imap_account: ImapAccount) -> None:
    imap_account.create_folder("Reports/2024")
    uids = [imap_account.append("Reports/2024", raw_mail(f"r{i}")) for i in range(3)]
    assert imap_account.uids("Reports/2024") == uids == [1, 2, 3]
    assert imap_account.count("Reports/2024") == 3
    assert imap_account.count() == 0


def test_reset_uidvalidity_keeps_messages_under_new_uids(imap_account: ImapAccount) -> None:
    for i in range(3):
        imap_account.append("INBOX", raw_mail(f"m{i}"))
    old = imap_account.uidvalidity()
    new = imap_account.reset_uidvalidity()
    assert new > old
    assert imap_account.uidvalidity() == new
    assert imap_account.uids() == [1, 2, 3]
    assert imap_account.append("INBOX", raw_mail("after")) == 4


def test_reset_uidvalidity_empty_folder_reuses_uid_1(imap_account: ImapAccount) -> None:
    imap_account.append("INBOX", raw_mail("old"))
    imap_account.reset_uidvalidity(keep=False)
    assert imap_account.count() == 0
    assert imap_account.append("INBOX", raw_mail("new")) == 1
    [raw] = imap_account.messages().values()
    assert b"Subject: new" in raw


def test_special_use_folders(imap_account: ImapAccount) -> None:
    with MailBoxUnencrypted(imap_account.host, imap_account.port, timeout=TIMEOUT).login(
        imap_account.user, imap_account.password
    ) as mailbox:
        flags = {folder.name: folder.flags for folder in mailbox.folder.list()}
    assert "\\Junk" in flags["Junk"]
    assert "\\Sent" in flags["Sent"]
    assert "\\Trash" in flags["Trash"]


def test_each_test_gets_its_own_user(dovecot: DovecotServer, imap_account: ImapAccount) -> None:
    other = dovecot.add_user("other")
    imap_account.append("INBOX", raw_mail())
    assert other.user != imap_account.user
    assert (imap_account.count(), other.count()) == (1, 0)
    mailbox = MailBoxUnencrypted(other.host, other.port, timeout=TIMEOUT)
    with pytest.raises(MailboxLoginError):
        mailbox.login(other.user, imap_account.password)
    mailbox.client.shutdown()


# SMTP


def test_smtp_records_message(smtp_server: SmtpServer) -> None:
    with smtp_login(smtp_server) as client:
        client.send_message(make_mail(), to_addrs=["school@school.test", "cc@school.test"])
    [received] = smtp_server.messages
    assert received.mail_from == "school@school.test"
    assert received.rcpt_tos == ("school@school.test", "cc@school.test")
    assert received.login == smtp_server.user
    assert received.message["Subject"] == "Bao cao thang 5"
    assert received.message.get_content() == "Kính gửi phòng giáo dục\n"


def test_smtp_starttls_verifies_cert(smtp_server: SmtpServer, tls_cert: Cert) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=TIMEOUT) as client:
        client.starttls(context=tls_cert.client_context())
        client.login(smtp_server.user, smtp_server.password)
        client.send_message(make_mail())
    assert len(smtp_server.messages) == 1


def test_smtp_requires_auth(smtp_server: SmtpServer) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=TIMEOUT) as client:
        with pytest.raises(smtplib.SMTPSenderRefused) as error:
            client.send_message(make_mail())
    assert error.value.smtp_code == 530
    assert smtp_server.messages == []


def test_smtp_wrong_password_is_535(smtp_server: SmtpServer) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=TIMEOUT) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError) as error:
            client.login(smtp_server.user, "wrong")
    assert error.value.smtp_code == 535


def test_smtp_scripted_auth_failure_then_success(smtp_server: SmtpServer) -> None:
    smtp_server.fail_next("auth", "534 5.7.9 Application-specific password required")
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=TIMEOUT) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError) as error:
            client.login(smtp_server.user, smtp_server.password)
    assert error.value.smtp_code == 534
    smtp_login(smtp_server).quit()


def test_smtp_scripted_451_at_data_then_success(smtp_server: SmtpServer) -> None:
    smtp_server.fail_next("data", "451 4.3.0 Mail server temporarily rejected message")
    with smtp_login(smtp_server) as client:
        with pytest.raises(smtplib.SMTPDataError) as error:
            client.send_message(make_mail())
        client.send_message(make_mail())
    assert error.value.smtp_code == 451
    assert len(smtp_server.messages) == 1
    assert [reply for stage, reply in smtp_server.events if stage == "data"] == [
        "451 4.3.0 Mail server temporarily rejected message",
        "250 OK",
    ]


def test_smtp_421_at_connect(smtp_server: SmtpServer) -> None:
    smtp_server.fail_next("connect", "421 4.7.0 Try again later, closing connection")
    with pytest.raises(smtplib.SMTPConnectError) as error:
        smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=TIMEOUT)
    assert error.value.smtp_code == 421
    smtp_login(smtp_server).quit()


def test_smtp_421_at_mail_closes_the_connection(smtp_server: SmtpServer) -> None:
    smtp_server.fail_next("mail", "421 4.7.0 Try again later, closing connection")
    client = smtp_login(smtp_server)
    with pytest.raises(smtplib.SMTPSenderRefused) as error:
        client.send_message(make_mail())
    assert error.value.smtp_code == 421
    with pytest.raises(smtplib.SMTPServerDisconnected):
        client.noop()
    client.close()


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_smtp_quota_exceeded(smtp_server: SmtpServer, stage: str) -> None:
    smtp_server.fail_next(stage, "550 5.4.5 Daily user sending quota exceeded", times=2)
    expected = smtplib.SMTPRecipientsRefused if stage == "rcpt" else smtplib.SMTPDataError
    with smtp_login(smtp_server) as client:
        for _ in range(2):
            with pytest.raises(expected):
                client.send_message(make_mail())
        client.send_message(make_mail())
    assert len(smtp_server.messages) == 1


def test_smtp_abort_after_store(smtp_server: SmtpServer) -> None:
    smtp_server.abort_next()
    client = smtp_login(smtp_server)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        client.send_message(make_mail())
    client.close()
    assert [m.message["Message-ID"] for m in smtp_server.messages] == ["<m1@school.test>"]


def test_smtp_abort_without_store(smtp_server: SmtpServer) -> None:
    smtp_server.abort_next(store=False)
    client = smtp_login(smtp_server)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        client.send_message(make_mail())
    client.close()
    assert smtp_server.messages == []


def test_smtp_sent_copy_lands_in_sent(make_smtp_server, imap_account: ImapAccount) -> None:
    server = make_smtp_server(sent_copy_to=(imap_account, "Sent"))
    with smtp_login(server) as client:
        client.send_message(make_mail(message_id="<r1@baocao.test>"))
        server.abort_next()
        with pytest.raises(smtplib.SMTPServerDisconnected):
            client.send_message(make_mail(message_id="<r2@baocao.test>"))
    with MailBoxUnencrypted(imap_account.host, imap_account.port, timeout=TIMEOUT).login(
        imap_account.user, imap_account.password, "Sent"
    ) as mailbox:
        found = [
            m.headers["message-id"]
            for m in mailbox.fetch(
                AND(header=H("Message-ID", "<r2@baocao.test>")), mark_seen=False, headers_only=True
            )
        ]
    assert found == [("<r2@baocao.test>",)]
    assert imap_account.count("Sent") == 2


# Fault proxy


def read_greeting(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\r\n"):
        data += sock.recv(1024)
    return data


def test_proxy_passes_imap(fault_proxy, imap_account: ImapAccount) -> None:
    proxy = fault_proxy(imap_account.port)
    with MailBoxUnencrypted(proxy.host, proxy.port, timeout=TIMEOUT).login(
        imap_account.user, imap_account.password
    ) as mailbox:
        assert mailbox.folder.exists("Junk")
    assert proxy.connections == 1


def test_proxy_drop_after_bytes(fault_proxy, dovecot: DovecotServer) -> None:
    proxy = fault_proxy(dovecot.port)
    with socket.create_connection((proxy.host, proxy.port), timeout=TIMEOUT) as sock:
        assert read_greeting(sock).startswith(b"* OK")
        proxy.drop(after_bytes=10)
        sock.sendall(b"a CAPABILITY\r\n")
        received = b""
        while chunk := sock.recv(1024):
            received += chunk
    assert len(received) == 10


def test_proxy_reset(fault_proxy, dovecot: DovecotServer) -> None:
    proxy = fault_proxy(dovecot.port)
    with socket.create_connection((proxy.host, proxy.port), timeout=TIMEOUT) as sock:
        read_greeting(sock)
        proxy.reset()
        with pytest.raises(ConnectionResetError):
            sock.recv(1024)


def test_proxy_stall_hits_client_timeout(fault_proxy, imap_account: ImapAccount) -> None:
    proxy = fault_proxy(imap_account.port)
    mailbox = MailBoxUnencrypted(proxy.host, proxy.port, timeout=0.3).login(
        imap_account.user, imap_account.password
    )
    proxy.stall()
    with pytest.raises(TimeoutError):
        mailbox.client.noop()
    mailbox.client.shutdown()
    proxy.pass_through()
    with MailBoxUnencrypted(proxy.host, proxy.port, timeout=TIMEOUT).login(
        imap_account.user, imap_account.password
    ) as mailbox:
        assert mailbox.folder.get() == "INBOX"


def test_proxy_refuse_then_accept(fault_proxy, dovecot: DovecotServer) -> None:
    proxy = fault_proxy(dovecot.port)
    proxy.refuse()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((proxy.host, proxy.port), timeout=TIMEOUT)
    proxy.pass_through()
    with socket.create_connection((proxy.host, proxy.port), timeout=TIMEOUT) as sock:
        assert read_greeting(sock).startswith(b"* OK")
