"""End to end against a real Dovecot and a real SMTP server: school mail in, receipts out."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.main import main
from daemon.config.load import load_config
from daemon.context import exclusive
from state.store import Store
from tests.mails import ICT, SCHOOLS, report_docx, school_mail, write_config


@dataclass
class Office:
    account: Any
    smtp: Any
    config: Path

    def poll(self, now: str = "2024-11-15T08:00") -> int:
        return main(["-c", str(self.config), "--now", now, "poll"])

    def status(self, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
        capsys.readouterr()
        assert main(["-c", str(self.config), "--now", "2024-11-15T08:00", "status", "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    def store(self) -> Store:
        return Store(load_config(self.config).state_dir / "baocao.db")


@pytest.fixture
def office(tmp_path: Path, imap_account: Any, make_smtp_server: Any) -> Office:
    smtp = make_smtp_server(sent_copy_to=(imap_account, "Sent"))
    secrets = tmp_path / "secrets"
    secrets.mkdir(mode=0o700)
    (secrets / "imap").write_text(imap_account.password)
    (secrets / "smtp").write_text(smtp.password)
    for f in secrets.iterdir():
        f.chmod(0o600)
    config = write_config(
        tmp_path,
        mailbox={"imap": {"host": "127.0.0.1", "port": imap_account.port, "security": "none",
                          "username": imap_account.user, "password_file": str(secrets / "imap"), "timeout": 10}},
        outgoing={"smtp": {"host": "127.0.0.1", "port": smtp.port, "security": "none", "username": smtp.user,
                           "password_file": str(secrets / "smtp"), "timeout": 10}},
        schools=SCHOOLS,
    )
    return Office(imap_account, smtp, config)


def _report(sender: str, school: str, when: dt.datetime, **kw: Any) -> bytes:
    return school_mail(sender, f"Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024 - {school}",
                       when, files=[(f"Báo cáo QCN 2024 - {school}.docx", report_docx(school))], **kw)


def test_receipt_to_the_school_once_and_the_mailbox_is_left_unread(office: Office) -> None:
    raw = _report("Trường TH Him Lam <thhimlam@school.test>", "Trường Tiểu học Him Lam",
                  dt.datetime(2024, 11, 10, 8, 12, tzinfo=ICT), message_id="<bc-him-lam@school.test>")
    office.account.append("INBOX", raw, date=dt.datetime(2024, 11, 10, 8, 12, tzinfo=ICT))
    assert office.poll() == 0
    assert office.poll() == 0
    assert len(office.smtp.messages) == 1
    sent = office.smtp.messages[0]
    assert sent.rcpt_tos == ("thhimlam@school.test",)
    assert sent.message["In-Reply-To"] == "<bc-him-lam@school.test>"
    assert sent.message["Auto-Submitted"] == "auto-replied"
    # the school's own subject after "Re:", so that its mail client threads our receipt under its mail
    assert sent.message["Subject"] == ("Re: Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"
                                       " - Trường Tiểu học Him Lam")
    text = sent.message.get_body(("plain",)).get_content()
    assert "đúng hạn" in text and "Số buổi tuyên truyền về quyền con người: 5" in text
    assert all("\\Seen" not in flags for flags in office.account.flags("INBOX").values())


def test_machines_and_strangers_are_recorded_and_never_answered(office: Office, capsys: Any) -> None:
    when = dt.datetime(2024, 11, 12, 9, 0, tzinfo=ICT)
    mails = [
        school_mail("thhimlam@school.test", "Trả lời tự động: Báo cáo", when, headers={"Auto-Submitted": "auto-replied"}),
        school_mail("thhimlam@school.test", "Out of Office", when, headers={"X-Autoreply": "yes"}),
        school_mail("MAILER-DAEMON@mx.school.test", "Undelivered Mail Returned to Sender", when,
                    headers={"X-Failed-Recipients": "mnhoaban@school.test"}),
        school_mail("news@list.example", "Bản tin", when, headers={"List-Id": "<tin.list.example>"}),
        school_mail("mnhoaban@school.test", "Thông báo", when, headers={"Precedence": "bulk"}),
        school_mail("spam@shop.example", "Khuyến mãi", when, files=[("x.docx", report_docx("Công ty ABC"))]),
        school_mail("office@baocao.test", "Thư của Phòng", when),
    ]
    for raw in mails:
        office.account.append("INBOX", raw, date=when)
    assert office.poll() == 0
    assert [m.rcpt_tos for m in office.smtp.messages] == [("staff@baocao.test",)]  # only the staff's notice
    notice = office.smtp.messages[0].message.get_body(("plain",)).get_content()
    assert "R1." in notice and "spam@shop.example" in notice and "DUYỆT R12" in notice
    reasons = [u["reason"] for u in office.status(capsys)["unmatched"]]
    assert len(reasons) == 6  # the office's own mail is not listed
    assert reasons.count("thư tự động (trả lời vắng mặt, thư báo lỗi, thư hàng loạt)") == 5
    assert "không xác định được thư của trường nào" in reasons[-1]


def test_an_unregistered_address_is_a_claim_and_the_school_hears_only_once_staff_accept(
        office: Office, capsys: Any) -> None:
    when = dt.datetime(2024, 11, 11, 15, 0, tzinfo=ICT)
    raw = _report("Cô Lan <lan.thanhhoa@gmail.com>", "Trường Tiểu học Thanh Hoà", when)  # "Hoà" vs roster "Hòa"
    office.account.append("INBOX", raw, date=when)
    assert office.poll() == 0
    school = next(s for s in office.status(capsys)["schools"] if s["id"] == "th-thanh-hoa")
    assert school["status"] == "needs_review" and school["submitted_at"] is None
    assert school["problems"] == ["R1: gửi từ địa chỉ chưa đăng ký của trường"]
    assert [m.rcpt_tos for m in office.smtp.messages] == [("staff@baocao.test",)]  # the staff, not the school
    assert main(["-c", str(office.config), "--now", "2024-11-11T16:00", "review", "accept", "r1"]) == 0
    school = next(s for s in office.status(capsys)["schools"] if s["id"] == "th-thanh-hoa")
    assert school["status"] == "on_time" and school["submitted_at"].startswith("2024-11-11T15:00")
    assert [m.rcpt_tos for m in office.smtp.messages][-1] == ("ththanhhoa@school.test",)


def test_deadline_is_the_end_of_the_due_day_in_office_time(office: Office, capsys: Any) -> None:
    just_in = dt.datetime(2024, 11, 14, 16, 59, tzinfo=dt.UTC)  # 23:59 in Asia/Ho_Chi_Minh, Date header in UTC
    too_late = dt.datetime(2024, 11, 15, 0, 10, tzinfo=ICT)
    office.account.append("INBOX", _report("thhimlam@school.test", "Trường Tiểu học Him Lam", just_in), date=just_in)
    office.account.append("INBOX", _report("mnhoaban@school.test", "Trường Mầm non Hoa Ban", too_late), date=too_late)
    assert office.poll() == 0
    states = {s["id"]: s["status"] for s in office.status(capsys)["schools"]}
    assert states == {"th-him-lam": "on_time", "mn-hoa-ban": "late", "thcs-tran-can": "missing",
                      "th-thanh-hoa": "missing"}
    late = next(m for m in office.smtp.messages if m.rcpt_tos == ("mnhoaban@school.test",))
    assert "sau hạn" in late.message.get_body(("plain",)).get_content()


def test_same_message_twice_counts_once_and_a_later_report_supersedes(office: Office, capsys: Any) -> None:
    first = dt.datetime(2024, 11, 8, 9, 0, tzinfo=ICT)
    raw = _report("thhimlam@school.test", "Trường Tiểu học Him Lam", first, message_id="<same@school.test>")
    office.account.append("INBOX", raw, date=first)
    office.account.append("INBOX", raw.replace(b"Subject:", b"X-Resent: yes\r\nSubject:"), date=first)
    later = dt.datetime(2024, 11, 13, 9, 0, tzinfo=ICT)
    office.account.append("INBOX", school_mail(
        "thhimlam@school.test", "Báo cáo QCN (bản sửa)", later,
        files=[("BC sửa.docx", report_docx("Trường Tiểu học Him Lam", figures={"sessions": "07"}))]), date=later)
    assert office.poll() == 0
    school = next(s for s in office.status(capsys)["schools"] if s["id"] == "th-him-lam")
    assert school["files"] == ["BC sửa.docx"]
    store = office.store()
    kept = store.submissions("qcn-2024")
    assert len(kept) == 2 and kept[0]["superseded_by"] == kept[1]["id"]
    assert store.current_submissions("qcn-2024")["th-him-lam"]["metrics"]["sessions"] == 7
    assert len(office.smtp.messages) == 2


def test_a_drive_link_without_a_file_is_recorded_and_the_school_told(office: Office, capsys: Any) -> None:
    when = dt.datetime(2024, 11, 12, 10, 0, tzinfo=ICT)
    office.account.append("INBOX", school_mail(
        "thcstrancan@school.test", "Báo cáo quyền con người 2024", when,
        body="Báo cáo ở đây: https://drive.google.com/file/d/1AbC/view?usp=sharing"), date=when)
    assert office.poll() == 0
    notice, staff = office.smtp.messages
    assert (notice.rcpt_tos, staff.rcpt_tos) == (("thcstrancan@school.test",), ("staff@baocao.test",))
    assert "Google Drive" in notice.message.get_body(("plain",)).get_content()
    data = office.status(capsys)
    school = next(s for s in data["schools"] if s["id"] == "thcs-tran-can")
    assert school["status"] == "needs_review" and "liên kết" in school["problems"][0]
    assert data["unmatched"] == []


def test_phone_attachments_nfd_names_and_windows_1258_bodies(office: Office, capsys: Any) -> None:
    when = dt.datetime(2024, 11, 9, 20, 0, tzinfo=ICT)
    name = unicodedata.normalize("NFD", "Báo cáo Trường Mầm non Hoa Ban.docx")
    raw = school_mail("mnhoaban@school.test", "Gửi báo cáo", when, body="Kính gửi Phòng, trường gửi báo cáo.",
                      charset="windows-1258", content_type="application/octet-stream",
                      files=[(name, report_docx("Trường Mầm non Hoa Ban"))])
    office.account.append("INBOX", raw, date=when)
    assert office.poll() == 0
    school = next(s for s in office.status(capsys)["schools"] if s["id"] == "mn-hoa-ban")
    assert school["status"] == "on_time"
    assert school["files"] == [unicodedata.normalize("NFC", name)]


def test_uidvalidity_reset_loses_nothing_and_counts_nothing_twice(office: Office) -> None:
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    for sender, school in [("thhimlam@school.test", "Trường Tiểu học Him Lam"),
                           ("mnhoaban@school.test", "Trường Mầm non Hoa Ban")]:
        office.account.append("INBOX", _report(sender, school, when), date=when)
    assert office.poll() == 0
    before = office.account.uidvalidity("INBOX")
    office.account.reset_uidvalidity("INBOX", keep=True)
    assert office.account.uidvalidity("INBOX") != before
    office.account.append("INBOX", _report("thcstrancan@school.test", "Trường THCS Trần Can", when), date=when)
    assert office.poll() == 0
    assert sorted(m.rcpt_tos[0] for m in office.smtp.messages) == [
        "mnhoaban@school.test", "thcstrancan@school.test", "thhimlam@school.test"]
    assert office.store().count("submissions") == 3


def test_smtp_outage_is_retried_later_and_delivers_once(office: Office) -> None:
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    office.account.append("INBOX", _report("thhimlam@school.test", "Trường Tiểu học Him Lam", when), date=when)
    office.smtp.fail_next("mail", "421 4.3.0 Temporary System Problem. Try again later")
    assert office.poll("2024-11-15T08:00") == 0
    assert office.smtp.messages == []
    (row,) = office.store().outbox()
    assert row["status"] == "pending" and row["attempts"] == 1 and "421" in row["last_error"]
    assert office.poll("2024-11-15T08:00:30") == 0  # inside the backoff: nothing is tried
    assert office.smtp.messages == []
    assert office.poll("2024-11-15T08:05") == 0
    assert office.poll("2024-11-15T09:00") == 0
    assert len(office.smtp.messages) == 1


def test_refused_login_stops_sending_instead_of_retrying_in_a_loop(office: Office) -> None:
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    for sender, school in [("thhimlam@school.test", "Trường Tiểu học Him Lam"),
                           ("mnhoaban@school.test", "Trường Mầm non Hoa Ban")]:
        office.account.append("INBOX", _report(sender, school, when), date=when)
    office.smtp.fail_next("auth", "535 5.7.8 Username and Password not accepted", times=5)
    assert office.poll("2024-11-15T08:00") == 0
    tried = [e for e in office.smtp.events if e[0] == "auth"]
    assert tried and {reply for _, reply in tried} == {"535 5.7.8 Username and Password not accepted"}
    assert office.poll("2024-11-15T08:10") == 0
    assert office.poll("2024-11-15T08:50") == 0
    assert [e for e in office.smtp.events if e[0] == "auth"] == tried  # no new login within the hour
    assert {r["status"] for r in office.store().outbox()} == {"pending"}


def test_a_connection_lost_after_data_is_settled_from_sent_without_a_duplicate(office: Office) -> None:
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    office.account.append("INBOX", _report("thhimlam@school.test", "Trường Tiểu học Him Lam", when), date=when)
    office.smtp.abort_next(store=True)
    assert office.poll("2024-11-15T08:00") == 0
    (row,) = office.store().outbox()
    assert row["status"] == "unknown"
    assert office.poll("2024-11-15T08:30") == 0
    assert office.store().outbox()[0]["status"] == "sent"
    assert len(office.smtp.messages) == 1


def test_a_second_poll_waits_for_the_first(office: Office, capsys: Any) -> None:
    with exclusive(load_config(office.config).state_dir):
        assert office.poll() == 1
    assert "another baocao poll is running" in capsys.readouterr().err


def test_receipt_threading_and_headers_parse_as_a_mail_client_would(office: Office) -> None:
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    office.account.append("INBOX", _report("thhimlam@school.test", "Trường Tiểu học Him Lam", when,
                                           message_id="<x1@school.test>"), date=when)
    assert office.poll() == 0
    parsed = email.message_from_bytes(office.smtp.messages[0].raw, policy=email.policy.default)
    assert parsed["From"].addresses[0].addr_spec == "office@baocao.test"
    assert parsed["References"] == "<x1@school.test>"
    assert parsed.get_body(("html",)) is not None


def test_staff_decide_by_imap_reply_and_a_forged_one_is_only_reported(office: Office, capsys: Any) -> None:
    """GIVEN a stranger's report naming Him Lam, announced to the staff; WHEN a forged and then a genuine
    "DUYỆT" reply arrive over IMAP; THEN only the genuine one is obeyed and the school gets its receipt then."""
    when = dt.datetime(2024, 11, 11, 15, 0, tzinfo=ICT)
    office.account.append("INBOX", _report("co.lan@gmail.com", "Trường Tiểu học Him Lam", when), date=when)
    assert office.poll("2024-11-11T15:05") == 0
    (notice,) = office.smtp.messages
    assert notice.rcpt_tos == ("staff@baocao.test",)
    reply = dt.datetime(2024, 11, 11, 16, 0, tzinfo=ICT)
    forged = school_mail("staff@baocao.test", "Re: " + notice.message["Subject"], reply, body="DUYỆT R1",
                         headers={"In-Reply-To": notice.message["Message-ID"],
                                  "Authentication-Results": "mx.google.com; dmarc=fail header.from=baocao.test"})
    office.account.append("INBOX", forged, date=reply)
    assert office.poll("2024-11-11T16:05") == 0
    assert office.smtp.messages[-1].rcpt_tos == ("staff@baocao.test",)
    assert "không qua kiểm tra xác thực" in office.smtp.messages[-1].message.get_body(("plain",)).get_content()
    assert next(s for s in office.status(capsys)["schools"] if s["id"] == "th-him-lam")["status"] == "needs_review"
    genuine = school_mail("staff@baocao.test", "Re: " + notice.message["Subject"], reply, body="Duyệt R1\n",
                          headers={"In-Reply-To": notice.message["Message-ID"],
                                   "Authentication-Results": "mx.google.com; dmarc=pass header.from=baocao.test"})
    office.account.append("INBOX", genuine, date=reply)
    assert office.poll("2024-11-11T16:10") == 0
    school = next(s for s in office.status(capsys)["schools"] if s["id"] == "th-him-lam")
    assert school["status"] == "on_time"
    assert [m.rcpt_tos for m in office.smtp.messages[-2:]] == [("thhimlam@school.test",), ("staff@baocao.test",)]
