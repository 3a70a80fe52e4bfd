"""OCR of scanned pages and photos with the tesseract binary (-l vie), one page at a time."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from parsers import problems
from parsers.blocks import Block, Extracted, Line, Table, join_lines
from parsers.errors import ParseError
from parsers.images.scan import Grid, deskew, find_grid
from parsers.model import Limits, Problem

# one page of Vietnamese at 300 dpi takes 2-4 s; a stuck tesseract must not hold the worker forever
_PAGE_TIMEOUT_S = 60
# a table cell with a word below this confidence is read again on its own
_REREAD_BELOW = 0.6
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


def _run(image: Image.Image, psm: int) -> list[_Word]:
    with tempfile.TemporaryDirectory(prefix="baocao-ocr-") as tmp:
        path = Path(tmp) / "page.png"
        image.save(path)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        cmd = [_tesseract(), str(path), "stdout", "-l", "vie", "--psm", str(psm), "tsv"]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=_PAGE_TIMEOUT_S, env=env, check=False)
        except subprocess.TimeoutExpired as e:
            raise ParseError("tesseract", problems.timeout()) from e
    return _words(done.stdout.decode("utf-8", "replace")) if done.returncode == 0 else []


def read_page(image: Image.Image, page: int | None, table_start: int = 0) -> tuple[list[Block], float]:
    """Blocks of one page image (ruled tables as tables) and the mean word confidence (0..1)."""
    gray = deskew(ImageOps.exif_transpose(image).convert("L"))
    cleaned, grids = find_grid(gray)
    # psm 6 reads a row of text left to right as one line, which keeps a label next to its figure
    words = _run(cleaned, 6)
    confs = [w.conf for w in words if w.conf >= 0]
    mean = sum(confs) / len(confs) if confs else 0.0
    return _blocks(words, grids, cleaned, page, table_start), mean


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


def _table(grid: Grid, cells: dict[tuple[int, int], list[_Word]], image: Image.Image, index: int,
           page: int | None) -> Table:  # fmt: skip
    rows: list[tuple[str, ...]] = []
    doubtful = set()
    for r in range(len(grid.ys) - 1):
        row = []
        for c in range(len(grid.xs) - 1):
            ws = cells.get((r, c), [])
            if ws and min(w.conf for w in ws) < _REREAD_BELOW:
                # one cell alone, as one line, is read better than inside the page (a "27" read as "2:/")
                box = (grid.xs[c] + 4, grid.ys[r] + 4, grid.xs[c + 1] - 4, grid.ys[r + 1] - 4)
                again = _run(image.crop(box), 7 if len({round(w.top / 25) for w in ws}) == 1 else 6)
                if again and min(w.conf for w in again) > min(w.conf for w in ws):
                    ws = again
                if min(w.conf for w in ws) < _REREAD_BELOW:
                    doubtful.add((len(rows), c))
            ws = sorted(ws, key=lambda w: (w.line, w.left))
            row.append(" ".join(w.text for w in ws))
        if any(row):
            rows.append(tuple(row))
        else:
            doubtful = {(i, j) for i, j in doubtful if i != len(rows)}
    return Table(tuple(rows), index, page, frozenset(doubtful))


def _blocks(
    words: list[_Word], grids: list[Grid], image: Image.Image, page: int | None, table_start: int
) -> list[Block]:
    """Words inside a ruled table go to its cells; the rest become lines, then paragraphs."""
    cells: list[dict[tuple[int, int], list[_Word]]] = [{} for _ in grids]
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for word in words:
        cx, cy = (word.left + word.right) / 2, (word.top + word.bottom) / 2
        for g, grid in enumerate(grids):
            if (at := grid.cell(cx, cy)) is not None:
                cells[g].setdefault(at, []).append(word)
                break
        else:
            lines.setdefault(word.line, []).append(word)
    width = image.width
    right = max((w.right for w in words), default=width)
    placed: list[tuple[float, Line | Table]] = []
    for ws in lines.values():
        ws.sort(key=lambda w: w.left)
        text = " ".join(" ".join(w.text for w in ws).split())
        placed.append((min(w.top for w in ws), Line(text, ws[-1].right >= right - width * 0.04)))
    for g, grid in enumerate(grids):
        placed.append((grid.ys[0], _table(grid, cells[g], image, table_start + g, page)))
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
        blocks, conf = read_page(img, index + 1, len(doc.tables()))
        doc.blocks.extend(blocks)
        confs.append(conf)
    doc.ocr_confidence = sum(confs) / len(confs) if confs else 0.0
    return doc
