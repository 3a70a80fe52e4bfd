"""Renderings for the golden corpus: reportlab PDFs, 300-dpi "scans", NFD rewrites, patched zip parts."""

from __future__ import annotations

import io
import random
import re
import unicodedata
import zipfile

import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from docs import LABELS, Case, show


def reportlab_pdf(case: Case, compact: bool = False) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    y = height - 2 * cm
    left_x, right_x = 5 * cm, 14 * cm

    def centered(x: float, text: str, font: str = "Serif", size: float = 12) -> None:
        c.setFont(font, size)
        c.drawCentredString(x, y, text)

    centered(left_x, "PHÒNG GD&ĐT TP ĐIỆN BIÊN PHỦ", size=11)
    centered(right_x, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SerifB", 11)
    y -= 15
    centered(left_x, f"TRƯỜNG {case.short.upper()}", "SerifB", 11)
    centered(right_x, "Độc lập - Tự do - Hạnh phúc", "SerifB", 12)
    y -= 24
    centered(left_x, case.number_line, size=12)
    centered(right_x, case.date_line, size=11)
    y -= 34
    centered(width / 2, "BÁO CÁO", "SerifB", 14)
    y -= 17
    centered(
        width / 2, f"Kết quả thực hiện Đề án Truyền thông về Quyền con người năm {case.year}", "SerifB", 12
    )
    y -= 26

    def para(text: str, font: str = "Serif", size: float = 12) -> None:
        nonlocal y
        for line in simpleSplit(text, font, size, width - 4.5 * cm):
            c.setFont(font, size)
            c.drawString(3 * cm, y, line)
            y -= size * 1.45

    para(f"Thực hiện Kế hoạch số 125/KH-PGDĐT của Phòng GDĐT thành phố Điện Biên Phủ, {case.name} báo cáo "
         f"kết quả thực hiện năm {case.year} như sau:")  # fmt: skip
    para("I. KẾT QUẢ THỰC HIỆN", "SerifB")
    if not compact:
        para(
            "Nhà trường đã quán triệt, triển khai Đề án tới toàn thể cán bộ, giáo viên, nhân viên và học sinh."
        )
    para("Biểu số liệu:", "SerifB")
    y -= 4
    col = [3 * cm, 4.1 * cm, 15.2 * cm, width - 1.5 * cm]
    c.setFont("SerifB", 11)
    row_h = 19
    for i, text in enumerate(("TT", "Nội dung", "Kết quả")):
        c.drawString(col[i] + 4, y - 13, text)
    rows = [(str(n), LABELS[k], show(v)) for n, (k, v) in enumerate(case.values.items(), 1)]
    top = y
    y -= row_h
    c.setFont("Serif", 10.5)
    for stt, label, value in rows:
        lines = simpleSplit(label, "Serif", 10.5, col[2] - col[1] - 8)
        h = max(row_h, 13 * len(lines) + 6)
        c.drawString(col[0] + 4, y - 13, stt)
        for j, line in enumerate(lines):
            c.drawString(col[1] + 4, y - 13 - 13 * j, line)
        c.drawString(col[2] + 4, y - 13, value)
        c.line(col[0], y, col[-1], y)
        y -= h
    c.line(col[0], y, col[-1], y)
    c.line(col[0], top, col[-1], top)
    for x in col:
        c.line(x, top, x, y)
    y -= 22
    para("II. KHÓ KHĂN, VƯỚNG MẮC", "SerifB")
    for text in case.difficulties:
        para(text)
    para("III. ĐỀ XUẤT, KIẾN NGHỊ", "SerifB")
    for text in case.proposals:
        para(text)
    para(f"Trên đây là báo cáo kết quả thực hiện năm {case.year} của {case.name}./.")
    c.showPage()
    c.save()
    return buf.getvalue()


def render_scan(pdf: bytes, *, seed: int, angle: float) -> list[Image.Image]:
    """Pages as a 300-dpi office scanner gives them: grey, a little noise and blur, slightly rotated."""
    rng = random.Random(seed)
    doc = pdfium.PdfDocument(pdf)
    pages = []
    for page in doc:
        img = page.render(scale=300 / 72, grayscale=True).to_pil().convert("L")
        # specks of dust on ~1% of the page; dense noise would only make the files big
        speckle = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
        noise = speckle.point(lambda v: 110 if v < 3 else 255)
        img = Image.composite(img, noise, Image.eval(img, lambda v: 255 if v < 250 else 0))
        img = img.filter(ImageFilter.GaussianBlur(0.6))
        img = img.rotate(angle + rng.uniform(-0.1, 0.1), resample=Image.Resampling.BICUBIC, fillcolor=255)
        pages.append(img)
    doc.close()
    return pages


def nfd_docx(data: bytes) -> bytes:
    """Every text node decomposed (NFD, as macOS and Unikey "tổ hợp" write), old-style tone placement."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "word/document.xml":
                xml = blob.decode("utf-8").replace("HỌA MI", "HOẠ MI").replace("Họa Mi", "Hoạ Mi")
                xml = re.sub(r">([^<]+)<", lambda m: ">" + unicodedata.normalize("NFD", m[1]) + "<", xml)
                blob = xml.encode("utf-8")
            dst.writestr(info, blob)
    return out.getvalue()


def replace_part(data: bytes, part: str, blob: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, blob if info.filename == part else src.read(info))
    return out.getvalue()


def add_part(data: bytes, part: str, blob: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        dst.writestr(part, blob)
    return out.getvalue()
