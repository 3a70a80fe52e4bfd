"""Metric values from tables and from prose, each with provenance and a confidence; plan targets ignored."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.blocks import Extracted, Paragraph, Table
from parsers.keys import fold, fold_chars
from parsers.labels import LabelIndex, Match
from parsers.model import MetricSpec, MetricValue, Provenance
from parsers.numbers import Number, find_numbers, parse_value
from parsers.sections import zones

# words that turn what follows in the sentence into a goal, not a result
TARGET_RE = re.compile(
    r"phan dau|chi tieu|muc tieu|den nam 20\d\d|den het nam|du kien|ke hoach de ra|se to chuc|se thuc hien"
    r"|nam toi|tiep tuc to chuc|dang ky|giao chi tieu"
)
_ROLES = (
    ("target", re.compile(r"chi tieu|ke hoach|muc tieu|phan dau|dang ky|nam truoc|so sanh")),
    ("note", re.compile(r"ghi chu|minh chung|dien giai|ly do")),
    ("unit", re.compile(r"^(don vi|dvt|don vi tinh)")),
    ("index", re.compile(r"^(s?tt|so tt|thu tu)$")),
    ("yes", re.compile(r"^co$")),
    ("no", re.compile(r"^(khong|chua)$")),
    ("result", re.compile(r"ket qua|thuc hien|so luong|so lieu|dat duoc|tong so|nam 20\d\d|gia tri")),
    ("label", re.compile(r"noi dung|chi so|tieu chi|hang muc|linh vuc|ten")),
)
_NUMBERING = re.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]?\s*$")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n")
_AFFIRM = re.compile(r"\b(da|co|thuc hien|duy tri|phan cong|cu|ban hanh|trien khai)\b")
_NEGATE = re.compile(r"\b(chua|khong)\b")
_MAX_CONTEXT_WORDS = 12


@dataclass(frozen=True)
class Candidate:
    key: str
    value: int | float | bool | str
    confidence: float
    provenance: Provenance


def _role(cell: str) -> str | None:
    key = fold(cell).strip(" .:()")
    for role, pattern in _ROLES:
        if pattern.search(key):
            return role
    return None


def _numbering(sentence: str, num: Number) -> bool:
    """ "2 Số lượt người ... 1.476": the row number of an OCR'd table line, not a figure."""
    rest = sentence[num.end :]
    return not sentence[: num.start].strip(" |[(") and bool(re.match(r"\s*[.)]?\s+[A-ZĐ\u00c0-\u1ef8]", rest))


def _figures(cell: str) -> bool:
    """Whether a cell holds a figure (a year in a column header "Năm 2024" is not one)."""
    return any(not 1900 <= n.value <= 2100 for n in find_numbers(cell))


def _confidence(match: Match, base: float) -> float:
    if match.margin >= 0.3:
        return base
    return min(base, 0.8 if match.margin >= 0.15 else 0.55)


class MetricReader:
    def __init__(self, specs: Sequence[MetricSpec]) -> None:
        self.specs = tuple(specs)
        self.index = LabelIndex(specs)

    def read(self, doc: Extracted) -> list[Candidate]:
        out: list[Candidate] = []
        for block, zone in zip(doc.blocks, zones(doc.blocks), strict=True):
            if zone in ("future", "proposals"):
                continue
            if isinstance(block, Table):
                out.extend(self.from_table(block))
            elif zone not in ("difficulties", "closing"):
                out.extend(self.from_prose(block))
        return out

    def from_table(self, table: Table) -> list[Candidate]:
        rows = [tuple(c or "" for c in row) for row in table.rows]
        roles: dict[int, str] = {}
        start = 0
        for i, row in enumerate(rows[:3]):
            # header cells are short words ("Kết quả thực hiện"); a row naming a metric is data
            found = {j: role for j, c in enumerate(row) if len(c.split()) <= 5 and (role := _role(c))}
            named = any(
                m and m.score >= 0.75 for c in row if len(c.split()) > 1 for m in [self.index.best(c)]
            )
            if found and not named and not any(_figures(c) for c in row if not _NUMBERING.match(c)):
                roles.update({j: role for j, role in found.items() if j not in roles or role != "label"})
                start = i + 1
            else:
                break
        if sideways := self._sideways(rows, table):
            return sideways
        out = []
        for r, cells in enumerate(rows[start:], start):
            out.extend(self._row(cells, roles, table, r))
        return out

    def _row(self, row: tuple[str, ...], roles: dict[int, str], table: Table, r: int) -> list[Candidate]:
        col = next(
            (
                j
                for j, cell in enumerate(row)
                if roles.get(j) not in ("index", "unit", "note", "target")
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
        prov = Provenance("table", table.page, table.index, r, " | ".join(c for c in row if c))
        later = [
            j for j in range(col + 1, len(row)) if roles.get(j) not in ("target", "note", "unit", "index")
        ]
        later.sort(key=lambda j: 0 if roles.get(j) == "result" else 1)
        for j in later:
            if row[j] == label:
                continue  # a merged label cell repeated by the reader
            if roles.get(j) in ("yes", "no"):
                if spec.type == "yesno" and fold(row[j]).strip() in ("x", "v", "co", "✓", "✔"):
                    return [Candidate(spec.key, roles[j] == "yes", _confidence(match, 0.95), prov)]
                continue
            parsed = parse_value(row[j], spec.type)
            if parsed is not None:
                conf = _confidence(match, 0.95) * parsed[1] * (0.6 if (r, j) in table.doubtful else 1.0)
                return [Candidate(spec.key, parsed[0], conf, prov)]
        if ":" in label:
            parsed = parse_value(label.rsplit(":", 1)[1], spec.type)
            if parsed is not None:
                return [Candidate(spec.key, parsed[0], _confidence(match, 0.9) * parsed[1], prov)]
        return []

    def _sideways(self, rows: list[tuple[str, ...]], table: Table) -> list[Candidate]:
        """A table with one metric per column (the layout of a figures-only spreadsheet)."""
        for h, header in enumerate(rows[:3]):
            matches = {j: m for j, c in enumerate(header) if (m := self.index.best(c)) and m.score >= 0.75}
            if len({m.spec.key for m in matches.values()}) < 2:
                continue
            out = []
            for r, row in enumerate(rows[h + 1 :], h + 1):
                for j, m in matches.items():
                    if j < len(row) and (parsed := parse_value(row[j], m.spec.type)) is not None:
                        prov = Provenance("table", table.page, table.index, r, f"{header[j]}: {row[j]}")
                        out.append(Candidate(m.spec.key, parsed[0], _confidence(m, 0.95) * parsed[1], prov))
                if out:
                    return out
        return []

    def from_prose(self, para: Paragraph) -> list[Candidate]:
        out: list[Candidate] = []
        for sentence in _SENTENCE.split(para.text):
            sentence = sentence.strip()
            if not sentence:
                continue
            folded = fold_chars(sentence)
            target = TARGET_RE.search(folded)
            cut = target.start() if target else len(sentence)
            numbers = [n for n in find_numbers(sentence) if n.start < cut]
            for i, num in enumerate(numbers):
                if i == 0 and len(numbers) > 1 and _numbering(sentence, num):
                    continue
                prev_end = numbers[i - 1].end if i else 0
                next_start = numbers[i + 1].start if i + 1 < len(numbers) else cut
                cand = self._number(num, sentence[prev_end : num.start], sentence[num.end : next_start])
                if cand is not None:
                    key, value, conf = cand
                    prov = Provenance("prose", para.page, None, None, sentence)
                    out.append(Candidate(key, value, conf, prov))
            out.extend(self._yesno(sentence, folded[:cut], para.page))
        return out

    def _number(self, num: Number, left: str, right: str) -> tuple[str, int | float, float] | None:
        kinds = {"percent"} if num.percent else {"count"}
        if not num.percent and 1900 <= num.value <= 2100 and re.search(r"nam\s*$", fold(left)):
            return None
        left_words = left.split()[-_MAX_CONTEXT_WORDS:]
        right_words = right.split()[:_MAX_CONTEXT_WORDS]
        short = " ".join(right_words).split(",")[0]
        match = None
        for text in (short, " ".join(right_words)):
            m = self.index.best(text, kinds) if text.strip() else None
            if m and m.score >= 0.75 and m.margin >= 0.25:
                match = m
                break
        if match is None:
            match = self.index.best(" ".join(left_words + right_words), kinds)
            if match is None:
                return None
        value = num.value
        if match.spec.type == "count" and isinstance(value, float):
            return None
        return match.spec.key, value, _confidence(match, 0.9) * num.confidence

    def _yesno(self, sentence: str, folded: str, page: int | None) -> list[Candidate]:
        out = []
        for spec in self.specs:
            if spec.type != "yesno":
                continue
            for phrase in sorted((spec.label, *spec.aliases), key=len, reverse=True):
                at = folded.find(fold(phrase))
                if at < 0:
                    continue
                before = " ".join(folded[:at].split()[-5:])
                tail = folded[at + len(fold(phrase)) :].replace("co/khong", " ").split()
                if tail and tail[-1].strip(".;") in ("co", "khong", "x"):
                    # a table row read as a line (OCR): the answer is its last word
                    value = tail[-1].strip(".;") != "khong"
                elif _NEGATE.search(before):
                    value = False
                elif _AFFIRM.search(before):
                    value = True
                else:
                    break
                prov = Provenance("prose", page, None, None, sentence)
                out.append(Candidate(spec.key, value, 0.85, prov))
                break
        return out


def choose(cands: Sequence[Candidate], specs: Sequence[MetricSpec]) -> tuple[list[MetricValue], list[str]]:
    """One value per metric: a table beats prose; disagreement is kept and flagged, never resolved silently."""
    values: list[MetricValue] = []
    review: list[str] = []
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
        if others or same_kind:
            seen = ", ".join(str(v) for v in sorted(others | same_kind, key=str))
            review.append(f"{spec.key}: đọc được {best.value}, nơi khác ghi {seen}")
        values.append(MetricValue(spec.key, best.value, round(conf, 3), best.provenance))
    return values, review
