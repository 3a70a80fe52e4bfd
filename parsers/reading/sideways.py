"""Tables with one metric per column: header rows (grouped over merged cells), a column-number row, the row of
the report's own figures (the only data row, the report year's row, or the total row)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from parsers.blocks import Table
from parsers.model import MetricSpec
from parsers.reading.keys import fold, words
from parsers.reading.labels import LabelIndex, Match
from parsers.reading.numbers import find_numbers

# "(1)", "1", "A", "(4)=(2)/(3)", "5 = 3 + 4": a cell of the row that numbers the columns
_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?(?:\s*[=+\-*/x:]\s*\(?\s*\d{1,2}\s*\)?)*$")
# header words that make a column something other than this year's result
_NOT_RESULT = re.compile(r"chi tieu|ke hoach|muc tieu|phan dau|ghi chu|ty le|%|so sanh|tang|giam|nam truoc")
_TOTAL = re.compile(r"\b(tong cong|tong so|tong|cong|toan truong|ca nam|chung)\b")
_YEAR = re.compile(r"(?<![\d/])(20\d\d)(?![\d/])")
MAX_HEADER_ROWS = 4
_ANSWERS = {"co", "khong", "chua", "x", "v", "✓", "✔", "☑", "☒"}
# one header cell for a group and its sub-column: "Tuyên truyền - Số buổi", "Tin giả – Đã xử lý"
_FLATTENED = re.compile(r"\s+[-–—]\s+(?=\w)")


def column_numbers(row: Sequence[str]) -> bool:
    """Whether a row numbers the columns: "(1) (2) (3) ...", "A B 1 2 3", "(4)=(2)/(3)"."""
    cells = [c.strip() for c in row if c and c.strip()]
    if len(cells) < 3:
        return False
    if _scanned_numbers(row):
        return True
    numbers = []
    for c in cells:
        if not _COLUMN_NUMBER.match(c):
            return False
        lead = re.match(r"^\(?\s*(\d{1,2})", c)
        if lead:
            numbers.append(int(lead[1]))
    distinct = list(dict.fromkeys(numbers))  # merged cells repeat theirs
    steps = [b - a for a, b in zip(distinct, distinct[1:], strict=False)]
    if len(distinct) >= 4 and distinct[0] <= 2 and all(1 <= d <= 2 for d in steps):
        return True  # a number or two OCR lost: "1 2 3 4 _ 6 _ 8"
    return len(distinct) >= 2 and all(d == 1 for d in steps)


def _scanned_numbers(row: Sequence[str]) -> bool:
    """The same row as OCR reads it ("Œ) | 2 | @) | 4 | G) | 6 | 7 | 8"): most cells a number that is its column's
    place plus one offset, the others a few signs."""
    placed = [(k, int(m[1])) for k, c in enumerate(row) if (m := re.fullmatch(r"\(?(\d{1,2})\)?", c.strip()))]
    others = [c.strip() for c in row if c.strip() and not re.fullmatch(r"\(?\d{1,2}\)?", c.strip())]
    return (
        len(placed) >= 4
        and len(placed) > len(others)
        and all(len(c) <= 3 for c in others)
        and len({n - k for k, n in placed}) == 1
    )


def _figure_cell(cell: str) -> bool:
    return any(not 1900 <= n.value <= 2100 for n in find_numbers(cell))


def _answer_cell(cell: str) -> bool:
    """A cell that answers a metric: a figure, a yes or no, a tick (not a signature block's words)."""
    key = fold(cell).strip(" .")
    return bool(re.search(r"\d", key)) or key in _ANSWERS or key.startswith(("co ", "khong ", "chua ", "da "))


def _words(cell: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", cell)) >= 1


def _header_depth(rows: Sequence[tuple[str, ...]]) -> int:
    """How many leading rows are header (no figure outside a column-number row; an index "1" is a figure)."""
    depth = 0
    for i, row in enumerate(rows[: MAX_HEADER_ROWS + 1]):
        if column_numbers(row):
            depth = i + 1
            continue
        # a figure on its own is data; one among a header's words is not ("Kết quả thực hiện năm 224", OCR's 2024)
        if any(_figure_cell(c) and len(c.split()) <= 3 for c in row) or not any(_words(c) for c in row):
            break
        depth = i + 1
    return depth


def column_labels(header: Sequence[tuple[str, ...]]) -> list[list[str]]:
    """Each column's label parts from every header row above it, the group's first: a group cell ("Tuyên truyền")
    spans the columns its sub-headers stand in even when the reader left the merged cell's other grid squares
    blank."""
    width = max((len(r) for r in header), default=0)
    grid = [list(r) + [""] * (width - len(r)) for r in header]
    for h in range(len(grid) - 1):
        below = grid[h + 1]
        for j in range(1, width):
            if not grid[h][j].strip() and grid[h][j - 1].strip() and below[j].strip() and below[j - 1].strip():
                grid[h][j] = grid[h][j - 1]
    labels = []
    for j in range(width):
        parts: list[str] = []
        for row in grid:
            cell = " ".join(row[j].split())
            if cell and (not parts or parts[-1] != cell):
                parts.append(cell)
        labels.append(parts)
    return labels


def scored_labels(parts: Sequence[Sequence[str]], specs: Sequence[MetricSpec]) -> list[str]:
    """The text each column is matched on. Under a group ("Tập huấn ... CBQL, GV chủ chốt" over "Tổng số" and
    "Đã tập huấn"), a metric's distinguishing phrase in the group belongs to the sub-column that repeats it, not
    to its siblings: "Tổng số" is then the key staff, not the trained ones."""
    split = [[piece for cell in p for piece in _FLATTENED.split(cell)] for p in parts]
    # a cell over groups ("Kết quả thực hiện năm 2024" over "Tuyên truyền" over "Số buổi") names none of them
    over = {p[0] for p in split if len(p) >= 3}
    parts = [p[1:] if len(p) >= 2 and p[0] in over else p for p in split]
    plains = [f" {' '.join(words(' '.join(p)))} " for p in parts]
    phrases = {" ".join(words(r)) for spec in specs for r in spec.requires} - {""}
    for j, p in enumerate(parts):
        if len(p) < 2:
            continue
        own = f" {' '.join(words(p[-1]))} "
        siblings = [f" {' '.join(words(q[-1]))} " for k, q in enumerate(parts) if k != j and q[:-1] == p[:-1]]
        for phrase in phrases:
            if f" {phrase} " not in own and any(f" {phrase} " in s for s in siblings):
                plains[j] = plains[j].replace(f" {phrase} ", " ")
    return [" ".join(p.split()) for p in plains]


def assign(labels: Sequence[str], index: LabelIndex, specs: Sequence[MetricSpec]) -> dict[int, Match]:
    """Column -> metric, each metric to one column: the best-scored pairs first; a column whose header says plan,
    ratio, note or another year is not a result."""
    pairs = []
    for j, label in enumerate(labels):
        if not label or _NOT_RESULT.search(fold(label)):
            continue
        for score, spec in index.score(label):
            if score >= 0.5:
                pairs.append((score, j, spec))
    pairs.sort(key=lambda p: (-p[0], p[1]))
    taken: dict[int, Match] = {}
    used: set[str] = set()
    for score, j, spec in pairs:
        if j in taken or spec.key in used:
            continue
        rivals = [s for s, k, sp in pairs if k == j and sp.key != spec.key and sp.key not in used]
        twin = any(k != j and labels[k] == labels[j] for k in range(len(labels)))
        # a column whose header reads the same as another's ("... chủ chốt" twice): which is which is a guess
        taken[j] = Match(spec, score, 0.0 if twin else score - max(rivals, default=0.0))
        used.add(spec.key)
    return taken


def data_row(rows: Sequence[tuple[str, ...]], columns: set[int], year: int | None) -> int | None:
    """The row that holds the school's own figures: the only one, the report year's, or the total."""
    candidates = [
        r for r, row in enumerate(rows)
        if not column_numbers(row) and any(j < len(row) and _answer_cell(row[j]) for j in columns)
    ]  # fmt: skip
    if len(candidates) == 1:
        return candidates[0]

    def naming(r: int) -> str:
        return fold(" ".join(c for j, c in enumerate(rows[r]) if j not in columns))

    if year is not None:
        of_year = [r for r in candidates if str(year) in _YEAR.findall(naming(r))]
        if len(of_year) == 1:
            return of_year[0]
    totals = [r for r in candidates if _TOTAL.search(naming(r))]
    return totals[-1] if len(totals) == 1 else None


def sideways_cells(
    table: Table, index: LabelIndex, specs: Sequence[MetricSpec], year: int | None
) -> list[tuple[Match, int, int, str]]:
    """(metric, row, column, header) of each figure of a one-metric-per-column table; [] for any other table."""
    rows = [tuple(c or "" for c in row) for row in table.rows]
    depth = _header_depth(rows)
    if not depth or depth >= len(rows):
        return []
    header = [r for r in rows[:depth] if not column_numbers(r)]
    parts = column_labels(header)
    labels = [" ".join(p) for p in parts]
    matches = assign(scored_labels(parts, specs), index, specs)
    if len({m.spec.key for m in matches.values()}) < 2:
        return []
    r = data_row(rows[depth:], set(matches), year)
    if r is None:
        return []
    row = rows[depth + r]
    if table.rebuilt:
        matches = {j: _unsure(m) if _split_header(j, rows[depth:], labels) else m for j, m in matches.items()}
    return [(m, depth + r, j, labels[j]) for j, m in sorted(matches.items()) if j < len(row)]


def _split_header(j: int, body: Sequence[tuple[str, ...]], labels: Sequence[str]) -> bool:
    """Whether a column rebuilt from word positions stands beside a sibling (same group, a sub-header of its own) with
    no figures under it: a header wrapped over two columns, so which figure is which is a guess."""
    mine = labels[j].split()
    for k in (j - 1, j + 1):
        if not (0 <= k < len(labels)) or any(k < len(row) and _answer_cell(row[k]) for row in body):
            continue
        theirs = labels[k].split()
        shared = len(os.path.commonprefix([mine, theirs]))
        if shared >= 2 and len(theirs) > shared:  # a sibling under the same group with a sub-header of its own
            return True
    return False


def _unsure(match: Match) -> Match:
    return Match(match.spec, match.score, 0.0)
