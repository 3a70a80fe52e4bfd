"""The two-column header at the top of page 1 (issuing body, school and "Số: 45/BC-THHL" on the left; Quốc
hiệu, Tiêu ngữ and the date on the right), found on the page image so that each column is read on its own:
read across the page, "UBND THÀNH PHỐ ĐIỆN BIÊN CỘNG HÒA XÃ HỘI ..." mixes both."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# the header sits in the top of the page; below this share of the height it is the body
_TOP_SHARE = 0.4
# the white gap between the columns is wider than this share of the text's width (a word space is ~1%)
_GAP_SHARE = 0.025


@dataclass(frozen=True)
class Masthead:
    left: tuple[int, int, int, int]  # (x0, y0, x1, y1) of each column
    right: tuple[int, int, int, int]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.left[0], self.left[1], self.right[2], self.right[3]


def text_lines(ink: np.ndarray, min_pixels: int = 3) -> list[tuple[int, int]]:
    """(top, bottom) of each band of rows that holds ink: a line of text, or lines side by side."""
    on = ink.sum(axis=1) >= min_pixels
    steps = np.diff(np.concatenate([[0], on.astype(np.int8), [0]]))
    starts, ends = np.nonzero(steps == 1)[0], np.nonzero(steps == -1)[0]
    out: list[tuple[int, int]] = []
    for top, bottom in zip(starts.tolist(), ends.tolist(), strict=True):
        if out and top - out[-1][1] <= 2:  # a diacritic a pixel above its letters
            out[-1] = (out[-1][0], bottom)
        else:
            out.append((top, bottom))
    return [(t, b) for t, b in out if b - t >= 6]


def find_masthead(gray: Image.Image) -> Masthead | None:
    """The header's two columns on an upright, flattened page; None when the page does not open with two
    columns side by side (a figures-only annex, a later page, a one-column letter)."""
    width, height = gray.size
    ink = np.asarray(gray) < 128
    ink[:, : width // 50] = False  # the scanner's or the photo's border
    ink[:, width - width // 50 :] = False
    top_part = ink[: int(height * _TOP_SHARE)]
    lines = text_lines(top_part)
    if not lines or lines[0][0] > height * 0.25:
        return None
    used = np.nonzero(top_part.any(axis=0))[0]
    x_lo, x_hi = int(used.min()), int(used.max())
    span = x_hi - x_lo
    lo, hi = x_lo + span // 4, x_hi - span // 4  # the gutter is near the middle of the text
    columns = np.zeros(width, dtype=np.int64)
    gutter: tuple[int, int] | None = None
    count = last = 0
    for top, bottom in lines:
        columns += top_part[top:bottom].sum(axis=0)
        gap = _widest_gap(columns[lo:hi] == 0, int(span * _GAP_SHARE))
        if gap is None:
            break
        gutter, count, last = (lo + gap[0], lo + gap[1]), count + 1, bottom
    if gutter is None or count < 2:
        return None
    middle = (gutter[0] + gutter[1]) // 2
    y0 = max(lines[0][0] - 8, 0)
    nxt = lines[count][0] if count < len(lines) else last + 16
    y1 = min((last + nxt) // 2, height)
    return Masthead((0, y0, middle, y1), (middle, y0, width, y1))


def _widest_gap(blank: np.ndarray, minimum: int) -> tuple[int, int] | None:
    """(start, end) of the longest run of True at least minimum long."""
    steps = np.diff(np.concatenate([[0], blank.astype(np.int8), [0]]))
    starts, ends = np.nonzero(steps == 1)[0], np.nonzero(steps == -1)[0]
    if not len(starts):
        return None
    i = int(np.argmax(ends - starts))
    return (int(starts[i]), int(ends[i])) if ends[i] - starts[i] >= minimum else None
