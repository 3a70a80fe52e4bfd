"""OCR of scanned pages and photos with the tesseract binary (-l vie), one page at a time."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from parsers import problems
from parsers.blocks import Extracted, Line, Paragraph, join_lines
from parsers.errors import ParseError
from parsers.model import Limits

# one page of Vietnamese at 300 dpi takes 2-4 s; a stuck tesseract must not hold the worker forever
_PAGE_TIMEOUT_S = 60
# below this mean word confidence (0..1) the text is too unreliable to read figures from
UNREADABLE_BELOW = 0.45
_STRAY = str.maketrans({"|": " ", "¦": " ", "“": '"', "”": '"'})


def _tesseract() -> str:
    found = shutil.which("tesseract")
    if found is None:
        raise ParseError(
            "tesseract", problems.Problem("ocr_missing", "Máy chủ chưa cài phần mềm nhận dạng chữ (OCR).")
        )
    return found


def read_page(image: Image.Image, page: int | None) -> tuple[list[Paragraph], float]:
    """Paragraphs of one page image and the mean word confidence (0..1)."""
    gray = ImageOps.exif_transpose(image).convert("L")
    with tempfile.TemporaryDirectory(prefix="baocao-ocr-") as tmp:
        path = Path(tmp) / "page.png"
        gray.save(path)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        # psm 6 reads a table row left to right as one line, which keeps a label next to its figure
        cmd = [_tesseract(), str(path), "stdout", "-l", "vie", "--psm", "6", "tsv"]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=_PAGE_TIMEOUT_S, env=env, check=False)
        except subprocess.TimeoutExpired as e:
            raise ParseError("tesseract", problems.timeout()) from e
    if done.returncode != 0:
        return [], 0.0
    return _paragraphs(done.stdout.decode("utf-8", "replace"), gray.width, page)


def _paragraphs(tsv: str, width: int, page: int | None) -> tuple[list[Paragraph], float]:
    lines: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
    confs: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        conf = float(row.get("conf") or -1)
        if conf >= 0:
            confs.append(conf / 100)
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append((int(row["left"]), int(row["left"]) + int(row["width"]), text))
    right = max((w[1] for ws in lines.values() for w in ws), default=width)
    built = []
    for key in sorted(lines):
        ws = sorted(lines[key])
        text = unicodedata.normalize("NFC", " ".join(w[2] for w in ws).translate(_STRAY))
        built.append(Line(" ".join(text.split()), ws[-1][1] >= right - width * 0.04))
    mean = sum(confs) / len(confs) if confs else 0.0
    return join_lines(built, page), mean


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
        paragraphs, conf = read_page(img, index + 1)
        doc.blocks.extend(paragraphs)
        confs.append(conf)
    doc.ocr_confidence = sum(confs) / len(confs) if confs else 0.0
    return doc
