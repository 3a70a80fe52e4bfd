"""Tables with one metric per column: header rows (grouped over merged cells), a column-number row, the row of
the report's own figures (the only data row, the report year's row, or the total row)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.blocks import Table
from parsers.model import MetricSpec
from parsers.reading.keys import fold
from parsers.reading.labels import LabelIndex, Match
from parsers.reading.numbers import find_numbers

# "(1)", "1", "A", "(4)=(2)/(3)", "5 = 3 + 4": a cell of the row that numbers the columns
_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?(?:\s*[=+\-*/x:]\s*\(?\s*\d{1,2}\s*\)?)*$")
# header words that make a column something other than this year's result
_NOT_RESULT = re.compile(r"chi tieu|ke hoach|muc tieu|phan dau|ghi chu|ty le|%|so sanh|tang|giam|nam truoc")
_TOTAL = re.compile(r"\b(tong cong|tong so|tong|cong|toan truong|ca nam|chung)\b")
_YEAR = re.compile(r"(?<![\d/])(20\d\d)(?![\d/])")
MAX_HEADER_ROWS = 4


def column_numbers(row: Sequence[str]) -> bool:
    """Whether a row numbers the columns: "(1) (2) (3) ...", "A B 1 2 3", "(4)=(2)/(3)"."""
    cells = [c.strip() for c in row if c and c.strip()]
    if len(cells) < 3:
        return False
    numbers = []
    for c in cells:
        if not _COLUMN_NUMBER.match(c):
            return False
        lead = re.match(r"^\(?\s*(\d{1,2})", c)
        if lead:
            numbers.append(int(lead[1]))
    distinct = list(dict.fromkeys(numbers))  # merged cells repeat theirs
    return len(distinct) >= 2 and all(b == a + 1 for a, b in zip(distinct, distinct[1:], strict=False))


def _figure_cell(cell: str) -> bool:
    return any(not 1900 <= n.value <= 2100 for n in find_numbers(cell))


def _words(cell: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", cell)) >= 1


def _header_depth(rows: Sequence[tuple[str, ...]]) -> int:
    """How many leading rows are header (no figure outside a column-number row; an index "1" is a figure)."""
    depth = 0
    for i, row in enumerate(rows[: MAX_HEADER_ROWS + 1]):
        if column_numbers(row):
            depth = i + 1
            continue
        if any(_figure_cell(c) for c in row) or not any(_words(c) for c in row):
            break
        depth = i + 1
    return depth


def column_labels(header: Sequence[tuple[str, ...]]) -> list[str]:
    """Each column's label from every header row above it: a group cell ("Tuyên truyền") spans the columns its
    sub-headers stand in even when the reader left the merged cell's other grid squares blank."""
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
        labels.append(" ".join(parts))
    return labels


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
        taken[j] = Match(spec, score, score - max(rivals, default=0.0))
        used.add(spec.key)
    return taken


def data_row(rows: Sequence[tuple[str, ...]], columns: set[int], year: int | None) -> int | None:
    """The row that holds the school's own figures: the only one, the report year's, or the total."""
    candidates = [
        r for r, row in enumerate(rows)
        if not column_numbers(row) and any(j < len(row) and row[j].strip() for j in columns)
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
    labels = column_labels(header)
    matches = assign(labels, index, specs)
    if len({m.spec.key for m in matches.values()}) < 2:
        return []
    r = data_row(rows[depth:], set(matches), year)
    if r is None:
        return []
    row = rows[depth + r]
    return [(m, depth + r, j, labels[j]) for j, m in sorted(matches.items()) if j < len(row)]
