"""Vietnamese numbers: "." groups thousands, "," is the decimal mark; yes/no words; percentages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.reading.keys import fold

# a number not glued to a date, a document number ("45/BC") or a range ("2024-2028")
NUMBER_RE = re.compile(
    r"(?<![\w/.,\-])"
    r"(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?"
    r"(?P<pct>\s?%)?"
    r"(?![\w/]|[.,]\d|-\d)"
)
_YES = {
    "co",
    "x",
    "da thuc hien",
    "thuc hien",
    "da",
    "dat",
    "yes",
    "v",
    "co thuc hien",
    "da co",
    "✓",
    "✔",
    "☑",
}
_NO = {"khong", "chua", "chua thuc hien", "khong thuc hien", "no", "chua co", "khong co"}
_BLANK = {"", "-", "--", "...", "…", "x/x", "/", "0/0"}
# words that say the figure is not given (not that it is zero)
_NOT_STATED = {"chua thong ke", "chua co so lieu", "chua tong hop", "dang cap nhat", "dang tong hop", "bao cao sau",
               "se bao cao bo sung", "bo sung sau", "khong co so lieu"}  # fmt: skip


@dataclass(frozen=True)
class Number:
    value: int | float
    percent: bool
    start: int
    end: int
    confidence: float = 1.0


def to_number(int_part: str, frac: str | None) -> tuple[int | float, float]:
    """Value and confidence for the digits of one Vietnamese number."""
    whole = int(int_part.replace(".", ""))
    if frac is None:
        return whole, 1.0
    if len(frac) == 3 and "." not in int_part and int_part != "0":
        # "1,250" is 1.25 in Vietnamese but 1250 to anyone typing English style; the caller decides
        return whole + int(frac) / 1000, 0.6
    return float(f"{whole}.{frac}"), 1.0


def find_numbers(text: str) -> list[Number]:
    out = []
    for m in NUMBER_RE.finditer(text):
        value, conf = to_number(m["int"], m["frac"])
        out.append(Number(value, bool(m["pct"]), m.start(), m.end(), conf))
    return out


def parse_count(text: str) -> tuple[int, float] | None:
    """A count from a cell or phrase: "05 buổi" -> 5, "1.250" -> 1250, "Không" -> 0."""
    key = fold(text).strip(" .:;")
    if key in _NO or key.startswith("khong co "):
        return 0, 0.9
    nums = find_numbers(text)
    if not nums:
        return None
    first = nums[0]
    conf = first.confidence if len(nums) == 1 else 0.8
    if first.percent:
        return None
    if isinstance(first.value, float):
        if first.confidence < 1 and abs(first.value * 1000 - round(first.value * 1000)) < 1e-6:
            return round(first.value * 1000), 0.85  # "1,250" typed English style: a count has no decimals
        return None
    return first.value, conf


def parse_percent(text: str) -> tuple[float | int, float] | None:
    nums = find_numbers(text)
    if not nums:
        return None
    value = nums[0].value
    if not 0 <= value <= 100:
        return None
    conf = 1.0 if nums[0].percent else 0.8
    return (int(value) if float(value).is_integer() else value), conf


# a form's answer boxes: "Có ☐ Không ☒", "Có [x] Không [ ]"; an empty box is no answer
_BOXES = re.compile(r"\b(co|khong|chua)\b\s*([☐□☑☒■✓✔]|\[\s*[x✓]?\s*\]|\(\s*[x✓]?\s*\))")
_TICKED = re.compile(r"[☑☒■✓✔x]")
# the same with each box before its word: "[x] Có [ ] Không", "☒ Có ☐ Chưa", and as OCR reads a scan's boxes ("X]"
# ticked, "L]" or "I]" empty)
_BOX = r"[☐□☑☒■✓✔]|\[\s*[x✓]?\s*\]|\(\s*[x✓]?\s*\)|(?<!\w)[xli1]\]"
_BOXES_FIRST = re.compile(rf"({_BOX})\s*\b(co|khong|chua)\b")


def parse_yesno(text: str) -> tuple[bool, float] | None:
    key = fold(text).strip(" .:;()")
    first = re.match(_BOX, key)
    boxes = [(word, box) for box, word in _BOXES_FIRST.findall(key)] if first else _BOXES.findall(key)
    if boxes:
        ticked = [word for word, box in boxes if _TICKED.search(box)]
        return (ticked[0] == "co", 0.9) if len(ticked) == 1 else None
    if key in _YES:
        return True, 1.0
    if key in _NO:
        return False, 1.0
    if key.startswith(("chua ", "khong ")):
        return False, 0.85
    if key.startswith(("co ", "da ")):
        return True, 0.85
    return None


# a form's dotted or underlined blank, around a figure written in it or empty
LEADERS = re.compile(r"[.…]*…[.…]*|\.(?: ?\.){2,}|_{3,}")  # "……", "....", ". . . . ."


def parse_value(text: str, kind: str) -> tuple[int | float | bool | str, float] | None:
    """A metric value of the given type from a table cell, or None when the cell states nothing."""
    blank = LEADERS.sub(" ", text)  # a form's blank: "....31.... buổi"
    if fold(blank).strip() in _BLANK or fold(blank).strip(" .") in _NOT_STATED:
        return None
    if kind != "yesno" and blank != text and not re.search(r"\d", blank) and len(blank.split()) <= 2:
        return None  # "……………… buổi": the blank left empty, only its unit printed
    text = blank
    if kind == "count":
        return parse_count(text)
    if kind == "percent":
        return parse_percent(text)
    if kind == "yesno":
        return parse_yesno(text)
    cleaned = " ".join(text.split())
    return (cleaned, 1.0) if cleaned else None
