#!/usr/bin/env python3
"""Generate a blind batch of school report documents with their truth (see SPEC.md).

    .venv/bin/python bench/blind/generate.py --batch A --seed 11 --out bench/blind/A
    .venv/bin/python bench/blind/generate.py --batch B --seed 23 --out bench/blind/B   (content_b.py; SPEC.md section 6)
    .venv/bin/python bench/blind/generate.py --batch A2 --out bench/blind/A2           (seed 31; batch_a2.py, content_a2.py; SPEC.md section 7)
    .venv/bin/python bench/blind/generate.py --batch C --seed 47 --out bench/blind/C   (batch_c.py, content_c.py; SPEC.md section 8)
    .venv/bin/python bench/blind/generate.py --batch D --seed 59 --out bench/blind/D   (batch_d.py, content_d.py; SPEC.md section 9)
    .venv/bin/python bench/blind/generate.py --batch E --seed 71 --out bench/blind/E   (batch_e.py, content_e.py; SPEC.md section 10)

Producers (one file per document, NAME.<ext> + NAME.truth.json):
  pydocx        python-docx, header as a borderless 2-column table, merged table headers
  pydocx-tcvn3  python-docx with TCVN3 text (.VnTime on the Normal style / doc defaults / runs; .VnTimeH for caps)
  lo-docx lo-doc lo-odt lo-pdf   LibreOffice headless from HTML (soffice --convert-to)
  pandoc-docx pandoc-odt         pandoc from Markdown (pipe tables)
  chromium-pdf  Chromium headless --print-to-pdf from HTML
  npm-docx      the npm `docx` package (node), a second OOXML writer
  reportlab     reportlab platypus PDF
  scan          HTML -> Chromium PDF -> 150-200 dpi grey images, skew, noise -> PDF of images
  photo         page 1 as a phone photo: JPEG, perspective, shadow, blur (one-page documents)
Needs what bench/blind/setup.sh installs. Jobs run serially (one soffice / chromium at a time).
"""
from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import content as C  # noqa: E402

FONT_DIRS = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/dejavu"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


# ------------------------------------------------------------------ HTML (LibreOffice, Chromium, scans, photos)
def cell_html(tag, text, cs=1, rs=1, extra=""):
    a = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
    if isinstance(text, list):  # a multi-paragraph cell (batch B)
        return f"<{tag}{a}{extra}>" + "".join(f"<p class='cp'>{html.escape(x)}</p>" for x in text) + f"</{tag}>"
    return f"<{tag}{a}{extra}>{html.escape(text)}</{tag}>"


# extra CSS for batch B's blocks (batch A's HTML does not get it, so A renders as before)
B_CSS = ("p.cp{margin:0;text-indent:0;text-align:inherit}table.g.w td,table.g.w th{font-size:9pt;padding:1pt 2pt}"
         "ul{margin:2pt 0 2pt 1cm;padding-left:0.6cm}li{text-align:justify}p.npb{page-break-before:always;margin:0}")


def to_html(blocks, font="Times New Roman", size=13, extra_css=""):
    css = (f"body{{font-family:'{font}','Liberation Serif','DejaVu Serif',serif;font-size:{size}pt;margin:0}}"
           "@page{size:A4;margin:20mm 15mm 20mm 30mm}p{margin:4pt 0;text-align:justify;text-indent:1cm}"
           ".c{text-align:center;text-indent:0}.h{font-weight:bold;text-indent:0}table.g{border-collapse:collapse;width:100%}"
           "table.g td,table.g th{border:1px solid #000;padding:2pt 4pt;font-size:CELLpt;vertical-align:middle}"
           "table.n td{vertical-align:top;text-align:center;border:none}.pb{page-break-before:always}").replace("CELL", str(size - 1)) + extra_css
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>BC</title><style>{css}</style></head><body>"]
    pb = False
    for b in blocks:
        t = b[0]
        if t == "header":
            h = b[1]
            out.append("<table class='n' width='100%'><tr><td width='42%'>"
                       f"{html.escape(h['left'][0])}<br><b>{html.escape(h['left'][1])}</b><br>{html.escape(h['number'])}</td>"
                       f"<td><b>{html.escape(h['right'][0])}</b><br><b>{html.escape(h['right'][1])}</b><br><i>{html.escape(h['date'])}</i></td></tr></table>")
        elif t == "title":
            cls = " class='c pb'" if pb else " class='c'"
            pb = False
            out.append(f"<p{cls}><b>" + "<br>".join(html.escape(x) for x in b[1]) + "</b></p>")
        elif t == "kg":
            out.append(f"<p class='c'>{html.escape(b[1])}</p>")
        elif t == "h":
            out.append(f"<p class='h'>{html.escape(b[1])}</p>")
        elif t == "p":
            out.append(f"<p>{html.escape(b[1])}</p>")
        elif t == "i":
            out.append(f"<p class='c'><i>{html.escape(b[1])}</i></p>")
        elif t == "table":
            tb = b[1]
            rows = ["<tr>" + "".join(cell_html("th", c[0], c[1], c[2]) for c in r) + "</tr>" for r in tb["head"]]
            rows += ["<tr>" + "".join(cell_html("td", c) for c in r) + "</tr>" for r in tb["rows"]]
            cls = "k" if tb.get("borderless") else "g w" if tb.get("wide") else "g"  # k: batch C's borderless list
            out.append(f"<table class='{cls}'>" + "".join(rows) + "</table>")
        elif t == "sig":
            s = b[1]
            left = ("<b><i>Nơi nhận:</i></b><br>" + "<br>".join(html.escape(x) for x in s["noi_nhan"])) if s["noi_nhan"] else ""
            right = "<br>".join(f"<b>{html.escape(x)}</b>" for x in s["title"]) + "<br><br><br><br>" + f"<b>{html.escape(s['name'])}</b>"
            out.append(f"<table class='n' width='100%'><tr><td width='45%' style='text-align:left;font-size:11pt'>{left}</td><td>{right}</td></tr></table>")
        elif t == "pagebreak":
            pb = True
        elif t == "headerb":  # batch B: parent line(s), the school wrapped or not, the number
            h = b[1]
            left = "<br>".join(f"<b>{html.escape(x)}</b>" if bold else html.escape(x) for x, bold in h["left"])
            out.append("<table class='n' width='100%'><tr><td width='44%'>"
                       f"{left}<br>{html.escape(h['number'])}</td>"
                       f"<td><b>{html.escape(h['right'][0])}</b><br><b>{html.escape(h['right'][1])}</b><br><i>{html.escape(h['date'])}</i></td></tr></table>")
        elif t == "ul":
            out.append("<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in b[1]) + "</ul>")
        elif t in ("newpage", "landscape"):
            out.append("<p class='npb'>&nbsp;</p>")
        elif t == "sig2":
            s = b[1]
            col = lambda ts, nm: "<br>".join(f"<b>{html.escape(x)}</b>" for x in ts) + f"<br><br><br><br><b>{html.escape(nm)}</b>"  # noqa: E731
            out.append(f"<table class='n' width='100%'><tr><td width='50%'>{col(s['left'], s['left_name'])}</td><td>{col(s['right'], s['right_name'])}</td></tr></table>")
    out.append("</body></html>")
    return "\n".join(out)


# ------------------------------------------------------------------ Markdown (pandoc)
def flat_head(tb):
    """Collapse a merged multi-row header into one row of column titles."""
    if len(tb["head"]) == 1:
        return [c[0] for c in tb["head"][0]]
    top, sub = tb["head"][0], list(tb["head"][1])
    cols = []
    for text, cs, rs in top:
        if rs >= 2:
            cols.append(text)
        else:
            for _ in range(cs):
                cols.append(f"{text} {sub.pop(0)[0]}" if sub else text)
    return cols


def to_markdown(blocks, batch_b=False):
    out = []
    for b in blocks:
        t = b[0]
        if batch_b and t == "p":
            out += [md_escape(b[1]) if b[1].startswith("+") else b[1].replace("*", "\\*"), ""]
            continue
        if batch_b and t == "table":
            out += grid_table(b[1])
            continue
        if t == "header":
            h = b[1]
            out += [h["left"][0], "", f"**{h['left'][1]}**", "", h["number"], "", f"**{h['right'][0]}**", "",
                    f"**{h['right'][1]}**", "", f"*{h['date']}*", ""]
        elif t == "title":
            out += [f"**{x}**\n" for x in b[1]]
        elif t in ("kg", "p"):
            out += [b[1].replace("*", "\\*"), ""]
        elif t == "h":
            out += [f"**{b[1]}**", ""]
        elif t == "i":
            out += [f"*{b[1]}*", ""]
        elif t == "table":
            tb = b[1]
            head = flat_head(tb)
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "|".join("---" for _ in head) + "|")
            for r in tb["rows"]:
                out.append("| " + " | ".join(c if c else " " for c in r) + " |")
            out.append("")
        elif t == "sig":
            s = b[1]
            if s["noi_nhan"]:
                out += ["***Nơi nhận:***", ""] + [x + "\\" for x in s["noi_nhan"][:-1]] + [s["noi_nhan"][-1], ""]
            out += [f"**{x}**\n" for x in s["title"]] + ["", f"**{s['name']}**", ""]
        elif t == "pagebreak":
            out += ["", "\\newpage", ""]
        elif t == "headerb":
            h = b[1]
            for x, bold in h["left"]:
                out += [f"**{x}**" if bold else x, ""]
            out += [h["number"], "", f"**{h['right'][0]}**", "", f"**{h['right'][1]}**", "", f"*{h['date']}*", ""]
        elif t == "ul":
            out += [f"- {md_escape(x)}" for x in b[1]] + [""]
        elif t in ("newpage", "landscape"):
            out += ["", "```{=openxml}", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>', "```", ""]
        elif t == "sig2":
            s = b[1]
            out += [f"**{x}**\n" for x in s["left"]] + [f"**{s['left_name']}**", ""]
            out += [f"**{x}**\n" for x in s["right"]] + [f"**{s['right_name']}**", ""]
    return "\n".join(out)


def md_escape(text):
    """Batch B: keep a typed '+' / '-' / '(1)' literal (pandoc would read a list marker)."""
    import re
    text = text.replace("*", "\\*")
    if re.match(r"^([-+*]|\(\d+\))(\s|$)", text):
        return "\\" + text
    m = re.match(r"^(\d+)([.)])(\s|$)", text)
    return m.group(1) + "\\" + text[len(m.group(1)):] if m else text


def grid_table(tb):
    """Batch B: a pandoc grid table (multi-paragraph cells; no header for a continuation part)."""
    head = flat_head(tb) if tb["head"] else None
    rows = [[c if isinstance(c, list) else [c] for c in r] for r in tb["rows"]]
    ncol = len(head) if head else len(rows[0])

    def lines(cell):
        out = []
        for j, par in enumerate(cell):
            if j:
                out.append("")
            out.append(md_escape(par) if par else "")
        return out
    body = [[lines(c) for c in r] for r in rows]
    hl = [[md_escape(h)] for h in head] if head else None
    w = [3] * ncol
    for r in body + ([hl] if hl else []):
        for k, c in enumerate(r):
            w[k] = max(w[k], *(len(x) for x in c))
    sep = "+" + "+".join("-" * (x + 2) for x in w) + "+"
    out = [sep]

    def emit(r):
        for i in range(max(len(c) for c in r)):
            out.append("|" + "|".join(" " + (c[i] if i < len(c) else "").ljust(w[k]) + " " for k, c in enumerate(r)) + "|")
    if hl:
        emit(hl)
        out.append(sep.replace("-", "="))
    for r in body:
        emit(r)
        out.append(sep)
    return out + [""]


# ------------------------------------------------------------------ python-docx (Unicode and TCVN3)
TCVN3 = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§", "ă": "¨", "â": "©", "ê": "ª", "ô": "«",
         "ơ": "¬", "ư": "\u00ad", "đ": "®", "à": "µ", "ả": "¶", "ã": "·", "á": "¸", "ạ": "¹", "ằ": "»", "ẳ": "¼", "ẵ": "½",
         "ắ": "¾", "ặ": "Æ", "ầ": "Ç", "ẩ": "È", "ẫ": "É", "ấ": "Ê", "ậ": "Ë", "è": "Ì", "ẻ": "Î", "ẽ": "Ï", "é": "Ð",
         "ẹ": "Ñ", "ề": "Ò", "ể": "Ó", "ễ": "Ô", "ế": "Õ", "ệ": "Ö", "ì": "×", "ỉ": "Ø", "ĩ": "Ü", "í": "Ý", "ị": "Þ",
         "ò": "ß", "ỏ": "á", "õ": "â", "ó": "ã", "ọ": "ä", "ồ": "å", "ổ": "æ", "ỗ": "ç", "ố": "è", "ộ": "é", "ờ": "ê",
         "ở": "ë", "ỡ": "ì", "ớ": "í", "ợ": "î", "ù": "ï", "ủ": "ñ", "ũ": "ò", "ú": "ó", "ụ": "ô", "ừ": "õ", "ử": "ö",
         "ữ": "÷", "ứ": "ø", "ự": "ù", "ỳ": "ú", "ỷ": "û", "ỹ": "ü", "ý": "ý", "ỵ": "þ"}


def tcvn3(s, upper_font=False):
    """Unicode -> TCVN3 glyph string. For .VnTimeH (upper_font) the lower-case codes are used."""
    import unicodedata
    s = unicodedata.normalize("NFC", s)
    out = []
    for ch in s:
        if upper_font:
            ch = ch.lower()
        if ch in TCVN3:
            out.append(TCVN3[ch])
        elif ch.lower() in TCVN3 and ch != ch.lower():
            out.append(TCVN3[ch.lower()])  # toned capital: no own code in .VnTime; written lower (as typists do)
        else:
            out.append(ch)
    return "".join(out)


def set_run_font(run, name):
    from docx.oxml.ns import qn
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    rf.set(qn("w:eastAsia"), name)
    rf.set(qn("w:cs"), name)


def no_borders(table):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tblPr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for e in ("top", "left", "bottom", "right", "insideH", "insideV"):
        x = OxmlElement(f"w:{e}")
        x.set(qn("w:val"), "nil")
        b.append(x)
    tblPr.append(b)


def write_pydocx(blocks, path, rng, legacy=None):
    """legacy: None | 'style' (.VnTime on Normal) | 'defaults' (docDefaults) | 'runs'."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)
    normal = doc.styles["Normal"]
    base_font = "Times New Roman"
    if legacy == "style":
        base_font = ".VnTime"
    normal.font.name = base_font
    normal.font.size = Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), base_font)
    if legacy == "defaults":
        # the font only in w:docDefaults; Normal carries no font of its own
        rpr = normal.element.rPr
        rf = rpr.find(qn("w:rFonts"))
        if rf is not None:
            rpr.remove(rf)
        dd = doc.styles.element.find(qn("w:docDefaults"))
        drf = dd.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
        if drf is None:
            from docx.oxml import OxmlElement
            drf = OxmlElement("w:rFonts")
            dd.find(qn("w:rPrDefault")).find(qn("w:rPr")).insert(0, drf)
        for a in list(drf.attrib):
            del drf.attrib[a]
        for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            drf.set(qn(a), ".VnTime")

    def T(text, caps=False):
        return tcvn3(text, upper_font=caps) if legacy else text

    def run(p, text, bold=False, italic=False, caps=False, size=None):
        r = p.add_run(T(text, caps and bool(legacy)))
        r.bold, r.italic = bold, italic
        if size:
            r.font.size = Pt(size)
        if legacy == "runs":
            set_run_font(r, ".VnTimeH" if caps else ".VnTime")
        elif legacy and caps:
            set_run_font(r, ".VnTimeH")
        elif not legacy and rng.random() < 0.3:
            set_run_font(r, "Times New Roman")
        return r

    def para(container, text="", align=None, bold=False, italic=False, indent=True, caps=False, size=None):
        p = container.add_paragraph()
        if align == "c":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Mm(10)
        p.paragraph_format.space_after = Pt(6)
        if text:
            run(p, text, bold, italic, caps, size)
        return p

    def is_caps(s):
        return s == s.upper() and any(c.isalpha() for c in s)

    pb = False
    for b in blocks:
        t = b[0]
        if t == "header":
            h = b[1]
            tb = doc.add_table(rows=1, cols=2)
            no_borders(tb)
            lc, rc = tb.rows[0].cells
            lc.width, rc.width = Mm(70), Mm(95)
            lc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(lc.paragraphs[0], h["left"][0], size=12, caps=True)
            para(lc, h["left"][1], "c", bold=True, caps=True, size=12)
            para(lc, h["number"], "c")
            rc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(rc.paragraphs[0], h["right"][0], bold=True, size=12, caps=True)
            para(rc, h["right"][1], "c", bold=True)
            para(rc, h["date"], "c", italic=True)
        elif t == "title":
            for j, x in enumerate(b[1]):
                p = para(doc, x, "c", bold=True, caps=is_caps(x))
                if j == 0 and pb:
                    p.paragraph_format.page_break_before = True
                    pb = False
        elif t == "kg":
            para(doc, b[1], "c")
        elif t == "h":
            para(doc, b[1], bold=True, indent=True, caps=is_caps(b[1]))
        elif t == "p":
            para(doc, b[1])
        elif t == "i":
            para(doc, b[1], "c", italic=True)
        elif t == "table":
            tb = b[1]
            ncol = sum(c[1] for c in tb["head"][0]) if tb["head"] else tb.get("ncol", len(tb["rows"][0]))
            nh = len(tb["head"])
            cs_ = 10 if tb.get("wide") else None  # batch B: a wide table in a smaller font
            table = doc.add_table(rows=nh + len(tb["rows"]), cols=ncol)
            if not tb.get("borderless"):  # batch C: a list laid out with an invisible table
                table.style = "Table Grid"
            occupied = set()
            for ri, hr in enumerate(tb["head"]):
                ci = 0
                for text, cs, rs in hr:
                    while (ri, ci) in occupied:
                        ci += 1
                    a = table.cell(ri, ci)
                    z = table.cell(ri + rs - 1, ci + cs - 1)
                    m = a.merge(z) if (cs > 1 or rs > 1) else a
                    for rr in range(ri, ri + rs):
                        for cc in range(ci, ci + cs):
                            occupied.add((rr, cc))
                    m.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    run(m.paragraphs[0], text, bold=True, size=cs_)
                    ci += cs
            for ri, r in enumerate(tb["rows"]):
                for ci, text in enumerate(r):
                    if isinstance(text, list):  # batch B: a multi-paragraph cell
                        c = table.cell(nh + ri, ci)
                        for j, x in enumerate(text):
                            run(c.paragraphs[0] if j == 0 else c.add_paragraph(), x, size=cs_)
                    elif text:
                        run(table.cell(nh + ri, ci).paragraphs[0], text, size=cs_)
            if tb.get("widths"):  # batch B: column widths as a clerk sets them
                table.autofit = False
                for row in table.rows:
                    for ci, c in enumerate(row.cells[:len(tb["widths"])]):
                        c.width = Mm(tb["widths"][ci])
        elif t == "sig":
            s = b[1]
            tb = doc.add_table(rows=1, cols=2)
            no_borders(tb)
            lc, rc = tb.rows[0].cells
            if s["noi_nhan"]:
                run(lc.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
                for x in s["noi_nhan"]:
                    para(lc, x, indent=False, size=11)
            rc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(rc.paragraphs[0], s["title"][0], bold=True, caps=True)
            for x in s["title"][1:]:
                para(rc, x, "c", bold=True, caps=True)
            for _ in range(3):
                para(rc, "", "c")
            para(rc, s["name"], "c", bold=True)
        elif t == "pagebreak":
            pb = True
        elif t == "headerb":  # batch B
            h = b[1]
            tb = doc.add_table(rows=1, cols=2)
            no_borders(tb)
            lc, rc = tb.rows[0].cells
            lc.width, rc.width = Mm(72), Mm(93)
            for j, (x, bold) in enumerate(h["left"]):
                if j == 0:
                    lc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    run(lc.paragraphs[0], x, bold=bold, size=12, caps=True)
                else:
                    p = para(lc, x, "c", bold=bold, caps=True, size=12)
                    p.paragraph_format.space_after = Pt(0)
            para(lc, h["number"], "c")
            rc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(rc.paragraphs[0], h["right"][0], bold=True, size=12, caps=True)
            para(rc, h["right"][1], "c", bold=True)
            para(rc, h["date"], "c", italic=True)
        elif t == "ul":
            for x in b[1]:
                p = doc.add_paragraph(style="List Bullet")
                p.paragraph_format.space_after = Pt(3)
                run(p, x)
        elif t == "newpage":
            from docx.enum.text import WD_BREAK
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif t == "landscape":
            from docx.enum.section import WD_ORIENT, WD_SECTION
            ns = doc.add_section(WD_SECTION.NEW_PAGE)
            ns.orientation = WD_ORIENT.LANDSCAPE
            ns.page_width, ns.page_height = Mm(297), Mm(210)
            ns.left_margin, ns.right_margin, ns.top_margin, ns.bottom_margin = Mm(20), Mm(15), Mm(25), Mm(20)
        elif t == "sig2":
            s = b[1]
            tb = doc.add_table(rows=1, cols=2)
            no_borders(tb)
            for c, ts, nm in ((tb.rows[0].cells[0], s["left"], s["left_name"]), (tb.rows[0].cells[1], s["right"], s["right_name"])):
                c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                run(c.paragraphs[0], ts[0], bold=True, caps=True)
                for x in ts[1:]:
                    para(c, x, "c", bold=True, caps=True)
                for _ in range(3):
                    para(c, "", "c")
                para(c, nm, "c", bold=True)
    doc.save(path)
    if legacy and rng.random() < 0.6:
        soft_hyphen_elements(path)


def soft_hyphen_elements(path):
    """Write TCVN3 'ư' (U+00AD) as <w:softHyphen/>, the way Word and LibreOffice store it."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                x = data.decode("utf-8")
                x = x.replace("\u00ad", '</w:t><w:softHyphen/><w:t xml:space="preserve">')
                data = x.encode("utf-8")
            zout.writestr(item, data)
    tmp.replace(path)


# ------------------------------------------------------------------ reportlab
def write_reportlab(blocks, path, rng):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    if "VSerif" not in pdfmetrics.getRegisteredFontNames():
        fam = rng.choice(["Liberation", "DejaVu"]) if False else "Liberation"
        base = find_font("LiberationSerif-Regular.ttf") or find_font("DejaVuSerif.ttf")
        bold = find_font("LiberationSerif-Bold.ttf") or find_font("DejaVuSerif-Bold.ttf")
        ital = find_font("LiberationSerif-Italic.ttf") or find_font("DejaVuSerif-Italic.ttf")
        bi = find_font("LiberationSerif-BoldItalic.ttf") or find_font("DejaVuSerif-BoldItalic.ttf")
        pdfmetrics.registerFont(TTFont("VSerif", base))
        pdfmetrics.registerFont(TTFont("VSerif-B", bold))
        pdfmetrics.registerFont(TTFont("VSerif-I", ital))
        pdfmetrics.registerFont(TTFont("VSerif-BI", bi))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("VSerif", normal="VSerif", bold="VSerif-B", italic="VSerif-I", boldItalic="VSerif-BI")
        del fam
    body = ParagraphStyle("b", fontName="VSerif", fontSize=13, leading=17, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=5)
    cen = ParagraphStyle("c", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    left = ParagraphStyle("l", parent=body, alignment=TA_LEFT, firstLineIndent=0, fontSize=11, leading=13, spaceAfter=0)
    cell = ParagraphStyle("t", parent=body, fontSize=11, leading=13, alignment=TA_LEFT, firstLineIndent=0, spaceAfter=0)
    ccell = ParagraphStyle("tc", parent=cell, alignment=TA_CENTER)
    wcell = ParagraphStyle("w", parent=cell, fontSize=9, leading=11)
    wccell = ParagraphStyle("wc", parent=wcell, alignment=TA_CENTER)
    e = html.escape
    story = []
    for b in blocks:
        t = b[0]
        if t == "header":
            h = b[1]
            L = [Paragraph(e(h["left"][0]), ccell), Paragraph(f"<b>{e(h['left'][1])}</b>", ccell), Paragraph(e(h["number"]), ccell)]
            R = [Paragraph(f"<b>{e(h['right'][0])}</b>", ccell), Paragraph(f"<b>{e(h['right'][1])}</b>", ccell), Paragraph(f"<i>{e(h['date'])}</i>", ccell)]
            story.append(Table([[L, R]], colWidths=[70 * mm, 95 * mm]))
            story.append(Spacer(1, 6))
        elif t == "title":
            for x in b[1]:
                story.append(Paragraph(f"<b>{e(x)}</b>", cen))
        elif t == "kg":
            story.append(Paragraph(e(b[1]), cen))
        elif t == "h":
            story.append(Paragraph(f"<b>{e(b[1])}</b>", body))
        elif t == "p":
            story.append(Paragraph(e(b[1]), body))
        elif t == "i":
            story.append(Paragraph(f"<i>{e(b[1])}</i>", cen))
        elif t == "table":
            tb = b[1]
            ncol = sum(c[1] for c in tb["head"][0]) if tb["head"] else tb.get("ncol", len(tb["rows"][0]))
            grid = [["" for _ in range(ncol)] for _ in tb["head"]]
            cst, ccst = (wcell, wccell) if tb.get("wide") else (cell, ccell)
            spans = []
            occupied = set()
            for ri, hr in enumerate(tb["head"]):
                ci = 0
                for text, cs, rs in hr:
                    while (ri, ci) in occupied:
                        ci += 1
                    grid[ri][ci] = Paragraph(f"<b>{e(text)}</b>", ccell)
                    if cs > 1 or rs > 1:
                        spans.append(("SPAN", (ci, ri), (ci + cs - 1, ri + rs - 1)))
                    for rr in range(ri, ri + rs):
                        for cc in range(ci, ci + cs):
                            occupied.add((rr, cc))
                    ci += cs
            for r in tb["rows"]:
                grid.append([Paragraph("<br/>".join(e(x) for x in c) if isinstance(c, list) else e(c), cst if k == 1 else ccst)
                             for k, c in enumerate(r)])
            widths = tb.get("widths") or {4: [12, 95, 30, 28], 5: [12, 75, 30, 20, 28], 6: [10, 62, 20, 22, 22, 29]}.get(ncol)
            grid_ = [] if tb.get("borderless") else [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]  # batch C: borderless
            st = TableStyle(grid_ + [("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + spans)
            story.append(Table(grid, colWidths=[w * mm for w in widths] if widths else None, style=st, repeatRows=len(tb["head"])))
            story.append(Spacer(1, 6))
        elif t == "sig":
            s = b[1]
            L = ([Paragraph("<b><i>Nơi nhận:</i></b>", left)] + [Paragraph(e(x), left) for x in s["noi_nhan"]]) if s["noi_nhan"] else [Spacer(1, 1)]
            R = [Paragraph(f"<b>{e(x)}</b>", ccell) for x in s["title"]] + [Spacer(1, 50), Paragraph(f"<b>{e(s['name'])}</b>", ccell)]
            story.append(Spacer(1, 8))
            story.append(Table([[L, R]], colWidths=[75 * mm, 90 * mm], style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])))
        elif t == "pagebreak":
            story.append(PageBreak())
        elif t == "headerb":  # batch B
            h = b[1]
            L = [Paragraph(f"<b>{e(x)}</b>" if bold else e(x), ccell) for x, bold in h["left"]] + [Paragraph(e(h["number"]), ccell)]
            R = [Paragraph(f"<b>{e(h['right'][0])}</b>", ccell), Paragraph(f"<b>{e(h['right'][1])}</b>", ccell), Paragraph(f"<i>{e(h['date'])}</i>", ccell)]
            story.append(Table([[L, R]], colWidths=[72 * mm, 93 * mm], style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])))
            story.append(Spacer(1, 6))
        elif t == "ul":
            for x in b[1]:
                story.append(Paragraph(e(x), ParagraphStyle("li", parent=body, firstLineIndent=0, leftIndent=12 * mm, bulletIndent=6 * mm), bulletText="•"))
        elif t in ("newpage", "landscape"):
            story.append(PageBreak())
        elif t == "sig2":
            s = b[1]
            col = lambda ts, nm: [Paragraph(f"<b>{e(x)}</b>", ccell) for x in ts] + [Spacer(1, 50), Paragraph(f"<b>{e(nm)}</b>", ccell)]  # noqa: E731
            story.append(Spacer(1, 8))
            story.append(Table([[col(s["left"], s["left_name"]), col(s["right"], s["right_name"])]], colWidths=[82 * mm, 83 * mm],
                               style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
                            title="Bao cao", author="")
    doc.build(story)


def find_font(name):
    for d in FONT_DIRS:
        p = Path(d) / name
        if p.exists():
            return str(p)
    return None


# ------------------------------------------------------------------ npm docx
NODE_SCRIPT = r"""
const fs = require('fs');
const d = require('docx');
const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const F = 'Times New Roman';
function P(text, o = {}) {
  return new d.Paragraph({alignment: o.center ? d.AlignmentType.CENTER : d.AlignmentType.JUSTIFIED,
    indent: o.indent ? {firstLine: 567} : undefined, spacing: {after: 120},
    pageBreakBefore: !!o.pb,
    children: [new d.TextRun({text, bold: !!o.bold, italics: !!o.italic, font: F, size: o.size || 26})]});
}
const NB = {top: {style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF'}, bottom: {style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF'},
  left: {style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF'}, right: {style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF'},
  insideHorizontal: {style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF'}, insideVertical: {style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF'}};
(async () => {
for (const job of jobs) {
  let ch = []; let pb = false; const secs = [];
  const PORTRAIT = {size: {width: 11906, height: 16838}, margin: {top: 1134, bottom: 1134, left: 1701, right: 850}};
  const LAND = {size: {width: 11906, height: 16838, orientation: d.PageOrientation.LANDSCAPE}, margin: {top: 1417, bottom: 1134, left: 1134, right: 850}};
  let props = PORTRAIT;
  const cellKids = (c, k, sz) => (Array.isArray(c) ? c : [c]).map(x => P(x, {center: k !== 1, size: sz}));
  for (const b of job.blocks) {
    const t = b[0];
    if (t === 'header') {
      const h = b[1];
      ch.push(new d.Table({width: {size: 100, type: d.WidthType.PERCENTAGE}, borders: NB, rows: [new d.TableRow({children: [
        new d.TableCell({width: {size: 42, type: d.WidthType.PERCENTAGE}, children: [P(h.left[0], {center: 1, size: 24}), P(h.left[1], {center: 1, bold: 1, size: 24}), P(h.number, {center: 1})]}),
        new d.TableCell({children: [P(h.right[0], {center: 1, bold: 1, size: 24}), P(h.right[1], {center: 1, bold: 1}), P(h.date, {center: 1, italic: 1})]})]})]}));
    } else if (t === 'title') {
      b[1].forEach((x, j) => ch.push(P(x, {center: 1, bold: 1, pb: j === 0 && pb}))); pb = false;
    } else if (t === 'kg') ch.push(P(b[1], {center: 1}));
    else if (t === 'h') ch.push(P(b[1], {bold: 1, indent: 1}));
    else if (t === 'p') ch.push(P(b[1], {indent: 1}));
    else if (t === 'i') ch.push(P(b[1], {center: 1, italic: 1}));
    else if (t === 'table') {
      const tb = b[1]; const rows = [];
      for (const hr of tb.head) rows.push(new d.TableRow({tableHeader: true, children: hr.map(c => new d.TableCell({columnSpan: c[1], rowSpan: c[2], verticalAlign: d.VerticalAlign.CENTER, children: [P(c[0], {center: 1, bold: 1, size: 24})]}))}));
      if (tb.wide || tb.widths || tb.borderless || tb.head.length === 0 || tb.rows.some(r => r.some(c => Array.isArray(c)))) {  // batch B (C)
        const sz = tb.wide ? 18 : 24;
        rows.length = 0;
        for (const hr of tb.head) rows.push(new d.TableRow({tableHeader: true, children: hr.map(c => new d.TableCell({columnSpan: c[1], rowSpan: c[2], verticalAlign: d.VerticalAlign.CENTER, children: [P(c[0], {center: 1, bold: 1, size: sz})]}))}));
        for (const r of tb.rows) rows.push(new d.TableRow({children: r.map((c, k) => new d.TableCell({children: cellKids(c, k, sz)}))}));
        const tot = (tb.widths || []).reduce((a, x) => a + x, 0);
        ch.push(new d.Table({width: {size: 100, type: d.WidthType.PERCENTAGE}, rows, borders: tb.borderless ? NB : undefined,
          columnWidths: tb.widths ? tb.widths.map(x => Math.round(9355 * x / tot)) : undefined}));
      } else {
      for (const r of tb.rows) rows.push(new d.TableRow({children: r.map((c, k) => new d.TableCell({children: [P(c, {center: k !== 1, size: 24})]}))}));
      ch.push(new d.Table({width: {size: 100, type: d.WidthType.PERCENTAGE}, rows}));
      }
    } else if (t === 'sig') {
      const s = b[1];
      const L = s.noi_nhan.length ? [P('Nơi nhận:', {bold: 1, italic: 1, size: 24})].concat(s.noi_nhan.map(x => P(x, {size: 22}))) : [P('')];
      const R = s.title.map(x => P(x, {center: 1, bold: 1})).concat([P(''), P(''), P(''), P(s.name, {center: 1, bold: 1})]);
      ch.push(new d.Table({width: {size: 100, type: d.WidthType.PERCENTAGE}, borders: NB, rows: [new d.TableRow({children: [
        new d.TableCell({width: {size: 45, type: d.WidthType.PERCENTAGE}, children: L}), new d.TableCell({children: R})]})]}));
    } else if (t === 'pagebreak') pb = true;
    else if (t === 'headerb') {  // batch B
      const h = b[1];
      const L = h.left.map(x => P(x[0], {center: 1, bold: x[1], size: 24})).concat([P(h.number, {center: 1})]);
      ch.push(new d.Table({width: {size: 100, type: d.WidthType.PERCENTAGE}, borders: NB, rows: [new d.TableRow({children: [
        new d.TableCell({width: {size: 44, type: d.WidthType.PERCENTAGE}, children: L}),
        new d.TableCell({children: [P(h.right[0], {center: 1, bold: 1, size: 24}), P(h.right[1], {center: 1, bold: 1}), P(h.date, {center: 1, italic: 1})]})]})]}));
    } else if (t === 'ul') {
      for (const x of b[1]) ch.push(new d.Paragraph({bullet: {level: 0}, spacing: {after: 60}, children: [new d.TextRun({text: x, font: F, size: 26})]}));
    } else if (t === 'newpage') {
      ch.push(new d.Paragraph({children: [new d.PageBreak()]}));
    } else if (t === 'landscape') {
      secs.push({properties: {page: props}, children: ch}); ch = []; props = LAND;
    } else if (t === 'sig2') {
      const s = b[1];
      const col = (ts, nm) => ts.map(x => P(x, {center: 1, bold: 1})).concat([P(''), P(''), P(''), P(nm, {center: 1, bold: 1})]);
      ch.push(new d.Table({width: {size: 100, type: d.WidthType.PERCENTAGE}, borders: NB, rows: [new d.TableRow({children: [
        new d.TableCell({width: {size: 50, type: d.WidthType.PERCENTAGE}, children: col(s.left, s.left_name)}), new d.TableCell({children: col(s.right, s.right_name)})]})]}));
    }
  }
  secs.push({properties: {page: props}, children: ch});
  const doc = new d.Document({creator: 'school', sections: secs});
  fs.writeFileSync(job.out, await d.Packer.toBuffer(doc));
}
})();
"""


# ------------------------------------------------------------------ scans and photos
def html_to_pdf(html_path, pdf_path):
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as prof:
        subprocess.run([chrome, *CHROMIUM_FLAGS, f"--user-data-dir={prof}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf_path}", html_path.as_uri()], check=True, capture_output=True, timeout=120)


def pdf_pages(pdf, dpi, tmp):
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(tmp / "pg")], check=True)
    return sorted(tmp.glob("pg*.png"))


def scanify(png, rng, dpi):
    import numpy as np
    from PIL import Image, ImageFilter
    im = Image.open(png).convert("L")
    angle = rng.uniform(-2.5, 2.5)
    im = im.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    a = np.asarray(im).astype("float32")
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    a = a * rng.uniform(0.85, 1.0) + rng.uniform(0, 25) + nrng.normal(0, rng.uniform(4, 14), a.shape)
    speck = nrng.random(a.shape) < 0.0008
    a[speck] = 0
    im = Image.fromarray(a.clip(0, 255).astype("uint8")).filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.7)))
    return im


def photoify(png, rng):
    import numpy as np
    from PIL import Image, ImageFilter
    im = Image.open(png).convert("RGB")
    w, h = im.size
    # place the page on a table-coloured background, then a perspective warp
    bg = Image.new("RGB", (int(w * 1.15), int(h * 1.12)), tuple(rng.randint(90, 150) for _ in range(3)))
    ox, oy = int(w * 0.07), int(h * 0.05)
    bg.paste(im, (ox, oy))
    W, H = bg.size
    j = lambda s: rng.uniform(0, s)  # noqa: E731
    m = 0.035
    src = [(ox - w * m + j(w * 0.03), oy - h * m + j(h * 0.02)), (ox + w + w * m - j(w * 0.03), oy - h * m + j(h * 0.02)),
           (ox + w + w * m - j(w * 0.015), oy + h + h * m - j(h * 0.015)), (ox - w * m + j(w * 0.015), oy + h + h * m - j(h * 0.015))]
    dst = [(0, 0), (W, 0), (W, H), (0, H)]
    coeffs = perspective_coeffs(dst, src)
    bg = bg.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    a = np.asarray(bg).astype("float32")
    # shadow: a soft gradient from one side, warm white balance
    yy, xx = np.mgrid[0:H, 0:W]
    side = rng.choice(["l", "r", "t"])
    g = {"l": xx / W, "r": 1 - xx / W, "t": yy / H}[side]
    shade = 0.55 + 0.45 * np.clip(g * 1.6, 0, 1)
    a = a * shade[..., None] * np.array([1.0, 0.97, 0.9])
    a += np.random.default_rng(rng.randint(0, 2**31)).normal(0, 5, a.shape)
    out = Image.fromarray(a.clip(0, 255).astype("uint8")).filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.2)))
    out = out.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, expand=True, fillcolor=(40, 40, 40))
    scale = rng.uniform(0.8, 1.0)
    return out.resize((int(W * scale), int(H * scale)))


def perspective_coeffs(dst, src):
    import numpy as np
    A, B = [], []
    for (x, y), (X, Y) in zip(dst, src, strict=True):
        A.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        A.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
        B += [X, Y]
    return np.linalg.solve(np.array(A, dtype="float64"), np.array(B, dtype="float64")).tolist()


def pdf_page_count(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


# ------------------------------------------------------------------ plan of the batch
PRODUCERS = {  # producer: (count, extension)
    "pydocx": (32, "docx"), "pydocx-tcvn3": (8, "docx"), "lo-docx": (16, "docx"), "lo-doc": (12, "doc"),
    "lo-odt": (10, "odt"), "lo-pdf": (14, "pdf"), "pandoc-docx": (14, "docx"), "pandoc-odt": (10, "odt"),
    "chromium-pdf": (24, "pdf"), "npm-docx": (24, "docx"), "reportlab": (20, "pdf"), "scan": (14, "pdf"), "photo": (10, "jpg"),
}
LAYOUTS = ["prose-label", "prose-sentence", "prose-mixed", "table-simple", "table-twoyear", "table-merged", "table-unitcell",
           "table-ratio", "annex", "mixed"]
NEG_KINDS = ["plan", "minutes", "letter", "other-topic", "last-year", "near-name"]


def plan_batch(rng):
    jobs = []
    for prod, (n, ext) in PRODUCERS.items():
        for _ in range(n):
            jobs.append({"producer": prod, "ext": ext})
    rng.shuffle(jobs)
    # ~20% negatives, spread over producers (not photos of multi-page ones: photo docs are one page)
    k = 0
    for j in jobs:
        r = rng.random()
        if r < 0.20:
            j["neg"] = NEG_KINDS[k % len(NEG_KINDS)]
            k += 1
        elif r < 0.25 and j["producer"] not in ("photo",):
            j["annex_only"] = True
    return jobs


def build(job, rng, roster):
    short = job["producer"] == "photo"
    neg = job.get("neg")
    layout = rng.choice(LAYOUTS if not short else ["prose-label", "prose-sentence", "table-simple", "table-unitcell"])
    if job["producer"] in ("pandoc-docx", "pandoc-odt") and layout == "table-merged":
        layout = "table-twoyear"
    if neg in ("plan", "minutes", "letter", "other-topic"):
        return C.build_negative(rng, roster, neg)
    if neg == "last-year":
        return C.build_report(rng, roster, layout, year=2023, short=short)
    if neg == "near-name":
        return C.build_report(rng, roster, layout, near=True, short=short)
    if job.get("annex_only"):
        return C.build_annex_only(rng, roster)
    return C.build_report(rng, roster, layout, short=short)


# ------------------------------------------------------------------ batch B (content_b.py; SPEC.md section 6)
PRODUCERS_B = {
    "pydocx": (14, "docx"), "pydocx-tcvn3": (8, "docx"), "lo-docx": (9, "docx"), "lo-doc": (8, "doc"),
    "lo-odt": (8, "odt"), "lo-pdf": (9, "pdf"), "pandoc-docx": (8, "docx"), "pandoc-odt": (8, "odt"),
    "chromium-pdf": (10, "pdf"), "npm-docx": (10, "docx"), "reportlab": (10, "pdf"), "scan": (8, "pdf"), "photo": (8, "jpg"),
}
NEG_PER_KIND_B = 4      # 6 families x 4 = 24 negatives
ANNEX_ONLY_B = 8


def plan_batch_b(rng):
    import content_b as CB
    jobs = [{"producer": p, "ext": e} for p, (n, e) in PRODUCERS_B.items() for _ in range(n)]
    rng.shuffle(jobs)
    idx = {p: [i for i, j in enumerate(jobs) if j["producer"] == p] for p in PRODUCERS_B}
    # negatives: every family 4 times; scans and photos get some too
    neg_at = {idx["scan"][0], idx["photo"][0], idx["photo"][1]}
    rest = [i for i in range(len(jobs)) if i not in neg_at and jobs[i]["producer"] not in ("scan", "photo")]
    neg_at |= set(rng.sample(rest, NEG_PER_KIND_B * len(NEG_KINDS) - len(neg_at)))
    kinds = [k for k in NEG_KINDS for _ in range(NEG_PER_KIND_B)]
    rng.shuffle(kinds)
    for i, k in zip(sorted(neg_at), kinds, strict=True):
        jobs[i]["neg"] = k
    # figures-only sheets: one photo, one scan, the rest among the other producers
    free = [i for i in range(len(jobs)) if "neg" not in jobs[i]]
    ann = [next(i for i in free if jobs[i]["producer"] == "photo"), next(i for i in free if jobs[i]["producer"] == "scan")]
    ann += rng.sample([i for i in free if i not in ann and jobs[i]["producer"] not in ("scan", "photo")], ANNEX_ONLY_B - 2)
    for i in ann:
        jobs[i]["annex_only"] = True
    # layouts round-robin, so every layout has its share
    full = list(CB.LAYOUTS)
    short = list(CB.PHOTO_LAYOUTS)
    rng.shuffle(full)
    rng.shuffle(short)
    kf = ks = 0
    for j in jobs:
        if j.get("annex_only") or j.get("neg") in ("plan", "minutes", "letter", "other-topic"):
            continue
        if j["producer"] == "photo":
            j["layout"] = short[ks % len(short)]
            ks += 1
        else:
            j["layout"] = full[kf % len(full)]
            kf += 1
    return jobs


def build_b(job, rng, roster):
    import content_b as CB
    short = job["producer"] == "photo"
    neg = job.get("neg")
    if neg in ("plan", "minutes", "letter", "other-topic"):
        return CB.build_negative(rng, roster, neg)
    if neg == "last-year":
        return CB.build_report(rng, roster, job["layout"], year=2023, short=short)
    if neg == "near-name":
        return CB.build_report(rng, roster, job["layout"], near=True, short=short)
    if job.get("annex_only"):
        return CB.build_annex_only(rng, roster, short=short)
    return CB.build_report(rng, roster, job["layout"], short=short)


def batch_module(name):
    """bench/blind/batch_<name>.py when it exists (plan(rng), build(job, rng, roster), EXTRA_CSS); None for A and B."""
    import importlib.util
    if name in ("A", "B") or importlib.util.find_spec(f"batch_{name.lower()}") is None:
        return None
    return importlib.import_module(f"batch_{name.lower()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", default="A")
    ap.add_argument("--seed", type=int, default=None, help="default 11 (A2: 31)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", help="comma list of producers to (re)generate")
    args = ap.parse_args()
    if args.batch == "A2":  # batch A2: its own plan, content and render loop (batch_a2.py; SPEC.md section 7)
        import batch_a2
        args.seed = 31 if args.seed is None else args.seed
        return batch_a2.run(args)
    args.seed = 11 if args.seed is None else args.seed
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{args.batch}:{args.seed}")
    roster = C.load_roster()
    mod = batch_module(args.batch)  # batch C (and later ones): plan and build in bench/blind/batch_<x>.py
    bmode = args.batch == "B" or mod is not None   # batch B and later: their blocks and smaller scans/photos
    css = B_CSS + getattr(mod, "EXTRA_CSS", "") if bmode else ""
    jobs = mod.plan(rng) if mod else plan_batch_b(rng) if bmode else plan_batch(rng)
    only = set(args.only.split(",")) if args.only else None
    tmp = Path(tempfile.mkdtemp(prefix="blind-"))
    lo_jobs, node_jobs = [], []
    for idx, job in enumerate(jobs, 1):
        drng = random.Random(f"{args.batch}:{args.seed}:{idx}")
        blocks, truth = (mod.build if mod else build_b if bmode else build)(job, drng, roster)
        if bmode and "landscape" in truth.get("features", []) and job["producer"] not in ("pydocx", "pydocx-tcvn3", "npm-docx"):
            truth["features"].remove("landscape")  # only the docx writers turn the page; the others just break it
        prod = job["producer"]
        name = f"{args.batch}{idx:03d}_{prod}"
        truth.update({"producer": prod, "file": f"{name}.{job['ext']}", "batch": args.batch, "seed": args.seed})
        if only and prod not in only:
            continue
        target = out / truth["file"]
        if prod == "pydocx":
            write_pydocx(blocks, target, drng)
        elif prod == "pydocx-tcvn3":
            mode = ["style", "defaults", "runs", "style"][idx % 4]
            truth["layout"] += f"+tcvn3-{mode}"
            write_pydocx(blocks, target, drng, legacy=mode)
        elif prod.startswith("lo-"):
            h = tmp / f"{name}.html"
            h.write_text(to_html(blocks, extra_css=css), encoding="utf-8")
            lo_jobs.append((h, job["ext"], target))
        elif prod.startswith("pandoc-"):
            md = tmp / f"{name}.md"
            md.write_text(to_markdown(blocks, batch_b=bmode), encoding="utf-8")
            subprocess.run(["pandoc", "-f", "markdown", "-o", str(target), str(md)], check=True)
        elif prod == "chromium-pdf":
            h = tmp / f"{name}.html"
            h.write_text(to_html(blocks, font=drng.choice(["Times New Roman", "Liberation Serif", "DejaVu Serif"]), extra_css=css), encoding="utf-8")
            html_to_pdf(h, target)
        elif prod == "npm-docx":
            node_jobs.append({"blocks": blocks, "out": str(target)})
        elif prod == "reportlab":
            write_reportlab(blocks, target, drng)
        elif prod in ("scan", "photo"):
            h = tmp / f"{name}.html"
            h.write_text(to_html(blocks, size=13 if prod == "scan" else 11, extra_css=css), encoding="utf-8")
            pdf = tmp / f"{name}.pdf"
            html_to_pdf(h, pdf)
            pd = tmp / name
            pd.mkdir()
            if prod == "scan":
                dpi = drng.choice(getattr(mod, "SCAN_DPI", [150, 170, 200]))
                imgs = [scanify(p, drng, dpi) for p in pdf_pages(pdf, dpi, pd)]
                kw = {"quality": drng.randint(40, 55)} if bmode else {}  # B: a modest JPEG (the committed batch stays small)
                imgs[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=imgs[1:], **kw)
                truth["layout"] += f"+{dpi}dpi"
            else:
                if pdf_page_count(pdf) > 1:
                    h.write_text(to_html(blocks, size=9, extra_css=css), encoding="utf-8")
                    html_to_pdf(h, pdf)
                pages = pdf_pages(pdf, 150, pd)
                if bmode and len(pages) > 1 and not truth.get("negative"):
                    raise SystemExit(f"{name}: a photo must show the whole document (page 1 of {len(pages)})")
                if len(pages) > 1:
                    truth["note"] = "photo of page 1 only; truth lists only what page 1 states"
                    truth["pages_in_source"] = len(pages)
                im = photoify(pages[0], drng)
                im.save(target, "JPEG", quality=drng.randint(66, 82) if bmode else drng.randint(70, 88))  # B: a little more compressed
        (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        print(name, truth["kind"], truth["layout"], flush=True)
    # LibreOffice: one soffice process per target format (serial)
    by_fmt = {}
    for h, ext, target in lo_jobs:
        by_fmt.setdefault(ext, []).append((h, target))
    for ext, items in by_fmt.items():
        od = tmp / f"lo-{ext}"
        od.mkdir(exist_ok=True)
        fmt = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "odt": "odt", "pdf": "pdf:writer_pdf_Export"}[ext]
        with tempfile.TemporaryDirectory() as prof:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", fmt,
                            "--outdir", str(od)] + [str(h) for h, _ in items], check=True, capture_output=True, timeout=1800)
        for h, target in items:
            shutil.move(str(od / f"{h.stem}.{ext}"), target)
    if node_jobs:
        jf = tmp / "node.json"
        jf.write_text(json.dumps(node_jobs, ensure_ascii=False), encoding="utf-8")
        js = tmp / "make.js"
        js.write_text(NODE_SCRIPT, encoding="utf-8")
        subprocess.run(["node", str(js), str(jf)], check=True, env={"NODE_PATH": str(HERE / "node_modules"), "PATH": "/usr/bin:/bin"})
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
