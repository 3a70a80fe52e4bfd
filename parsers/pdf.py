"""PDF: the text layer through pdfplumber (words rebuilt into lines and paragraphs, ruled tables apart);
pages without one go to OCR."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from parsers import ocr, problems
from parsers.blocks import Block, Extracted, Line, Table, join_lines
from parsers.errors import ParseError
from parsers.legacy import repair
from parsers.model import Limits

# a page with fewer characters than this is a scan (a stamp or page number is not a text layer)
_MIN_CHARS = 40
# words further apart than this on one line belong to different columns (two-cell header)
_COLUMN_GAP = 24.0
_SPACING_MARKS = {"ˆ": "\u0302", "´": "\u0301", "`": "\u0300", "˜": "\u0303", "˘": "\u0306", "ˀ": "\u0309"}


def join_marks(text: str) -> str:
    """Diacritics some PDF producers draw as separate glyphs ("Vieˆ t", "´Ecole"), put back on their letter."""
    text = re.sub(r"(\w)\s?([ˆ´`˜˘ˀ])", lambda m: m[1] + _SPACING_MARKS[m[2]], text)
    text = re.sub(r"(\w)\s([\u0300-\u036f])", r"\1\2", text)
    return unicodedata.normalize("NFC", text)


def _open(data: bytes, filename: str) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        if e.args and isinstance(e.args[0], PDFPasswordIncorrect):
            raise ParseError(filename, problems.encrypted_pdf()) from e
        raise ParseError(filename, problems.corrupt(filename)) from e
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as e:
        raise ParseError(filename, problems.corrupt(filename)) from e


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _page_blocks(page: Any, number: int, table_start: int) -> list[tuple[float, Block]]:
    page = page.dedupe_chars()
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    placed: list[tuple[float, Block]] = []
    for i, table in enumerate(found):
        cells = tuple(tuple(_clean(c or "") for c in row) for row in table.extract())
        placed.append((table.bbox[1], Table(cells, table_start + i, number)))
    words = [w for w in page.extract_words(x_tolerance=1.5, y_tolerance=3) if not _inside(w, boxes)]
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    right = max((w["x1"] for w in words), default=page.width)
    lines: list[tuple[float, Line]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segments: list[list[dict[str, Any]]] = [[row[0]]]
        for word in row[1:]:
            if word["x0"] - segments[-1][-1]["x1"] > _COLUMN_GAP:
                segments.append([word])
            else:
                segments[-1].append(word)
        for seg in segments:
            text = _clean(" ".join(w["text"] for w in seg))
            full = seg[-1]["x1"] >= right - 30
            lines.append((seg[0]["top"], Line(text, full, len(segments) == 1)))
    # paragraphs between tables, each placed where its first line is
    out = placed
    chunk: list[tuple[float, Line]] = []
    cuts = sorted(t.bbox[1] for t in found)

    def flush() -> None:
        if chunk:
            for para in join_lines([ln for _, ln in chunk], number):
                out.append((chunk[0][0], para))
            chunk.clear()

    for top, line in lines:
        if cuts and top > cuts[0]:
            flush()
            while cuts and top > cuts[0]:
                cuts.pop(0)
        chunk.append((top, line))
    flush()
    out.sort(key=lambda p: p[0])
    return out


def _clean(text: str) -> str:
    return join_marks(repair(unicodedata.normalize("NFC", text)))


def read_pdf(data: bytes, filename: str, limits: Limits) -> Extracted:
    doc = Extracted(source="pdf-text")
    ocr_pages, ocr_conf = 0, []
    with _open(data, filename) as pdf:
        try:
            pages = pdf.pages
        except (PdfminerException, PSException, ValueError, KeyError, TypeError, RecursionError) as e:
            raise ParseError(filename, problems.corrupt(filename)) from e
        if len(pages) > limits.max_pages:
            doc.problems.append(problems.too_many_pages(len(pages), limits.max_pages))
        tables = 0
        for number, page in enumerate(pages[: limits.max_pages], 1):
            try:
                chars = [c for c in page.chars if not c["text"].isspace()]
                scanned = len(chars) < _MIN_CHARS or _garbled(chars)
                if not scanned:
                    placed = _page_blocks(page, number, tables)
                    doc.blocks.extend(b for _, b in placed)
                    tables += sum(isinstance(b, Table) for _, b in placed)
                    continue
            except (PdfminerException, PSException, ValueError, KeyError, TypeError, RecursionError) as e:
                raise ParseError(filename, problems.corrupt(filename)) from e
            if ocr_pages >= limits.max_ocr_pages:
                continue
            ocr_pages += 1
            blocks, conf = ocr.read_page(_render(data, number - 1, limits, filename), number, tables)
            doc.blocks.extend(blocks)
            tables += sum(isinstance(b, Table) for b in blocks)
            ocr_conf.append(conf)
            page.close()
    doc.blocks = join_split_tables(doc.blocks)
    if ocr_pages:
        doc.source = "ocr"
        doc.ocr_confidence = sum(ocr_conf) / len(ocr_conf)
    return doc


def join_split_tables(blocks: list[Block]) -> list[Block]:
    """A table that runs over a page break is one table; a row cut by the break is one row."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Table)
            and isinstance(prev, Table)
            and block.page is not None
            and prev.page == block.page - 1
            and block.rows
            and prev.rows
            and len(block.rows[0]) == len(prev.rows[-1])
        ):
            rows = list(block.rows)
            if rows[0] == prev.rows[0]:
                rows.pop(0)  # the header repeated on the new page
            merged = list(prev.rows)
            if rows and not rows[0][0].strip():
                cut = rows.pop(0)
                merged[-1] = tuple(
                    "\n".join(filter(None, (a, b))) for a, b in zip(merged[-1], cut, strict=True)
                )
            out[-1] = Table(tuple(merged + rows), prev.index, prev.page)
            continue
        out.append(block)
    return out


def _garbled(chars: list[dict[str, Any]]) -> bool:
    """A text layer of (cid:NN) or replacement glyphs is worse than no text layer."""
    bad = sum(1 for c in chars if c["text"].startswith("(cid:") or c["text"] == "\ufffd")
    return bad > len(chars) * 0.3


def _render(data: bytes, index: int, limits: Limits, filename: str) -> Any:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ParseError(filename, problems.corrupt(filename)) from e
    try:
        page = pdf[index]
        width, height = page.get_size()
        scale = limits.ocr_dpi / 72
        if width * height * scale * scale > limits.max_image_pixels:
            scale = (limits.max_image_pixels / (width * height)) ** 0.5
        return page.render(scale=scale, grayscale=True).to_pil()
    finally:
        pdf.close()
