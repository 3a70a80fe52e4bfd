"""Build templates/report_template.docx: the office's blank report form that schools fill in.

Run: .venv/bin/python scripts/make_report_template.py [config.yaml] [out.docx]
The figures table lists the metrics of config.yaml by their labels, in config order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
BLANK = "……"
UNITS = {"count": "", "percent": "%", "yesno": "Có/Không", "text": ""}
# the unit a school writes its figure in, by metric key (the office's usage)
UNIT_BY_KEY = {
    "sessions": "Buổi", "participants": "Lượt người", "key_staff": "Người", "key_staff_trained": "Người",
    "exhibitions": "Cuộc", "fake_news_detected": "Tin", "fake_news_handled": "Tin",
}  # fmt: skip


def _para(container: Document | _Cell, text: str, *, bold: bool = False, italic: bool = False,
          size: int = 14, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:  # fmt: skip
    p = container.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(3)
    return p


def _no_borders(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table: object, widths: tuple[Cm, ...]) -> None:
    """Column widths, set on every cell: Word reads tcW, LibreOffice reads gridCol."""
    table.autofit = False  # type: ignore[attr-defined]
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for col, width in zip(table.columns, widths, strict=True):  # type: ignore[attr-defined]
        col.width = width


def build_template(metrics: list[dict[str, object]]) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)

    header = doc.add_table(rows=1, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    _widths(header, (Cm(6.5), Cm(10)))
    left._tc.remove(left.paragraphs[0]._p)
    right._tc.remove(right.paragraphs[0]._p)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(left, "PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ", size=13, align=center)
    _para(left, f"TRƯỜNG {BLANK}{BLANK}", bold=True, size=13, align=center)
    _para(left, f"Số:       /BC-{BLANK}", size=13, align=center)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, align=center)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=center)
    _para(
        right, f"Điện Biên Phủ, ngày {BLANK} tháng {BLANK} năm 20{BLANK}", italic=True, size=14, align=center
    )

    _para(doc, "")
    _para(doc, "BÁO CÁO", bold=True, align=center)
    _para(
        doc, f"Kết quả thực hiện Đề án Truyền thông về Quyền con người năm {BLANK}", bold=True, align=center
    )
    _para(doc, "Kính gửi: Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ.", align=center)
    _para(
        doc,
        f"Thực hiện Kế hoạch số {BLANK}/KH-PGDĐT của Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ về "
        "triển khai thực hiện Đề án Truyền thông về Quyền con người ở Việt Nam, giai đoạn 2024-2028; "
        f"Trường {BLANK} báo cáo kết quả thực hiện năm {BLANK} như sau:",
    )
    for heading in ("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "II. KẾT QUẢ THỰC HIỆN"):
        _para(doc, heading, bold=True)
        _para(doc, BLANK)
    _para(doc, "Biểu số liệu:", bold=True)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(
        table.rows[0].cells, ("TT", "Nội dung", "Đơn vị tính", "Kết quả", "Ghi chú"), strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for number, metric in enumerate(metrics, 1):
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = str(metric["label"])
        cells[2].text = UNIT_BY_KEY.get(str(metric["key"]), UNITS.get(str(metric["type"]), ""))
    _widths(table, (Cm(1.1), Cm(9.4), Cm(2.4), Cm(1.8), Cm(1.8)))
    for heading in ("III. KHÓ KHĂN, VƯỚNG MẮC", "IV. ĐỀ XUẤT, KIẾN NGHỊ"):
        _para(doc, heading, bold=True)
        _para(doc, BLANK)
    _para(
        doc,
        f"Trên đây là báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm {BLANK} "
        f"của Trường {BLANK}./.",
    )
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    left, right = sign.rows[0].cells
    left._tc.remove(left.paragraphs[0]._p)
    right._tc.remove(right.paragraphs[0]._p)
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    _para(left, "- Phòng GDĐT (b/c);", size=11)
    _para(left, "- Lưu: VT.", size=11)
    _para(right, "HIỆU TRƯỞNG", bold=True, align=center)
    _para(right, "")
    _para(right, BLANK, bold=True, align=center)
    return doc


def main(argv: list[str]) -> int:
    config = Path(argv[0]) if argv else ROOT / "config.yaml"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "templates" / "report_template.docx"
    metrics = yaml.safe_load(config.read_text(encoding="utf-8"))["metrics"]
    build_template(metrics).save(str(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
