"""The office's daily digest and the silent-stop alarm."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from daemon.digest import check_silence, note_start, send_digest
from daemon.mail.compose import render
from daemon.workflow import LAST_POLL_KEY
from state import reviews
from tests.test_reminders import context, make_config, submit


def bodies(ctx: Any, kind: str) -> list[str]:
    return [email.message_from_bytes(r["raw"], policy=email.policy.default).get_body(("plain",)).get_content()
            for r in ctx.store.outbox() if r["kind"] == kind]


def test_digest_lists_news_missing_review_unmatched_and_sending_problems(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    ctx = context(config, "2024-11-12T16:30")
    submit(ctx, "th-him-lam", "2024-11-12T09:00:00+07:00")
    sub = ctx.store.record_submission({"school_id": "mn-hoa-ban", "cycle_id": "qcn-2024", "channel": "email",
                                       "received_at": "2024-11-12T10:00:00+07:00", "on_time": True,
                                       "status": "needs_review", "review_reasons": ["ảnh chụp mờ"],
                                       "created_at": "2024-11-12T10:00:00+07:00"})
    item = reviews.open_item(ctx.store, {"kind": "problem", "cycle_id": "qcn-2024", "school_id": "mn-hoa-ban",
                                         "submission": sub, "reasons": ["bản scan không đọc được chữ"],
                                         "created_at": "2024-11-12T10:00:00+07:00"})
    ctx.store.set_meta("bouncing:thcstrancan@school.test", "2024-11-11T10:00:00+07:00")
    ctx.store.set_meta("smtp_auth_failed", "2024-11-12T11:00:00+07:00")
    assert send_digest(ctx)
    (text,) = bodies(ctx, "digest")
    assert "BÁO CÁO MỚI NHẬN (2)" in text and "Trường Tiểu học Him Lam" in text
    assert "CHƯA GỬI: " in text and "2/4 trường" in text
    assert "CẦN CÁN BỘ PHÒNG QUYẾT ĐỊNH (1)" in text and f"R{item}" in text and "bản scan không đọc được" in text
    assert "DUYỆT R12" in text and "TỪ CHỐI R12" in text and "R12 LÀ" in text and "baocao " not in text
    assert "từ chối cho hệ thống đăng nhập" in text and "thcstrancan@school.test" in text


def _message(ctx: Any, n: int, sender: str, subject: str, classification: str, reason: str | None,
             school: str | None = None) -> None:
    when = "2024-11-12T09:00:00+07:00"
    row = ctx.store.record_message({"sha256": f"{n:064x}", "size": 1, "sender": sender, "subject": subject,
                                    "received_at": when, "archive_path": f"m{n}", "created_at": when})
    ctx.store.finish_message(row, classification=classification, reason=reason, school_id=school, cycle_id=None,
                             now=when)


def test_the_digest_names_each_mail_in_plain_words_and_leaves_machines_out(tmp_path: Path) -> None:
    ctx = context(make_config(tmp_path), "2024-11-12T16:30")
    _message(ctx, 1, "thhimlam@school.test", "Báo cáo", "no_attachment", None, "th-him-lam")
    _message(ctx, 2, "vacation@school.test", "Vắng mặt", "ignored", "Auto-Submitted: auto-replied")
    _message(ctx, 3, "mailer-daemon@x.vn", "Undelivered", "ignored", "thư báo lỗi gửi thư (X-Failed-Recipients)")
    _message(ctx, 4, "la@gmail.com", "Khuyến mãi", "ignored", "không xác định được thư của trường nào")
    assert send_digest(ctx)
    (text,) = bodies(ctx, "digest")
    schools, strangers = text.split("THƯ KHÁC CỦA CÁC TRƯỜNG (1)")[1].split("THƯ CHƯA GHÉP ĐƯỢC VỚI TRƯỜNG NÀO (1)")
    assert "Trường Tiểu học Him Lam, thư \"Báo cáo\": thư không kèm tệp báo cáo" in schools
    assert "la@gmail.com" in strangers and "thhimlam" not in strangers
    assert "Auto-Submitted" not in text and "X-Failed" not in text and "Vắng mặt" not in text


def test_no_digest_when_nothing_changed_and_none_on_a_weekend(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    assert send_digest(context(config, "2024-11-12T16:30"))
    assert not send_digest(context(config, "2024-11-13T16:30"))  # the same four schools missing
    assert not send_digest(context(config, "2024-11-16T16:30"))  # Saturday
    ctx = context(config, "2024-11-18T16:30")
    submit(ctx, "thcs-tran-can", "2024-11-18T09:00:00+07:00")
    assert send_digest(ctx)
    assert len(bodies(ctx, "digest")) == 2


def test_the_alarm_is_raised_once_per_silence(tmp_path: Path, caplog: Any) -> None:
    config = make_config(tmp_path)
    ctx = context(config, "2024-11-12T08:00")
    ctx.store.set_meta(LAST_POLL_KEY, "2024-11-12T08:00:00+07:00")
    assert not check_silence(context(config, "2024-11-12T13:59"))
    with caplog.at_level(logging.ERROR):
        assert check_silence(context(config, "2024-11-12T14:01"))
    assert "no successful mailbox poll since 2024-11-12T08:00:00+07:00" in caplog.text
    assert not check_silence(context(config, "2024-11-12T20:00"))
    (text,) = bodies(ctx, "alert")
    assert "không đọc được hộp thư office@baocao.test trong 6 giờ qua" in text and "08:00 ngày 12/11/2024" in text
    ctx.store.set_meta(LAST_POLL_KEY, "2024-11-13T08:00:00+07:00")  # polls work again, then stop for five days
    assert check_silence(context(config, "2024-11-18T15:00"))
    assert len(bodies(ctx, "alert")) == 2
    assert "trong 5 ngày 7 giờ qua (lần đọc được gần nhất: 08:00 ngày 13/11/2024)" in bodies(ctx, "alert")[1]
    assert "journalctl" not in text and "baocao " not in text and "người quản trị" in text


def test_a_mailbox_that_never_worked_raises_the_alarm_too(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    note_start(context(config, "2024-11-12T08:00"))
    assert check_silence(context(config, "2024-11-12T15:00"))
    (text,) = bodies(context(config, "2024-11-12T15:00"), "alert")
    assert "chưa đọc được lần nào kể từ khi hệ thống khởi động" in text and "trong 7 giờ qua" in text


ICT = dt.timezone(dt.timedelta(hours=7))
_OFFICE = SimpleNamespace(name="Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ", email="office@x.vn")
_SCHOOL = SimpleNamespace(id="mn-so-10", name="Trường Mầm non Số 10", level="MN", emails=("a@x.vn",),
                          contact="Cô Hoa", phone="0912 345 678")
_CYCLE = SimpleNamespace(id="qcn-2024", title="Báo cáo kết quả thực hiện Đề án năm 2024", due=dt.date(2024, 11, 14))
_ROW = {"school": _SCHOOL, "due": dt.date(2024, 11, 14), "extended": False, "overdue": True, "days_late": 1,
        "bouncing": ["a@x.vn"]}
# one sample context per template of the schedule (tests/sample_contexts.py takes these for the strict test)
SCHED_SAMPLES: dict[str, dict[str, Any]] = {
    "reminder": {"office": _OFFICE, "school": _SCHOOL, "cycle": _CYCLE, "due": dt.date(2024, 11, 14),
                 "extended": True, "late": True, "days_left": -1, "days_late": 1},
    "missing": {"office": _OFFICE, "cycle": _CYCLE, "today": dt.date(2024, 11, 15), "overdue": [_ROW],
                "extended": [{**_ROW, "overdue": False}], "expected": 6},
    "alarm": {"office": _OFFICE, "problem": "bouncing", "school": _SCHOOL, "cycle": _CYCLE, "elapsed": None,
              "addresses": [("a@x.vn", dt.datetime(2024, 11, 12, 6, tzinfo=ICT))], "last_ok": None},
    "cycle_request": {"office": _OFFICE, "school": _SCHOOL, "cycle": _CYCLE, "files": ["Mẫu báo cáo.docx"]},
    "digest": {"office": _OFFICE, "today": dt.date(2024, 11, 15),
               "new": [{"id": 1, "school": "Trường Tiểu học Him Lam", "cycle": _CYCLE.title, "on_time": False,
                        "received_at": dt.datetime(2024, 11, 15, 8, tzinfo=ICT), "review": True, "files": ["bc.pdf"]}],
               "missing": [{"cycle": _CYCLE, "expected": 6, "rows": [_ROW]}],
               "review": [{"id": "R1", "from": "a@x.vn", "subject": "Báo cáo", "school_name": "Trường Tiểu học Him Lam",
                           "suggestion_name": "", "cycle_title": _CYCLE.title, "reasons": ["ảnh mờ"]}],
               "unmatched": [{"id": 2, "from": "x@y.vn", "subject": "Hỏi", "reason": "người lạ"}], "other_mail": [],
               "problems": ["Thư bị từ chối"], "bounces": [{"address": "a@x.vn",
                                                             "when": dt.datetime(2024, 11, 12, 6, tzinfo=ICT)}]},
}


@pytest.mark.parametrize("template", sorted(SCHED_SAMPLES))
def test_the_schedule_templates_render_strictly_in_every_part(template: str) -> None:
    for part in ("subject", "txt", "html"):
        assert render(f"{template}.{part}.j2", SCHED_SAMPLES[template]).strip()
    silent = {**SCHED_SAMPLES["alarm"], "problem": "silent", "elapsed": dt.timedelta(days=5, hours=2),
              "last_ok": dt.datetime(2024, 11, 12, 8, tzinfo=ICT)}
    assert "5 ngày 2 giờ" in render("alarm.subject.j2", silent)
