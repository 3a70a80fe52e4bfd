from __future__ import annotations

from datetime import date

import pytest

from parsers import SchoolRef
from parsers.reading.fields import correct_symbol, find_date, find_number


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số: 45/BC-THHL", "45/BC-THHL"),
        ("Số : 39/KH -THDT", "39/KH-THDT"),
        ("Số:  32  /KH-THHVT", "32/KH-THHVT"),
        ("Số: 05/BC-MNHB", "05/BC-MNHB"),
        ("Số: 23/BC-MGTLg", "23/BC-MGTLg"),
        ("Số: . . . ./BC- THMH", None),
        ("Số:       /BC-THHL", None),
    ],
)
def test_document_number(line: str, number: str | None) -> None:
    assert find_number([line]) == (True, number)


def test_a_plan_cited_in_the_body_is_not_the_number() -> None:
    assert find_number(["Thực hiện Kế hoạch số 125/KH-PGDĐT ngày 20/3/2024"]) == (False, None)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Điện Biên Phủ, ngày 10 tháng 11 năm 2024", date(2024, 11, 10)),
        ("Điện Biên Phủ, ngày 05 tháng 01 năm 2025", date(2025, 1, 5)),
        ("Điện Biên Phủ, ngày 10/11/2024", date(2024, 11, 10)),
        ("Điện Biên Phủ, ngày      tháng 11 năm 2024", None),
        ("Điện Biên Phủ, ngày 31 tháng 02 năm 2024", None),
    ],
)
def test_date_line(line: str, day: date | None) -> None:
    assert find_date([line]) == (True, day)


def test_date_wrapped_in_a_narrow_header_cell() -> None:
    assert find_date(["Điện Biên Phủ, ngày 11 tháng 11 năm", "2024", "BÁO CÁO"]) == (True, date(2024, 11, 11))


def test_a_document_that_starts_with_its_title_has_no_number() -> None:
    # a PDF whose only text is the title (seen with a looping content stream) gave a zip() length error
    assert find_number(["BÁO CÁO", "Kết quả thực hiện"]) == (False, None)
    assert find_number([]) == (False, None)


@pytest.mark.parametrize(
    ("number", "school", "fixed"),
    [
        ("73/BC-THIB", "Trường THCS Thanh Bình", None),  # THCSTB is 6 letters: not this school's slip
        ("73/BC-THIB", "Trường Tiểu học Thanh Bình", "73/BC-THTB"),
        ("61/BC-THI1", "Trường Tiểu học Tân Thanh", "61/BC-THTT"),
        ("45/BC-THHL", "Trường Tiểu học Him Lam", None),  # already right
        ("45/BC-THXL", "Trường Tiểu học Him Lam", None),  # X is no look-alike of H: another symbol, kept
        ("45/BC-THHL", None, None),
    ],
)
def test_an_ocr_slip_in_the_symbol_is_put_right(number: str, school: str | None, fixed: str | None) -> None:
    ref = SchoolRef("x", school) if school else None
    assert correct_symbol(number, ref) == fixed


@pytest.mark.parametrize(
    ("number", "school", "fixed"),
    [
        ("68/BC-MNTTT", "Trường Mầm non Thanh Trường", "68/BC-MNTT"),  # a letter read twice
        ("68/BC-MNT", "Trường Mầm non Thanh Trường", "68/BC-MNTT"),  # a letter lost
        ("68/BC-MN", "Trường Mầm non Thanh Trường", None),  # two lost of four: too far
        ("68/BC-MNTX", "Trường Mầm non Thanh Trường", None),  # X is no look-alike of T: another symbol
        ("83/BC-THCSMI", "Trường THCS Mường Thanh", "83/BC-THCSMT"),
        ("83/BC-THSMT", "Trường THCS Mường Thanh", "83/BC-THCSMT"),  # six letters: one dropped
        ("83/BC-THSI", "Trường THCS Mường Thanh", None),  # two slips and a third: too far
    ],
)
def test_a_letter_too_many_or_lost_in_the_symbol_is_put_right(
    number: str, school: str, fixed: str | None
) -> None:
    assert correct_symbol(number, SchoolRef("x", school)) == fixed


def test_a_slip_that_fits_two_of_the_schools_symbols_is_left() -> None:
    school = SchoolRef("x", "Trường Tiểu học Thanh Bình", aliases=("Trường Tiểu học Thanh Bình Lớn",))
    assert correct_symbol("12/BC-THTBL", school) is None  # its alias's own symbol
    assert correct_symbol("12/BC-THTBI", school) is None  # THTB and a letter more, or THTBL with I for L?
