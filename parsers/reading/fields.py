"""The administrative fields of a report (Nghị định 30 header): school, number, date, period."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from parsers.model import SchoolRef
from parsers.reading.keys import fold
from parsers.reading.names import find_named, name_in, suggest_school, tone_twin

# "Số: 45/BC-THHL", "Số : 39/KH -THDT", "Số:  32  /KH-THHVT", "Số: . . . ./BC- THMH", "Số:     /BC-…"
NUMBER_RE = re.compile(
    r"(?:^|\s)S[ốôoóồổ0]\s*:\s*(?P<num>[0-9OoIl]*[0-9][0-9OoIl]*|[\s.…_]*)\s*/\s*"
    r"(?P<sym>[A-Za-zĐđ&]+(?:\s*[-–]\s*[A-Za-zĐđ0-9&.]+)*)",
)
DATE_RE = re.compile(
    r"ngay\s*(?P<d>\d{1,2}|[\s._…]*)\s*thang\s*(?P<m>\d{1,2})\s*nam\s*(?P<y>(?:19|20)\d\d)"
    r"|ngay\s*(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>(?:19|20)\d\d)"
)
PERIOD_RE = re.compile(
    r"nam hoc\s*(20\d\d)\s*-\s*(20\d\d)|\bnam\s+(20\d\d)\b|giai doan\s*(20\d\d)\s*-\s*(20\d\d)"
)
_TITLE = re.compile(r"^\s*(bao\s*cao|ke hoach|bien ban|quyet dinh|to trinh|thong bao|phu luc)\b(?!\s*so\b)")
# header lines naming a body above the school (cơ quan chủ quản), not the school itself
_PARENT = re.compile(r"\b(phong|ubnd|uy ban|so giao duc|cong hoa|doc lap)\b")


@dataclass(frozen=True)
class Header:
    school: SchoolRef | None  # only a strict match of the whole name
    school_text: str | None  # the name as written, on the roster or not
    suggestion: SchoolRef | None  # a near name, when no school matched
    number: str | None
    date: date | None
    period: str | None
    years: tuple[int, ...]
    # the school was taken from an OCR'd name that differs from the roster's only in tone marks
    by_tones: bool = False


def header_lines(lines: Sequence[str]) -> list[str]:
    """The lines up to the title "BÁO CÁO" and its trích yếu (at most the first 40 lines)."""
    flat = [ln.strip() for block in lines[:60] for ln in block.split("\n") if ln.strip()]
    for i, line in enumerate(flat[:40]):
        if _TITLE.match(fold(line)):
            return flat[: i + 4]
    return flat[:25]


def _whole(line: str, after: str) -> str:
    """A narrow header cell wraps the name: "TRƯỜNG TIỂU HỌC" / "HIM LAM" is one name on two lines."""
    if find_named(line) is None and re.search(
        r"(tieu hoc|thcs|trung hoc co so|mam non|mau giao)\s*$", fold(line)
    ):
        if after and not NUMBER_RE.search(after) and len(after.split()) <= 6:
            return f"{line} {after}"
    return line


def _wrapped(line: str, head: Sequence[str]) -> str | None:
    """A school's name wrapped in its narrow cell at any word ("TRƯỜNG MẦM NON HOA" / "PHƯỢNG", "Trường Tiểu học
    Mường" / "Thanh"): the line with the next one when that is a short line, not the number, a parent body or the
    Quốc hiệu (the caller keeps it only when the two name a roster school)."""
    at = next((i for i, ln in enumerate(head) if line.startswith(ln)), None)
    if at is None or at + 1 >= len(head):
        return None
    after = head[at + 1].strip()
    if (
        len(after.split()) > 3
        or NUMBER_RE.search(after)
        or _PARENT.search(fold(after))
    ):
        return None
    return f"{head[at]} {after}"


def find_school(
    head: Sequence[str], all_lines: Sequence[str], schools: Sequence[SchoolRef]
) -> tuple[SchoolRef | None, str | None, SchoolRef | None]:
    """(the roster school the header names, its name as written, a near-name suggestion when none matched)."""
    named = [
        _whole(ln, head[i + 1] if i + 1 < len(head) else "")
        for i, ln in enumerate(head)
        if re.search(r"\btruong\b|\bmam non\b|\bmau giao\b|\btieu hoc\b|\bthcs\b", fold(ln))
    ]
    named = [ln for ln in named if not _PARENT.search(fold(ln))] or named
    written: list[tuple[str, str]] = []
    for line in named:
        school, text = name_in(line, schools)
        if school is None and (wrapped := _wrapped(line, head)):
            school, text = name_in(wrapped, schools)
            text = text if school else name_in(line, schools)[1]
        if school:
            return school, text, None
        if text:
            written.append((line, text))
    # the closing sentence names the school too: "Trên đây là báo cáo ... của Trường ...", and so does the
    # sentence where the school reports: "..., Trường Tiểu học Thanh Bình báo cáo kết quả ..."
    closing = [line for line in all_lines if fold(line).startswith("tren day la")]
    for line in [*closing, *(c for ln in all_lines[:80] for c in _reporters(ln))]:
        school, text = name_in(line, schools)
        if school:
            return school, text, None
    if written:
        return None, written[0][1], suggest_school(written[0][0], schools)
    for line in closing:
        school, text = name_in(line, schools)
        if text:
            return None, text, suggest_school(line, schools)
    return None, None, None


_REPORTS = re.compile(r"\s+b[áa]o\s+c[áa]o\b", re.IGNORECASE)


def _reporters(line: str) -> list[str]:
    """The clauses a school names itself in as the one that reports: "Trường X" of "..., Trường X báo cáo ..."."""
    out = []
    for m in _REPORTS.finditer(line):
        clause = re.split(r"[,;:()]", line[: m.start()])[-1].rstrip()
        named = find_named(clause)
        if named is not None and named.end == len(unicodedata.normalize("NFC", clause)):
            out.append(clause)
    return out


def find_number(head: Sequence[str]) -> tuple[bool, str | None]:
    """(found a "Số:" line, the number or None when it is left blank)."""
    for line in _before_title(head):
        m = NUMBER_RE.search(line)
        if not m:
            continue
        sym = re.sub(r"\s+", "", m["sym"]).replace("–", "-").rstrip(".-")
        num = m["num"].strip(" ._…")
        if not num:
            return True, None
        num = num.translate(str.maketrans("OoIl", "0011"))  # OCR reads 0 as O and 1 as l
        return True, f"{num}/{sym}"
    return False, None


def _before_title(head: Sequence[str]) -> list[str]:
    """Header lines above the title, each joined with the next (a narrow cell wraps "năm" / "2024")."""
    end = next((i for i, line in enumerate(head) if _TITLE.match(fold(line))), len(head))
    lines = list(head[:end])
    return [f"{a} {b}" for a, b in zip(lines, [*lines[1:], ""][: len(lines)], strict=True)]


def find_date(head: Sequence[str]) -> tuple[bool, date | None]:
    """(found a date line, the date or None when the day is blank or impossible)."""
    candidates = sorted(_before_title(head), key=lambda ln: 0 if re.search(r",\s*ngay", fold(ln)) else 1)
    for line in candidates:
        m = DATE_RE.search(fold(line))
        if not m:
            continue
        d, mo, y = (m["d"], m["m"], m["y"]) if m["m"] else (m["d2"], m["m2"], m["y2"])
        if not d or not d.strip(" ._…").isdigit():
            return True, None
        try:
            return True, date(int(y), int(mo), int(d))
        except ValueError:
            return True, None
    return False, None


def find_period(head: Sequence[str], doc_date: date | None) -> tuple[str | None, tuple[int, ...]]:
    title_zone: Sequence[str] = []
    for i, line in enumerate(head):
        if _TITLE.match(fold(line)):
            title_zone = head[i : i + 4]
            break
    for line in title_zone:
        m = PERIOD_RE.search(fold(line))
        if m and m.group(1):
            return f"{m.group(1)}-{m.group(2)}", (int(m.group(1)), int(m.group(2)))
        if m and m.group(3):
            return m.group(3), (int(m.group(3)),)
    if doc_date:
        return str(doc_date.year), (doc_date.year,)
    return None, ()


def read_header(lines: Sequence[str], schools: Sequence[SchoolRef], *, ocr: bool = False) -> Header:
    """ocr: the lines were OCR'd, whose tone marks are the least sure part of a name ("TUỐI" for "TUỔI")."""
    head = header_lines(lines)
    school, text, suggestion = find_school(head, lines, schools)
    twin = tone_twin(text, schools) if ocr and school is None and text else None
    if twin is not None:
        school, suggestion = twin, None
    _, number = find_number(head)
    _, doc_date = find_date(head)
    period, years = find_period(head, doc_date)
    return Header(school, text, suggestion, number, doc_date, period, years, twin is not None)


# letters OCR takes for one another in a 13 pt ký hiệu ("THTB" read "THIB", "THTT" read "THI1")
_OCR_TWINS = {frozenset(p) for p in ("IT", "I1", "T1", "l1", "lI", "IL", "O0", "D0", "B8", "S5", "Z2", "G6")}


def _symbol(name: str) -> str:
    """The ký hiệu a school most often gives itself: level + initials ("Tiểu học Him Lam" -> THHL)."""
    named = find_named(name)
    if named is None or named.level is None:
        return ""
    level = {"mn": "MN", "th": "TH", "thcs": "THCS", "ththcs": "THTHCS"}.get(named.level, "")
    return level + "".join(t.folded[0].upper() for t in named.proper)


def _twins(a: str, b: str) -> bool:
    return frozenset((a, b)) in _OCR_TWINS or {a.lower(), b} <= {"l", "1", "I"}


def _slips(read: str, wanted: str) -> float:
    """OCR's slips from wanted to read: a letter dropped or added (1), or taken for its look-alike (0.5, the
    commonest); any other letter for another is no slip but another symbol (a large number)."""
    far = len(read) + len(wanted) + 9.0
    row = [float(j) for j in range(len(wanted) + 1)]
    for i, a in enumerate(read, 1):
        prev, row = row, [float(i)]
        for j, b in enumerate(wanted, 1):
            swap = prev[j - 1] + (0 if a == b else 0.5 if _twins(a, b) else far)
            row.append(min(swap, prev[j] + 1, row[j - 1] + 1))
    return row[-1]


def correct_symbol(number: str | None, school: SchoolRef | None) -> str | None:
    """An OCR'd number whose issuer part is one of the school's own ký hiệu but for a slip or two (one for a
    short symbol, two from six letters on), put right; None when there is nothing to correct or the slip could
    be from two of its symbols."""
    if not number or school is None or "-" not in number:
        return None
    head, _, issuer = number.rpartition("-")
    issuer = issuer.upper()
    known = {sym for name in (school.name, *school.aliases) if (sym := _symbol(name))}
    if not known or issuer in known:
        return None
    near = {sym for sym in known if _slips(issuer, sym) <= (2 if len(sym) >= 6 else 1)}
    return f"{head}-{near.pop()}" if len(near) == 1 else None
