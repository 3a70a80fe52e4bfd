"""OOXML details of the Nghị định 30/2020 page: fonts on every run, margins, rules, tables, page numbers."""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_SIZE = 14  # Phụ lục I, Mục V sample: body 14
LINE_SPACING = 1.2  # the decree allows single to 1.5 lines
SPACE_AFTER = 6  # pt; the decree asks for at least 6 pt between paragraphs
FIRST_LINE_INDENT = Cm(1)

# Page of Phụ lục I, Mục I: A4; top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_WIDTH_CM = 16.5  # 210 - 30 - 15 mm
LANDSCAPE_TEXT_WIDTH_CM = 25.2  # 297 - 30 - 15 mm

JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def style_document(doc: Document) -> None:
    """Times New Roman everywhere, Vietnamese language, no theme fonts leaking in through the defaults."""
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    for rpr in (rpr_default, doc.styles["Normal"].element.get_or_add_rPr()):
        if rpr is None:
            continue
        _set_fonts(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(SPACE_AFTER)
    normal.paragraph_format.line_spacing = LINE_SPACING


def setup_section(section: Section, *, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True  # w:titlePg: no number on the first page


def add_page_number(section: Section) -> None:
    """A PAGE field centred in the top margin; the empty first-page header hides it on page 1."""
    par = section.header.paragraphs[0]
    par.alignment = CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        run = par.add_run()
        set_font(run._r, BODY_SIZE)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            run.text = text or ""


def restart_numbering(section: Section) -> None:
    """An appendix numbers its pages separately (Phụ lục I, Mục I.9)."""
    sect_pr = section._sectPr
    pg = sect_pr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        sect_pr.append(pg)
    pg.set(qn("w:start"), "1")


def set_font(r: CT_R, size: float, *, bold: bool = False, italic: bool = False) -> None:
    rpr = r.get_or_add_rPr()
    _set_fonts(rpr)
    for tag, on in (("w:b", bold), ("w:i", italic)):
        if on:
            rpr.append(OxmlElement(tag))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size * 2)))
        rpr.append(el)


def _set_fonts(rpr: BaseOxmlElement) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def add_text(
    par: Paragraph, text: str, size: float = BODY_SIZE, *, bold: bool = False, italic: bool = False
) -> None:
    run = par.add_run(text)
    set_font(run._r, size, bold=bold, italic=italic)


def format_par(
    par: Paragraph,
    *,
    align: WD_PARAGRAPH_ALIGNMENT = JUSTIFY,
    indent: bool = True,
    before: float = 0,
    after: float = SPACE_AFTER,
    line: float = LINE_SPACING,
    keep_next: bool = False,
) -> Paragraph:
    fmt = par.paragraph_format
    par.alignment = align
    fmt.first_line_indent = FIRST_LINE_INDENT if indent else Cm(0)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line
    if keep_next:
        fmt.keep_with_next = True
    return par


def add_rule(par: Paragraph, length_cm: float, width_cm: float) -> None:
    """Turn an empty paragraph into a centred solid line `length_cm` long (the lines under the names)."""
    side = max((width_cm - length_cm) / 2, 0)
    format_par(par, align=CENTER, indent=False, after=0, line=1.0)
    par.paragraph_format.left_indent = par.paragraph_format.right_indent = Cm(side)
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(attr), value)
    borders.append(top)
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    mark = ppr.find(qn("w:rPr"))
    if mark is None:
        mark = OxmlElement("w:rPr")
        ppr.append(mark)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")  # 2 pt line height so the rule sits close under the text
    mark.append(size)


def set_borders(table: Table, *, grid: bool) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if grid else "nil")
        if grid:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "57" if not grid else "85")  # twips: 1 mm / 1.5 mm, room for the header names
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def set_widths(table: Table, widths_cm: list[float], *, indent_cm: float = 0) -> None:
    """Fixed column widths, written both where Word (tcW) and LibreOffice (gridCol) read them."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT if indent_cm else WD_TABLE_ALIGNMENT.CENTER
    for col, width in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    if indent_cm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(int(indent_cm / 2.54 * 1440)))
        ind.set(qn("w:type"), "dxa")
        table._tbl.tblPr.append(ind)


def mark_header_row(row: _Row) -> None:
    """Repeat the row on every page, and never split it."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        tr_pr.append(OxmlElement(tag))


def keep_row_together(row: _Row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def fill_cell(
    cell: _Cell,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_PARAGRAPH_ALIGNMENT = CENTER,
    pad: float = 0,
) -> Paragraph:
    """Write into a cell's first paragraph, vertically centred; `pad` is space above and below in pt."""
    tc_pr = cell._tc.get_or_add_tcPr()
    if tc_pr.find(qn("w:vAlign")) is None:
        v_align = OxmlElement("w:vAlign")
        v_align.set(qn("w:val"), "center")
        tc_pr.append(v_align)
    par = cell.paragraphs[0]
    format_par(par, align=align, indent=False, after=pad, before=pad, line=1.0)
    if text:
        add_text(par, text, size, bold=bold, italic=italic)
    return par
