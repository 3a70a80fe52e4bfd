"""OCR of scanned pages and photos with the tesseract binary (-l vie), one page at a time.

A page is made ready first (parsers.images.pageimage), then read in two tesseract runs: the body with the header's
columns and the ruled tables blanked out, and a sheet on which each header column and each table cell is
pasted apart, so that no word of one column or cell runs into its neighbour's."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from parsers import problems
from parsers.blocks import Block, Extracted, Line, Table, join_lines
from parsers.errors import ParseError
from parsers.images.masthead import Masthead, find_masthead
from parsers.images.pageimage import prepare
from parsers.images.scan import Grid, cell_image, find_grid
from parsers.model import Limits, Problem

# one page of Vietnamese at 300 dpi takes 1-3 s; a stuck tesseract must not hold the worker forever
_PAGE_TIMEOUT_S = 60
# a word read below this confidence (0..1) leaves what it says in doubt: its table cell, its figure in prose
DOUBT_BELOW = 0.6
# a page read this badly may be sideways or upside down: tesseract's orientation check is worth its ~0.5 s
_TURN_BELOW = 0.55
_TURN_SURE = 2.0  # tesseract's orientation confidence above which its answer is taken
# white between the pieces on a sheet: more than a line's spacing, so tesseract never joins two pieces
_SHEET_GAP = 48
_STRAY = str.maketrans({"|": " ", "¦": " ", "“": '"', "”": '"'})


@dataclass(frozen=True)
class _Word:
    line: tuple[int, int, int]
    left: int
    top: int
    right: int
    bottom: int
    conf: float
    text: str


def _tesseract() -> str:
    found = shutil.which("tesseract")
    if found is None:
        raise ParseError(
            "tesseract", Problem("ocr_missing", "Máy chủ chưa cài phần mềm nhận dạng chữ (OCR).")
        )
    return found


def _call(image: Image.Image, args: Sequence[str]) -> str:
    with tempfile.TemporaryDirectory(prefix="baocao-ocr-") as tmp:
        path = Path(tmp) / "page.png"
        image.save(path)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        cmd = [_tesseract(), str(path), "stdout", *args]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=_PAGE_TIMEOUT_S, env=env, check=False)
        except subprocess.TimeoutExpired as e:
            raise ParseError("tesseract", problems.timeout()) from e
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def _run(image: Image.Image, psm: int) -> list[_Word]:
    return _words(_call(image, ["-l", "vie", "--psm", str(psm), "tsv"]))


def orientation(image: Image.Image) -> int:
    """Degrees to turn the page counter-clockwise so that it reads upright, when tesseract is sure."""
    out = _call(image, ["--psm", "0"])
    turn = re.search(r"Rotate:\s*(\d+)", out)
    sure = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not turn or not sure or float(sure[1]) < _TURN_SURE:
        return 0
    return (360 - int(turn[1])) % 360  # tesseract says how far to turn clockwise


@dataclass
class _Read:
    blocks: list[Block]
    confs: list[float]

    @property
    def quality(self) -> float:
        """Mean word confidence, lowered for a page that gave almost nothing."""
        if not self.confs:
            return 0.0
        return sum(self.confs) / len(self.confs) * min(1.0, len(self.confs) / 40)


def read_page(
    image: Image.Image, page: int | None, table_start: int = 0, limits: Limits | None = None
) -> tuple[list[Block], float]:
    """Blocks of one page image (ruled tables as tables) and the mean word confidence (0..1)."""
    max_pixels = (limits or Limits()).max_image_pixels
    image = ImageOps.exif_transpose(image)
    prepared = prepare(image, max_pixels).image
    done = _read(prepared, page, table_start)
    if done.quality < _TURN_BELOW:
        turn = orientation(prepared)
        if turn:
            again = _read(prepare(image.rotate(turn, expand=True), max_pixels).image, page, table_start)
            done = again if again.quality > done.quality else done
    confs = done.confs
    return done.blocks, (sum(confs) / len(confs) if confs else 0.0)


def _read(gray: Image.Image, page: int | None, table_start: int) -> _Read:
    cleaned, grids = find_grid(gray)
    head = find_masthead(cleaned) if page in (1, None) else None
    body = cleaned.copy()
    draw = ImageDraw.Draw(body)
    for grid in grids:
        draw.rectangle(grid.box, fill=255)
    if head:
        draw.rectangle(head.box, fill=255)
    words = _run(body, 6)  # psm 6: a row of text is one line, which keeps a label next to its figure
    pieces: dict[Hashable, Image.Image] = {}
    if head:
        pieces["left"], pieces["right"] = cleaned.crop(head.left), cleaned.crop(head.right)
    for g, grid in enumerate(grids):
        for span in grid.cells():
            if (cut := cell_image(cleaned, grid.area(span))) is not None:
                pieces[(g, span)] = cut
    read = read_pieces(pieces)
    confs = [w.conf for ws in (words, *read.values()) for w in ws if w.conf >= 0]
    placed: list[tuple[float, Line | Table]] = []
    if head:
        placed.extend(_header_lines(head, read))
    placed.extend(_body_lines(words, cleaned.width))
    for g, grid in enumerate(grids):
        placed.append((grid.ys[0], _table(grid, g, read, table_start + g, page)))
    placed.sort(key=lambda p: p[0])
    out: list[Block] = []
    chunk: list[Line] = []
    for _, item in placed:
        if isinstance(item, Table):
            out.extend(join_lines(chunk, page))
            chunk = []
            out.append(item)
        else:
            chunk.append(item)
    out.extend(join_lines(chunk, page))
    return _Read(out, confs)


def read_pieces(pieces: dict[Hashable, Image.Image], psm: int = 6) -> dict[Hashable, list[_Word]]:
    """Several regions read in one tesseract run, pasted one under another on a white sheet; each region's
    words come back with coordinates inside that region."""
    if not pieces:
        return {}
    width = max(p.width for p in pieces.values()) + 2 * _SHEET_GAP
    height = sum(p.height + _SHEET_GAP for p in pieces.values()) + _SHEET_GAP
    sheet = Image.new("L", (width, height), 255)
    spans: list[tuple[int, int, Hashable]] = []
    y = _SHEET_GAP
    for key, piece in pieces.items():
        sheet.paste(piece, (_SHEET_GAP, y))
        spans.append((y, y + piece.height, key))
        y += piece.height + _SHEET_GAP
    out: dict[Hashable, list[_Word]] = {key: [] for key in pieces}
    for word in _run(sheet, psm):
        middle = (word.top + word.bottom) / 2
        for top, bottom, key in spans:
            if top - _SHEET_GAP / 2 <= middle < bottom + _SHEET_GAP / 2:
                out[key].append(
                    _Word(word.line, word.left - _SHEET_GAP, word.top - top, word.right - _SHEET_GAP,
                          word.bottom - top, word.conf, word.text)
                )  # fmt: skip
                break
    return out


def _grouped(words: list[_Word]) -> list[list[_Word]]:
    """Words by tesseract's lines, top to bottom, each left to right."""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out = [sorted(ws, key=lambda w: w.left) for ws in lines.values()]
    return sorted(out, key=lambda ws: min(w.top for w in ws))


def _text(words: list[_Word]) -> str:
    return " ".join(" ".join(w.text for w in words).split())


def _doubtful(words: list[_Word]) -> tuple[str, ...]:
    return tuple(w.text for w in words if 0 <= w.conf < DOUBT_BELOW)


def _header_lines(head: Masthead, read: dict[Hashable, list[_Word]]) -> list[tuple[float, Line]]:
    """Each column's lines, the left column's first (as a Word table's header cells are read)."""
    out: list[tuple[float, Line]] = []
    for key in ("left", "right"):
        for ws in _grouped(read.get(key, [])):
            # placed at the header's top in reading order: left column, then right column
            out.append((head.box[1] + len(out) * 1e-3, Line(_text(ws), False, False, _doubtful(ws))))
    return out


def _body_lines(words: list[_Word], width: int) -> list[tuple[float, Line]]:
    right = max((w.right for w in words), default=width)
    return [
        (min(w.top for w in ws), Line(_text(ws), ws[-1].right >= right - width * 0.04, True, _doubtful(ws)))
        for ws in _grouped(words)
    ]


def _table(grid: Grid, g: int, read: dict[Hashable, list[_Word]], index: int, page: int | None) -> Table:
    """The grid's rows, a merged cell's text in every grid cell it covers (as the Word reader gives it)."""
    nrows, ncols = len(grid.ys) - 1, len(grid.xs) - 1
    cells = [["" for _ in range(ncols)] for _ in range(nrows)]
    doubt: set[tuple[int, int]] = set()
    for span in grid.cells():
        ws = read.get((g, span), [])
        shaky = bool(_doubtful(ws))
        text = " ".join(_text(line) for line in _grouped(ws))
        if re.fullmatch(r"[OolI]{1,2}", text):  # a cell that is only a look-alike is a figure: "l" is 1
            text = text.translate(_DIGIT_LOOKALIKES)
        text = re.sub(r"^(\d+)(?=[^\W\d_]{2})", r"\1 ", text)  # "5tin": the unit read onto its figure
        r0, c0, r1, c1 = span
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                cells[r][c] = text
                if shaky:
                    doubt.add((r, c))
    rows: list[tuple[str, ...]] = []
    doubtful: set[tuple[int, int]] = set()
    for r, row in enumerate(cells):
        if any(row):
            doubtful |= {(len(rows), c) for rr, c in doubt if rr == r}
            rows.append(tuple(row))
    return Table(tuple(rows), index, page, frozenset(doubtful))


_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


def fix_digits(word: str) -> str:
    """OCR's usual confusions inside a figure undone: "1:150" -> "1.150", "¡01" -> "01", "1O" -> "10"."""
    core = word.strip("¡!'`‘’\"“”«»()[]{}")
    if not re.fullmatch(r"[\dOolI][\dOolI.,:;]*%?[.,:;]?", core) or not any(c.isdigit() for c in core):
        return word
    core = re.sub(r"(?<=\d)[:;](?=\d)", ".", core)
    return core.translate(_DIGIT_LOOKALIKES)


def _words(tsv: str) -> list[_Word]:
    out = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = fix_digits(unicodedata.normalize("NFC", (row.get("text") or "").translate(_STRAY)).strip())
        if row.get("level") != "5" or not text:
            continue
        left, top = int(row["left"]), int(row["top"])
        line = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        right, bottom = left + int(row["width"]), top + int(row["height"])
        out.append(_Word(line, left, top, right, bottom, float(row.get("conf") or -1) / 100, text))
    return out


def read_image(data: bytes, filename: str, limits: Limits) -> Extracted:
    """A photo or scan sent as an image file (a multi-page TIFF gives several pages)."""
    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    try:
        img = Image.open(io.BytesIO(data))
        frames = getattr(img, "n_frames", 1)
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise ParseError(filename, problems.corrupt(filename)) from e
    except Image.DecompressionBombError as e:
        raise ParseError(filename, problems.suspicious_archive("ảnh có kích thước bất thường")) from e
    doc = Extracted(source="ocr")
    confs = []
    for index in range(min(frames, limits.max_ocr_pages)):
        try:
            img.seek(index)
            img.load()
        except (OSError, ValueError, EOFError) as e:
            raise ParseError(filename, problems.corrupt(filename)) from e
        blocks, conf = read_page(img, index + 1, len(doc.tables()), limits)
        doc.blocks.extend(blocks)
        confs.append(conf)
    doc.ocr_confidence = sum(confs) / len(confs) if confs else 0.0
    return doc
