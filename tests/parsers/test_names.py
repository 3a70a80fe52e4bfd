"""School names on the real roster: every risky pair both ways (the real name matches, the near one never)."""

from __future__ import annotations

import pytest

from parsers import ParseSpec, SchoolRef, match_school, parse_attachment, suggest_school
from parsers.reading.names import name_in
from tests.parsers.docmaker import docx

# the roster's risky pairs: the same proper name at 2-3 levels (Him Lam, Noong Bua, Tân Thanh, Thanh Bình,
# Mường Thanh, Nam Thanh, Thanh Minh, Thanh Trường, Tà Lèng, Mường Phăng), one letter apart (Thanh Bình /
# Thanh Minh at every level, Số 1 / Số 2 Nà Nhạn), one name inside another (Số 1 Nà Nhạn / THCS Nà Nhạn),
# and "Trường" inside a proper name (Thanh Trường)
REAL = [
    ("TRƯỜNG TIỂU HỌC HIM LAM", "th-him-lam"),
    ("Trường THCS Him Lam gửi báo cáo", "thcs-him-lam"),
    ("Trường Mầm non Him Lam", "mn-him-lam"),
    ("Trường Tiểu học Thanh Bình", "th-thanh-binh"),
    ("Trường Tiểu học Thanh Minh", "th-thanh-minh"),
    ("TRƯỜNG MẦM NON THANH BÌNH", "mn-thanh-binh"),
    ("Trường THCS Thanh Minh", "thcs-thanh-minh"),
    ("Trường Tiểu học Số 1 Nà Nhạn", "th-so-1-na-nhan"),
    ("TH số 2 Nà Nhạn", "th-so-2-na-nhan"),
    ("Trường THCS Nà Nhạn", "thcs-na-nhan"),
    ("Trường Mầm non Thanh Trường", "mn-thanh-truong"),
    ("Trường TH-THCS Thanh Trường", "th-thcs-thanh-truong"),
    ("Trường Tiểu học và THCS Thanh Trường", "th-thcs-thanh-truong"),
    ("TH&THCS Tà Lèng", "th-thcs-ta-leng"),
    ("Trường Mầm non Tà Lèng", "mn-ta-leng"),
    ("Trường Tiểu học Mường Phăng", "th-muong-phang"),
    ("Trường THCS Mường Phăng", "thcs-muong-phang"),
    ("Trường Mầm non 20/10", "mn-20-10"),
    ("Trường Mầm non Hoạ Mi", "mn-hoa-mi"),  # the old tone placement of Họa
    ("bao cao truong tieu hoc thanh binh", "th-thanh-binh"),  # typed without diacritics at all
    ("Báo cáo QCN 2024 - TH Him Lam", "th-him-lam"),
    ("TRƯỜNG TH HIM LAM Số: 45/BC-THHL", "th-him-lam"),
    ("Trường Sơn Ca", "mn-son-ca"),  # no level written, but only one school is called Sơn Ca
    ("BaoCao_QCN_TH_Him Lam_2024", "th-him-lam"),  # a file name or subject with underscores
    ("Báo Cáo Trường Tiểu Học Him Lam Năm 2024", "th-him-lam"),
    ("Trường TH Him Lam V/v gửi báo cáo", "th-him-lam"),
    ("Trường TH Him Lam Hiệu trưởng Lò Thị Hoa", "th-him-lam"),
    ("Trường TH Him Lam Điện thoại 0215 3824 567", "th-him-lam"),
]
NEAR = [
    "Trường Tiểu học Thanh Xương",  # not on the roster; not Thanh Trường
    "Trường Mầm non Thanh Yên",  # not Mầm non Thanh Trường
    "Trường Tiểu học Him Lam 2",
    "Trường Tiểu học Him Lam II",
    "Trường Tiểu học số 3 Nà Nhạn",  # not THCS Nà Nhạn, not Số 1 / Số 2
    "Tiểu học Nà Nhạn",  # TH Số 1 and Số 2 Nà Nhạn exist, no "Tiểu học Nà Nhạn"
    "Trường TH Thanh Trường",  # Thanh Trường is a TH-THCS school, and a Mầm non
    "Trường THCS Tà Lèng",  # a TH-THCS school
    "Trường Mầm non Mường Phăng",
    "Trường Tiểu học Thanh Bính",  # a tone slip: suggested, never attributed
    "MN Hoà Mi",  # Hòa is not Họa
    "Him Lam",  # three schools
    "Noong Bua",
    "Trường Mầm non Hoa Ban Mai",  # a further proper word after the name
    "Phòng GDĐT thành phố Điện Biên Phủ",
]


@pytest.mark.parametrize(("text", "school_id"), REAL)
def test_the_real_name_matches(text: str, school_id: str, spec: ParseSpec) -> None:
    found = match_school(text, spec.schools)
    assert found is not None and found.id == school_id
    assert suggest_school(text, spec.schools) is None


@pytest.mark.parametrize("text", NEAR)
def test_a_near_name_never_matches(text: str, spec: ParseSpec) -> None:
    assert match_school(text, spec.schools) is None


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("Trường Tiểu học Him Lam 2", "th-him-lam"),  # one syllable more
        ("Trường Tiểu học Thanh Bính", "th-thanh-binh"),  # other tones beat Thanh Minh's one letter
        ("MN Hoà Mi", "mn-hoa-mi"),
        ("Trường THCS Tà Lèng", "th-thcs-ta-leng"),  # the same name at the nearest level
        ("Trường TH Thanh Trường", "th-thcs-thanh-truong"),
        ("Trường Mầm non Mường Phăng", None),  # TH and THCS Mường Phăng: no one to prefer
        ("Trường Tiểu học số 3 Nà Nhạn", None),  # Số 1 and Số 2 are both one letter away
        ("Trường Tiểu học Thanh Xương", None),  # Thanh Bình and Thanh Minh are both a syllable away
        ("Trường Tiểu học Thanh Bình", None),  # a match is not a suggestion
    ],
)
def test_suggestions(text: str, suggested: str | None, spec: ParseSpec) -> None:
    found = suggest_school(text, spec.schools)
    assert (found.id if found else None) == suggested


@pytest.mark.parametrize(
    ("text", "school_id", "written"),
    [
        ("TRƯỜNG TIỂU HỌC THANH XƯƠNG", None, "TRƯỜNG TIỂU HỌC THANH XƯƠNG"),
        ("Trường Tiểu học Him Lam 2 báo cáo", None, "Trường Tiểu học Him Lam 2"),
        ("trường th hà nội – điện biên phủ", "th-ha-noi-dbp", "trường th hà nội – điện biên phủ"),
        ("TRƯỜNG TH HIM LAM Số: 45/BC-THHL", "th-him-lam", "TRƯỜNG TH HIM LAM"),
        ("Trên đây là báo cáo của Trường Sơn Ca.", "mn-son-ca", "Trường Sơn Ca"),
    ],
)
def test_the_name_as_written(text: str, school_id: str | None, written: str, spec: ParseSpec) -> None:
    school, name = name_in(text, spec.schools)
    assert (school.id if school else None, name) == (school_id, written)


def test_an_alias_is_a_whole_name_too() -> None:
    schools = [
        SchoolRef("x", "Trường Tiểu học Số 2 Nà Nhạn", aliases=("Trường TH Số 2 Nà Nhạn - Mường Phăng",))
    ]
    assert match_school("Trường TH số 2 Nà Nhạn", schools) == schools[0]
    assert match_school("Trường TH số 2 Nà Nhạn 3", schools) is None


def test_a_name_wrapped_over_two_header_lines(spec: ParseSpec) -> None:
    from parsers.reading.fields import find_school

    head = ["PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ", "TRƯỜNG TIỂU HỌC", "THANH BÌNH", "Số: 12/BC-THTB"]
    school, written, _ = find_school(head, head, spec.schools)
    assert (school.id if school else None, written) == ("th-thanh-binh", "TRƯỜNG TIỂU HỌC THANH BÌNH")


@pytest.mark.parametrize(
    ("header", "school"),
    [
        ("TRƯỜNG TIỂU HỌC THANH XƯƠNG", {"id": None, "name": "TRƯỜNG TIỂU HỌC THANH XƯƠNG", "suggestion": None}),
        ("TRƯỜNG TIỂU HỌC HIM LAM 2", {"id": None, "name": "TRƯỜNG TIỂU HỌC HIM LAM 2", "suggestion": "th-him-lam"}),
        ("TRƯỜNG MẦM NON THANH YÊN", {"id": None, "name": "TRƯỜNG MẦM NON THANH YÊN", "suggestion": None}),
        ("TRƯỜNG TIỂU HỌC SỐ 3 NÀ NHẠN", {"id": None, "name": "TRƯỜNG TIỂU HỌC SỐ 3 NÀ NHẠN", "suggestion": None}),
        # a roster school is named as the roster writes it
        ("TRƯỜNG TH-THCS THANH TRƯỜNG", {"id": "th-thcs-thanh-truong", "name": "Trường TH-THCS Thanh Trường",
                                         "suggestion": None}),
    ],
)  # fmt: skip
def test_the_report_names_its_school(header: str, school: dict[str, str | None], spec: ParseSpec) -> None:
    title = ["BÁO CÁO", "Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"]
    closing = ("Trên đây là báo cáo của nhà trường./.",)
    (report,) = parse_attachment(
        docx(school=header, title=title, closing=closing), filename="x.docx", spec=spec
    )
    got = report.to_json()
    assert {**got["school"], "suggestion": got["school_suggestion"]} == school


def test_a_name_wrapped_in_lower_case_when_the_two_lines_name_a_roster_school(spec: ParseSpec) -> None:
    from parsers.reading.fields import find_school

    head = ["Trường Tiểu học Mường", "Thanh", "Số: 12/BC-THMT"]
    assert find_school(head, head, spec.schools)[0] == next(s for s in spec.schools if s.id == "th-muong-thanh")
    alone = ["Trường Tiểu học Mường", "Số: 12/BC-THMT"]
    assert find_school(alone, alone, spec.schools)[0] is None


@pytest.mark.parametrize(
    ("body", "school_id"),
    [
        ("Thực hiện chỉ đạo của Phòng về việc báo cáo kết quả, Trường Mầm non Thanh Trường báo cáo như sau:",
         "mn-thanh-truong"),
        # the office asks another school for a report: that school is not the one reporting
        ("Phòng đề nghị Trường Mầm non Thanh Trường gửi báo cáo trước ngày 10/11.", None),
    ],
)
def test_the_school_that_reports_in_the_body(body: str, school_id: str | None, spec: ParseSpec) -> None:
    from parsers.reading.fields import find_school

    head = ["TRƯƠNG MN THANH TRƯƠNG", "Số: 68/BC-MNTT", "BÁO CÁO"]  # OCR lost the tone marks
    school = find_school(head, [*head, body], spec.schools)[0]
    assert (school.id if school else None) == school_id


def test_an_ocr_name_with_other_tone_marks_is_the_roster_school_in_doubt(spec: ParseSpec) -> None:
    from parsers.reading.fields import read_header

    lines = ["TRƯỜNG MN TUỐI THƠ", "Số: 46/BC-MNTT", "BÁO CÁO"]
    ocr = read_header(lines, spec.schools, ocr=True)
    assert (ocr.school.id if ocr.school else None, ocr.by_tones) == ("mn-tuoi-tho", True)
    assert read_header(lines, spec.schools).school is None  # typed text means what its tones say
