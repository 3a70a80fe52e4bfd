"""The header's two columns found on a page image, so that each is read on its own."""

from __future__ import annotations

from parsers.images.masthead import find_masthead
from tests.parsers.pagemaker import page


def test_the_two_header_columns_are_found() -> None:
    head = find_masthead(page())
    assert head is not None
    assert head.left[2] == head.right[0]
    assert 700 < head.left[2] < 1440  # between the school's name and the national motto
    assert head.box[1] < 200 < head.box[3] < 200 + 5 * 70  # the three header lines, not the body


def test_a_page_without_a_two_column_header_has_none() -> None:
    assert find_masthead(page(header=False)) is None
