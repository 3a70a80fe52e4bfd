"""Page images drawn with Pillow for the image tests: an official letter's two-column header, body lines and
a ruled table, at 300 dpi (scale 1.0) or smaller."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from PIL import Image, ImageDraw, ImageFont

# matplotlib's bundled DejaVu Sans has every Vietnamese glyph (see pyproject.toml)
FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
A4 = (2480, 3508)


def page(scale: float = 1.0, header: bool = True, lines: int = 40) -> Image.Image:
    w, h = round(A4[0] * scale), round(A4[1] * scale)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), round(40 * scale))
    margin, step = round(200 * scale), round(70 * scale)
    if header:
        left = ("UBND PHƯỜNG HIM LAM", "TRƯỜNG TIỂU HỌC HIM LAM", "Số: 55/BC-THHL")
        right = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
        for i, text in enumerate(left):
            draw.text((margin, margin + i * step), text, font=font, fill=0)
        for i, text in enumerate(right):
            draw.text((w // 2 + margin // 2, margin + i * step), text, font=font, fill=0)
    y = margin + 6 * step
    for i in range(lines):
        draw.text(
            (margin, y), f"Dòng {i}: tổ chức tuyên truyền được {i + 3} buổi cho học sinh.", font=font, fill=0
        )
        y += step
    return img


def ruled_table(
    xs: tuple[int, ...], ys: tuple[int, ...], unruled: tuple[tuple[int, int], ...] = ()
) -> Image.Image:
    """A page with a grid at xs, ys; the vertical ruling c is left out in row r for each (r, c) in unruled
    (cells merged across it), and a figure written in every cell."""
    img = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 40)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for c, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (r, c) not in unruled:
                draw.line([(x, ys[r]), (x, ys[r + 1])], fill=0, width=3)
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if (r, c + 1) not in unruled and (r, c) not in unruled:
                draw.text((xs[c] + 20, ys[r] + 20), str(10 * r + c), font=font, fill=0)
    return img
