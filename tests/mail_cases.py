"""Every mail kind in every state its reader can meet, as (template, context): the golden and browser tests render
each one. Names read `kind-state`; a new state is a new entry here, then its golden file (see test_mail_golden.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

ICT = dt.timezone(dt.timedelta(hours=7))
OFFICE = SimpleNamespace(name="Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ",
                         email="hoanganhgiang.dienbien@gmail.com")
SCHOOL = SimpleNamespace(id="th-him-lam", name="Trường Tiểu học Him Lam", level="TH",
                         emails=("thhimlam.dbp@dienbien.edu.vn",), contact="Cô Nguyễn Thị Hoa", phone="0912 345 678")
BARE = SimpleNamespace(id="mn-hoa-ban", name="Trường Mầm non Hoa Ban", level="MN",
                       emails=("mnhoaban.truongmamnonhoabanthanhphodienbienphu@dienbien.edu.vn",),
                       contact=None, phone=None)
GONE = SimpleNamespace(id="thcs-tran-can", name="Trường Trung học cơ sở Trần Can", level="THCS", emails=(),
                       contact=None, phone="0215 3824 111")
LATER = SimpleNamespace(id="th-thanh-minh", name="Trường Tiểu học Thanh Minh", level="TH", emails=("thm@x.vn",),
                        contact=None, phone=None)
CYCLE = SimpleNamespace(id="qcn-2024", due=dt.date(2024, 11, 14),
                        title="Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024")


def at(day: int, hour: int = 8, minute: int = 5) -> dt.datetime:
    return dt.datetime(2024, 11, day, hour, minute, tzinfo=ICT)


FIGURES = [{"label": "Số buổi tuyên truyền", "value": 12}, {"label": "Số lượt người tham gia", "value": 1250},
           {"label": "Tỷ lệ học sinh được tuyên truyền", "value": 98.5}]
RECEIPT: dict[str, Any] = {
    "office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "received_at": at(10), "thread": "Báo cáo QCN năm 2024",
    "on_time": True, "superseded": False, "correction_after_due": False, "annex": False, "unread": False,
    "problems": [], "others": [],
    "files": [{"name": "Báo cáo QCN 2024 - TH Him Lam.docx", "values": FIGURES, "problems": []}],
}
UNREAD_FILE = [{"name": "BC_QCN_2024_THHL_ban_ky.pdf", "values": [], "problems": ["encrypted"]}]
NOTICE: dict[str, Any] = {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "received_at": at(10),
                          "subject": "Báo cáo QCN", "thread": "Báo cáo QCN", "drive_links": ()}
DRIVE = ("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/view?usp=sharing",)
REMINDER: dict[str, Any] = {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE, "due": CYCLE.due, "extended": False,
                            "late": False, "days_left": 3, "days_late": -3}


def row(school: SimpleNamespace, days_late: int, bouncing: tuple[str, ...] = (), due: dt.date = CYCLE.due,
        extended: bool = False) -> dict[str, Any]:
    return {"school": school, "due": due, "extended": extended, "overdue": days_late > 0,
            "days_late": max(days_late, 0), "bouncing": list(bouncing)}


REVIEW_ITEMS = [
    {"id": "R7", "kind": "claim", "from": "hoa.nguyen1985@gmail.com", "subject": "Gửi báo cáo QCN",
     "school": "th-him-lam", "suggestion": None, "school_name": "Trường Tiểu học Him Lam", "suggestion_name": "",
     "cycle_title": CYCLE.title, "reasons": ["gửi từ địa chỉ chưa đăng ký của trường"]},
    {"id": "R8", "kind": "unmatched", "from": "nguoila@yahoo.com", "subject": "bao cao", "school": None,
     "suggestion": "mn-hoa-ban", "school_name": "", "suggestion_name": "Trường Mầm non Hoa Ban", "cycle_title": "",
     "reasons": ["không xác định được thư của trường nào", "bản scan hoặc ảnh chụp không đọc được chữ"]},
]
DIGEST: dict[str, Any] = {
    "office": OFFICE, "today": dt.date(2024, 11, 15),
    "new": [{"id": 1, "school": "Trường Tiểu học Him Lam", "cycle": CYCLE.title, "on_time": False,
             "received_at": at(15), "review": True, "files": ["BC_QCN_2024.pdf"]}],
    "missing": [{"cycle": CYCLE, "expected": 41, "rows": [row(BARE, 1), row(GONE, 1), row(LATER, 0, due=at(20).date(),
                                                                                        extended=True)]}],
    "review": REVIEW_ITEMS,
    "other_mail": [{"id": 3, "school": "Trường Mầm non Hoa Ban", "from": BARE.emails[0], "subject": "Báo cáo",
                    "reason": "thư không kèm tệp báo cáo; hệ thống đã đề nghị trường gửi tệp"}],
    "unmatched": [{"id": 2, "from": "quangcao@shop.vn", "subject": "Khuyến mãi", "school": "",
                   "reason": "không xác định được thư của trường nào"}],
    "problems": ["Thư “Re: Báo cáo” gửi c2trancan@dienbien.edu.vn bị máy chủ nhận từ chối (thường do địa chỉ sai "
                 "hoặc không còn dùng): đề nghị kiểm tra lại địa chỉ này."],
    "bounces": [{"address": "c2trancan@dienbien.edu.vn", "when": at(12, 6)}],
}

CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "receipt-on-time": ("receipt", RECEIPT),
    "receipt-late": ("receipt", {**RECEIPT, "received_at": at(18), "on_time": False}),
    "receipt-correction-after-due": ("receipt", {**RECEIPT, "received_at": at(18), "superseded": True,
                                                 "correction_after_due": True}),
    "receipt-replaces-earlier": ("receipt", {**RECEIPT, "superseded": True}),
    "receipt-annex": ("receipt", {**RECEIPT, "annex": True, "files": [
        {"name": "Phụ lục số liệu.xlsx", "values": FIGURES[:1], "problems": []}]}),
    "receipt-unreadable-file": ("receipt", {**RECEIPT, "unread": True, "files": UNREAD_FILE,
                                            "problems": ["tệp có mật khẩu"]}),
    "receipt-unreadable-after-due": ("receipt", {**RECEIPT, "received_at": at(18), "on_time": False, "unread": True,
                                                 "files": UNREAD_FILE, "problems": ["tệp có mật khẩu"]}),
    "receipt-with-problems": ("receipt", {**RECEIPT, "problems": ["báo cáo thiếu số liệu bắt buộc"], "files": [
        {"name": "Báo cáo QCN 2024.docx", "values": FIGURES[:2], "problems": ["missing_required"]}],
        "others": [{"name": "Kế hoạch QCN 2024.docx", "kind": "plan", "number": "12/KH-THHL", "title": "Kế hoạch"}]}),
    "receipt-after-review": ("receipt", {**RECEIPT, "thread": None}),
    "notice-no-file": ("notice", NOTICE),
    "notice-link-only": ("notice", {**NOTICE, "drive_links": DRIVE}),
    "notice-after-due": ("notice", {**NOTICE, "received_at": at(20)}),
    "not-counted": ("not_counted", {"office": OFFICE, "school": SCHOOL, "cycle": None, "received_at": at(10),
                                    "subject": "Báo cáo", "thread": "Báo cáo",
                                    "reasons": ["báo cáo về nội dung khác, không thuộc đợt báo cáo nào đang mở"],
                                    "documents": [{"name": "BC phòng chống thuốc lá.docx", "kind": "report",
                                                   "number": "5/BC-THHL", "title": "Báo cáo công tác phòng, "
                                                   "chống tác hại của thuốc lá"}]}),
    "not-counted-after-review": ("not_counted", {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE,
                                                 "received_at": at(10), "subject": None, "thread": None, "reasons": [],
                                                 "documents": [{"name": "bc.docx", "kind": "report", "number": None,
                                                                "title": None}]}),
    "reminder-before-due": ("reminder", REMINDER),
    "reminder-due-today": ("reminder", {**REMINDER, "days_left": 0, "days_late": 0}),
    "reminder-after-due": ("reminder", {**REMINDER, "late": True, "days_left": -3, "days_late": 3}),
    "reminder-extended": ("reminder", {**REMINDER, "due": at(20).date(), "extended": True, "days_left": 2}),
    "missing": ("missing", {"office": OFFICE, "cycle": CYCLE, "today": at(15).date(), "expected": 41,
                            "overdue": [row(SCHOOL, 1), row(BARE, 1, BARE.emails), row(GONE, 1)],
                            "extended": [row(LATER, 0, due=at(20).date(), extended=True)]}),
    "digest": ("digest", DIGEST),
    "digest-review-only": ("digest", {**DIGEST, "new": [], "missing": [], "other_mail": [], "unmatched": [],
                                      "problems": [], "bounces": []}),
    "alarm-silent": ("alarm", {"office": OFFICE, "problem": "silent", "elapsed": dt.timedelta(days=5, hours=3),
                               "last_ok": at(10, 7, 30), "school": None, "cycle": None, "addresses": []}),
    "alarm-never-read": ("alarm", {"office": OFFICE, "problem": "silent", "elapsed": dt.timedelta(hours=6, minutes=2),
                                   "last_ok": None, "school": None, "cycle": None, "addresses": []}),
    "alarm-bouncing": ("alarm", {"office": OFFICE, "problem": "bouncing", "school": SCHOOL, "cycle": CYCLE,
                                 "elapsed": None, "last_ok": None,
                                 "addresses": [(SCHOOL.emails[0], at(12, 6))]}),
    "review-notice": ("review_notice", {"office": OFFICE, "items": REVIEW_ITEMS,
                                        "schools": {"th-him-lam": SCHOOL.name, "mn-hoa-ban": BARE.name}}),
    "review-answer-obeyed": ("review_answer", {
        "office": OFFICE, "obeyed": True, "subject": "Re: Cần cán bộ Phòng xem: 2 thư báo cáo", "received_at": at(15),
        "lines": ["DUYỆT R7 đã gọi điện xác nhận → R7: tính cho Trường Tiểu học Him Lam",
                  "R8 LÀ mn-hoa-ban → R8: tính cho Trường Mầm non Hoa Ban"]}),
    "review-answer-forged": ("review_answer", {
        "office": OFFICE, "obeyed": False, "subject": "Re: Cần cán bộ Phòng xem: 2 thư báo cáo", "received_at": at(15),
        "lines": ["DUYỆT R7", "TỪ CHỐI R8 không phải báo cáo"]}),
    "cycle-request": ("cycle_request", {"office": OFFICE, "school": SCHOOL, "cycle": CYCLE,
                                        "files": ["Mẫu báo cáo QCN 2024.docx"]}),
}
