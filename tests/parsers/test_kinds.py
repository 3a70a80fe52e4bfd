"""The document's kind: only a report (or its annex) gives figures and a cycle."""

from __future__ import annotations

import pytest

from parsers import ParseSpec, Report, parse_attachment
from parsers.reading.title import read_title, symbol_kind
from tests.parsers.docmaker import docx

QCN = "Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"
FIGURES = "Nhà trường đã tổ chức 05 buổi tuyên truyền về quyền con người với 1.250 lượt học sinh tham gia."


def parse(data: bytes, spec: ParseSpec) -> Report:
    (report,) = parse_attachment(data, filename="x.docx", spec=spec)
    return report


@pytest.mark.parametrize(
    ("number", "title", "kind"),
    [
        ("Số: 12/KH-THHL", ["KẾ HOẠCH", "Tuyên truyền về quyền con người năm 2024"], "plan"),
        (
            "Số: 03/BB-THHL",
            ["BIÊN BẢN", "Họp Hội đồng trường về công tác truyền thông quyền con người"],
            "minutes",
        ),
        (
            "Số: 21/QĐ-THHL",
            ["QUYẾT ĐỊNH", "Về việc thành lập Ban chỉ đạo truyền thông về quyền con người"],
            "decision",
        ),
        (
            "Số: 07/TTr-THHL",
            ["TỜ TRÌNH", "Về việc đề nghị cấp kinh phí tuyên truyền quyền con người"],
            "other",
        ),
        ("Số: 09/TB-THHL", ["THÔNG BÁO", "Kết luận của Hiệu trưởng về công tác truyền thông"], "other"),
        ("Số: 45/THHL-VP", ["V/v gửi báo cáo kết quả truyền thông về quyền con người năm 2024"], "letter"),
        ("Số: 46/THHL-VP", ["V/v đề nghị cử giáo viên dự tập huấn"], "letter"),
        # a công văn that reports, "V/v báo cáo ...", is the school's report written as a letter
        ("Số: 47/THHL-VP", ["V/v báo cáo kết quả truyền thông về quyền con người năm 2024"], "report"),
        ("Số: 12/KH-THHL", ["Tuyên truyền về quyền con người năm 2024"], "plan"),  # the ký hiệu alone
        ("Số: 45/BC-THHL", ["BÁO CÁO", QCN], "report"),
        ("Số: 12/KH-THHL", ["BÁO CÁO", QCN], "report"),  # a reused template's ký hiệu: the title wins
    ],
)
def test_kind_from_title_symbol_and_vv(number: str, title: list[str], kind: str, spec: ParseSpec) -> None:
    report = parse(docx(number=number, title=title, body=[FIGURES]), spec)
    assert report.kind == kind
    if kind != "report":
        # a plan's targets, minutes' or a letter's numbers never count, and nothing is "missing" from them
        assert (report.metrics, report.cycle, report.problems) == ((), None, ())
    else:
        assert report.metric("sessions") is not None


def test_a_plan_cycle_keywords_and_targets_give_nothing(spec: ParseSpec) -> None:
    body = [
        "Phấn đấu 100% CBQL, GV chủ chốt được tập huấn.",
        "Tổ chức 10 buổi tuyên truyền về quyền con người.",
    ]
    report = parse(docx(number="Số: 12/KH-THHL", title=["KẾ HOẠCH", "Truyền thông về quyền con người năm 2024"],
                        body=body), spec)  # fmt: skip
    assert report.to_json()["kind"] == "plan"
    assert report.to_json()["metrics"] == {} and report.to_json()["cycle"] is None
    assert report.title == "Kế hoạch truyền thông về quyền con người năm 2024"


def test_report_title_as_written(spec: ParseSpec) -> None:
    report = parse(
        docx(title=["BÁO CÁO", QCN, "Kính gửi: Phòng GDĐT thành phố Điện Biên Phủ"], body=[FIGURES]), spec
    )
    assert report.title == "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"
    assert report.to_json()["title"] == report.title


def test_an_annex_gives_figures_and_lacks_nothing(spec: ParseSpec) -> None:
    table = [
        ("TT", "Nội dung", "Kết quả"),
        ("1", "Số buổi tuyên truyền", "06"),
        ("2", "Số lượt người tham gia", "980"),
    ]
    report = parse(docx(number=None, title=["PHỤ LỤC", "Số liệu kèm theo Báo cáo số 45/BC-THHL"], tables=[table],
                        closing=()), spec)  # fmt: skip
    assert report.kind == "annex"
    assert report.to_json()["metrics"] == {"sessions": 6, "participants": 980}
    assert not {"no_figures", "missing_required", "unknown_cycle"} & {p.code for p in report.problems}


def test_a_figure_table_without_a_title_is_an_annex(spec: ParseSpec) -> None:
    table = [("Nội dung", "Kết quả"), ("Số buổi tuyên truyền", "04"), ("Số lượt tham gia", "620")]
    report = parse(docx(header=False, tables=[table], closing=()), spec)
    assert report.kind == "annex" and report.metric("sessions") is not None


def test_a_signature_page_sent_alone_is_an_annex(spec: ParseSpec) -> None:
    report = parse(docx(header=False), spec)
    assert report.kind == "annex"
    assert report.problems == ()


def test_a_figures_only_sheet_is_a_report(spec: ParseSpec) -> None:
    from tests.parsers.conftest import CORPUS

    data = (CORPUS / "th-thanh-minh-figures.xlsx").read_bytes()
    (report,) = parse_attachment(data, filename="so-lieu.xlsx", spec=spec)
    assert report.kind == "report"


@pytest.mark.parametrize(
    ("symbol", "kind"),
    [("45/BC-THHL", "report"), ("12/KH-THHL", "plan"), ("3/BB-THHL", "minutes"), ("21/QĐ-THHL", "decision"),
     ("7/TTr-THHL", "other"), ("1/PL-THHL", "annex"), ("45/THHL-VP", "letter"), (None, None)],
)  # fmt: skip
def test_symbol_kind(symbol: str | None, kind: str | None) -> None:
    assert symbol_kind(symbol) == kind


def test_a_body_heading_in_capitals_is_not_a_title() -> None:
    lines = [
        "TRƯỜNG TIỂU HỌC HIM LAM",
        "Số: 45/THHL-VP",
        "Kính gửi: Phòng GDĐT",
        "I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH",
    ]
    area = read_title(lines)
    assert area.genre is None and area.title is None


def test_a_vv_line_in_the_header_cell(spec: ParseSpec) -> None:
    number = "Số: 45/THHL-VP\nV/v gửi báo cáo kết quả truyền thông về quyền con người"
    report = parse(docx(number=number, title=["Kính gửi: Phòng Giáo dục và Đào tạo"], body=[FIGURES]), spec)
    assert (report.kind, report.metrics) == ("letter", ())
    assert report.title == "V/v gửi báo cáo kết quả truyền thông về quyền con người"


def test_a_title_followed_by_a_table_does_not_take_its_header_cells(spec: ParseSpec) -> None:
    table = [("TT", "Nội dung", "Kết quả"), ("1", "Số buổi tuyên truyền về quyền con người", "05")]
    report = parse(docx(title=["BÁO CÁO", QCN], tables=[table], closing=()), spec)
    assert report.title == "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"
    assert (report.kind, report.cycle, report.metric("sessions") is not None) == ("report", "qcn-2024", True)
