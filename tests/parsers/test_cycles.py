"""Which cycle a report answers: keywords and topics count in the title area only; the stated year picks."""

from __future__ import annotations

from datetime import date

import pytest

from parsers import CycleRef, ParseSpec, Report, parse_attachment
from parsers.reading.cycles import match_cycle, stated_year, topic_words
from parsers.reading.title import read_title
from tests.parsers.docmaker import TO_OFFICE, docx

FIGURES = "Nhà trường đã tổ chức 05 buổi tuyên truyền với 1.250 lượt học sinh tham gia."


def parse(
    spec: ParseSpec, title: list[str], body: tuple[str, ...] = (FIGURES,), date: str | None = None
) -> Report:
    made = docx(
        title=["BÁO CÁO", *title, TO_OFFICE],
        body=body,
        date=date or "Điện Biên Phủ, ngày 10 tháng 11 năm 2024",
    )
    (report,) = parse_attachment(made, filename="x.docx", spec=spec)
    return report


def codes(report: Report) -> set[str]:
    return {p.code for p in report.problems}


@pytest.mark.parametrize(
    ("title", "cycle"),
    [
        ("Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024", "qcn-2024"),
        ("Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2025", "qcn-2025"),
        ("Kết quả truyền thông về quyền con người năm 2027", "qcn-2027"),
        # the plan's period is not the year reported on
        ("Kết quả thực hiện Đề án truyền thông về quyền con người giai đoạn 2024-2028, năm 2026", "qcn-2026"),
        ("Công tác truyền thông về quyền con người năm học 2024-2025", "qcn-2024"),
        ("Công tác phòng, chống bạo lực học đường", "bao-luc-2024"),  # an ad hoc cycle named by its topic
    ],
)
def test_the_title_names_the_cycle(title: str, cycle: str, every_cycle: ParseSpec) -> None:
    report = parse(every_cycle, [title])
    assert (report.cycle, codes(report) & {"wrong_year", "other_topic", "unknown_cycle"}) == (cycle, set())


def test_without_a_year_in_the_title_the_document_date_picks(every_cycle: ParseSpec) -> None:
    report = parse(every_cycle, ["Kết quả truyền thông về quyền con người"],
                   date="Điện Biên Phủ, ngày 03 tháng 11 năm 2025")  # fmt: skip
    assert report.cycle == "qcn-2025"


def test_without_a_year_a_date_just_after_the_due_day_is_that_cycles(every_cycle: ParseSpec) -> None:
    report = parse(every_cycle, ["Kết quả truyền thông về quyền con người"],
                   date="Điện Biên Phủ, ngày 05 tháng 01 năm 2025")  # fmt: skip
    assert report.cycle == "qcn-2024"


def test_one_mention_in_the_body_names_nothing(every_cycle: ParseSpec) -> None:
    body = ("Nhà trường lồng ghép nội dung quyền con người trong các buổi sinh hoạt.", FIGURES)
    report = parse(
        every_cycle, ["Kết quả thực hiện công tác phòng, chống tác hại của thuốc lá năm 2024"], body
    )
    assert report.cycle is None
    assert "other_topic" in codes(report)
    (problem,) = [p for p in report.problems if p.code == "other_topic"]
    assert "thuốc lá" in problem.message


def test_last_years_report_is_the_wrong_year(every_cycle: ParseSpec) -> None:
    report = parse(every_cycle, ["Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2023"],
                   date="Điện Biên Phủ, ngày 09 tháng 11 năm 2023")  # fmt: skip
    assert report.cycle is None
    (problem,) = [p for p in report.problems if p.code == "wrong_year"]
    assert "2023" in problem.message and "2024–2028" in problem.message


def test_no_readable_title_cannot_tell(every_cycle: ParseSpec) -> None:
    (report,) = parse_attachment(
        docx(
            title=[],
            body=["Nhà trường báo cáo kết quả như sau:", FIGURES, "Năm nay có 2 cuộc triển lãm ảnh."],
        ),
        filename="x.docx",
        spec=every_cycle,
    )
    assert report.kind == "report" and report.cycle is None
    assert "unknown_cycle" in codes(report)


@pytest.mark.parametrize(
    ("trich_yeu", "named"),
    [
        ("Kết quả công tác thi đua năm 2024", False),  # "quyền con người" only in the body after Kính gửi
        ("Kết quả công tác thi đua, quyền con người năm 2024", True),
    ],
)
def test_a_keyword_counts_in_the_title_area_only(trich_yeu: str, named: bool) -> None:
    area = read_title(["BÁO CÁO", trich_yeu, "Kính gửi: Phòng GDĐT", "Thực hiện Đề án quyền con người ..."])
    qcn = CycleRef(
        "qcn-2024", "Báo cáo QCN năm 2024", date(2024, 10, 1), date(2024, 11, 14), ("quyền con người",)
    )
    cycle, problem = match_cycle(area, None, [qcn])
    assert (cycle is qcn, problem.code if problem else None) == (
        (True, None) if named else (False, "other_topic")
    )


def test_a_title_with_no_topic_cannot_tell() -> None:
    area = read_title(["BÁO CÁO", "Kết quả công tác năm 2024", "Kính gửi: Phòng GDĐT"])
    qcn = CycleRef(
        "qcn-2024", "Báo cáo QCN năm 2024", date(2024, 10, 1), date(2024, 11, 14), ("quyền con người",)
    )
    cycle, problem = match_cycle(area, None, [qcn])
    assert cycle is None and problem is not None and problem.code == "unknown_cycle"


def test_an_ad_hoc_report_is_not_the_annual_one() -> None:
    annual = CycleRef("qcn-2024", "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024",
                      date(2024, 10, 1), date(2024, 11, 14), ("quyền con người",))  # fmt: skip
    ad_hoc = CycleRef("qcn-dx", "Báo cáo đột xuất công tác truyền thông về quyền con người",
                      date(2024, 10, 5), date(2024, 10, 20))  # fmt: skip
    said = read_title(
        ["BÁO CÁO", "Đột xuất về công tác truyền thông về quyền con người năm 2024", "Kính gửi: Phòng"]
    )
    assert match_cycle(said, None, [annual, ad_hoc]) == (ad_hoc, None)
    plain = read_title(["BÁO CÁO", "Kết quả truyền thông về quyền con người năm 2024", "Kính gửi: Phòng"])
    assert match_cycle(plain, None, [annual, ad_hoc]) == (annual, None)


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Báo cáo kết quả năm 2024", ("year", 2024)),
        ("Báo cáo năm học 2024 - 2025", ("school", 2024)),
        ("Báo cáo Đề án giai đoạn 2024-2028", None),
        ("Báo cáo QCN 2025", ("year", 2025)),
        ("Báo cáo số 45/BC-THHL", None),
    ],
)
def test_stated_year(title: str, year: tuple[str, int] | None) -> None:
    assert stated_year(title) == year


def test_a_cycle_topic_drops_the_framing_words() -> None:
    title = "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"
    assert topic_words(title) == ["truyen", "thong", "quyen", "con", "nguoi"]
