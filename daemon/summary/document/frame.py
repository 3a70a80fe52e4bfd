"""The frame of the báo cáo (Nghị định 30/2020, Phụ lục I): header block, title, Kính gửi, Nơi nhận, signature.

Every document key the office may have left out of its config prints as an official dotted blank
(daemon/summary/document_keys.py), so the page is always one a clerk can complete by hand.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Cm, Pt

from daemon.summary.document import format as fmt
from daemon.summary.document.format import CENTER, LEFT, add_text, fill_cell, format_par
from daemon.summary.document_keys import (
    addressees,
    parent_or_blank,
    place_or_blank,
    recipients_list,
    signer_name_or_blank,
    signer_title_or_blank,
)
from daemon.summary.labels import date_line, header_name, subject_line
from daemon.summary.model import SummaryData

# cm. The left column holds "UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ" (6.5 cm at 12 pt) on one line with room to spare;
# the right one the Quốc hiệu (8.1 cm at 12 pt bold) and the date line (7.9 cm at 13 pt italic). The table
# starts 0.5 cm into the left margin and ends 0.5 cm into the right one, as printed headers commonly do.
HEADER_WIDTHS = [8.0, 9.5]
HEADER_INDENT = -0.5
SIGNATURE_WIDTHS = [8.0, 8.5]
SIGNATURE_ROOM = 4  # empty lines for the signature and the seal


def add_header(doc: Document, data: SummaryData) -> None:
    table = doc.add_table(rows=2, cols=2)
    fmt.set_borders(table, grid=False)
    fmt.set_widths(table, HEADER_WIDTHS, indent_cm=HEADER_INDENT)
    left, right = table.rows[0].cells
    office = data.office
    fill_cell(left, parent_or_blank(office), 12)
    issuer = format_par(left.add_paragraph(), align=CENTER, indent=False, after=0, line=1.0)
    add_text(issuer, header_name(office).upper(), 12, bold=True)
    fmt.add_rule(left.add_paragraph(), 2.8, HEADER_WIDTHS[0])
    fill_cell(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    motto = format_par(right.add_paragraph(), align=CENTER, indent=False, after=0, line=1.0)
    add_text(motto, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    fmt.add_rule(right.add_paragraph(), 5.4, HEADER_WIDTHS[1])  # as long as the Tiêu ngữ at 13 pt bold
    number, place = table.rows[1].cells
    fill_cell(number, f"Số:        /BC-{office.short_name}", 13).paragraph_format.space_before = Pt(6)
    line = date_line(place_or_blank(office), data.generated_at)
    fill_cell(place, line, 13, italic=True).paragraph_format.space_before = Pt(6)


def add_title(doc: Document, data: SummaryData) -> None:
    title = format_par(doc.add_paragraph(), align=CENTER, indent=False, before=18, after=0)
    add_text(title, "BÁO CÁO", 14, bold=True)
    add_text(
        format_par(doc.add_paragraph(), align=CENTER, indent=False, after=0),
        subject_line(data),
        14,
        bold=True,
    )
    fmt.add_rule(doc.add_paragraph(), 4.0, fmt.TEXT_WIDTH_CM)


def add_addressees(doc: Document, data: SummaryData) -> None:
    """One addressee on the Kính gửi line; several one a line with '-', ';' and a final '.' (Mục 1.8)."""
    recipients = addressees(data.office)
    if len(recipients) == 1:
        par = format_par(doc.add_paragraph(), align=CENTER, indent=False, before=12, after=12)
        add_text(par, f"Kính gửi: {recipients[0]}.")
        return
    for i, name in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        par = format_par(
            doc.add_paragraph(),
            align=LEFT,
            indent=False,
            before=12 if i == 0 else 0,
            after=12 if end == "." else 0,
        )
        par.paragraph_format.left_indent = Cm(5.5)
        if i == 0:
            par.paragraph_format.first_line_indent = Cm(-2.4)
            par.paragraph_format.tab_stops.add_tab_stop(Cm(5.5))
            add_text(par, f"Kính gửi:\t- {name}{end}")
        else:
            add_text(par, f"- {name}{end}")


def add_signature(doc: Document, data: SummaryData) -> None:
    """Nơi nhận on the left, level with the signer's title on the right; never split across pages."""
    table = doc.add_table(rows=1, cols=2)
    fmt.set_borders(table, grid=False)
    fmt.set_widths(table, SIGNATURE_WIDTHS)
    fmt.keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    left.vertical_alignment = right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    fill_cell(left, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT).paragraph_format.space_before = Pt(6)
    for item in recipients_list(data.office):
        add_text(format_par(left.add_paragraph(), align=LEFT, indent=False, after=0, line=1.0), item, 11)
    office = data.office
    fill_cell(right, signer_title_or_blank(office), 14, bold=True).paragraph_format.space_before = Pt(6)
    for _ in range(SIGNATURE_ROOM):
        format_par(right.add_paragraph(), align=CENTER, indent=False, after=0)
    name = format_par(right.add_paragraph(), align=CENTER, indent=False, after=0)
    add_text(name, signer_name_or_blank(office), 14, bold=True)
