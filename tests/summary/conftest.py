"""Fixtures for the summary tests: a small cycle whose totals are worked out by hand below."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest

from daemon.summary import MetricInfo, SchoolResult, SummaryData, write_summary
from daemon.summary.files import SummaryFiles
from daemon.summary.labels import VN_TZ
from daemon.summary.sample import METRICS, OFFICE, TARGETS

PERCENT = MetricInfo("pupils_reached", "Tỷ lệ học sinh được tuyên truyền", "percent")
NOTE = MetricInfo("note", "Hình thức tuyên truyền khác", "text")


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 11, day, hour, 30, tzinfo=VN_TZ)


# By hand: sessions 3+5+2+0 = 10 (4 schools); participants 100+250+1000 = 1350 (3); spokesperson 3 yes of 4;
# key staff trained / key staff over schools with both: (8+12+10)/(10+20+10) = 30/40 = 75% (target 70: met);
# fake news handled / detected: (2+0+2+0)/(2+0+3+0) = 4/5 = 80% (target 90: not met);
# pupils_reached mean (80 + 91) / 2 = 85.5. The missing school's stray figures must not count.
SCHOOLS = (
    SchoolResult(
        "mn-hoa-ban",
        "Trường Mầm non Hoa Ban",
        "MN",
        "on_time",
        at(10),
        ("Báo cáo QCN.docx",),
        {
            "sessions": 3,
            "participants": 100,
            "spokesperson": True,
            "key_staff": 10,
            "key_staff_trained": 8,
            "fake_news_detected": 2,
            "fake_news_handled": 2,
            "pupils_reached": 80,
            "note": "Sân khấu hóa",
        },
        "Thiếu kinh phí in tài liệu tuyên truyền.",
        None,
        (),
    ),
    SchoolResult(
        "th-him-lam",
        "Trường Tiểu học Him Lam",
        "TH",
        "late",
        at(18),
        ("BC QCN 2024.pdf",),
        {
            "sessions": 5,
            "participants": 250,
            "spokesperson": False,
            "key_staff": 20,
            "key_staff_trained": 12,
            "fake_news_detected": 0,
            "fake_news_handled": 0,
            "pupils_reached": 91,
        },
        None,
        "Đề nghị tổ chức tập huấn cho giáo viên chủ chốt.",
        (),
    ),
    SchoolResult(
        "thcs-tran-can",
        "Trường THCS Trần Can",
        "THCS",
        "needs_review",
        at(12),
        ("scan.pdf",),
        {
            "sessions": 2,
            "spokesperson": True,
            "key_staff": None,
            "key_staff_trained": 5,
            "fake_news_detected": 3,
            "fake_news_handled": 2,
            "participants": True,
        },
        None,
        None,
        ("Không đọc được số CBQL, GV chủ chốt",),
    ),
    SchoolResult(
        "th-thcs-thanh-truong",
        "Trường TH-THCS Thanh Trường",
        "TH-THCS",
        "missing",
        None,
        (),
        {"sessions": 99},
        "không tính",
        None,
        (),
    ),
    SchoolResult(
        "mn-hoa-hong",
        "Trường Mầm non Hoa Hồng",
        "MN",
        "on_time",
        at(14, 16),
        ("bc.docx",),
        {
            "sessions": 0,
            "participants": 1000,
            "spokesperson": True,
            "key_staff": 10,
            "key_staff_trained": 10,
            "fake_news_detected": 0,
            "fake_news_handled": 0,
        },
        "Học sinh dân tộc\nthiểu số   còn hạn chế tiếng Việt.",
        "Cấp tài liệu song ngữ.",
        (),
    ),
)


def make_data(schools: tuple[SchoolResult, ...] = SCHOOLS, **changes: object) -> SummaryData:
    data = SummaryData(
        office=OFFICE,
        cycle_id="qcn-2024",
        cycle_title="Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024",
        opens=date(2024, 10, 1),
        due=date(2024, 11, 14),
        metrics=(*METRICS, PERCENT, NOTE),
        targets=TARGETS,
        schools=schools,
        generated_at=datetime(2024, 11, 20, 8, 0, tzinfo=VN_TZ),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def all_missing() -> SummaryData:
    return make_data(
        tuple(
            dataclasses.replace(s, status="missing", submitted_at=None, metrics={}, files=()) for s in SCHOOLS
        )
    )


def all_submitted() -> SummaryData:
    return make_data(tuple(dataclasses.replace(s, status="on_time", submitted_at=at(11)) for s in SCHOOLS))


@pytest.fixture
def data() -> SummaryData:
    return make_data()


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory) -> SummaryFiles:
    """The hand-worked cycle written once; tests only read the files."""
    return write_summary(make_data(), Path(tmp_path_factory.mktemp("summary")))


CASES = {
    "hand-worked": make_data,
    "all-missing": all_missing,
    "all-submitted": all_submitted,
    "no-schools": lambda: make_data(()),
}
