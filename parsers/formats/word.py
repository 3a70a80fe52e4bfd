"""docx (and the docx LibreOffice makes of .doc/.odt/.rtf): body XML walked run by run, legacy fonts decoded."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from parsers import problems
from parsers.blocks import Block, Extracted, Paragraph, Table
from parsers.errors import ParseError
from parsers.formats import archive
from parsers.formats.legacy import decode, font_encoding, guess_encoding
from parsers.model import Limits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
_SKIP = {f"{{{MC}}}Fallback", _W + "del", _W + "delText", _W + "instrText", _W + "fldChar"}


class _Fonts:
    """Effective font of a run: direct rFonts, then run style, paragraph style (the default paragraph style
    when none is named), then document defaults."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.by_style: dict[str, tuple[str | None, str | None]] = {}
        self.default: str | None = None
        # a paragraph without a pStyle has the default paragraph style ("Normal"), whose font may be .VnTime
        self.default_paragraph: str | None = None
        if styles is None:
            return
        for rfonts in styles.iterfind(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts"):
            self.default = _font_of(rfonts)
        for style in styles.iterfind(f"{_W}style"):
            rfonts = style.find(f"{_W}rPr/{_W}rFonts")
            based = style.find(f"{_W}basedOn")
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self.default_paragraph = style.get(_W + "styleId")
            self.by_style[style.get(_W + "styleId", "")] = (
                _font_of(rfonts) if rfonts is not None else None,
                based.get(_W + "val") if based is not None else None,
            )

    def of_style(self, style_id: str | None) -> str | None:
        seen = 0
        while style_id and seen < 20:
            font, style_id = self.by_style.get(style_id, (None, None))
            if font:
                return font
            seen += 1
        return None

    def of_run(self, run: etree._Element, para_style: str | None) -> str | None:
        rpr = run.find(_W + "rPr")
        if rpr is not None:
            rfonts = rpr.find(_W + "rFonts")
            if rfonts is not None and (font := _font_of(rfonts)):
                return font
            rstyle = rpr.find(_W + "rStyle")
            if rstyle is not None and (font := self.of_style(rstyle.get(_W + "val"))):
                return font
        return self.of_style(para_style or self.default_paragraph) or self.default


def _font_of(rfonts: etree._Element) -> str | None:
    # Latin-1 code points (where TCVN3/VNI bytes live) are drawn with the hAnsi font
    return rfonts.get(_W + "hAnsi") or rfonts.get(_W + "ascii")


def _run_text(run: etree._Element, legacy: bool) -> str:
    parts: list[str] = []
    for el in run:
        tag = el.tag
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "softHyphen" and legacy:
            parts.append("\u00ad")  # the TCVN3 byte for "ư", which python-docx's .text drops
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "sym":
            parts.append(chr(int(el.get(_W + "char", "20"), 16) & 0xFF))
    return "".join(parts)


class _Walker:
    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts
        self.blocks: list[Block] = []
        self.tables = 0
        self.legacy_runs = 0

    def paragraph_text(self, p: etree._Element, boxes: list[etree._Element]) -> str:
        ppr_style = p.find(f"{_W}pPr/{_W}pStyle")
        para_style = ppr_style.get(_W + "val") if ppr_style is not None else None
        out: list[str] = []
        stack = list(reversed(p))
        while stack:
            el = stack.pop()
            if el.tag in _SKIP:
                continue
            if el.tag == _W + "r":
                enc = font_encoding(self.fonts.of_run(el, para_style))
                text = _run_text(el, legacy=enc is not None)
                if enc is None and (guessed := guess_encoding(text)) and len(text) > 12:
                    enc = guessed  # a legacy run whose font was lost (copy-paste into a Unicode font)
                if enc is not None:
                    self.legacy_runs += 1
                    text = decode(text, enc)
                out.append(text)
                boxes.extend(b for b in el.iter(_W + "txbxContent") if not _in_fallback(b, el))
            elif el.tag != _W + "pPr":
                stack.extend(reversed(el))
        return unicodedata.normalize("NFC", "".join(out))

    def walk(self, parent: etree._Element) -> None:
        for el in parent:
            if el.tag == _W + "p":
                boxes: list[etree._Element] = []
                text = self.paragraph_text(el, boxes)
                if text.strip():
                    self.blocks.append(Paragraph(text))
                for box in boxes:
                    self.walk(box)
            elif el.tag == _W + "tbl":
                self.table(el)
            elif el.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"):
                self.walk(el)

    def cell_text(self, tc: etree._Element) -> str:
        lines = []
        for p in tc.iter(_W + "p"):
            text = self.paragraph_text(p, [])
            if text.strip():
                lines.append(text.strip())
        return "\n".join(lines)

    def table(self, tbl: etree._Element) -> None:
        rows: list[tuple[str, ...]] = []
        above: dict[int, str] = {}  # grid column -> text of the cell that a vertical merge continues
        for tr in tbl.iterfind(_W + "tr"):
            row: list[str] = []
            col = 0
            for tc in tr.iterfind(_W + "tc"):
                tcpr = tc.find(_W + "tcPr")
                span, vmerge = 1, None
                if tcpr is not None:
                    gs = tcpr.find(_W + "gridSpan")
                    span = int(gs.get(_W + "val", "1")) if gs is not None else 1
                    vm = tcpr.find(_W + "vMerge")
                    vmerge = (vm.get(_W + "val") or "continue") if vm is not None else None
                text = above.get(col, "") if vmerge == "continue" else self.cell_text(tc)
                if vmerge != "continue":
                    above[col] = text
                row.extend([text] * max(span, 1))  # one entry per grid column, as the eye reads it
                col += max(span, 1)
            rows.append(tuple(row))
        self.blocks.append(Table(tuple(rows), self.tables))
        self.tables += 1


def read_docx(data: bytes, filename: str, limits: Limits, *, source: str = "docx") -> Extracted:
    zf = archive.open_zip(data, filename, limits)
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        raise ParseError(filename, problems.corrupt(filename))
    for name in names:
        if name.endswith((".xml", ".rels")):
            archive.check_xml(archive.read_member(zf, name, filename), name, filename)
    styles = None
    if "word/styles.xml" in names:
        styles = archive.parse_xml(archive.read_member(zf, "word/styles.xml", filename), "styles", filename)
    root = archive.parse_xml(archive.read_member(zf, "word/document.xml", filename), "document", filename)
    body = root.find(_W + "body")
    walker = _Walker(_Fonts(styles))
    if body is not None:
        walker.walk(body)
    out = Extracted(source=source, blocks=walker.blocks)
    if not any(_has_text(b) for b in walker.blocks):
        out.problems.append(problems.no_text(filename))
    return out


def _in_fallback(el: etree._Element, stop: etree._Element) -> bool:
    """mc:Fallback repeats an mc:Choice text box for old readers; read the box once."""
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if anc.tag == f"{{{MC}}}Fallback":
            return True
    return False


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return bool(re.search(r"\w", block.text))
    return any(re.search(r"\w", c) for row in block.rows for c in row)
