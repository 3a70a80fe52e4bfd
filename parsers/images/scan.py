"""Ruled tables on page images: find the grid and its merged cells, wipe the rulings before OCR, and cut each
cell out so that its words are read apart from its neighbours'."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# a ruling is a dark run at least this long (pixels at 300 dpi: ~5 mm); a letter never is
_RUN = 60
# a ruling outside any table (an underline, a signature line) is wiped only from this long (~2 cm)
_LONE_RUN = 240
# rulings are looked for a little lighter than text is: a thin line scanned at 150 dpi is grey, not black
_DARK = 170
# a ruling drawn on at least this share of a cell's side separates it from its neighbour
_DRAWN = 0.5


@dataclass(frozen=True)
class Grid:
    xs: tuple[int, ...]  # column boundaries, left to right
    ys: tuple[int, ...]  # row boundaries, top to bottom
    # merged cells as (first row, first column, last row, last column); a grid cell in none is its own cell
    merged: tuple[tuple[int, int, int, int], ...] = ()

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cells(self) -> list[tuple[int, int, int, int]]:
        """Every cell as it is drawn, (first row, first column, last row, last column), top to bottom."""
        covered = {
            (r, c) for r0, c0, r1, c1 in self.merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
        }
        out = list(self.merged)
        out += [
            (r, c, r, c)
            for r in range(len(self.ys) - 1)
            for c in range(len(self.xs) - 1)
            if (r, c) not in covered
        ]
        return sorted(out)

    def area(self, span: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        r0, c0, r1, c1 = span
        return self.xs[c0], self.ys[r0], self.xs[c1 + 1], self.ys[r1 + 1]


def _line_mask(dark: np.ndarray, horizontal: bool, run: int = _RUN) -> np.ndarray:
    """Where a straight dark run at least run long is, along rows (horizontal) or along columns."""
    a = dark if horizontal else dark.T
    # a thin ruling scanned askew steps from one pixel row to the next, and paper shows through it here and
    # there: look at each row together with its neighbours, and bridge breaks of a pixel or two
    a = a | np.roll(a, 1, axis=0) | np.roll(a, -1, axis=0)
    a = a | np.roll(a, 1, axis=1) | np.roll(a, -1, axis=1) | np.roll(a, 2, axis=1)
    rows, cols = a.shape
    padded = np.zeros((rows, cols + 2), dtype=np.int8)  # a blank column each side: no run wraps a row
    padded[:, 1:-1] = a
    flat = padded.ravel()
    steps = np.diff(flat)
    starts, ends = np.nonzero(steps == 1)[0] + 1, np.nonzero(steps == -1)[0] + 1
    keep = ends - starts >= run
    starts, lengths = starts[keep], ends[keep] - starts[keep]
    # every pixel of every kept run: each run's start repeated along it, plus 0, 1, 2, ... within it
    within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    long_runs = np.zeros(flat.size, dtype=bool)
    long_runs[np.repeat(starts, lengths) + within] = True
    long_runs = long_runs.reshape(rows, cols + 2)[:, 1:-1]
    mask = long_runs & (dark if horizontal else dark.T)
    return mask if horizontal else mask.T


def _runs(profile: np.ndarray, minimum: int) -> list[int]:
    """Centres of consecutive positions whose count reaches minimum."""
    return [(start + end - 1) // 2 for start, end in _spans(profile, minimum, 1)]


def find_grid(gray: Image.Image) -> tuple[Image.Image, list[Grid]]:
    """The page with its rulings wiped (better OCR), and the ruled tables on it."""
    w, h = gray.size
    dark = np.asarray(gray) < _DARK
    horiz, vert = _line_mask(dark, horizontal=True), _line_mask(dark, horizontal=False)
    # the tops of a line of bold capitals, blurred in a photo, run together over _RUN, and so do an "Ĩ" and
    # its tilde: outside a table only a long run is a ruling (an underline, a signature line)
    wipe = _line_mask(dark, horizontal=True, run=_LONE_RUN) | _line_mask(
        dark, horizontal=False, run=_LONE_RUN
    )
    grids = []
    # each stretch of rows crossed by vertical rulings is one table
    for y0, y1 in _spans(vert.sum(axis=1), minimum=2, min_length=int(h * 0.03)):
        cols = _merge_close(_runs(vert[y0:y1].sum(axis=0), int((y1 - y0) * 0.5)))
        if len(cols) < 2:
            continue
        top, bottom = max(y0 - 12, 0), min(y1 + 12, h)
        # a ruling under a merged header ("Kết quả thực hiện" over the year columns) spans a few columns only
        narrowest = min(b - a for a, b in zip(cols, cols[1:], strict=False))
        inside = horiz[top:bottom, cols[0] : cols[-1] + 1].sum(axis=1)
        rows = [top + y for y in _merge_close(_runs(inside, max(2 * _RUN, narrowest // 2)))]
        if len(rows) >= 2:
            grid = Grid(tuple(cols), tuple(rows))
            grids.append(Grid(grid.xs, grid.ys, _merged(grid, horiz, vert)))
            x0, y0, x1, y1 = grid.box
            near = np.s_[max(y0 - 4, 0) : y1 + 5, max(x0 - 4, 0) : x1 + 5]
            wipe[near] |= horiz[near] | vert[near]
    cleaned = Image.fromarray(np.where(_grown(wipe, 2), 255, np.asarray(gray)).astype(np.uint8))
    return cleaned, grids


def _grown(mask: np.ndarray, by: int) -> np.ndarray:
    """The mask grown by a few pixels each way (a ruling's anti-aliased fringe goes with it)."""
    out = mask.copy()
    for axis in (0, 1):
        step = out.copy()
        for k in range(1, by + 1):
            step |= np.roll(out, k, axis=axis) | np.roll(out, -k, axis=axis)
        out = step
    return out


def _merged(grid: Grid, horiz: np.ndarray, vert: np.ndarray) -> tuple[tuple[int, int, int, int], ...]:
    """Cells joined where the ruling between them is not drawn, as (r0, c0, r1, c1) of each group."""
    nrows, ncols = len(grid.ys) - 1, len(grid.xs) - 1
    parent = {(r, c): (r, c) for r in range(nrows) for c in range(ncols)}

    def root(at: tuple[int, int]) -> tuple[int, int]:
        while parent[at] != at:
            at = parent[at]
        return at

    def join(a: tuple[int, int], b: tuple[int, int]) -> None:
        parent[root(b)] = root(a)

    for r in range(nrows):
        y0, y1 = grid.ys[r], grid.ys[r + 1]
        for c in range(1, ncols):
            x = grid.xs[c]
            if not _drawn(vert[y0 + 4 : y1 - 3, max(x - 4, 0) : x + 5], axis=1):
                join((r, c - 1), (r, c))
    for r in range(1, nrows):
        y = grid.ys[r]
        for c in range(ncols):
            x0, x1 = grid.xs[c], grid.xs[c + 1]
            if not _drawn(horiz[max(y - 4, 0) : y + 5, x0 + 4 : x1 - 3], axis=0):
                join((r - 1, c), (r, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for at in parent:
        groups.setdefault(root(at), []).append(at)
    out = []
    for members in groups.values():
        if len(members) > 1:
            rs, cs = [r for r, _ in members], [c for _, c in members]
            out.append((min(rs), min(cs), max(rs), max(cs)))
    return tuple(sorted(out))


def _drawn(strip: np.ndarray, axis: int) -> bool:
    """Whether a ruling runs along most of a thin strip (axis=1: a vertical strip, read row by row)."""
    if strip.size == 0:
        return True
    return bool(strip.any(axis=axis).mean() >= _DRAWN)


def cell_image(gray: Image.Image, box: tuple[int, int, int, int]) -> Image.Image | None:
    """A cell's content cut out inside its rulings, trimmed to its ink; None for an empty cell."""
    x0, y0, x1, y1 = box
    inset = 6  # a ruling is 2-4 px at 300 dpi, and straight to within a pixel or two after deskew
    if x1 - x0 <= 2 * inset + 4 or y1 - y0 <= 2 * inset + 4:
        return None
    crop = gray.crop((x0 + inset, y0 + inset, x1 - inset, y1 - inset))
    ink = np.asarray(crop) < 128
    # what is left of a ruling at the crop's edge is a mostly dark row or column: not the cell's text
    top, left, bottom, right = 0, 0, ink.shape[0], ink.shape[1]
    while bottom - top > 2 and ink[top, left:right].mean() > 0.5:
        top += 1
    while bottom - top > 2 and ink[bottom - 1, left:right].mean() > 0.5:
        bottom -= 1
    while right - left > 2 and ink[top:bottom, left].mean() > 0.5:
        left += 1
    while right - left > 2 and ink[top:bottom, right - 1].mean() > 0.5:
        right -= 1
    rows, cols = np.nonzero(ink[top:bottom, left:right])
    if len(rows) < 20:  # a speck or two, not a figure
        return None
    pad = 5  # a serif or a "1"'s flag is fainter than the threshold: keep a little around the ink
    return crop.crop(
        (left + max(int(cols.min()) - pad, 0), top + max(int(rows.min()) - pad, 0),
         left + min(int(cols.max()) + 1 + pad, right - left), top + min(int(rows.max()) + 1 + pad, bottom - top))
    )  # fmt: skip


def _merge_close(positions: list[int]) -> list[int]:
    """Rulings closer than a text line are one ruling drawn twice (or thick)."""
    return [p for i, p in enumerate(positions) if i == 0 or p - positions[i - 1] > 15]


def _spans(profile: np.ndarray, minimum: int, min_length: int) -> list[tuple[int, int]]:
    out, start = [], None
    for i, v in enumerate([*profile.tolist(), 0]):
        if v >= minimum and start is None:
            start = i
        elif v < minimum and start is not None:
            if i - start >= min_length:
                out.append((start, i))
            start = None
    return out
