from __future__ import annotations

import unicodedata

import pytest

from parsers import SchoolRef, fold, match_school
from parsers.model import ParseSpec


def test_fold_ignores_case_accents_and_tone_placement() -> None:
    assert fold("Hoà") == fold("hòa") == fold("HOA") == "hoa"
    assert fold("Điện Biên Phủ") == "dien bien phu"
    assert fold(unicodedata.normalize("NFD", "Trường Mầm non Hoạ Mi")) == fold("TRƯỜNG MẦM NON HỌA MI")


@pytest.mark.parametrize(
    ("text", "school_id"),
    [
        ("Báo cáo QCN 2024 - TH Him Lam", "th-him-lam"),
        ("TRƯỜNG TIỂU HỌC HIM LAM", "th-him-lam"),
        ("Trường THCS Him Lam gửi báo cáo", "thcs-him-lam"),
        ("MN Hoà Mi báo cáo", None),  # another tone is another name: only suggested (test_names.py)
        ("Trường Mầm non Hoạ Mi", "mn-hoa-mi"),
        ("Tiểu học số 1 Nà Nhạn", "th-so-1-na-nhan"),
        ("TH&THCS Tà Lèng", "th-thcs-ta-leng"),
        ("Trường Tiểu học và Trung học cơ sở Thanh Trường", "th-thcs-thanh-truong"),
        ("trường th hà nội – điện biên phủ", "th-ha-noi-dbp"),
        ("Him Lam", None),  # three schools are called Him Lam
        ("Phòng GDĐT thành phố Điện Biên Phủ", None),
    ],
)
def test_match_school(text: str, school_id: str | None, spec: ParseSpec) -> None:
    found = match_school(text, spec.schools)
    assert (found.id if found else None) == school_id


def test_aliases_are_matched() -> None:
    schools = [SchoolRef("th-x", "Trường Tiểu học Số 2 Nà Nhạn", aliases=("TH số 2 Nà Nhạn - Mường Phăng",))]
    assert match_school("Trường TH số 2 Nà Nhạn", schools) == schools[0]


def test_exact_tones_break_a_tie_between_folded_twins() -> None:
    schools = [SchoolRef("a", "Trường Tiểu học Thanh Xuân"), SchoolRef("b", "Trường Tiểu học Thành Xuân")]
    assert match_school("TRƯỜNG TIỂU HỌC THÀNH XUÂN", schools) == schools[1]
    assert match_school("Trường TH Thanh Xuân", schools) == schools[0]
    assert match_school("Trường TH Thanh Xuan", schools) is None
