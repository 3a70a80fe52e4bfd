"""Every mail template renders with a sample context, strictly: a missing name is an error, not a blank."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from daemon.compose import TEMPLATE_DIR, compose, render, vn_number
from tests.sample_contexts import render_sample

ICT = dt.timezone(dt.timedelta(hours=7))
OFFICE = SimpleNamespace(name="Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ", email="office@x.vn")
SCHOOL = SimpleNamespace(id="th-him-lam", name="Trường Tiểu học Him Lam", emails=("a@x.vn",))
CYCLE = SimpleNamespace(id="qcn-2024", title="Báo cáo kết quả thực hiện Đề án năm 2024", due=dt.date(2024, 11, 14))
CONTEXTS = {
    "receipt": {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "received_at": dt.datetime(2024, 11, 10, 8, 5,
                tzinfo=ICT), "on_time": True, "superseded": True, "review": ["gửi từ địa chỉ chưa đăng ký"],
                "problems": ["Thiếu số liệu"], "files": [{"name": "bc.docx", "values": [{"label": "Số buổi",
                "value": 1250}], "problems": ["Thiếu số liệu"]}]},
    "notice": {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "subject": "Báo cáo",
               "received_at": dt.datetime(2024, 11, 10, 8, 5, tzinfo=ICT), "drive_links": ("https://drive.google.com/x",)},
}


def test_receipt_and_notice_render_in_vietnamese_with_every_part() -> None:
    for name, context in CONTEXTS.items():
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
