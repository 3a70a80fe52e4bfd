"""A page image made ready for tesseract: the page cut out of a photo and squared, the lighting flattened,
straightened, its text brought to the size tesseract reads best, and scanner specks removed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# tesseract reads 10-13 pt text at 300 dpi best; a line of such text (top of a diacritic to the bottom of
# a descender) is then about this many pixels tall
_LINE_PX = 42.0
# text already within this factor of that size is left alone (a resize costs time and a little sharpness)
_SCALE_SLACK = (0.8, 1.6)
_MAX_UPSCALE = 3.5
# the page is looked for on a copy this long: the page edge is a long straight step even at this size
_FIND_SIDE = 500
# a gradient above this (grey levels per pixel, on the blurred copy) is an edge: a page against a desk, text
_EDGE = 6.0


@dataclass(frozen=True)
class Prepared:
    image: Image.Image  # grey ("L"), upright, about 300 dpi
    steps: tuple[str, ...]  # what was done, for the review trail: "page", "deskew 1.3", "scale 2.25"


def prepare(image: Image.Image, max_pixels: int) -> Prepared:
    """The page of a scan or photo (already turned by its EXIF orientation), squared, flattened, straightened and
    sized for tesseract."""
    gray = image.convert("L")
    steps: list[str] = []
    quad = find_page(gray)
    if quad is not None:
        gray = warp(gray, quad)
        steps.append("page")
    gray = flatten(gray)
    angle = skew_angle(gray)
    # the text's size is measured on a small straightened copy: slanted lines would look taller
    probe = gray.resize(
        (min(gray.width, 1200), max(round(gray.height * min(gray.width, 1200) / gray.width), 1))
    )
    scale = text_scale(probe.rotate(angle, fillcolor=255)) * probe.width / gray.width
    scale = min(scale, (max_pixels / (gray.width * gray.height)) ** 0.5)
    resize = not _SCALE_SLACK[0] <= scale <= _SCALE_SLACK[1]
    if not resize:
        # a scanner's specks are a pixel or two, a stroke three or more: a median filter keeps only strokes
        # (before turning the page, which would smear a speck into a blot)
        gray = gray.filter(ImageFilter.MedianFilter(3))
    if angle:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        steps.append(f"deskew {angle:+.1f}")
    if resize:
        size = (max(round(gray.width * scale), 1), max(round(gray.height * scale), 1))
        gray = gray.resize(size, Image.Resampling.LANCZOS).filter(ImageFilter.MedianFilter(3))
        steps.append(f"scale {scale:.2f}")
    return Prepared(gray, tuple(steps))


def flatten(gray: Image.Image) -> Image.Image:
    """Divide by the paper's own brightness: a side shadow, a warm cast or a grey scan become white paper."""
    w, h = gray.size
    # the paper's brightness is the brightest nearby pixel over a window wider than a letter (~1/30 page)
    factor = max(w, h) / 220
    small = gray.resize((max(round(w / factor), 1), max(round(h / factor), 1)), Image.Resampling.BOX)
    paper = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(2))
    paper = paper.resize((w, h), Image.Resampling.BILINEAR)
    ink = np.asarray(gray, dtype=np.float32)
    base = np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    return Image.fromarray(np.clip(ink * 255.0 / base, 0, 255).astype(np.uint8))


def find_page(gray: Image.Image) -> np.ndarray | None:
    """The page's corners (tl, tr, br, bl) in a photo that shows what is around it; None when the page
    fills the frame or cannot be told from the background.

    Edges split the picture into blank areas; the page's margin is the blank area that does not reach the
    picture's border and whose corners span the most, with nearly all the text inside them."""
    w, h = gray.size
    factor = max(w, h) / _FIND_SIDE
    small = gray.resize((max(round(w / factor), 1), max(round(h / factor), 1)), Image.Resampling.BOX)
    a = np.asarray(small.filter(ImageFilter.GaussianBlur(1.5)), dtype=np.float32)
    edges = _edges(a)
    grown = np.asarray(Image.fromarray(edges.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(3))) > 0
    rows, cols = a.shape
    blanks = [b for b in _blank_areas(~grown, a, 0.02 * rows * cols) if not b.at_border]
    # paper is the brightest blank: a darker one is the desk between the page and something else
    brightest = max((b.shade for b in blanks), default=0.0)
    papers = sorted((b for b in blanks if b.shade >= 0.6 * brightest), key=lambda b: -quad_area(b.quad))
    for blank in papers:
        if quad_area(blank.quad) < 0.25 * rows * cols:
            break
        if _plausible(blank.quad, blank.mask(rows, cols), edges):
            return blank.quad * factor
    return None


@dataclass(frozen=True)
class _Blank:
    runs: np.ndarray  # (y, x0, x1) per run of the area, x1 exclusive
    shade: float  # mean grey level
    at_border: bool

    @property
    def size(self) -> int:
        return int((self.runs[:, 2] - self.runs[:, 1]).sum())

    @property
    def quad(self) -> np.ndarray:
        """Top-left, top-right, bottom-right, bottom-left extreme points (a page tilted < 45°)."""
        y, x0, x1 = self.runs[:, 0], self.runs[:, 1], self.runs[:, 2] - 1
        tl, br = np.argmin(x0 + y), np.argmax(x1 + y)
        tr, bl = np.argmax(x1 - y), np.argmin(x0 - y)
        return np.array(
            [(x0[tl], y[tl]), (x1[tr], y[tr]), (x1[br], y[br]), (x0[bl], y[bl])], dtype=np.float64
        )

    def mask(self, rows: int, cols: int) -> np.ndarray:
        out = np.zeros((rows, cols), dtype=bool)
        for y, x0, x1 in self.runs:
            out[y, x0:x1] = True
        return out


def _blank_areas(free: np.ndarray, shade: np.ndarray, min_size: float) -> list[_Blank]:
    """The 4-connected areas of free pixels of at least min_size pixels, found run by run (a union-find
    over runs, not pixels)."""
    rows, cols = free.shape
    padded = np.zeros((rows, cols + 2), dtype=np.int8)
    padded[:, 1:-1] = free
    step = np.diff(padded, axis=1)
    ys, x0 = np.nonzero(step == 1)
    _, x1 = np.nonzero(step == -1)
    parent = list(range(len(ys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first = np.searchsorted(ys, np.arange(rows + 1))
    for y in range(1, rows):
        i, j, i_end, j_end = first[y - 1], first[y], first[y], first[y + 1]
        while i < i_end and j < j_end:
            if x0[i] < x1[j] and x0[j] < x1[i]:
                parent[root(i)] = root(j)
            if x1[i] < x1[j]:
                i += 1
            else:
                j += 1
    ids = np.array([root(i) for i in range(len(ys))], dtype=np.int64)
    sums = np.concatenate([np.zeros((rows, 1)), np.cumsum(shade, axis=1)], axis=1)
    ink = sums[ys, x1] - sums[ys, x0]
    runs = np.stack([ys, x0, x1], axis=1)
    border = (ys == 0) | (ys == rows - 1) | (x0 == 0) | (x1 == cols)
    sizes = np.bincount(ids, weights=x1 - x0)
    out = []
    for k in np.nonzero(sizes >= min_size)[0]:
        mine = ids == k
        out.append(_Blank(runs[mine], float(ink[mine].sum()) / sizes[k], bool(border[mine].any())))
    return out


def _edges(a: np.ndarray) -> np.ndarray:
    gx = np.zeros_like(a)
    gy = np.zeros_like(a)
    gx[:, 1:-1] = (a[:, 2:] - a[:, :-2]) / 2
    gy[1:-1, :] = (a[2:, :] - a[:-2, :]) / 2
    return np.hypot(gx, gy) > _EDGE


def quad_area(quad: np.ndarray) -> float:
    x, y = quad[:, 0], quad[:, 1]
    return float(0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def _plausible(quad: np.ndarray, blank: np.ndarray, edges: np.ndarray) -> bool:
    """A page: corners near right angles, a blank margin all along its border (a block of text or a table
    has text at its border), and (nearly) all the text inside it."""
    for i in range(4):
        u, v = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        cos = float(np.dot(u, v) / max(np.linalg.norm(u) * np.linalg.norm(v), 1e-9))
        if abs(cos) > 0.35:  # further than ~20° from square
            return False
    size = (edges.shape[1], edges.shape[0])
    band = max(size) // 40  # ~2.5% of the page: inside the margin of any printed page
    corners = [(float(x), float(y)) for x, y in quad]
    shape, outline = Image.new("L", size, 0), Image.new("L", size, 0)
    ImageDraw.Draw(shape).polygon(corners, fill=255)
    ImageDraw.Draw(outline).line([*corners, corners[0]], fill=255, width=2 * band, joint="curve")
    inside, border = np.asarray(shape) > 0, np.asarray(outline) > 0
    rim = inside & border
    if (blank & rim).sum() < 0.6 * max(int(rim.sum()), 1):
        return False
    # the page's own outline and a desk's edges sit just outside: count only what is well outside
    return bool((edges & ~inside & ~border).sum() <= 0.3 * max(int(edges.sum()), 1))


def warp(gray: Image.Image, quad: np.ndarray) -> Image.Image:
    """The quadrilateral squared to a rectangle as wide and tall as its sides."""
    tl, tr, br, bl = quad
    width = round((np.hypot(*(tr - tl)) + np.hypot(*(br - bl))) / 2)
    height = round((np.hypot(*(bl - tl)) + np.hypot(*(br - tr))) / 2)
    target = [(0, 0), (width, 0), (width, height), (0, height)]
    rows: list[list[float]] = []
    rhs: list[float] = []
    for (x, y), (u, v) in zip(target, quad.tolist(), strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend((u, v))
    coeffs = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return gray.transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(float(c) for c in coeffs),
        Image.Resampling.BICUBIC, fillcolor=255,
    )  # fmt: skip


def skew_angle(gray: Image.Image, max_angle: float = 8.0) -> float:
    """The rotation (degrees, counter-clockwise) that makes the rows of ink sharpest: coarse, then fine."""
    small = gray.resize((800, max(round(800 * gray.height / gray.width), 1)), Image.Resampling.BOX)
    ink = small.point(lambda v: 255 if v < 160 else 0)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST)
        profile = np.asarray(turned.resize((1, ink.height), Image.Resampling.BOX), dtype=np.float64).ravel()
        return float(np.sum(np.diff(profile) ** 2))

    coarse = max(np.arange(-max_angle, max_angle + 0.01, 0.5), key=sharpness)
    fine = max(np.arange(coarse - 0.4, coarse + 0.41, 0.1), key=sharpness)
    return round(float(fine), 1) if abs(fine) >= 0.05 else 0.0


def text_scale(gray: Image.Image) -> float:
    """The factor that brings the page's lines of text to _LINE_PX tall (1.0 when no text is seen), on an
    upright page.

    A line is a run of rows with ink, measured in narrow vertical strips so that a slight slant or a
    two-column header does not merge lines; the median run is a line of body text."""
    width = gray.width
    factor = max(1, width // 1200)
    small = (
        gray.resize((width // factor, gray.height // factor), Image.Resampling.BOX) if factor > 1 else gray
    )
    ink = np.asarray(small) < 140
    heights: list[int] = []
    # a diacritic sits 1-3 px above its letter at this size, lines are 6 px apart or more even single-spaced
    bridge = max(2, round(3 * small.width / 1240))
    strips = 6
    step = ink.shape[1] // strips
    for s in range(strips):
        on = ink[:, s * step : (s + 1) * step].mean(axis=1) > 0.01
        edges = np.diff(np.concatenate([[0], on.astype(np.int8), [0]]))
        starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
        runs: list[list[int]] = []
        for b, e in zip(starts.tolist(), ends.tolist(), strict=True):
            if runs and b - runs[-1][1] <= bridge:  # a diacritic just above its letters is the same line
                runs[-1][1] = e
            else:
                runs.append([b, e])
        heights.extend(e - b for b, e in runs if e - b >= 3)
    if len(heights) < 8:
        return 1.0
    line = float(np.median(heights)) * factor
    return float(min(_LINE_PX / line, _MAX_UPSCALE))
