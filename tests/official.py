"""Official documents as schools write them (Nghị định 30 layout), of every genre the office receives."""

from __future__ import annotations

import io

from docx import Document

from tests.mails import LABELS

FIGURES = {"sessions": "05", "participants": "1.250", "spokesperson": "Có", "key_staff": "32",
           "key_staff_trained": "25"}


def official_docx(school: str, *, genre: str = "BÁO CÁO", symbol: str = "BC", number: int = 45,
                  topic: str = "Kết quả thực hiện Đề án Truyền thông về Quyền con người", year: int = 2024,
                  month: int = 11, day: int = 10, figures: dict[str, str] | None = None,
                  body: tuple[str, ...] = ()) -> bytes:
    """One document: header block, genre title and its trích yếu, Kính gửi, body (figures table), signature."""
    figures = FIGURES if figures is None else figures
    doc = Document()
    header = doc.add_table(rows=3, cols=2)
    short = "".join(w[0] for w in school.replace("Trường", "").split()).upper()
    header.cell(0, 0).text = "PHÒNG GDĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ"
    header.cell(1, 0).text = school.upper()
    header.cell(2, 0).text = f"Số: {number}/{symbol}-{short}"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 1).text = "Độc lập - Tự do - Hạnh phúc"
    header.cell(2, 1).text = f"Điện Biên Phủ, ngày {day:02d} tháng {month:02d} năm {year}"
    doc.add_paragraph(genre)
    doc.add_paragraph(f"{topic} năm {year}")
    doc.add_paragraph("Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ.")
    for line in body:
        doc.add_paragraph(line)
    if figures:
        table = doc.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ("TT", "Nội dung", "Kết quả"), strict=True):
            cell.text = text
        for i, (key, value) in enumerate(figures.items(), start=1):
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = str(i), LABELS[key], value
    doc.add_paragraph("II. KHÓ KHĂN, VƯỚNG MẮC")
    doc.add_paragraph("Thiếu tài liệu tuyên truyền.")
    doc.add_paragraph("Nơi nhận:\n- Như trên;\n- Lưu: VT.")
    doc.add_paragraph("HIỆU TRƯỞNG")
    doc.add_paragraph("Nguyễn Văn An")
    return _save(doc)


def signature_page(school: str) -> bytes:
    """The last page alone, signed: what a school sends after its report when it forgot the signature."""
    doc = Document()
    doc.add_paragraph(f"{school.upper()}")
    doc.add_paragraph("Nơi nhận:\n- Phòng GDĐT thành phố;\n- Lưu: VT.")
    doc.add_paragraph("HIỆU TRƯỞNG")
    doc.add_paragraph("(Đã ký và đóng dấu)")
    doc.add_paragraph("Nguyễn Văn An")
    return _save(doc)


def _save(doc: Document) -> bytes:  # type: ignore[valid-type]
    out = io.BytesIO()
    doc.save(out)  # type: ignore[attr-defined]
    return out.getvalue()
