"""Reading raw mail as schools and machines really send it."""

from __future__ import annotations

import datetime as dt
import unicodedata

from daemon.mail.inbound import read_inbound
from tests.mails import cp1258

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def mail(headers: str, body: str = "Kính gửi Phòng.") -> bytes:
    return (headers.strip().replace("\n", "\r\n") + "\r\n\r\n" + body).encode("utf-8")


def multipart(headers: str, parts: list[str]) -> bytes:
    boundary = "b0undary"
    text = headers.strip() + f'\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="{boundary}"\n\n'
    for part in parts:
        text += f"--{boundary}\n{part.strip()}\n"
    return (text + f"--{boundary}--\n").replace("\n", "\r\n").encode("utf-8")


def test_rfc2047_sender_and_subject_are_decoded_and_nfc() -> None:
    raw = mail("From: =?UTF-8?B?VHLGsOG7nW5nIFRIIEhpbSBMYW0=?= <THHimLam@School.VN>\n"
               "Subject: =?UTF-8?Q?B=C3=A1o_c=C3=A1o_QCN?=\nMessage-ID: <a@b>\nDate: Thu, 14 Nov 2024 16:59:00 +0000")
    inbound = read_inbound(raw)
    assert (inbound.sender, inbound.sender_name, inbound.subject) == ("thhimlam@school.vn", "Trường TH Him Lam",
                                                                      "Báo cáo QCN")
    assert inbound.date == dt.datetime(2024, 11, 14, 16, 59, tzinfo=dt.UTC)


def test_filenames_rfc2231_gmail_2047_raw_utf8_and_nfd_all_decode_to_nfc() -> None:
    name = "Báo cáo Trường THCS Nguyễn Trãi.docx"
    nfd = unicodedata.normalize("NFD", name)
    parts = [
        f"Content-Type: {DOCX}\nContent-Disposition: attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20Tr%C6%B0%E1%BB%9Dng%20THCS%20Nguy%E1%BB%85n%20Tr%C3%A3i.docx\nContent-Transfer-Encoding: base64\n\nUEsD",
        f'Content-Type: {DOCX}\nContent-Disposition: attachment; filename="=?UTF-8?B?QsOhbyBjw6FvIFRyxrDhu51uZyBUSENTIE5ndXnhu4VuIFRyw6NpLmRvY3g=?="\nContent-Transfer-Encoding: base64\n\nUEsD',
        f'Content-Type: application/octet-stream\nContent-Disposition: attachment; filename="{name}"\nContent-Transfer-Encoding: base64\n\nUEsD',
        f'Content-Type: application/octet-stream; name="{nfd}"\nContent-Transfer-Encoding: base64\n\nUEsD',
    ]
    inbound = read_inbound(multipart("From: a@b.vn\nSubject: x", parts))
    assert [a.filename for a in inbound.attachments] == [name] * 4


def test_windows_1258_body_is_decoded_and_composed() -> None:
    body = cp1258("Kính gửi Phòng, trường gửi báo cáo.")
    raw = b"From: a@b.vn\r\nSubject: x\r\nContent-Type: text/plain; charset=windows-1258\r\n\r\n" + body
    assert "Kính gửi Phòng" in read_inbound(raw).body


def test_files_inside_a_forwarded_message_count() -> None:
    inner = f"From: school@x.vn\nSubject: inner\nMIME-Version: 1.0\nContent-Type: {DOCX}; name=bc.docx\nContent-Disposition: attachment; filename=bc.docx\nContent-Transfer-Encoding: base64\n\nUEsD"
    raw = multipart("From: a@b.vn\nSubject: Fwd: báo cáo", ["Content-Type: text/plain\n\nchuyển tiếp",
                                                           f"Content-Type: message/rfc822\n\n{inner}"])
    assert [a.filename for a in read_inbound(raw).attachments] == ["bc.docx"]


def test_machine_mail_is_recognised() -> None:
    cases = {
        "Auto-Submitted: auto-replied": "auto_reply", "X-Autoreply: yes": "auto_reply", "Precedence: bulk": "auto_reply",
        "List-Id: <x.list>": "list", "Return-Path: <>": "auto_reply", "X-Failed-Recipients: a@x.vn": "bounce",
    }
    for header, kind in cases.items():
        inbound = read_inbound(mail(f"From: a@b.vn\nSubject: x\n{header}"))
        assert inbound.auto and inbound.auto[0] == kind, header
    assert read_inbound(mail("From: MAILER-DAEMON@x.vn\nSubject: failure")).auto[0] == "bounce"  # type: ignore[index]
    assert read_inbound(mail("From: a@b.vn\nSubject: Trả lời tự động: đi vắng")).auto is not None
    assert read_inbound(mail("From: a@b.vn\nSubject: Báo cáo\nAuto-Submitted: no")).auto is None


def test_a_dsn_names_the_failed_recipient() -> None:
    raw = (b"From: mailer-daemon@x.vn\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n'
           b"--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n"
           b"Reporting-MTA: dns; x.vn\r\n\r\nFinal-Recipient: rfc822; Old@School.vn\r\nAction: failed\r\n"
           b"Status: 5.1.1\r\n--r--\r\n")
    inbound = read_inbound(raw)
    assert inbound.auto and inbound.auto[0] == "bounce"
    assert inbound.bounced_recipients == ("old@school.vn",)


def test_garbage_headers_do_not_raise() -> None:
    inbound = read_inbound(b"From: \xff\xfe<<>>\r\nDate: not a date\r\nSubject: =?bogus?Q?x?=\r\n\r\n\x00\x01")
    assert inbound.date is None and inbound.attachments == ()


def test_a_mail_cut_inside_a_mime_parameter_is_still_read() -> None:
    # CPython's modern parser raised IndexError on this while splitting the mail (msg_29 of its own test data,
    # cut in half); the mail must be read
    raw = mail("From: =?UTF-8?B?VHLGsOG7nW5nIFRIIEhpbSBMYW0=?= <a@b.vn>\nSubject: x\nMIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=us-ascii;\n     title*0*=\"us-ascii'en'This%20is%20\";\n     title*1*",
               "")
    inbound = read_inbound(raw)
    assert (inbound.sender, inbound.sender_name, inbound.attachments) == ("a@b.vn", "Trường TH Him Lam", ())


def test_raw_utf8_headers_are_read_as_utf8() -> None:
    inbound = read_inbound(mail("From: Trường TH Him Lam <a@b.vn>\nSubject: Báo cáo quyền con người"))
    assert (inbound.sender_name, inbound.subject) == ("Trường TH Him Lam", "Báo cáo quyền con người")


def test_drive_links_are_found() -> None:
    inbound = read_inbound(mail("From: a@b.vn\nSubject: x", "xem https://drive.google.com/file/d/1/view nhé"))
    assert inbound.drive_links == ("https://drive.google.com/file/d/1/view",)



def test_the_envelope_reads_the_same_headers_without_the_body() -> None:
    from daemon.mail.inbound import read_envelope

    raw = mail("From: =?UTF-8?B?VHLGsOG7nW5nIFRIIEhpbSBMYW0=?= <THHimLam@School.VN>\nSubject: =?UTF-8?Q?B=C3=A1o_c=C3=A1o?=\n"
               "Message-ID: <a@b>\nDate: Thu, 14 Nov 2024 16:59:00 +0000\n"
               "Received: from x by mx.google.com; Thu, 14 Nov 2024 17:00:05 +0000")
    envelope, full = read_envelope(raw), read_inbound(raw)
    assert (envelope.sender, envelope.sender_name, envelope.subject, envelope.message_id, envelope.date,
            envelope.arrived) == (full.sender, full.sender_name, full.subject, full.message_id, full.date, full.arrived)
    assert envelope.arrived == dt.datetime(2024, 11, 14, 17, 0, 5, tzinfo=dt.UTC)
