"""Which reporting cycle a report answers: its topic and its year, read in the title area only.

The daemon gives every cycle that can receive reports (each plan year, ad hoc cycles whose keywords may be
empty). A cycle is named by one of its keywords, or by its title's topic ("Báo cáo kết quả thực hiện Đề án
Truyền thông về Quyền con người năm 2024" -> "truyền thông quyền con người"), written in the title area;
the year stated in the title (or the school year, or the document's date as a last resort) picks among them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from parsers import problems
from parsers.model import CycleRef, Problem
from parsers.reading.keys import fold
from parsers.reading.title import TitleArea

# framing words of a report's title that say nothing about its topic
_FRAMING = re.compile(
    r"\b(bao cao|ket qua|thuc hien|trien khai|tinh hinh|so ket|tong ket|dot xuat|ve viec|v/v|cong tac"
    r"|de an|ke hoach|chuong trinh|nam hoc|giai doan|hoc ky (?:i|ii|1|2)|\d+ thang (?:dau|cuoi) nam|nam"
    r"|ve|va|cua|cac|tai|o|cho|nhung|voi|doi voi|\d+)\b"
)
_SCHOOL_YEAR = re.compile(r"nam hoc\s*(20\d\d)\s*-\s*(20\d\d)")
_YEAR = re.compile(r"\bnam\s+(20\d\d)\b")
_BARE_YEAR = re.compile(r"(?<![\d/.-])(20\d\d)(?![\d/])(?!\s*-\s*20\d\d)")
_RANGE = re.compile(r"(?:giai doan|tu nam|den nam)\s*20\d\d(?:\s*-\s*20\d\d)?|20\d\d\s*-\s*20\d\d")
# how far before a cycle opens and after it is due a document dated then still answers it
_BEFORE = timedelta(days=45)
_AFTER = timedelta(days=90)
# a topic is named when this share of its word pairs is in the title area ("phòng, chống" = "phòng chống")
MIN_TOPIC_COVER = 0.75


def topic_words(text: str) -> list[str]:
    folded = re.sub(r"[^\w/ ]", " ", fold(text))
    return _FRAMING.sub(" ", folded).split()


def _pairs(seq: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(seq[i : i + 2]) for i in range(len(seq) - 1)} if len(seq) > 1 else {tuple(seq)}


def names_topic(cycle: CycleRef, area_text: str) -> bool:
    topic = topic_words(cycle.title)
    if not topic:
        return False
    pairs = _pairs(topic)
    return len(pairs & _pairs(topic_words(area_text))) / len(pairs) >= MIN_TOPIC_COVER


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w/ ]", " ", fold(text)).split())


def names_keyword(cycle: CycleRef, area_text: str) -> bool:
    folded = _plain(area_text)
    return any(re.search(rf"\b{re.escape(_plain(k))}\b", folded) for k in cycle.keywords if _plain(k))


def stated_year(title_text: str) -> tuple[str, int] | None:
    """("year", 2024) for "năm 2024", ("school", 2024) for "năm học 2024-2025", from the title only."""
    folded = fold(title_text)
    if m := _SCHOOL_YEAR.search(folded):
        return "school", int(m[1])
    bare = _RANGE.sub(" ", folded)
    if m := _YEAR.search(bare):
        return "year", int(m[1])
    if m := _BARE_YEAR.search(bare):
        return "year", int(m[1])
    return None


def _cycle_years(cycle: CycleRef) -> set[int]:
    """The year a cycle reports on: the one its title states, else the years of its window."""
    said = stated_year(cycle.title)
    if said and said[0] == "year":
        return {said[1]}
    return {cycle.opens.year, cycle.due.year}


def fits(cycle: CycleRef, year: tuple[str, int]) -> bool:
    kind, value = year
    if kind == "school":  # a school year runs from August to July: the cycle falls due inside it
        said = stated_year(cycle.title)
        if said and said[0] == "school":
            return said[1] == value
        return date(value, 8, 1) <= cycle.due <= date(value + 1, 7, 31)
    return value in _cycle_years(cycle)


def match_cycle(
    area: TitleArea, doc_date: date | None, cycles: Sequence[CycleRef]
) -> tuple[CycleRef | None, Problem | None]:
    """The one cycle whose topic the title area names and whose year the document reports on."""
    area_text = "\n".join(area.lines)
    title_text = "\n".join(area.title_lines)
    if not title_text.strip():
        return None, problems.unknown_cycle()
    by_topic = [c for c in cycles if names_topic(c, area_text)]
    topical = by_topic + [c for c in cycles if c not in by_topic and names_keyword(c, area_text)]
    if not topical:
        if not topic_words(title_text):
            return None, problems.unknown_cycle()
        return None, problems.other_topic(area.title or title_text)
    said = stated_year(title_text)
    if said is None and doc_date is not None:
        # no year in the title: the document's date, read against each cycle's window (a report on 2024
        # dated 05/01/2025 is the 2024 cycle's, late), else its calendar year
        near = [c for c in topical if c.opens - _BEFORE <= doc_date <= c.due + _AFTER]
        if len(near) == 1:
            return near[0], None
    year = said or (("year", doc_date.year) if doc_date else None)
    if year is None:
        return (topical[0], None) if len(topical) == 1 else (None, None)
    fitting = [c for c in topical if fits(c, year)]
    if not fitting:
        return None, problems.wrong_year(year[1], sorted({y for c in topical for y in _cycle_years(c)}))
    if len(fitting) > 1:
        ad_hoc = "dot xuat" in fold(title_text)
        fitting = [c for c in fitting if ("dot xuat" in fold(c.title)) == ad_hoc] or fitting
    if len(fitting) > 1:
        fitting = [c for c in fitting if c in by_topic] or fitting
    return (fitting[0], None) if len(fitting) == 1 else (None, None)
