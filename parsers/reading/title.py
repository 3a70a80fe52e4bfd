"""The document's title area (Nghị định 30, ô 5a/5b) and its kind: report, plan, letter, minutes ...

The title area runs from the top of the first page to the first body paragraph after the title, its trích
yếu and "Kính gửi". Words there name what the document is about; the same words in the body name nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.blocks import Block, Extracted, Paragraph, Table
from parsers.reading.keys import fold, fold_chars
from parsers.reading.numbers import find_numbers

# a title's genre words (folded) and the kind they make; longest first
_GENRES = (
    ("bieu tong hop", "annex"), ("bang tong hop", "annex"), ("bieu so lieu", "annex"), ("bieu mau", "annex"),
    ("phu luc", "annex"), ("bao cao", "report"), ("ke hoach", "plan"), ("bien ban", "minutes"),
    ("quyet dinh", "decision"), ("to trinh", "other"), ("thong bao", "other"), ("huong dan", "other"),
    ("chuong trinh", "other"), ("giay moi", "other"), ("nghi quyet", "other"), ("chi thi", "other"),
    ("quy che", "other"), ("quy dinh", "other"), ("phuong an", "other"), ("cong van", "letter"),
)  # fmt: skip
_GENRE_RE = re.compile(r"\b(" + "|".join(g for g, _ in _GENRES) + r")\b")
_GENRE_KIND = dict(_GENRES)
# Nghị định 30, Phụ lục III: the type abbreviation that opens a ký hiệu ("45/BC-THHL"); compared folded
_SYMBOLS = {"bc": "report", "kh": "plan", "bb": "minutes", "qd": "decision", "pl": "annex"}
_OTHER_SYMBOLS = frozenset(
    "nq ct qc qyd tc tb hd ctr pa da hd cd bgn btt guq gm ggt gnp pg pc pb sy trs sl ttr".split()
)
# a sentence that opens the body (written with its capital: "...năm 2024 Thực hiện Kế hoạch số ...")
_BODY_START = re.compile(r"(?:^|\s)(Thực hiện|Căn cứ|Kính gửi|Theo|Nhằm|Trên cơ sở|Được sự|Trong năm)\b")
_BODY_LINE = re.compile(
    r"^\s*(?:[ivx]{1,4}\s*[.)]|\d{1,2}\s*[.)]|[a-zđ]\)|phan\s+[ivx\d]+\b|thuc hien|can cu|theo|nham|tren co so"
    r"|duoc su|trong nam|noi nhan|tren day)"
)
_DATE_LINE = re.compile(r"ngay\s*[\d\s._…]*thang\s*\d")
_SHORT = 30  # words: a trích yếu is a line or two; a body paragraph is longer
MAX_HEAD_LINES = 40


@dataclass(frozen=True)
class TitleArea:
    lines: tuple[str, ...]  # the whole title area, top of page 1 to "Kính gửi" (for cycle keywords)
    title_lines: tuple[str, ...]  # the title and trích yếu only (for the topic and the stated year)
    title: str | None  # as written, "Báo cáo kết quả ... năm 2024"
    genre: str | None  # the kind the title's genre word says, None without a title
    letter: bool  # a "V/v" line (a công văn's trích yếu)


def flat_lines(blocks: Sequence[str | Block]) -> tuple[list[str], list[int | None]]:
    """The first blocks' text one line a list item, and for each line the table it sits in (None: a paragraph)."""
    lines: list[str] = []
    where: list[int | None] = []
    for n, block in enumerate(blocks[:60]):
        if isinstance(block, Table):
            texts = [c for row in block.rows for c in row if c]
        else:
            texts = [block.text if isinstance(block, Paragraph) else block]
        for text in texts:
            for ln in text.split("\n"):
                if ln.strip():
                    lines.append(ln.strip())
                    where.append(n if isinstance(block, Table) else None)
    return lines, where


def _genre_at(line: str) -> tuple[str, int, int] | None:
    """(kind, start, end) of a title genre word in the line, when it stands as a title does."""
    folded = fold_chars(line)
    for m in _GENRE_RE.finditer(folded):
        before, after = line[: m.start()], folded[m.end() :]
        if re.match(r"\s*(so\b|:)", after):
            continue  # "Kế hoạch số 125/KH-PGDĐT", "Biểu số liệu:"... is a reference or a label
        written = line[m.start() : m.end()]
        caps = written.isupper()
        if not before.strip():
            if caps or len(line.split()) <= _SHORT:
                return _GENRE_KIND[m[1]], m.start(), m.end()
        elif caps and re.search(r"(\d{4}|[Pp]húc|PHÚC)\s*$", before):
            # an OCR'd or PDF line holding the header's last words: "..., ngày 08 tháng 11 năm 2024 BÁO CÁO"
            return _GENRE_KIND[m[1]], m.start(), m.end()
    return None


def _cut_body(text: str) -> tuple[str, bool]:
    """The trích yếu part of a line the reader glued to the first body sentence."""
    m = _BODY_START.search(text, 1)
    return (text[: m.start()].strip(), True) if m else (text.strip(), False)


def _trich_yeu_line(line: str) -> bool:
    folded = fold(line)
    return (
        len(line.split()) <= _SHORT
        and not _BODY_LINE.match(folded)
        and not folded.startswith(("kinh gui", "so:", "so :"))
        and not _DATE_LINE.search(folded)
        and not line.rstrip().endswith(":")
    )


def _as_title(genre_text: str, rest: list[str]) -> str:
    """ "BÁO CÁO" + "Kết quả thực hiện ..." -> "Báo cáo kết quả thực hiện ..."; a trích yếu in capitals stays."""
    genre = genre_text[:1] + genre_text[1:].lower() if genre_text.isupper() else genre_text
    tail = " ".join(" ".join(rest).split()).strip(" _.-–")
    first = tail.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower():
        tail = tail[:1].lower() + tail[1:]
    return " ".join(f"{genre} {tail}".split())


def _recipients(flat: list[str], k: int) -> int:
    """The index after a "Kính gửi" block starting at flat[k]."""
    end = k + 1
    while (
        end < len(flat)
        and end - k <= 6
        and re.match(r"^\s*[-+•]", flat[end])
        and len(flat[end].split()) <= 20
    ):
        end += 1
    return end


def read_title(blocks: Sequence[str | Block]) -> TitleArea:
    """blocks: the document's blocks (or plain lines); a trích yếu never runs on into another block kind."""
    flat, where = flat_lines(blocks)
    head = flat[:MAX_HEAD_LINES]
    letter_lines: list[str] = []
    for t, line in enumerate(head):
        folded = fold(line)
        if folded.startswith("kinh gui") or (
            t > 3 and _BODY_LINE.match(folded) and not folded.startswith("theo")
        ):
            break
        if re.match(r"^\s*(v/v|v\.v|ve viec)\b", folded):
            letter_lines.append(line)
        found = _genre_at(line)
        if found is None:
            continue
        kind, start, end = found
        rest, cut = _cut_body(line[end:])
        parts = [rest] if rest else []
        area = [*flat[:t], f"{line[:end]} {rest}"]
        i = t + 1
        while not cut and i < len(flat) and i <= t + 4 and where[i] == where[t]:
            part, cut = _cut_body(flat[i])
            sentence = part.rstrip().endswith((".", ";")) and not part.rstrip().endswith("./.")
            if not _trich_yeu_line(part) or (sentence and parts):
                break  # a trích yếu ends without a full stop; a sentence after it is the body
            cut = cut or sentence
            area.append(part)
            if part and not re.fullmatch(r"[\W_]+", part):
                parts.append(part)
            i += 1
        if i < len(flat) and fold(flat[i]).startswith("kinh gui") and not cut:
            j = _recipients(flat, i)
            area.extend(flat[i:j])
        title = _as_title(line[start:end], parts)
        return TitleArea(tuple(area), (title,), title, kind, bool(letter_lines))
    area = head[: len(head)]
    for k, line in enumerate(head):
        if fold(line).startswith("kinh gui"):
            area = head[: _recipients(head, k)]
            break
        if k > 3 and _BODY_LINE.match(fold(line)):
            area = head[:k]
            break
    vv = " ".join(letter_lines[0].split()) if letter_lines else None
    return TitleArea(tuple(area), tuple(letter_lines), vv, None, bool(letter_lines))


def symbol_kind(number_symbol: str | None) -> str | None:
    """The kind a ký hiệu's type abbreviation says ("12/KH-THHL" -> plan); "letter" for a body's own symbol."""
    if not number_symbol or "/" not in number_symbol:
        return None
    first = fold(number_symbol.split("/", 1)[1].split("-", 1)[0]).replace(".", "")
    if first in _SYMBOLS:
        return _SYMBOLS[first]
    return "other" if first in _OTHER_SYMBOLS else "letter"


def _figure_cells(table: Table) -> int:
    return sum(1 for row in table.rows for c in row if c and find_numbers(c) and len(c.split()) <= 3)


def body_kind(doc: Extracted) -> str:
    """A document with neither title nor ký hiệu: a figure table or a signature page is an annex."""
    prose = [p.text for p in doc.blocks if isinstance(p, Paragraph) and len(p.text.split()) >= 12]
    closing = any(re.match(r"(tren day la|noi nhan|hieu truong|kt\.? hieu truong)", fold(p.text))
                  for p in doc.blocks if isinstance(p, Paragraph))  # fmt: skip
    figures = sum(_figure_cells(t) for t in doc.tables())
    if figures >= 2 and len(prose) <= 2:
        return "annex"
    if closing and not figures and len([p for p in prose if not fold(p).startswith("tren day la")]) <= 1:
        return "annex"
    if any("bao cao" in fold(p) for p in prose):
        return "report"
    return "unknown"


def document_kind(area: TitleArea, number_symbol: str | None, doc: Extracted) -> str:
    """Title first (a reused template's ký hiệu lies more often than its title), then ký hiệu, "V/v", body."""
    if doc.source == "sheet":
        return area.genre if area.genre in ("plan", "minutes", "decision", "other", "letter") else "report"
    if area.genre:
        return area.genre
    by_symbol = symbol_kind(number_symbol)
    if by_symbol == "letter":
        return _letter_kind(area) if area.letter else body_kind(doc)
    if by_symbol:
        return by_symbol
    if area.letter:
        return _letter_kind(area)
    return body_kind(doc)


def _letter_kind(area: TitleArea) -> str:
    """A công văn "V/v báo cáo kết quả ..." is the school's report written as a letter; "V/v gửi báo cáo" is
    a cover letter, and any other V/v a letter."""
    said = fold(area.title or "")
    return "report" if re.match(r"^(v/v|v\.v|ve viec)\s*:?\s*bao cao\b", said) else "letter"
