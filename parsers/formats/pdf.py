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

from parsers import problems
from parsers.blocks import Block, Extracted, Line, Table, join_lines
from parsers.errors import ParseError
from parsers.formats import layout
from parsers.formats.legacy import repair
from parsers.images import ocr
from parsers.model import Limits

# a page with fewer characters than this is a scan (a stamp or page number is not a text layer)
_MIN_CHARS = 40
# more curves than this on a page without characters: text converted to outlines, which only OCR can read
_OUTLINED_CURVES = 50
# a value wrapped under its label is a few words ("Có thực hiện."), not the next sentence
_WRAPPED_VALUE_WORDS = 6
_BULLET = re.compile(r"[-+•*–]\s")
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
    tables: list[tuple[float, tuple[tuple[str, ...], ...], bool]] = [
        (t.bbox[1], tuple(tuple(_clean(c or "") for c in row) for row in t.extract()), False) for t in found
    ]
    words = [w for w in page.extract_words(x_tolerance=1.5, y_tolerance=3) if not _inside(w, boxes)]
    height = layout.line_height(words)
    right = max((w["x1"] for w in words), default=page.width)
    lines = layout.group_lines(words, height, right)
    if number == 1 and (head := layout.header_block(lines, page.width, height)):
        # the header block as Word writes it: one borderless row, the school's cell and the Quốc hiệu's
        taken, left, right_col = head
        tables.append((lines[0].top, ((_clean("\n".join(left)), _clean("\n".join(right_col))),), False))
        lines = lines[taken:]
    for start, end, rows in reversed(layout.find_tables(lines, height)):
        tables.append((lines[start].top, tuple(tuple(_clean(c) for c in row) for row in rows), True))
        del lines[start:end]
    tables.sort(key=lambda t: t[0])
    placed: list[tuple[float, Block]] = [
        (top, Table(rows, table_start + i, number, rebuilt=rebuilt)) for i, (top, rows, rebuilt) in enumerate(tables)
    ]
    texts: list[tuple[float, Line]] = []
    for line in lines:
        for seg in line.segments:
            full = seg[-1]["x1"] >= right - 30
            texts.append((seg[0]["top"], Line(_clean(line.text(seg)), full, len(line.segments) == 1)))
    # paragraphs between tables, each placed where its first line is
    chunk: list[tuple[float, Line]] = []
    cuts = [top for top, _, _ in tables]

    def flush() -> None:
        if chunk:
            for para in join_lines(join_wrapped_values([ln for _, ln in chunk]), number):
                placed.append((chunk[0][0], para))
            chunk.clear()

    for top, text in texts:
        if cuts and top > cuts[0]:
            flush()
            while cuts and top > cuts[0]:
                cuts.pop(0)
        chunk.append((top, text))
    flush()
    placed.sort(key=lambda p: p[0])
    return placed


# a form's dotted blank with the figure written in it: "……1…… cuộc", "....12.... buổi"
_FILLED_BLANK = re.compile(r"^(?:[.…]*…[.…]*|\.(?: ?\.){2,}|_{3,})\s*\d")


def join_wrapped_values(lines: list[Line]) -> list[Line]:
    """A label filling its line up to the colon, its value wrapped onto the next ("...cho báo chí:" / "Có thực
    hiện.", a short line that ends the sentence): one line, so the paragraph holds both."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        text = line.text.strip()
        if (
            prev is not None
            and prev.full_width
            and prev.alone
            and line.alone
            and prev.text.rstrip().endswith(":")
            and 0 < len(text.split()) <= _WRAPPED_VALUE_WORDS
            and (text.endswith(".") or _FILLED_BLANK.match(text))
            and not _BULLET.match(text)
        ):
            out[-1] = Line(f"{prev.text.rstrip()} {text}", line.full_width, True)
            continue
        out.append(line)
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
                scanned = (len(chars) < _MIN_CHARS and _drawn(page)) or _garbled(chars)
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
            out[-1] = Table(tuple(merged + rows), prev.index, prev.page, rebuilt=prev.rebuilt or block.rebuilt)
            continue
        out.append(block)
    return out


def _drawn(page: Any) -> bool:
    """Whether a page without a text layer has something to OCR: an image, or text drawn as outlines. A blank
    page, or one holding only the signer's name, is read as it is."""
    return bool(page.images) or len(page.curves) > _OUTLINED_CURVES


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
