"""A scan or photo made ready for tesseract: page found, lighting flattened, straightened, sized."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from parsers.images.pageimage import find_page, flatten, prepare, skew_angle, text_scale
from tests.parsers.pagemaker import page


@pytest.mark.parametrize("tilt", [-3.0, 2.0, 0.0])
def test_a_tilted_page_is_turned_back(tilt: float) -> None:
    assert skew_angle(page().rotate(tilt, fillcolor=255)) == pytest.approx(-tilt, abs=0.2)


def test_text_is_brought_to_300_dpi_size() -> None:
    full, half = text_scale(page()), text_scale(page(0.5))
    assert 0.8 <= full <= 1.6
    assert half == pytest.approx(2 * full, rel=0.15)


def test_a_side_shadow_becomes_white_paper() -> None:
    clean = page(0.5)
    shaded = np.asarray(clean, dtype=np.float32) * np.linspace(0.45, 1.0, clean.width)[None, :]
    flat = np.asarray(flatten(Image.fromarray(shaded.astype(np.uint8))))
    assert flat[:, :60].mean() > 240  # the shaded margin
    assert (flat > 200).mean() == pytest.approx((np.asarray(clean) > 200).mean(), abs=0.01)


def test_the_page_is_cut_out_of_a_photo_of_a_desk() -> None:
    desk = Image.new("L", (1800, 2400), 70)
    desk.paste(page(0.5).rotate(6, expand=True, fillcolor=70), (200, 150))
    quad = find_page(desk)
    assert quad is not None
    width, height = np.hypot(*(quad[1] - quad[0])), np.hypot(*(quad[3] - quad[0]))
    assert width == pytest.approx(1240, rel=0.06) and height == pytest.approx(1754, rel=0.06)
    assert prepare(desk, 60_000_000).steps[0] == "page"


def test_a_page_that_fills_the_frame_is_not_cut() -> None:
    assert find_page(page(0.5)) is None
    assert prepare(page(), 60_000_000).steps == ()


def test_the_size_never_exceeds_the_pixel_limit() -> None:
    small = page(0.25)
    assert prepare(small, 4_000_000).image.width * prepare(small, 4_000_000).image.height <= 4_000_000 * 1.01
