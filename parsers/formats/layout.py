"""A text PDF page read from its words' positions: visual lines, the two-column header block (ô 1-4 of
Nghị định 30, read left column then right), and tables drawn without ruling lines (LibreOffice exports a
borderless table as bare words): columns from the white gutters between the body's words, rows from the
index column or the label cells, the header over merged cells.

Sizes are in multiples of the body's line height, so a 12 pt and a 14 pt document read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from statistics import median
from typing import Any

Word = dict[str, Any]  # pdfplumber's word: text, x0, x1, top, bottom

# a gap between two words wider than this (in line heights) splits a line into segments (cells, columns);
# a word space is ~0.25
SEGMENT_GAP = 0.42
# a white strip at least this wide, crossed by no word of the table's body, parts two columns
GUTTER = 0.35
# a line this close under the one above (or overlapping it) is still the same table; a paragraph after a
# table sits further down
TIGHT = 0.45
# the header block's two columns are parted by a strip at least this wide, around the middle of the text
HEADER_GUTTER = 0.4
_INDEX = re.compile(r"^(?:\d{1,2}|[IVX]{1,4}|[a-zđ])[.)]?$")
# a row that numbers the columns: "(1) (2) (3)", "A B 1 2 3", "(4)=(2)/(3)"
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[A-Z])\)?(?:[=+\-*/x:]\(?\d{1,2}\)?)*$|^[=+\-*/]$")
_FORMULA_PIECE = re.compile(r"^[()\d=+\-*/:]+$")
# the total row's label: "Tổng cộng", "Cộng", "Tổng số", "Toàn trường"
_TOTAL_ROW = re.compile(r"^\s*(?:Tổng cộng|TỔNG CỘNG|Cộng|CỘNG|Tổng số|TỔNG SỐ|Toàn trường|TOÀN TRƯỜNG)\b")


@dataclass
class VLine:
    """One visual line: words at the same height, split into segments where the gap is wide."""

    words: list[Word]
    segments: list[list[Word]] = field(default_factory=list)

    @cached_property  # the words are all in before a line's extent is first asked
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    def text(self, words: list[Word] | None = None) -> str:
        return " ".join(w["text"] for w in (self.words if words is None else words))


def line_height(words: list[Word]) -> float:
    return median(w["bottom"] - w["top"] for w in words) if words else 12.0


def group_lines(words: list[Word], height: float, right: float) -> list[VLine]:
    """Words into visual lines (top to bottom), each split into segments."""
    lines: list[VLine] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1].words[0]["top"] - word["top"]) <= 0.25 * height:
            lines[-1].words.append(word)
        else:
            lines.append(VLine([word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        line.segments = _segments(line.words, height, right)
    return lines


def _segments(words: list[Word], height: float, right: float) -> list[list[Word]]:
    gaps = [b["x0"] - a["x1"] for a, b in zip(words, words[1:], strict=False)]
    wide = SEGMENT_GAP * height
    # a justified line (all gaps alike, the last word on the right margin) is one run of text however wide
    # its spaces are stretched: "BÁO                CÁO", a title spread over the whole width
    if gaps and words[-1]["x1"] >= right - 2 and max(gaps) <= 1.5 * max(min(gaps), 0.1):
        return [words]
    out = [[words[0]]]
    for gap, word in zip(gaps, words[1:], strict=True):
        if gap > wide:
            out.append([word])
        else:
            out[-1].append(word)
    return out


# the two-column header block ------------------------------------------------------------------------------


def header_block(lines: list[VLine], width: float, height: float) -> tuple[int, list[str], list[str]] | None:
    """(lines it takes, left column's lines, right column's lines) of a two-column block at the top of the
    page: cơ quan and school on the left, Quốc hiệu, Tiêu ngữ and the date on the right. The block ends at the
    first line that crosses the strip between them, or that comes after a gap and lines up with neither."""
    best: tuple[int, int] | None = None
    for split in range(int(width * 0.3), int(width * 0.7), 2):
        n = 0
        for line in lines[:20]:
            if any(s[0]["x0"] < split < s[-1]["x1"] for s in line.segments):
                break
            n += 1
        if n >= 2 and (best is None or n > best[0]):
            best = (n, split)
    if best is None:
        return None
    n, split = best
    left: list[VLine] = []
    right: list[VLine] = []
    taken = 0
    prev_bottom: float | None = None
    for line in lines[:n]:
        sides = (
            [s for s in line.segments if s[-1]["x1"] <= split],
            [s for s in line.segments if s[0]["x0"] >= split],
        )
        gap = line.top - prev_bottom if prev_bottom is not None else 0.0
        if left and right and gap > TIGHT * height and not _lines_up(line, left if sides[0] else right):
            break  # the title under the block ("BÁO CÁO", centred on the page)
        for side, segs in zip((left, right), sides, strict=True):
            if segs:
                side.append(VLine([w for s in segs for w in s], segs))
        prev_bottom = line.bottom if prev_bottom is None else max(prev_bottom, line.bottom)
        taken += 1
    if not left or not right or len(left) + len(right) < 3:
        return None
    if min(ln.x0 for ln in right) - max(ln.x1 for ln in left) < HEADER_GUTTER * height:
        return None  # words of one column that happen to leave a narrow strip: not two columns
    return taken, [ln.text() for ln in left], [ln.text() for ln in right]


def _lines_up(line: VLine, column: list[VLine]) -> bool:
    """Whether a line starts, or is centred, where the column's lines are."""
    centre = (line.x0 + line.x1) / 2
    return any(abs(line.x0 - c.x0) <= 3 or abs(centre - (c.x0 + c.x1) / 2) <= 3 for c in column)


# tables from word positions --------------------------------------------------------------------------------


def find_tables(lines: list[VLine], height: float) -> list[tuple[int, int, list[list[str]]]]:
    """(first line, end line, rows) of each borderless table among the lines."""
    out = []
    i = 0
    while i < len(lines):
        if len(lines[i].segments) < 2:
            i += 1
            continue
        start, end = _region(lines, i, height)
        rows = build_table(lines[start:end], height)
        if rows is None:
            i += 1
            continue
        out.append((start, end, rows))
        i = end
    return out


def _tight(above_bottom: float, line: VLine, height: float) -> bool:
    return line.top - above_bottom <= TIGHT * height


def _region(lines: list[VLine], i: int, height: float) -> tuple[int, int]:
    """The run of lines around lines[i] that hangs together as one table: lines of several cells, and the
    single-cell lines held tight between them (a wrapped label, a header's second line)."""
    start = i
    while (
        start > 0
        and len(lines[start - 1].segments) == 1
        and _tight(lines[start - 1].bottom, lines[start], height)
    ):
        start -= 1
    end = i + 1
    bottom = lines[i].bottom
    while end < len(lines) and (len(lines[end].segments) >= 2 or _tight(bottom, lines[end], height)):
        bottom = max(bottom, lines[end].bottom)
        end += 1
    return start, end


def _is_figure_line(line: VLine) -> bool:
    """A line holding a figure or an index number, not only a year ("Năm 2024" is a header)."""
    for w in line.words:
        digits = re.sub(r"[^\d]", "", w["text"])
        if digits and not (len(digits) == 4 and 1900 <= int(digits) <= 2100):
            return True
    return False


def _columns(body: list[VLine], height: float) -> list[tuple[float, float]]:
    """Column extents: runs of x covered by the body's words, parted by white gutters."""
    return _columns_of_spans([(w["x0"], w["x1"]) for ln in body for w in ln.words], height)


def _column_of(word: Word, cols: list[tuple[float, float]]) -> int:
    centre = (word["x0"] + word["x1"]) / 2
    return min(range(len(cols)), key=lambda j: 0 if cols[j][0] <= centre <= cols[j][1] else
               min(abs(centre - cols[j][0]), abs(centre - cols[j][1])))  # fmt: skip


def build_table(region: list[VLine], height: float) -> list[list[str]] | None:
    """The region's rows of cells, the header first; None when it is not a table (one column, no figures)."""
    first = next((k for k, ln in enumerate(region) if _is_figure_line(ln)), None)
    if first is None:
        return None
    # a wrapped label centred against the first row starts above its figure line but overlaps it
    while first > 0 and region[first - 1].bottom > region[first].top + 0.1 * height:
        first -= 1
    head, body = region[:first], region[first:]
    cols = _columns(body, height)
    if len(cols) < 2 or sum(len(ln.segments) >= 2 for ln in body) < 2:
        return None
    cols = _with_header_only(cols, head, height)
    rows = [_header_row(head, cols, height)] if head else []
    for group in _rows(body, cols, height):
        cells: list[list[str]] = [[] for _ in cols]
        for ln in sorted(group, key=lambda ln: ln.top):
            for w in ln.words:
                cells[_column_of(w, cols)].append(w["text"])
        rows.append([" ".join(c) for c in cells])
    return _without_split_headers(rows) if head else rows


def _without_split_headers(rows: list[list[str]]) -> list[list[str]]:
    """A column with a header and nothing under it, beside one with figures whose header is the same or the start
    of its own: the neighbour's header wrapped wider than its figures ("CBQL, GV chủ chốt | Số được tập huấn" over
    one column of figures). The header goes to the figures' column; the empty one is dropped."""
    header, body = rows[0], rows[1:]
    empty = [not any(j < len(r) and r[j].strip() for r in body) for j in range(len(header))]
    drop: set[int] = set()
    for k, text in enumerate(header):
        if not empty[k] or not text:
            continue
        for j in (k - 1, k + 1):
            if 0 <= j < len(header) and j not in drop and not empty[j] and header[j] and text.startswith(header[j]):
                header[j] = text
                drop.add(k)
                break
    return [[c for j, c in enumerate(r) if j not in drop] for r in rows]


def _overlapping(x0: float, x1: float, cols: list[tuple[float, float]], height: float) -> list[int]:
    return [j for j, (a, b) in enumerate(cols) if min(b, x1) - max(a, x0) > -0.1 * height]


def _with_header_only(
    cols: list[tuple[float, float]], head: list[VLine], height: float
) -> list[tuple[float, float]]:
    """The body's columns, and one for each header cell over a column the body leaves empty ("Ghi chú")."""
    extra = [
        (seg[0]["x0"], seg[-1]["x1"])
        for ln in head
        for seg in ln.segments
        if not _overlapping(seg[0]["x0"], seg[-1]["x1"], cols, height)
    ]
    return sorted(cols + _columns_of_spans(extra, height))


def _columns_of_spans(spans: list[tuple[float, float]], height: float) -> list[tuple[float, float]]:
    cols: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if cols and x0 - cols[-1][1] < GUTTER * height:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _header_row(head: list[VLine], cols: list[tuple[float, float]], height: float) -> list[str]:
    """One header row: a word spanning several columns ("Kết quả thực hiện" over "Năm 2023 | Năm 2024") heads
    each of them; a header over a column left empty in the body gets a column of its own."""
    cells: list[list[str]] = [[] for _ in cols]
    for x0, x1, first, text in _header_cells(head, height):
        over = _overlapping(x0, x1, cols, height)
        for j in over or [_column_of(first, cols)]:
            cells[j].append(text)
    return [" ".join(c) for c in cells]


def _header_cells(head: list[VLine], height: float) -> list[tuple[float, float, Word, str]]:
    """The header's lines stacked into the cells they wrapped in: a line one line-pitch under another and centred
    on it continues its cell ("Bồi dưỡng" / "CBQL, GV chủ" / "chốt"), so the whole cell heads every column its
    widest line spans, not only the column its last short word sits over. (x0, x1, first word, text) each."""
    cells: list[list[Any]] = []  # [x0, x1, centre, top of its last line, first word, texts]
    for seg in sorted((seg for ln in head for seg in ln.segments), key=lambda seg: (seg[0]["top"], seg[0]["x0"])):
        x0, x1, top = seg[0]["x0"], seg[-1]["x1"], seg[0]["top"]
        centre = (x0 + x1) / 2
        under = [
            c for c in cells if 0.5 * height < top - c[3] <= 1.35 * height and abs(centre - c[2]) <= 0.3 * height
        ]  # fmt: skip
        text = " ".join(w["text"] for w in seg)
        if under:
            cell = min(under, key=lambda c: abs(centre - c[2]))
            cell[0], cell[1], cell[3] = min(cell[0], x0), max(cell[1], x1), top
            cell[5].append(text)
        else:
            cells.append([x0, x1, centre, top, seg[0], [text]])
    return [(c[0], c[1], c[4], " ".join(c[5])) for c in cells]


def _rows(body: list[VLine], cols: list[tuple[float, float]], height: float) -> list[list[VLine]]:
    """Lines grouped into table rows. Each row has an anchor: its index number ("1", "II", "a)") when the first
    column holds them, else the start of its label (a capital after a finished cell). Every other line joins
    the anchor it overlaps (a cell centred against a wrapped label), else the nearest one, above on a tie."""
    index_col = 0 if _index_column(body, cols) else None
    label_col = max(range(len(cols)), key=lambda j: sum(
        len(w["text"]) for ln in body for w in ln.words if _column_of(w, cols) == j))  # fmt: skip
    anchors: list[VLine] = []
    for ln in body:
        mine = [
            w for w in ln.words if _column_of(w, cols) == (index_col if index_col is not None else label_col)
        ]
        if _numbers_columns(ln) or _TOTAL_ROW.match(" ".join(w["text"] for w in ln.words if w not in mine)):
            anchors.append(ln)  # "(1) (2) (3)", and a total row with no index of its own: rows of their own
        elif not mine:
            continue
        elif index_col is not None or mine[0]["text"][:1].isupper() or mine[0]["text"][:1].isdigit():
            anchors.append(ln)
    if not anchors:
        return [body]
    groups: list[list[VLine]] = [[] for _ in anchors]
    for ln in body:
        if ln in anchors:
            groups[anchors.index(ln)].append(ln)
            continue
        overlaps = [min(ln.bottom, a.bottom) - max(ln.top, a.top) for a in anchors]
        best = max(range(len(anchors)), key=lambda k: overlaps[k])
        if overlaps[best] <= 0:
            gaps = [max(ln.top - a.bottom, a.top - ln.bottom) for a in anchors]
            best = min(
                range(len(anchors)), key=lambda k: (round(gaps[k] / (0.15 * height)), anchors[k].top > ln.top)
            )
        groups[best].append(ln)
    return groups


def _numbers_columns(line: VLine) -> bool:
    """ "(1) (2) (3)", "A B 1 2", with a formula's pieces wrapped in its cell ("(9)=(" "8)/" "(7)")."""
    texts = [w["text"] for w in line.words]
    strict = sum(bool(_COLUMN_NUMBER.match(t)) for t in texts)
    return strict >= 3 and all(_COLUMN_NUMBER.match(t) or _FORMULA_PIECE.match(t) for t in texts)


def _index_column(body: list[VLine], cols: list[tuple[float, float]]) -> bool:
    """Whether the first column holds row numbers (TT / STT) and nothing else."""
    texts = [" ".join(w["text"] for w in ln.words if _column_of(w, cols) == 0) for ln in body]
    texts = [t for t in texts if t]
    return len(texts) >= 2 and all(_INDEX.match(t) for t in texts)
