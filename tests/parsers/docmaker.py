"""Small documents as other hands write them (python-docx), for tests that must see a real .docx parsed."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document

HEADER_LEFT = ("PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ", "TRƯỜNG TIỂU HỌC HIM LAM")
HEADER_RIGHT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
TO_OFFICE = "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ."
CLOSING = ("Trên đây là báo cáo của nhà trường./.", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "HIỆU TRƯỞNG",
           "Nguyễn Thị Lan")  # fmt: skip


def docx(
    *,
    number: str | None = "Số: 45/BC-THHL",
    date: str = "Điện Biên Phủ, ngày 10 tháng 11 năm 2024",
    title: Sequence[str] = (),
    body: Sequence[str] = (),
    tables: Sequence[Sequence[Sequence[str]]] = (),
    school: str = HEADER_LEFT[1],
    header: bool = True,
    closing: Sequence[str] = CLOSING,
) -> bytes:
    """A Nghị định 30 document: a two-cell header, the title lines, the body, tables, the closing block."""
    doc = Document()
    if header:
        cells = doc.add_table(rows=1, cols=2).rows[0].cells
        cells[0].text = "\n".join(x for x in (HEADER_LEFT[0], school, number) if x)
        cells[1].text = "\n".join((*HEADER_RIGHT, date))
    for line in title:
        doc.add_paragraph(line)
    for line in body:
        doc.add_paragraph(line)
    for rows in tables:
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    for line in closing:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
