"""Realistic school mails for the tests: built as raw bytes the way real clients send them."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from docx import Document

ICT = dt.timezone(dt.timedelta(hours=7))
OFFICE = "office@baocao.test"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

LABELS = {
    "sessions": "Số buổi tuyên truyền về quyền con người",
    "participants": "Số lượt người tham gia tuyên truyền",
    "spokesperson": "Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí",
    "key_staff": "Số cán bộ quản lý, giáo viên chủ chốt",
    "key_staff_trained": "Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người",
}


def report_docx(school: str, *, number: str = "45/BC-TH", day: int = 10, figures: dict[str, str] | None = None,
                difficulties: str = "Thiếu tài liệu tuyên truyền.", proposals: str = "Đề nghị cấp thêm tài liệu.") -> bytes:
    figures = figures if figures is not None else {"sessions": "05", "participants": "1.250", "spokesperson": "Có",
                                                   "key_staff": "32", "key_staff_trained": "25"}
    doc = Document()
    header = doc.add_table(rows=3, cols=2)
    header.cell(0, 0).text = "PHÒNG GDĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ"
    header.cell(1, 0).text = school.upper()
    header.cell(2, 0).text = f"Số: {number}"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 1).text = "Độc lập - Tự do - Hạnh phúc"
    header.cell(2, 1).text = f"Điện Biên Phủ, ngày {day:02d} tháng 11 năm 2024"
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024")
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("TT", "Nội dung", "Kết quả"), strict=True):
        cell.text = text
    for i, (key, value) in enumerate(figures.items(), start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(i), LABELS[key], value
    doc.add_paragraph("II. KHÓ KHĂN, VƯỚNG MẮC")
    doc.add_paragraph(difficulties)
    doc.add_paragraph("III. ĐỀ XUẤT, KIẾN NGHỊ")
    doc.add_paragraph(proposals)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def school_mail(sender: str, subject: str, when: dt.datetime, *, body: str = "Kính gửi Phòng GDĐT.",
                files: list[tuple[str, bytes]] | None = None, message_id: str | None = None,
                headers: dict[str, str] | None = None, content_type: str = DOCX, charset: str = "utf-8",
                to: str = OFFICE) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id or f"<{abs(hash((sender, subject, when, body)))}@school.test>"
    for key, value in (headers or {}).items():
        msg[key] = value
    if charset == "windows-1258":
        msg.set_content(cp1258(body), maintype="text", subtype="plain", cte="quoted-printable")
        msg.set_param("charset", "windows-1258")
    else:
        msg.set_content(body)
    for filename, data in files or []:
        maintype, _, subtype = content_type.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letters (ư, ơ, â...) precomposed, tones combining."""
    out = []
    for ch in text:
        base, *marks = unicodedata.normalize("NFD", ch)
        keep = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        out.append(unicodedata.normalize("NFC", base + keep) + "".join(m for m in marks if m not in keep))
    return "".join(out).encode("cp1258")


def write_config(tmp: Path, *, mailbox: dict[str, Any], outgoing: dict[str, Any], schools: list[dict[str, Any]],
                 due: str = "2024-11-14", extra: str = "") -> Path:
    import yaml

    config = {
        "office": {"name": "Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ", "email": OFFICE,
                   "timezone": "Asia/Ho_Chi_Minh", "staff": ["staff@baocao.test"], "place": "Điện Biên Phủ"},
        "mailbox": mailbox,
        "outgoing": outgoing,
        "state_dir": str(tmp / "state"),
        "schools": schools,
        "cycles": [{"id": "qcn-2024", "title": "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người "
                    "năm 2024", "opens": "2024-10-01", "due": due, "keywords": ["quyền con người"]}],
        "metrics": [
            {"key": "sessions", "label": LABELS["sessions"], "aliases": ["buổi tuyên truyền"], "type": "count",
             "required": True},
            {"key": "participants", "label": LABELS["participants"], "aliases": ["lượt tham gia"], "type": "count"},
            {"key": "spokesperson", "label": LABELS["spokesperson"], "aliases": ["cơ chế phát ngôn"],
             "type": "yesno"},
            {"key": "key_staff", "label": LABELS["key_staff"], "aliases": ["CBQL GV chủ chốt"], "type": "count"},
            {"key": "key_staff_trained", "label": LABELS["key_staff_trained"], "aliases": ["được tập huấn"],
             "type": "count", "at_most": "key_staff"},
        ],
    }
    path = tmp / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False) + extra, encoding="utf-8")
    return path


SCHOOLS = [
    {"id": "th-him-lam", "name": "Trường Tiểu học Him Lam", "level": "TH", "emails": ["thhimlam@school.test"]},
    {"id": "mn-hoa-ban", "name": "Trường Mầm non Hoa Ban", "level": "MN", "emails": ["mnhoaban@school.test"]},
    {"id": "thcs-tran-can", "name": "Trường THCS Trần Can", "level": "THCS", "emails": ["thcstrancan@school.test"]},
    {"id": "th-thanh-hoa", "name": "Trường Tiểu học Thanh Hòa", "level": "TH", "emails": ["ththanhhoa@school.test"]},
]
