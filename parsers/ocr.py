"""OCR of scanned pages and photos with the tesseract binary (-l vie), one page at a time."""

from __future__ import annotations

import csv
import io
import os
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
from parsers.model import Limits, Problem
from parsers.scan import Grid, deskew, find_grid

# one page of Vietnamese at 300 dpi takes 2-4 s; a stuck tesseract must not hold the worker forever
_PAGE_TIMEOUT_S = 60
# below this mean word confidence (0..1) the text is too unreliable to read figures from
UNREADABLE_BELOW = 0.45
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


def read_page(image: Image.Image, page: int | None, table_start: int = 0) -> tuple[list[Block], float]:
    """Blocks of one page image (ruled tables as tables) and the mean word confidence (0..1)."""
    gray = deskew(ImageOps.exif_transpose(image).convert("L"))
    cleaned, grids = find_grid(gray)
    with tempfile.TemporaryDirectory(prefix="baocao-ocr-") as tmp:
        path = Path(tmp) / "page.png"
        cleaned.save(path)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        # psm 6 reads a table row left to right as one line, which keeps a label next to its figure
        cmd = [_tesseract(), str(path), "stdout", "-l", "vie", "--psm", "6", "tsv"]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=_PAGE_TIMEOUT_S, env=env, check=False)
        except subprocess.TimeoutExpired as e:
            raise ParseError("tesseract", problems.timeout()) from e
    if done.returncode != 0:
        return [], 0.0
    words = _words(done.stdout.decode("utf-8", "replace"))
    confs = [w.conf for w in words if w.conf >= 0]
    mean = sum(confs) / len(confs) if confs else 0.0
    return _blocks(words, grids, gray.width, page, table_start), mean


def _words(tsv: str) -> list[_Word]:
    out = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = unicodedata.normalize("NFC", (row.get("text") or "").translate(_STRAY)).strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = int(row["left"]), int(row["top"])
        line = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        right, bottom = left + int(row["width"]), top + int(row["height"])
        out.append(_Word(line, left, top, right, bottom, float(row.get("conf") or -1) / 100, text))
    return out


def _table(grid: Grid, cells: dict[tuple[int, int], list[_Word]], index: int, page: int | None) -> Table:
    rows = []
    for r in range(len(grid.ys) - 1):
        row = []
        for c in range(len(grid.xs) - 1):
            ws = sorted(cells.get((r, c), []), key=lambda w: (round(w.top / 25), w.left))
            row.append(" ".join(w.text for w in ws))
        if any(row):
            rows.append(tuple(row))
    return Table(tuple(rows), index, page)


def _blocks(
    words: list[_Word], grids: list[Grid], width: int, page: int | None, table_start: int
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
    right = max((w.right for w in words), default=width)
    placed: list[tuple[float, Line | Table]] = []
    for ws in lines.values():
        ws.sort(key=lambda w: w.left)
        text = " ".join(" ".join(w.text for w in ws).split())
        placed.append((min(w.top for w in ws), Line(text, ws[-1].right >= right - width * 0.04)))
    for g, grid in enumerate(grids):
        placed.append((grid.ys[0], _table(grid, cells[g], table_start + g, page)))
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
