"""Who sent a mail, for which cycle, on time or not: plain inputs, no servers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from daemon.config.load import load_config
from daemon.config.roster import School
from daemon.decision.classify import (
    authentication_verdict,
    is_deadline_met,
    pick_cycle,
    school_by_address,
    school_by_name,
)

ROOT = Path(__file__).resolve().parent.parent
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SCHOOLS = (School("th-thanh-hoa", "Trường Tiểu học Thanh Hòa", "TH", ("ThanhHoa@school.vn",)),
           School("thcs-tran-can", "Trường THCS Trần Can", "THCS", ("tc@school.vn",)))


@pytest.mark.parametrize("address", ["thanhhoa@school.vn", "THANHHOA@SCHOOL.VN", "thanhhoa+baocao@school.vn"])
def test_roster_address_matches_whatever_the_case_or_tag(address: str) -> None:
    assert school_by_address(SCHOOLS, address) is SCHOOLS[0]


def test_a_stranger_matches_no_school() -> None:
    assert school_by_address(SCHOOLS, "thanhhoa@other.vn") is None


@pytest.mark.parametrize("subject", ["Báo cáo QCN - Trường TH Thanh Hoà", "bao cao truong tieu hoc thanh hoa",
                                     "BÁO CÁO TRƯỜNG TIỂU HỌC THANH HÒA"])
def test_a_school_named_in_a_subject_is_found_accent_and_tone_insensitively(subject: str) -> None:
    assert school_by_name(SCHOOLS, [subject]) is SCHOOLS[0]


@pytest.mark.parametrize(("when", "on_time"), [
    (dt.datetime(2024, 11, 14, 23, 59, tzinfo=HCM), True),
    (dt.datetime(2024, 11, 14, 16, 59, tzinfo=dt.UTC), True),  # the same instant, written in UTC
    (dt.datetime(2024, 11, 15, 0, 10, tzinfo=HCM), False),
    (dt.datetime(2024, 11, 14, 17, 10, tzinfo=dt.UTC), False),
])
def test_the_deadline_is_the_end_of_the_due_day_in_office_time(when: dt.datetime, on_time: bool) -> None:
    assert is_deadline_met(when, dt.date(2024, 11, 14), HCM) is on_time


def test_cycle_by_date_window_and_by_keywords() -> None:
    config = load_config(ROOT / "config.yaml")
    assert pick_cycle(config, config.cycles, None, dt.date(2024, 11, 10), ["x"]).id == "qcn-2024"  # type: ignore[union-attr]
    assert pick_cycle(config, config.cycles, None, dt.date(2026, 6, 1), ["quảng cáo"]) is None
    assert pick_cycle(config, config.cycles, None, dt.date(2026, 6, 1), ["Báo cáo Quyền con người"]).id == "qcn-2024"  # type: ignore[union-attr]


GMAIL_PASS = ("mx.google.com; dkim=pass header.i=@school.vn header.s=s1; spf=pass (google.com: domain of a@school.vn "
              "designates 1.2.3.4 as permitted sender) smtp.mailfrom=a@school.vn; dmarc=pass (p=NONE) header.from=school.vn")


def test_only_the_topmost_gmail_authentication_results_count() -> None:
    assert authentication_verdict([GMAIL_PASS], "a@school.vn") == "pass"
    fail = "mx.google.com; dkim=none; spf=softfail smtp.mailfrom=a@school.vn; dmarc=fail header.from=school.vn"
    assert authentication_verdict([fail, GMAIL_PASS], "a@school.vn") == "fail"  # a forged pass below is ignored
    assert authentication_verdict(["evil.example; dmarc=pass header.from=school.vn"], "a@school.vn") is None
    tricky = "mx.google.com; dkim=fail (dmarc=pass) header.d=school.vn; dmarc=fail header.from=school.vn"
    assert authentication_verdict([tricky], "a@school.vn") == "fail"
    other_domain = "mx.google.com; dkim=pass header.d=evil.example; dmarc=none"
    assert authentication_verdict([other_domain], "a@school.vn") == "fail"
