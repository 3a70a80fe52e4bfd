"""Ruled tables on page images: find the grid, wipe its lines before OCR, and put OCR'd words in its cells."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter

# a ruling is a dark run at least this long (pixels at 300 dpi: ~5 mm); a letter never is
_RUN = 60
_DARK = 150


@dataclass(frozen=True)
class Grid:
    xs: tuple[int, ...]  # column boundaries, left to right
    ys: tuple[int, ...]  # row boundaries, top to bottom

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        x0, y0, x1, y1 = self.box
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return None
        return bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1


def _line_mask(gray: Image.Image, horizontal: bool) -> Image.Image:
    """White where a long straight dark run is: shrink along the run direction, keep what stays dark."""
    w, h = gray.size
    dark = gray.point(lambda v: 255 if v < _DARK else 0)
    small = dark.resize(
        (max(w // _RUN, 1), h) if horizontal else (w, max(h // _RUN, 1)), Image.Resampling.BOX
    )
    kept = small.point(lambda v: 255 if v > 200 else 0).resize((w, h), Image.Resampling.NEAREST)
    return ImageChops.multiply(kept, dark)


def _runs(profile: list[int], minimum: int) -> list[int]:
    """Centres of consecutive positions whose count reaches minimum."""
    out, start = [], None
    for i, v in enumerate([*profile, 0]):
        if v >= minimum and start is None:
            start = i
        elif v < minimum and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    return out


def find_grid(gray: Image.Image) -> tuple[Image.Image, list[Grid]]:
    """The page with its rulings wiped (better OCR), and the ruled tables on it."""
    w, h = gray.size
    horiz = _line_mask(gray, horizontal=True)
    vert = _line_mask(gray, horizontal=False)
    lines = ImageChops.lighter(horiz, vert).filter(ImageFilter.MaxFilter(5))
    cleaned = ImageChops.lighter(gray, lines)
    rows = _merge_close(_runs(_profile(horiz, axis=1), int(w * 0.25)))
    grids = []
    # each stretch of rows crossed by vertical rulings is one table
    for y0, y1 in _spans(_profile(vert, axis=1), minimum=2, min_length=int(h * 0.03)):
        # the shrink trick loses up to one window (_RUN) at each end of a ruling
        inside = [y for y in rows if y0 - _RUN - 12 <= y <= y1 + _RUN + 12]
        band = vert.crop((0, y0, w, y1))
        cols = _merge_close(_runs(_profile(band, axis=0), int((y1 - y0) * 0.5)))
        if len(inside) >= 2 and len(cols) >= 2:
            grids.append(Grid(tuple(cols), tuple(inside)))
    return cleaned, grids


def _merge_close(positions: list[int]) -> list[int]:
    """Rulings closer than a text line are one ruling drawn twice (or thick)."""
    return [p for i, p in enumerate(positions) if i == 0 or p - positions[i - 1] > 15]


def _spans(profile: list[int], minimum: int, min_length: int) -> list[tuple[int, int]]:
    out, start = [], None
    for i, v in enumerate([*profile, 0]):
        if v >= minimum and start is None:
            start = i
        elif v < minimum and start is not None:
            if i - start >= min_length:
                out.append((start, i))
            start = None
    return out


def _profile(mask: Image.Image, axis: int) -> list[int]:
    """Count of white mask pixels per row (axis=1) or per column (axis=0)."""
    w, h = mask.size
    if axis == 1:
        squashed = mask.resize((1, h), Image.Resampling.BOX)
        return [round(v * w / 255) for v in squashed.tobytes()]
    squashed = mask.resize((w, 1), Image.Resampling.BOX)
    return [round(v * h / 255) for v in squashed.tobytes()]


def deskew(gray: Image.Image, max_angle: float = 3.0, step: float = 0.1) -> Image.Image:
    """Straighten a page scanned a little askew: the angle whose rows of ink are sharpest wins."""
    small = gray.resize((800, max(int(800 * gray.height / gray.width), 1)), Image.Resampling.BOX)
    ink = small.point(lambda v: 255 if v < 160 else 0)
    best, best_score = 0.0, -1.0
    steps = int(max_angle / step)
    for i in range(-steps, steps + 1):
        angle = i * step
        profile = list(ink.rotate(angle, resample=Image.Resampling.NEAREST).resize((1, ink.height)).tobytes())
        score = sum((a - b) ** 2 for a, b in zip(profile, profile[1:], strict=False))
        if score > best_score:
            best, best_score = angle, score
    if abs(best) < step / 2:
        return gray
    return gray.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255)
