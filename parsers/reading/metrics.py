"""Metric values from tables and from prose, each with provenance and a confidence; plan targets ignored."""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.blocks import Extracted, Table
from parsers.model import MetricSpec, MetricValue, Provenance
from parsers.reading.keys import fold
from parsers.reading.labels import LabelIndex
from parsers.reading.numbers import find_numbers, parse_value
from parsers.reading.prose import DOUBTFUL_FACTOR, TARGET_RE, Candidate, ProseReader, confidence
from parsers.reading.sections import zones
from parsers.reading.sideways import sideways_cells

_RESULT = re.compile(r"ket qua|thuc hien|so luong|so lieu|dat duoc|tong so|nam 20\d\d|gia tri")
_ROLES = (
    ("target", re.compile(r"chi tieu|ke hoach|muc tieu|phan dau|dang ky|nam truoc|so sanh")),
    ("note", re.compile(r"ghi chu|minh chung|dien giai|ly do")),
    ("unit", re.compile(r"^(don vi|dvt|don vi tinh)")),
    ("index", re.compile(r"^(s?tt|so tt|thu tu)$")),
    ("ratio", re.compile(r"ty le|%")),
    ("yes", re.compile(r"^co$")),
    ("no", re.compile(r"^(khong|chua)$")),
    ("result", _RESULT),
    ("label", re.compile(r"noi dung|chi so|tieu chi|hang muc|linh vuc|ten")),
)
_TICKS = ("x", "v", "co", "✓", "✔", "☑", "☒")
_FRACTION_CELL = re.compile(r"^(\d{1,4})\s*/\s*(\d{1,4})(?:\s+[^\W\d_]+\.?)?$")  # "9/10", "13/34 người"
_NUMBERING = re.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]?\s*$")


def _role(cell: str) -> str | None:
    """What a header cell makes its column; "Kết quả Ghi chú" (two headers a PDF ran together) is the result's."""
    key = fold(cell).strip(" .:()")
    for role, pattern in _ROLES:
        m = pattern.search(key)
        if m and (role != "note" or not _RESULT.search(key[: m.start()])):
            return role
    return None


def _column_year(cell: str) -> int | None:
    """The year a column header speaks of: "Năm 2024", "2024", "Năm học 2024-2025" (its first year)."""
    m = re.search(r"(?<![\d/])(20\d\d)(?![\d/])", fold(cell))
    return int(m[1]) if m and len(cell.split()) <= 6 else None


def _figures(cell: str) -> bool:
    """Whether a cell holds a figure (a year in a column header "Năm 2024" is not one)."""
    return any(not 1900 <= n.value <= 2100 for n in find_numbers(cell))


def _label_column(rows: Sequence[tuple[str, ...]], roles: dict[int, str]) -> int | None:
    """The column that names the rows: the first one not the index whose cells are mostly words (an OCR'd "STT"
    header may read "SLL", so the header alone does not tell the index column)."""
    width = max((len(r) for r in rows), default=0)
    for j in range(width):
        cells = [r[j] for r in rows if j < len(r) and r[j]]
        if roles.get(j) == "index" or not cells:
            continue
        if sum(len(re.findall(r"[^\W\d_]{2,}", c)) >= 2 for c in cells) * 2 > len(cells):
            return j
    return None


class MetricReader:
    def __init__(self, specs: Sequence[MetricSpec], year: int | None = None) -> None:
        """year: the year the document reports on, which picks a table's column when it has one per year."""
        self.year = year
        self.specs = tuple(specs)
        self.index = LabelIndex(specs)
        self.prose = ProseReader(specs, self.index)
        # metric -> where its label stands beside a value that could not be read (not a blank: "not stated")
        self.unread: dict[str, str] = self.prose.unread

    def read(self, doc: Extracted) -> list[Candidate]:
        out: list[Candidate] = []
        for block, zone in zip(doc.blocks, zones(doc.blocks), strict=True):
            if zone in ("future", "proposals"):
                continue
            if isinstance(block, Table):
                out.extend(self.from_table(block))
            elif zone not in ("difficulties", "closing"):
                out.extend(self.prose.read(block))
        return out

    def from_table(self, table: Table) -> list[Candidate]:
        rows = [tuple(c or "" for c in row) for row in table.rows]
        roles: dict[int, str] = {}
        years: dict[int, int] = {}
        start = 0
        for i, row in enumerate(rows[:3]):
            # header cells are short words ("Kết quả thực hiện"); a row naming a metric is data
            found = {j: role for j, c in enumerate(row) if len(c.split()) <= 5 and (role := _role(c))}
            named = any(
                m and m.score >= 0.75 for c in row if len(c.split()) > 1 for m in [self.index.best(c)]
            )
            if found and not named and not any(_figures(c) for c in row if not _NUMBERING.match(c)):
                roles.update({j: role for j, role in found.items() if j not in roles or role != "label"})
                years.update({j: y for j, c in enumerate(row) if (y := _column_year(c)) is not None})
                start = i + 1
            else:
                break
        if sideways := self._sideways(table):
            return sideways
        first = _label_column(rows[start:], roles)
        if first is not None and roles.get(first) == "target":
            roles[first] = "label"  # "Chỉ tiêu" over the column of the rows' names names the indicators
        if len(set(years.values())) > 1:
            # one column per year: only the report's year is read, and its blank cell is "not stated"
            wanted = self.year if self.year in years.values() else max(years.values())
            roles.update({j: "other_year" for j, y in years.items() if y != wanted})
        out = []
        for r, cells in enumerate(rows[start:], start):
            out.extend(self._row(cells, roles, table, r))
        return out

    def _row(self, row: tuple[str, ...], roles: dict[int, str], table: Table, r: int) -> list[Candidate]:
        col = next(
            (
                j
                for j, cell in enumerate(row)
                if roles.get(j) not in ("index", "unit", "note", "target", "other_year")
                and not _NUMBERING.match(cell)
                and len(re.findall(r"[^\W\d_]{2,}", cell)) >= 2
            ),
            None,
        )
        if col is None:
            return []
        label = row[col]
        if TARGET_RE.search(fold(label)):
            return []
        match = self.index.best(label)
        if match is None:
            return []
        spec = match.spec
        prov = Provenance("table", table.page, table.index, r, " | ".join(c for c in row if c), "table_cell")
        skipped = {"target", "note", "unit", "index", "other_year"} | (
            {"ratio"} if spec.type != "percent" else set()
        )
        later = [j for j in range(col + 1, len(row)) if roles.get(j) not in skipped]
        later.sort(key=lambda j: 0 if roles.get(j) == "result" else 1)
        for j in later:
            if row[j] == label:
                continue  # a merged label cell repeated by the reader
            if roles.get(j) in ("yes", "no"):
                if spec.type == "yesno" and fold(row[j]).strip() in _TICKS:
                    return [Candidate(spec.key, roles[j] == "yes", confidence(match, 0.95), prov)]
                continue
            doubt = DOUBTFUL_FACTOR if (r, j) in table.doubtful else 1.0
            if spec.at_most and (part := _FRACTION_CELL.match(row[j].strip())):
                # "9/10" beside "số đã tập huấn": 9 trained of 10
                if int(part[1]) <= int(part[2]):
                    conf = confidence(match, 0.9) * doubt
                    return [Candidate(spec.key, int(part[1]), conf, prov),
                            Candidate(spec.at_most, int(part[2]), conf, prov)]
                continue
            parsed = parse_value(row[j], spec.type)
            if parsed is not None:
                conf = confidence(match, 0.95) * parsed[1] * doubt
                return [Candidate(spec.key, parsed[0], conf, prov)]
        if ":" in label:
            parsed = parse_value(label.rsplit(":", 1)[1], spec.type)
            if parsed is not None:
                return [Candidate(spec.key, parsed[0], confidence(match, 0.9) * parsed[1], prov)]
        if any(roles.get(j) == "result" and parse_value(row[j], "text") for j in later):
            self.unread.setdefault(spec.key, prov.text)  # "Kết quả" holds words we cannot read as this metric
        return []

    def _sideways(self, table: Table) -> list[Candidate]:
        """A table with one metric per column (a figures-only sheet, an annex listing the school on one row)."""
        out = []
        for match, r, j, header in sideways_cells(table, self.index, self.specs, self.year):
            cell = table.rows[r][j] or ""
            spec = match.spec
            parsed = parse_value(cell, spec.type)
            if parsed is None and spec.type == "yesno" and fold(cell).strip(" .") in _TICKS:
                parsed = (True, 0.9)
            if parsed is None:
                continue
            prov = Provenance("table", table.page, table.index, r, f"{header}: {cell}", "table_cell")
            conf = confidence(match, 0.95) * parsed[1] * (DOUBTFUL_FACTOR if (r, j) in table.doubtful else 1.0)
            out.append(Candidate(spec.key, parsed[0], conf, prov))
        return out


def choose(cands: Sequence[Candidate], specs: Sequence[MetricSpec]) -> list[MetricValue]:
    """One value per metric: a table beats prose; a disagreement is kept as the value's doubt, never resolved
    silently."""
    values: list[MetricValue] = []
    for spec in specs:
        mine = [c for c in cands if c.key == spec.key]
        if not mine:
            continue
        mine.sort(key=lambda c: 0 if c.provenance.kind == "table" else 1)
        best = mine[0]
        conf = best.confidence
        others = {c.value for c in mine[1:] if c.value != best.value and c.confidence >= 0.8}
        same_kind = {
            c.value for c in mine[1:] if c.value != best.value and c.provenance.kind == best.provenance.kind
        }
        if same_kind or (others and best.provenance.kind == "prose"):
            conf = min(conf, 0.6)
        doubt = None
        if others or same_kind:
            seen = ", ".join(str(v) for v in sorted(others | same_kind, key=str))
            doubt = f"đọc được {best.value}, nơi khác ghi {seen}"
        values.append(MetricValue(spec.key, best.value, round(conf, 3), best.provenance, doubt))
    return values
