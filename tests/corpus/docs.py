"""Builders for the golden corpus: reports as the schools write them, from the office template or by hand.

Used by make_corpus.py only. Ground truth lives in the Case, never in what the parser reads.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "report_template.docx"
SCHOOLS = {row["id"]: row["name"] for row in csv.DictReader((ROOT / "roster.csv").open(encoding="utf-8"))}
METRICS = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["metrics"]
LABELS = {m["key"]: m["label"] for m in METRICS}

DIRECTION = [
    "Nhà trường ban hành Kế hoạch số 12/KH-TH ngày 15/3/2024 triển khai Đề án Truyền thông về Quyền con người.",
    "Phân công đồng chí Phó Hiệu trưởng phụ trách, lồng ghép nội dung vào sinh hoạt chuyên môn.",
]
DIFFICULTIES = [
    "Kinh phí dành cho công tác tuyên truyền còn hạn hẹp.",
    "Một số cha mẹ học sinh ở các bản xa chưa quan tâm đến nội dung tuyên truyền.",
]
PROPOSALS = [
    "Đề nghị Phòng GDĐT tổ chức tập huấn kỹ năng truyền thông cho giáo viên chủ chốt.",
    "Cấp bổ sung tài liệu tuyên truyền về quyền con người bằng tiếng dân tộc.",
]


@dataclass
class Case:
    school: str  # roster id
    symbol: str  # ký hiệu of the school, "THHL"
    number: int | None  # None: left blank ("Số:     /BC-THHL")
    day: date
    day_blank: bool = False
    year: int = 2024
    values: dict[str, object] = field(default_factory=dict)
    difficulties: list[str] = field(default_factory=lambda: list(DIFFICULTIES))
    proposals: list[str] = field(default_factory=lambda: list(PROPOSALS))

    @property
    def name(self) -> str:
        return SCHOOLS[self.school]

    @property
    def short(self) -> str:
        """The name without "Trường": "Tiểu học Him Lam"."""
        return self.name.removeprefix("Trường ")

    @property
    def doc_number(self) -> str | None:
        return f"{self.number:02d}/BC-{self.symbol}" if self.number is not None else None

    @property
    def number_line(self) -> str:
        return (
            f"Số: {self.number:02d}/BC-{self.symbol}"
            if self.number is not None
            else f"Số:       /BC-{self.symbol}"
        )

    @property
    def date_line(self) -> str:
        d = "      " if self.day_blank else f"{self.day.day:02d}"
        return f"Điện Biên Phủ, ngày {d} tháng {self.day.month:02d} năm {self.day.year}"


def show(value: object) -> str:
    """A figure as a Vietnamese school writes it: 05, 1.250, Có."""
    if value is True:
        return "Có"
    if value is False:
        return "Không"
    if isinstance(value, int):
        return f"{value:02d}" if value < 10 else f"{value:,}".replace(",", ".")
    return str(value)


def set_text(p: Paragraph, text: str) -> None:
    runs = p.runs
    if not runs:
        p.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def insert_after(p: Paragraph, texts: list[str]) -> None:
    """Replace a "……" body placeholder by one paragraph per text."""
    anchor = p
    set_text(p, texts[0] if texts else "")
    for text in texts[1:]:
        new = copy.deepcopy(anchor._p)
        anchor._p.addnext(new)
        anchor = Paragraph(new, p._parent)
        set_text(anchor, text)
    if not texts:
        p._p.getparent().remove(p._p)


def from_template(case: Case, *, results: list[str] | None = None, table_values: bool = True) -> Document:
    """The office form filled in by the school."""
    doc = Document(str(TEMPLATE))
    header = doc.tables[0].rows[0].cells
    set_text(header[0].paragraphs[1], f"TRƯỜNG {case.short.upper()}")
    set_text(header[0].paragraphs[2], case.number_line)
    set_text(header[1].paragraphs[2], case.date_line)
    paras = doc.paragraphs
    heads = {fold_head(p.text): i for i, p in enumerate(paras)}
    for p in paras:
        if p.text.startswith("Kết quả thực hiện Đề án"):
            set_text(p, f"Kết quả thực hiện Đề án Truyền thông về Quyền con người năm {case.year}")
        elif p.text.startswith("Thực hiện Kế hoạch số"):
            set_text(
                p,
                "Thực hiện Kế hoạch số 125/KH-PGDĐT ngày 20/3/2024 của Phòng Giáo dục và Đào tạo thành phố Điện "
                "Biên Phủ về triển khai thực hiện Đề án Truyền thông về Quyền con người ở Việt Nam, giai đoạn "
                f"2024-2028; {case.name} báo cáo kết quả thực hiện năm {case.year} như sau:",
            )
        elif p.text.startswith("Trên đây là báo cáo"):
            set_text(
                p,
                f"Trên đây là báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm {case.year} "
                f"của {case.name}./.",
            )
    bodies = [
        ("I.", DIRECTION),
        (
            "II.",
            results if results is not None else ["Nhà trường đã triển khai các hoạt động như biểu dưới đây."],
        ),
        ("III.", case.difficulties),
        ("IV.", case.proposals),
    ]
    for prefix, texts in bodies:
        index = next(i for h, i in heads.items() if h.startswith(prefix))
        insert_after(paras[index + 1], texts)
    if table_values:
        table = doc.tables[1]
        for row in table.rows[1:]:
            key = next(k for k, label in LABELS.items() if label == row.cells[1].text)
            if key in case.values:
                row.cells[3].text = show(case.values[key])
    name_para = doc.tables[2].rows[0].cells[1].paragraphs[2]
    set_text(name_para, "Lò Thị Hương")
    return doc


def fold_head(text: str) -> str:
    return text.strip()


def save(doc: Document) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_times(buf.getvalue())


def fixed_times(data: bytes) -> bytes:
    """A zip with fixed entry timestamps, so that regenerating the corpus does not change it."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 11, 1, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def soffice_convert(data: bytes, ext: str, target: str, tmp: Path) -> bytes:
    src = tmp / f"src.{ext}"
    src.write_bytes(data)
    profile = (tmp / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir", str(tmp),
         str(src)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    out = tmp / f"src.{target.split(':')[0]}"
    data = out.read_bytes()
    out.unlink()
    return data


# ---- legacy encodings, written independently of parsers/formats/legacy.py so that a wrong table cannot cancel out


def encode_tcvn3(text: str) -> str:
    """Unicode -> ABC (TCVN3) bytes shown as Latin-1 code points, through GNU iconv."""
    out = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True,
                         check=True).stdout  # fmt: skip
    if any(b < 0x20 or 0x80 <= b < 0xA1 for b in out if b not in (0x0A,)):
        raise ValueError(f"not representable in the ABC lower-case font: {text!r}")
    return out.decode("latin-1")


_VNI_TONE = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_HAT = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def encode_vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        tone = next((m for m in marks if m in _VNI_TONE), "")
        upper = base.isupper()
        low = base.lower()
        if low not in "aeiouy" or not marks:
            out.append(ch)
            continue
        if "\u031b" in marks:  # horn: ơ ư
            seq = ("ô" if low == "o" else "ö") + _VNI_TONE.get(tone, "")
        elif "\u0302" in marks:
            seq = low + _VNI_HAT[tone]
        elif "\u0306" in marks:
            seq = low + _VNI_BREVE[tone]
        elif low == "i":
            seq = _VNI_I[tone]
        elif low == "y" and tone == "\u0323":
            seq = "î"
        else:
            seq = low + _VNI_TONE[tone]
        out.append(seq.upper() if upper else seq)
    return "".join(out)


def legacy_docx(paragraphs: list[tuple[str, str]], table: list[tuple[str, str]] | None = None) -> bytes:
    """A docx whose runs use legacy fonts: (font, unicode text) per paragraph; table rows likewise in .VnTime.

    TCVN3's "ư" (0xAD, soft hyphen) is written as <w:softHyphen/>, as Word and LibreOffice store it."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(14)

    def add_run(p: Paragraph, font: str, text: str) -> None:
        if font.startswith(".Vn"):
            encoded = encode_tcvn3(text.lower() if font.endswith("H") else text)
        else:
            encoded = encode_vni(text)
        run = p.add_run(encoded)
        run.font.name = font
        rfonts = run._r.rPr.find(qn("w:rFonts"))
        rfonts.set(qn("w:hAnsi"), font)

    for font, text in paragraphs:
        add_run(doc.add_paragraph(), font, text)
    if table:
        t = doc.add_table(rows=0, cols=3)
        t.style = "Table Grid"
        for i, (label, value) in enumerate(table, 1):
            cells = t.add_row().cells
            cells[0].text = str(i)
            cells[1].paragraphs[0].text = ""
            add_run(cells[1].paragraphs[0], paragraphs[-1][0] if paragraphs[-1][0].startswith("VNI") else ".VnTime",
                    label)  # fmt: skip
            cells[2].text = value
    data = save(doc)
    return soft_hyphens(data)


def soft_hyphens(data: bytes) -> bytes:
    """Rewrite U+00AD inside w:t as <w:softHyphen/> runs content, the way office suites store it."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "word/document.xml":
                xml = blob.decode("utf-8")
                xml = re.sub(
                    r"(<w:t(?: [^>]*)?>)([^<]*)</w:t>",
                    lambda m: (
                        m[1]
                        + m[2].replace("\u00ad", '</w:t><w:softHyphen/><w:t xml:space="preserve">')
                        + "</w:t>"
                    ),
                    xml,
                )
                blob = xml.encode("utf-8")
            dst.writestr(info, blob)
    return out.getvalue()


def text_box(doc: Document, text: str) -> None:
    """A paragraph holding a DrawingML text box (mc:Choice) with its VML twin (mc:Fallback)."""
    p = doc.add_paragraph()
    r = OxmlElement("w:r")
    inner = (
        f'<w:txbxContent xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    )
    from lxml import etree

    xml = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{inner}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{inner}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent>"
    )
    r.append(etree.fromstring(xml))
    p._p.append(r)
