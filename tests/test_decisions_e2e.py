"""Every family of wrong decisions seen in the field, replayed on the embedded default with the real roster.

GIVEN the office's own roster (roster.csv) and plan years 2024-2028, a Maildir in and a file outbox out,
WHEN a school, a stranger, a parent or a forger mails the box,
THEN the school's status, the review items and the mail each school gets are what the office would want.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import itertools
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from daemon.cli.main import main
from tests.mails import DOCX, ICT, LABELS, OFFICE
from tests.official import official_docx, signature_page

ROSTER = Path(__file__).resolve().parent.parent / "roster.csv"
STAFF = "chuyenvien@dienbien.edu.vn"
_counter = itertools.count(1)


@dataclass
class Box:
    root: Path
    config: Path

    def deliver(self, sender: str, subject: str, when: dt.datetime | str, files: dict[str, bytes] | None = None,
                body: str = "Kính gửi Phòng GDĐT, nhà trường gửi báo cáo.", headers: dict[str, str] | None = None,
                in_reply_to: str | None = None) -> str:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, OFFICE, subject
        msg["Date"] = when if isinstance(when, str) else format_datetime(when)
        msg["Message-ID"] = message_id = f"<m{next(_counter)}@school.test>"
        if in_reply_to:
            msg["In-Reply-To"] = msg["References"] = in_reply_to
        for key, value in (headers or {}).items():
            msg[key] = value
        msg.set_content(body)
        for name, data in (files or {}).items():
            msg.add_attachment(data, maintype="application", subtype=DOCX.split("/")[1], filename=name)
        (self.root / "mail" / "new" / f"{next(_counter)}.test").write_bytes(msg.as_bytes())
        return message_id

    def run(self, *args: str, now: str = "2024-11-20T08:00") -> int:
        return main(["-c", str(self.config), "--now", now, *args])

    def poll(self, now: str = "2024-11-20T08:00") -> None:
        assert self.run("poll", now=now) == 0

    def status(self, capsys: pytest.CaptureFixture[str], cycle: str = "qcn-2024",
               now: str = "2024-11-20T08:00") -> dict[str, dict[str, Any]]:
        capsys.readouterr()
        assert self.run("status", "--cycle", cycle, "--json", now=now) == 0
        return {s["id"]: s for s in json.loads(capsys.readouterr().out)["schools"]}

    def review(self, capsys: pytest.CaptureFixture[str], now: str = "2024-11-20T08:00") -> list[dict[str, Any]]:
        capsys.readouterr()
        assert self.run("review", "--all", "--json", now=now) == 0
        return list(json.loads(capsys.readouterr().out))

    def mails_to(self, address: str) -> list[email.message.EmailMessage]:
        out = []
        for path in sorted((self.root / "out").glob("*.eml")):
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address in str(msg["To"]):
                out.append(msg)  # type: ignore[arg-type]
        return out

    def schools_mailed(self) -> set[str]:
        return {str(email.message_from_bytes(p.read_bytes(), policy=email.policy.default)["To"])
                for p in (self.root / "out").glob("*.eml")} - {STAFF}


def text(msg: email.message.EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


@pytest.fixture
def box(tmp_path: Path) -> Box:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "mail" / sub).mkdir(parents=True)
    config = {
        "office": {"name": "Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ", "email": OFFICE,
                   "timezone": "Asia/Ho_Chi_Minh", "staff": [STAFF], "place": "Điện Biên Phủ"},
        "mailbox": {"maildir": str(tmp_path / "mail")},
        "outgoing": {"outbox_dir": str(tmp_path / "out")},
        "state_dir": str(tmp_path / "state"),
        "roster": str(ROSTER),
        "cycles": [{"id": "qcn-2024", "title": "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người "
                    "năm 2024", "opens": "2024-10-01", "due": "2024-11-14",
                    "keywords": ["quyền con người"]}],
        "plan": {"years": [2024, 2028]},
        "metrics": [{"key": k, "label": v, "aliases": [], "type": "yesno" if k == "spokesperson" else "count"}
                    for k, v in LABELS.items()],
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Box(tmp_path, path)


ON_TIME = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
LATER = dt.datetime(2024, 11, 12, 9, 0, tzinfo=ICT)


def report(school: str, **kw: Any) -> dict[str, bytes]:
    return {f"Bao cao {school}.docx": official_docx(school, **kw)}


def test_a_stranger_near_name_never_counts_for_the_roster_school(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("ththcsthanhtruong.dbp@dienbien.edu.vn", "Báo cáo QCN 2024", ON_TIME,
                report("Trường TH-THCS Thanh Trường"))
    box.deliver("hieutruong.thanhxuong@gmail.com", "Báo cáo QCN 2024", LATER,
                report("Trường Tiểu học Thanh Xương", figures={"sessions": "99"}))
    box.poll()
    schools = box.status(capsys)
    assert schools["th-thcs-thanh-truong"]["status"] == "on_time"
    assert schools["mn-thanh-truong"]["status"] == "missing"
    assert box.schools_mailed() == {"ththcsthanhtruong.dbp@dienbien.edu.vn"}
    assert "thay thế" not in text(box.mails_to("ththcsthanhtruong")[0])
    (item,) = box.review(capsys)
    assert item["kind"] == "unmatched" and item["school"] is None and "names_unknown_school" in item["reason_codes"]


@pytest.mark.parametrize(("name", "roster_school"), [
    ("Trường Mầm non Thanh Yên", "mn-thanh-truong"),
    ("Trường Tiểu học Him Lam 2", "th-him-lam"),
    ("Trường Tiểu học số 3 Nà Nhạn", "thcs-na-nhan"),
])
def test_near_names_on_the_real_roster_are_never_attributed(box: Box, capsys: pytest.CaptureFixture[str],
                                                             name: str, roster_school: str) -> None:
    box.deliver("someone@gmail.com", f"Báo cáo QCN - {name}", ON_TIME, report(name))
    box.poll()
    assert box.status(capsys)[roster_school]["status"] == "missing"
    assert box.schools_mailed() == set()
    (item,) = box.review(capsys)
    assert item["school"] is None


@pytest.mark.parametrize("document", [
    official_docx("Trường Tiểu học Him Lam", topic="Kết quả công tác phòng, chống tác hại của thuốc lá",
                  body=("Lồng ghép tuyên truyền về quyền con người trong giờ chào cờ.",)),
    official_docx("Trường Tiểu học Him Lam", year=2023, month=11),
    official_docx("Trường Tiểu học Him Lam", genre="KẾ HOẠCH", symbol="KH",
                  topic="Triển khai thực hiện Đề án Truyền thông về Quyền con người"),
], ids=["another topic", "last year", "a plan"])
def test_another_topic_another_year_or_a_plan_is_not_a_submission(box: Box, capsys: pytest.CaptureFixture[str],
                                                                   document: bytes) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Gửi văn bản", ON_TIME, {"van-ban.docx": document})
    box.poll()
    school = box.status(capsys)["th-him-lam"]
    assert school["status"] == "needs_review" and school["submitted_at"] is None
    (told,) = box.mails_to("thhimlam.dbp@dienbien.edu.vn")
    assert "chưa được ghi nhận là báo cáo" in text(told)
    (item,) = box.review(capsys)
    assert item["kind"] == "problem" and item["state"] == "open"


def test_a_link_only_school_is_under_review_asked_for_the_file_and_not_reminded(
        box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    link = "Báo cáo: https://drive.google.com/file/d/1AbC/view"
    box.deliver("thnoongbua.dbp@dienbien.edu.vn", "Báo cáo QCN", dt.datetime(2024, 11, 5, 9, tzinfo=ICT), body=link)
    box.poll(now="2024-11-05T10:00")
    assert box.status(capsys, now="2024-11-05T10:00")["th-noong-bua"]["status"] == "needs_review"
    (notice,) = box.mails_to("thnoongbua")
    assert "Google Drive" in text(notice)
    assert box.run("remind", now="2024-11-07T07:30") == 0
    assert [m["Message-ID"] for m in box.mails_to("thnoongbua")] == [notice["Message-ID"]]  # no "not submitted"
    assert box.mails_to("thhimlam.dbp@dienbien.edu.vn")  # the others were reminded


def test_a_registered_address_sending_another_schools_report_is_a_claim_for_that_school(
        box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", ON_TIME, report("Trường THCS Him Lam"))
    box.poll()
    schools = box.status(capsys)
    assert schools["th-him-lam"]["status"] == "missing"
    assert schools["thcs-him-lam"]["status"] == "needs_review" and schools["thcs-him-lam"]["submitted_at"] is None
    assert box.schools_mailed() == set()
    (item,) = box.review(capsys)
    assert (item["kind"], item["school"]) == ("claim", "thcs-him-lam")


def test_a_parents_complaint_naming_a_school_in_its_subject_counts_for_nobody(
        box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("phuhuynh123@gmail.com", "Phản ánh về Trường Tiểu học Him Lam", ON_TIME,
                {"don.docx": official_docx("Phụ huynh học sinh", genre="ĐƠN PHẢN ÁNH", symbol="", figures={},
                                           topic="Về việc thu tiền quỹ lớp")})
    box.deliver("phuhuynh456@gmail.com", "Phản ánh về Trường Tiểu học Him Lam", ON_TIME, body="Đề nghị xem xét.")
    box.poll()
    assert box.status(capsys)["th-him-lam"]["status"] == "missing"
    assert box.schools_mailed() == set()


def test_a_failing_dmarc_from_never_replaces_the_real_report(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", ON_TIME, report("Trường Tiểu học Him Lam"),
                headers={"Authentication-Results": "mx.google.com; dmarc=pass header.from=dienbien.edu.vn"})
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN (bổ sung)", LATER,
                report("Trường Tiểu học Him Lam", figures={"sessions": "77"}),
                headers={"Authentication-Results": "mx.google.com; spf=fail; dmarc=fail header.from=dienbien.edu.vn"})
    box.poll()
    school = box.status(capsys)["th-him-lam"]
    assert school["status"] == "on_time" and school["submitted_at"].startswith("2024-11-10")
    assert len(box.mails_to("thhimlam")) == 1
    (item,) = box.review(capsys)
    assert item["kind"] == "claim" and "auth_failed" in item["reason_codes"]


def test_a_school_can_restore_its_original_by_sending_it_again(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    original = report("Trường Tiểu học Him Lam")
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", ON_TIME, original)
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN sửa", LATER,
                report("Trường Tiểu học Him Lam", figures={"sessions": "07"}))
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Gửi lại bản đầu", LATER + dt.timedelta(hours=2), original)
    box.poll()
    school = box.status(capsys)["th-him-lam"]
    assert school["submitted_at"].startswith("2024-11-12T11:00")
    assert len(box.mails_to("thhimlam")) == 3


def test_a_signature_page_joins_the_report_and_the_figures_stay(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", ON_TIME, report("Trường Tiểu học Him Lam"))
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Trang ký", LATER, {"trang-ky.docx":
                                                                   signature_page("Trường Tiểu học Him Lam")})
    box.poll()
    school = box.status(capsys)["th-him-lam"]
    assert school["status"] == "on_time" and school["submitted_at"].startswith("2024-11-10")
    assert school["files"] == ["Bao cao Trường Tiểu học Him Lam.docx", "trang-ky.docx"]
    assert "tệp bổ sung" in text(box.mails_to("thhimlam")[-1])
    assert box.run("summary", "--cycle", "qcn-2024", "--out", str(box.root / "sum")) == 0
    summary = json.loads((box.root / "sum" / "tong-hop-qcn-2024.json").read_text(encoding="utf-8"))
    him_lam = next(s for s in summary["schools"] if s["id"] == "th-him-lam")
    assert him_lam["metrics"]["sessions"] == 5


def test_a_correction_after_the_due_date_keeps_the_school_on_time(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", ON_TIME, report("Trường Tiểu học Him Lam"))
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN (điều chỉnh)", dt.datetime(2024, 11, 18, 9, tzinfo=ICT),
                report("Trường Tiểu học Him Lam", figures={"sessions": "06"}, day=18))
    box.poll()
    school = box.status(capsys)["th-him-lam"]
    assert school["status"] == "on_time" and school["submitted_at"].startswith("2024-11-18")
    assert "vẫn được ghi nhận nộp đúng hạn" in text(box.mails_to("thhimlam")[-1])


def test_an_ad_hoc_report_counts_for_its_own_cycle_only(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", ON_TIME, report("Trường Tiểu học Him Lam"))
    box.poll(now="2024-11-11T08:00")
    assert box.run("cycle", "open", "--id", "an-toan-2024", "--title",
                   "Báo cáo đột xuất công tác bảo đảm an toàn trường học", "--due", "2024-11-25",
                   now="2024-11-11T08:00") == 0
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo đột xuất", dt.datetime(2024, 11, 13, 9, tzinfo=ICT),
                report("Trường Tiểu học Him Lam", topic="Báo cáo đột xuất công tác bảo đảm an toàn trường học",
                       figures={}))
    box.poll()
    assert box.status(capsys)["th-him-lam"]["submitted_at"].startswith("2024-11-10")
    ad_hoc = box.status(capsys, cycle="an-toan-2024")["th-him-lam"]
    assert ad_hoc["status"] == "on_time" and ad_hoc["submitted_at"].startswith("2024-11-13")
    assert box.review(capsys) == []  # no plan figures are missing from an ad hoc report


def test_plan_year_2025_takes_its_own_reports_and_not_last_years(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    now = "2025-11-20T08:00"
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN 2025", dt.datetime(2025, 11, 10, 9, tzinfo=ICT),
                report("Trường Tiểu học Him Lam", year=2025))
    box.deliver("mnhoaban.dbp@dienbien.edu.vn", "Báo cáo QCN 2024 (sửa)", dt.datetime(2025, 11, 11, 9, tzinfo=ICT),
                report("Trường Mầm non Hoa Ban", year=2024))
    box.poll(now=now)
    schools = box.status(capsys, cycle="qcn-2025", now=now)
    assert schools["th-him-lam"]["status"] == "on_time"
    assert schools["mn-hoa-ban"]["submitted_at"] is None
    assert box.status(capsys, cycle="qcn-2024", now=now)["mn-hoa-ban"]["submitted_at"] is None  # closed cycle
    assert "năm 2025 không phải" not in text(box.mails_to("thhimlam")[0])


def test_a_date_without_a_zone_is_office_time(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", "Thu, 14 Nov 2024 20:00:00",
                report("Trường Tiểu học Him Lam"))
    box.poll()
    school = box.status(capsys)["th-him-lam"]
    assert school["status"] == "on_time" and school["submitted_at"].startswith("2024-11-14T20:00:00+07:00")


def test_staff_settle_a_claim_with_one_reply_and_a_forged_reply_is_never_obeyed(
        box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("co.lan@gmail.com", "Báo cáo QCN Trường Tiểu học Him Lam", ON_TIME, report("Trường Tiểu học Him Lam"))
    box.poll(now="2024-11-10T10:00")
    (notice,) = box.mails_to(STAFF)
    assert "R1" in text(notice) and box.schools_mailed() == set()
    box.deliver(STAFF, "Re: " + str(notice["Subject"]), dt.datetime(2024, 11, 10, 11, tzinfo=ICT),
                body="duyet r1 đã gọi điện xác nhận\n\nVào 10:00 ngày 10/11 hệ thống đã viết:\n> DUYỆT R12",
                in_reply_to=str(notice["Message-ID"]))
    box.poll(now="2024-11-10T11:05")
    assert box.status(capsys)["th-him-lam"]["status"] == "needs_review"  # no dmarc=pass: not obeyed
    forged = box.mails_to(STAFF)[-1]
    assert "không qua kiểm tra xác thực" in text(forged)
    box.deliver(STAFF, "Re: " + str(notice["Subject"]), dt.datetime(2024, 11, 10, 12, tzinfo=ICT),
                body="DUYỆT R1 đã gọi điện xác nhận\nDUYỆT R9\nR1 LÀ Trường Không Có", in_reply_to=str(notice["Message-ID"]),
                headers={"Authentication-Results": "mx.google.com; dkim=pass header.i=@dienbien.edu.vn; "
                                                   "dmarc=pass (p=NONE) header.from=dienbien.edu.vn"})
    box.poll(now="2024-11-10T12:05")
    school = box.status(capsys)["th-him-lam"]
    assert school["status"] == "on_time" and school["submitted_at"].startswith("2024-11-10T09:00")
    (receipt,) = box.mails_to("thhimlam.dbp@dienbien.edu.vn")
    assert "đúng hạn" in text(receipt)
    answer = text(box.mails_to(STAFF)[-1])
    assert "R1: tính cho Trường Tiểu học Him Lam" in answer
    assert "DUYỆT R9 → chưa thực hiện: không có thư nào mã R9" in answer
    assert "không có trường “Trường Không Có” trong danh sách" in answer and "--" not in answer
    (item,) = box.review(capsys)
    assert item["state"] == "accepted" and item["decided"]["by"] == STAFF and item["decided"]["channel"] == "email"
    assert item["decided"]["note"] == "đã gọi điện xác nhận"


def test_review_from_the_command_line_rejects_and_reassigns(box: Box, capsys: pytest.CaptureFixture[str]) -> None:
    box.deliver("thhimlam.dbp@dienbien.edu.vn", "Báo cáo QCN", ON_TIME, report("Trường Tiểu học Him Lam"))
    box.deliver("ai.do@gmail.com", "Báo cáo", LATER, report("Trường Tiểu học Him Lam 2"))
    box.poll()
    (item,) = box.review(capsys)
    assert box.run("review", "reject", "R99") == 2
    assert box.run("review", "assign", item["id"].lower(), "--school", "Trường Tiểu học Nam Thanh",
                   "--note", "trường gọi điện") == 0
    schools = box.status(capsys)
    assert schools["th-nam-thanh"]["status"] == "on_time" and schools["th-him-lam"]["status"] == "on_time"
    assert len(box.mails_to("thnamthanh")) == 1
    assert box.run("review", "reject", item["id"], "--note", "nhầm") == 0
    assert box.status(capsys)["th-nam-thanh"]["status"] == "missing"
    (again,) = box.review(capsys)
    assert again["state"] == "rejected" and again["decided"]["note"] == "nhầm"
