"""Every mail template renders with a sample context, strictly: a missing name is an error, not a blank."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from daemon.mail.compose import TEMPLATE_DIR, compose, render, vn_number
from tests.sample_contexts import render_sample

ICT = dt.timezone(dt.timedelta(hours=7))
OFFICE = SimpleNamespace(name="Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ", email="office@x.vn")
SCHOOL = SimpleNamespace(id="th-him-lam", name="Trường Tiểu học Him Lam", emails=("a@x.vn",))
CYCLE = SimpleNamespace(id="qcn-2024", title="Báo cáo kết quả thực hiện Đề án năm 2024", due=dt.date(2024, 11, 14))
CONTEXTS = {
    "receipt": {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "received_at": dt.datetime(2024, 11, 10, 8, 5,
                tzinfo=ICT), "thread": None, "on_time": True, "superseded": True, "review": ["gửi từ địa chỉ chưa đăng ký"],
                "problems": ["Thiếu số liệu"], "files": [{"name": "bc.docx", "values": [{"label": "Số buổi",
                "value": 1250}], "problems": ["Thiếu số liệu"]}], "annex": False, "correction_after_due": False, "unread": False,
                "others": [{"name": "kh.docx", "kind": "plan", "number": "12/KH-THHL", "title": "Kế hoạch"}]},
    "not_counted": {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "subject": "Báo cáo", "thread": None,
                    "received_at": dt.datetime(2024, 11, 10, 8, 5, tzinfo=ICT),
                    "reasons": ["báo cáo về nội dung khác, không thuộc đợt báo cáo nào đang mở"],
                    "documents": [{"name": "bc.docx", "kind": "report", "number": "5/BC-THHL",
                                   "title": "Báo cáo công tác phòng chống tác hại thuốc lá"}]},
    "review_answer": {"office": OFFICE, "obeyed": True, "lines": ["DUYỆT R3 → R3: tính cho Trường Tiểu học Him Lam"],
                      "subject": "Re: Cần cán bộ Phòng xem", "received_at": dt.datetime(2024, 11, 10, 8, 5, tzinfo=ICT)},
    "review_notice": {"office": OFFICE, "schools": {"th-him-lam": "Trường Tiểu học Him Lam"},
                      "items": [{"id": "R3", "from": "x@gmail.com", "subject": "Báo cáo", "school": "th-him-lam",
                                 "suggestion": None, "reasons": ["gửi từ địa chỉ chưa đăng ký của trường"]}]},
    "notice": {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "subject": "Báo cáo", "thread": None,
               "received_at": dt.datetime(2024, 11, 10, 8, 5, tzinfo=ICT), "drive_links": ("https://drive.google.com/x",)},
}


def test_receipt_and_notice_render_in_vietnamese_with_every_part() -> None:
    for name, context in CONTEXTS.items():
        if "school" not in context:
            continue
        for part in ("subject", "txt", "html"):
            text = render(f"{name}.{part}.j2", context)
            assert "Trường Tiểu học Him Lam" in text
    assert "1.250" in render("receipt.txt.j2", CONTEXTS["receipt"])
    assert "08:05 ngày 10/11/2024" in render("receipt.txt.j2", CONTEXTS["receipt"])


def test_every_template_in_the_folder_renders_strictly(tmp_path: Path) -> None:
    names = sorted(p.name for p in TEMPLATE_DIR.glob("*.j2"))
    assert names
    for name in names:
        assert render_sample(name, CONTEXTS, tmp_path).strip(), name


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert (vn_number(1250), vn_number(54.6), vn_number(100.0), vn_number(True)) == ("1.250", "54,6", "100", "Có")


def test_a_long_vietnamese_subject_survives_folding() -> None:
    import email
    import email.policy

    out = compose(key="k", kind="receipt", priority=0, office_name=OFFICE.name, office_email=OFFICE.email,
                  recipients=["a@x.vn"], template="receipt", context=CONTEXTS["receipt"],
                  now=dt.datetime(2024, 11, 10, tzinfo=ICT), in_reply_to="<m@x>")
    parsed = email.message_from_bytes(out.raw, policy=email.policy.default)
    assert parsed["Subject"] == out.subject and "Đề án năm 2024 (Trường" in parsed["Subject"]
    assert parsed["Auto-Submitted"] == "auto-replied" and out.message_id == parsed["Message-ID"]


def test_assembled_mail_reads_back_exactly_in_strict_and_rfc_2047_decoders() -> None:
    import email
    import email.policy
    import random
    import re
    from email.header import decode_header, make_header
    from email.utils import parseaddr

    from daemon.mail.compose import assemble

    words = ("Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ đã nhận báo cáo của Trường Tiểu học Số 7 về thực "
             "hiện Kế hoạch quyền con người năm 2024 plain ASCII").split()
    rnd = random.Random(7)
    for i in range(300):
        subject = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40)))
        name = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12)))
        files = [(f"Báo cáo {i}.docx", "application/octet-stream", b"PK\x03\x04")] if i % 3 == 0 else []
        inline = [("chart", "biểu đồ.png", "image/png", b"\x89PNG")] if i % 5 == 0 else []
        out = assemble(key=f"k{i}", kind="receipt", priority=0, office_name=name, office_email="pgd@x.vn",
                       recipients=["a@x.vn", "b@x.vn"], subject=subject, text=f"{subject}\nxin chào",
                       html=f"<p>{subject}</p>", now=dt.datetime(2024, 11, 10, tzinfo=ICT), in_reply_to="<m@x>",
                       references=[f"<r{j}@x>" for j in range(12)], attachments=files, inline=inline)
        parsed = email.message_from_bytes(out.raw, policy=email.policy.default)
        assert parsed["Subject"] == subject == out.subject
        assert str(make_header(decode_header(email.message_from_bytes(out.raw)["Subject"]))) == subject
        legacy_name, legacy_address = parseaddr(email.message_from_bytes(out.raw)["From"])
        assert (str(make_header(decode_header(legacy_name))), legacy_address) == (name, "pgd@x.vn")
        sender = parsed["From"].addresses[0]  # CPython reads the white space between two words (compose._address)
        assert (" ".join(sender.display_name.split()), sender.addr_spec) == (name, "pgd@x.vn")
        assert parsed.get_body(("plain",)).get_content() == f"{subject}\nxin chào"
        assert f"<p>{subject}</p>" in parsed.get_body(("html",)).get_content()
        assert parsed["References"].split()[-1] == "<m@x>" and len(parsed["References"].split()) == 10
        assert [(a.get_filename(), a.get_content()) for a in parsed.iter_attachments()] == \
            [(f, d) for f, _, d in files]
        images = [p for p in parsed.walk() if p["Content-ID"] == "<chart>"]
        assert [(p.get_filename(), p.get_content()) for p in images] == [(f, d) for _, f, _, d in inline]
        assert b"\n" not in out.raw.replace(b"\r\n", b"") and out.raw.isascii()
        head = out.raw.split(b"\r\n\r\n")[0]
        assert max(len(line) for line in head.split(b"\r\n")) <= 78  # RFC 5322
        assert max(len(w) for w in re.findall(rb"=\?[^?]+\?[bq]\?[^?]*\?=", head, re.I)) <= 75  # RFC 2047


def test_staff_mails_carry_the_three_commands_and_the_codes() -> None:
    text = render("review_notice.txt.j2", CONTEXTS["review_notice"])
    assert "R3" in text and "DUYỆT R12" in text and "TỪ CHỐI R12" in text and "R12 LÀ" in text
    forged = render("review_answer.txt.j2", {**CONTEXTS["review_answer"], "obeyed": False})
    assert "KHÔNG lệnh nào được thực hiện" in forged


def test_a_receipt_never_contradicts_itself() -> None:
    unread = render("receipt.txt.j2", {**CONTEXTS["receipt"], "unread": True, "files": [
        {"name": "bc.pdf", "values": [], "problems": ["encrypted"]}], "problems": ["Tệp PDF có mật khẩu."]})
    assert "đúng hạn" not in unread and "chưa đọc được tệp báo cáo" in unread
    assert "trả lời thư này" in unread and "không cần trả lời" not in unread
    assert unread.count("Tệp PDF có mật khẩu.") == 1
    clean = render("receipt.txt.j2", {**CONTEXTS["receipt"], "problems": [], "files": [
        {"name": "bc.docx", "values": [], "problems": []}]})
    assert "không cần trả lời thư này" in clean and "gửi lại" not in clean


def test_a_notice_after_the_due_date_asks_for_the_file_as_soon_as_possible() -> None:
    late = {**CONTEXTS["notice"], "received_at": dt.datetime(2024, 11, 20, 8, 5, tzinfo=ICT)}
    assert "trước hết ngày" not in render("notice.txt.j2", late)
    assert "trong thời gian sớm nhất" in render("notice.txt.j2", late)
    assert "trước hết ngày 14/11/2024" in render("notice.txt.j2", CONTEXTS["notice"])
