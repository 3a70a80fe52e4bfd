"""Ruled tables on page images: the grid, its merged cells, and each cell cut out on its own."""

from __future__ import annotations

import numpy as np

from parsers.images.scan import cell_image, find_grid
from tests.parsers.pagemaker import ruled_table

XS, YS = (200, 800, 1400, 2000), (1000, 1100, 1200, 1300)


def _near(found: tuple[int, ...], drawn: tuple[int, ...]) -> bool:
    return len(found) == len(drawn) and all(abs(a - b) <= 3 for a, b in zip(found, drawn, strict=True))


def test_the_grid_is_found_and_its_rulings_wiped() -> None:
    cleaned, [grid] = find_grid(ruled_table(XS, YS))
    assert _near(grid.xs, XS) and _near(grid.ys, YS)
    assert grid.merged == ()
    assert (np.asarray(cleaned)[YS[1] - 1 : YS[1] + 2, XS[0] : XS[-1]] > 200).all()


def test_a_cell_merged_across_a_missing_ruling_is_one_cell() -> None:
    _, [grid] = find_grid(ruled_table(XS, YS, unruled=((0, 2),)))  # "Kết quả" over two columns
    assert grid.merged == ((0, 1, 0, 2),)
    assert (0, 1, 0, 2) in grid.cells() and (0, 2, 0, 2) not in grid.cells()


def test_a_cell_is_cut_to_its_ink_and_an_empty_one_gives_nothing() -> None:
    cleaned, [grid] = find_grid(ruled_table(XS, YS))
    cut = cell_image(cleaned, grid.area((1, 1, 1, 1)))
    assert cut is not None and cut.height < 80 and cut.width < 120
    blank = ruled_table(XS, YS).point(lambda v: 255)
    assert cell_image(blank, grid.area((1, 1, 1, 1))) is None
