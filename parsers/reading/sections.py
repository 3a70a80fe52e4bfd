"""Report sections found by their keywords, not their numerals (OCR turns "III." into "II.")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.blocks import Block, Paragraph
from parsers.reading.keys import fold

# heading keyword -> zone; order matters: the first hit wins for a heading naming two things
_ZONES = (
    ("difficulties", re.compile(r"kho khan|vuong mac|ton tai|han che")),
    ("proposals", re.compile(r"de xuat|kien nghi|de nghi")),
    (
        "future",
        re.compile(r"phuong huong|nhiem vu.*(toi|tiep theo|nam 20)|ke hoach.*(toi|tiep theo)|giai phap"),
    ),
    ("annex", re.compile(r"^(bieu|so lieu|phu luc|bang tong hop|bang so lieu)")),
    ("results", re.compile(r"ket qua|dac diem|tinh hinh|thuan loi|danh gia|cong tac|uu diem")),
)
_NUMBERING = re.compile(
    r"^\s*(?:[IVXLivxl1]{1,4}|\d{1,2}|[a-zđ])\s*[.)\-–:/]\s*|^\s*(?:phan|muc)\s+\w+\s*[.:\-–]?\s*"
)
_CLOSING = re.compile(r"^(tren day la|noi nhan|hieu truong|kt\.? hieu truong|pho hieu truong)")


_ROMAN = re.compile(r"^\s*(?:[IVXL]{1,4}|phan\s+\w+)\s*[.)\-–:/]", re.IGNORECASE)


def heading_zone(text: str) -> tuple[str, bool] | None:
    """(zone, strong) for a heading line, None for body text. A strong heading (Roman numeral or all
    capitals) closes whatever section was open; a weak one ("2. Khó khăn:") only a known section."""
    line = text.strip()
    if not line or len(line) > 110 or "\n" in line:
        return None
    numbered = _NUMBERING.match(line)
    body = line[numbered.end() :] if numbered else line
    letters = [c for c in body if c.isalpha()]
    shouting = len(letters) > 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    if not (numbered or shouting or line.endswith(":")):
        return None
    head = fold(body.split(":")[0])
    if len(head.split()) > 14:
        return None
    strong = shouting or bool(_ROMAN.match(line) and not re.match(r"^\s*[a-z]", line))
    for zone, pattern in _ZONES:
        if pattern.search(head):
            return zone, strong or zone == "annex"
    return ("other", True) if strong else None


def zones(blocks: Sequence[Block]) -> list[str]:
    """For each block, the zone it sits in: results, difficulties, proposals, future, other, closing."""
    out, current = [], "other"
    for block in blocks:
        if isinstance(block, Paragraph):
            if _CLOSING.match(fold(block.text)):
                current = "closing"
            elif (heading := heading_zone(block.text)) is not None:
                current = heading[0]
        out.append(current)
    return out


def _inline(text: str) -> str:
    """What follows the colon of a heading written on one line: "3. Khó khăn: Kinh phí còn hạn hẹp"."""
    return text.split(":", 1)[1].strip() if ":" in text else ""


def read_sections(blocks: Sequence[Block]) -> dict[str, str | None]:
    """difficulties and proposals as plain text. A heading saying "vướng mắc" beats a plain "Khó khăn",
    and a later one beats an earlier (the first "Khó khăn" is often the school's general situation)."""
    found: dict[str, list[tuple[str, list[str]]]] = {"difficulties": [], "proposals": []}
    current: list[str] | None = None
    current_zone = None
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        text = block.text.strip()
        if _CLOSING.match(fold(text)):
            current, current_zone = None, None
            continue
        heading = heading_zone(text)
        if heading is not None and (heading[1] or heading[0] != "other"):
            zone = heading[0]
            if zone == current_zone and not heading[1] and current is not None:
                current.append(text)  # "2. Vướng mắc" under "Khó khăn, vướng mắc"
                continue
            current, current_zone = None, zone
            if zone in found:
                current = [_inline(text)] if _inline(text) else []
                found[zone].append((fold(text), current))
            continue
        if current is not None:
            current.append(text)
    out: dict[str, str | None] = {}
    for zone, bodies in found.items():
        full = [(head, body) for head, body in bodies if body]
        preferred = [b for b in full if "vuong mac" in b[0]] or full
        out[zone] = "\n".join(preferred[-1][1]).strip() or None if preferred else None
    return out
