"""The document as the field readers see it: paragraphs and tables in reading order, whatever the format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.model import Problem


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None
    # words of the text that OCR read with low confidence, as they are written in it (a figure among them is
    # in doubt); empty for text that was not OCR'd
    doubtful: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    index: int
    page: int | None = None
    # (row, column) of cells OCR could not read with confidence
    doubtful: frozenset[tuple[int, int]] = frozenset()
    # rebuilt from word positions (a PDF table without ruling lines): a wrapped header may be split or misplaced
    rebuilt: bool = False


Block = Paragraph | Table


@dataclass
class Extracted:
    source: str  # docx | pdf-text | ocr | converted | sheet
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # mean word confidence of OCR (0..1), None for documents with a text layer
    ocr_confidence: float | None = None
    review: list[str] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def lines(self) -> list[str]:
        """All text, table cells one per line, in reading order."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                for row in block.rows:
                    out.extend(cell for cell in row if cell)
        return out


@dataclass(frozen=True)
class Line:
    text: str
    full_width: bool  # reaches near the right margin, so a wrapped line of a longer paragraph
    alone: bool = True  # the only text segment at its height (not one cell of a two-column header)
    doubtful: tuple[str, ...] = ()  # words OCR read with low confidence


_STARTS_ITEM = re.compile(
    r"^\s*(?:[-+•*–]\s|[IVX]{1,4}\s*[.)\-–]|\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s+[A-ZĐ\u00c0-\u1ef9])"
)


def join_lines(lines: list[Line], page: int | None) -> list[Paragraph]:
    """Rebuild paragraphs from visual lines: a line joins the one above when that one was a wrapped,
    unfinished full-width line, or when it goes on in lower case."""
    out: list[Paragraph] = []
    prev: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            prev = None
            continue
        joins = (
            prev is not None
            and line.alone
            and prev.alone
            and not prev.text.rstrip().endswith((".", ":", ";", "!", "?"))
            and not _STARTS_ITEM.match(text)
            and (prev.full_width or text[:1].islower())
        )
        if joins and out:
            out[-1] = Paragraph(f"{out[-1].text} {text}", page, out[-1].doubtful + line.doubtful)
        else:
            out.append(Paragraph(text, page, line.doubtful))
        prev = line
    return out
