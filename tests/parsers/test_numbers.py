from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.reading.numbers import find_numbers, parse_count, parse_percent, parse_value, parse_yesno


@pytest.mark.parametrize(
    ("text", "value"),
    [("05 buổi", 5), ("1.250", 1250), ("1.250 lượt", 1250), ("12.345.678", 12345678), ("0", 0), ("Không", 0)],
)
def test_counts_read_vietnamese_style(text: str, value: int) -> None:
    assert parse_count(text) is not None
    assert parse_count(text)[0] == value  # type: ignore[index]


def test_english_thousands_comma_is_read_but_doubted() -> None:
    assert parse_count("1,250") == (1250, 0.85)  # a count has no decimals: the comma groups thousands


@pytest.mark.parametrize(("text", "value"), [("54,6%", 54.6), ("100%", 100), ("99,51 %", 99.51), ("85", 85)])
def test_percentages(text: str, value: float) -> None:
    assert parse_percent(text)[0] == value  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "value"), [("Có", True), ("x", True), ("Đã thực hiện", True), ("Không", False), ("Chưa", False)]
)
def test_yes_no(text: str, value: bool) -> None:
    assert parse_yesno(text) == (value, 1.0)


@pytest.mark.parametrize(
    "text", ["ngày 10/11/2024", "2024-2028", "Số: 45/BC-THHL", "Nghị định 30/2020/NĐ-CP"]
)
def test_dates_ranges_and_document_numbers_are_not_figures(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize("text", ["", "-", "...", "…"])
def test_blank_cells_state_nothing(text: str) -> None:
    assert parse_value(text, "count") is None
    assert parse_value(text, "yesno") is None


def test_two_figures_in_one_sentence() -> None:
    found = find_numbers("tổ chức được 05 buổi tuyên truyền với 1.250 lượt học sinh tham gia")
    assert [n.value for n in found] == [5, 1250]


@given(st.integers(min_value=0, max_value=10**9))
def test_any_count_written_with_dot_groups_reads_back(n: int) -> None:
    assert parse_count(f"{n:,}".replace(",", ".")) == (n, 1.0)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Có ☐ Không ☐", None),  # the form's own boxes, not ticked: no answer
        ("Có ☒ Không ☐", True),
        ("Có ☐ Không ☑", False),
        ("Có [x]  Không [ ]", True),
        ("Có/Không", None),  # the header cell repeated, not a value
    ],
)
def test_form_boxes(text: str, value: bool | None) -> None:
    found = parse_yesno(text)
    assert (found[0] if found else None) == value


def test_boxes_as_ocr_reads_them() -> None:
    assert parse_yesno("X] Có L] Không") == (True, 0.9)
    assert parse_yesno("L] Có X] Không") == (False, 0.9)
    assert parse_yesno("[x] Có [ ] Không") == (True, 0.9)
