"""Generate the golden corpus: every file beside its NAME.expected.json (what a correct parse must say).

Run: .venv/bin/python tests/corpus/make_corpus.py        (needs LibreOffice `soffice` and `iconv`)
Expected values come from the cases below, never from the parser.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import hostile_cases  # noqa: E402
from render import nfd_docx, render_scan, reportlab_pdf  # noqa: E402

from docs import (  # noqa: E402
    DIFFICULTIES,
    LABELS,
    PROPOSALS,
    SCHOOLS,
    Case,
    fixed_times,
    from_template,
    legacy_docx,
    save,
    show,
    soffice_convert,
    text_box,
)

HERE = Path(__file__).resolve().parent
FULL = {
    "sessions": 5, "participants": 1250, "spokesperson": True, "key_staff": 28, "key_staff_trained": 21,
    "exhibitions": 2, "fake_news_detected": 3, "fake_news_handled": 3,
}  # fmt: skip


def expect(case: Case | None, source: str | None, *, file: str = "", codes: tuple[str, ...] = (),
           metrics: dict[str, Any] | None = None, cycle: str | None = "qcn-2024", review: bool | None = None,
           sections: bool = True, school: bool = True) -> dict[str, Any]:  # fmt: skip
    if case is None:
        return {"file": file, "text_source": source, "school": {"id": None, "name": None}, "document_number": None,
                "date": None, "period": None, "cycle": None, "metrics": {}, "problem_codes": list(codes)}  # fmt: skip
    out: dict[str, Any] = {
        "file": file,
        "text_source": source,
        "school": {"id": case.school, "name": case.name} if school else {"id": None, "name": None},
        "document_number": case.doc_number,
        "date": None if case.day_blank else case.day.isoformat(),
        "period": str(case.year),
        "cycle": cycle,
        "metrics": dict(case.values if metrics is None else metrics),
        "problem_codes": list(codes),
    }
    if sections:
        out["sections"] = {"difficulties": "\n".join(case.difficulties) or None,
                           "proposals": "\n".join(case.proposals) or None}  # fmt: skip
    if review is not None:
        out["needs_review"] = review
    return out


def write(name: str, data: bytes, expected: list[dict[str, Any]]) -> None:
    (HERE / name).write_bytes(fixed_times(data) if data[:2] == b"PK" else data)
    for item in expected:
        item["file"] = item["file"] or name
    text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    (HERE / f"{name}.expected.json").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- the cases


def template_cases(tmp: Path) -> None:
    him_lam = Case("th-him-lam", "THHL", 45, date(2024, 11, 10), values=FULL)
    write("th-him-lam-template.docx", save(from_template(him_lam)), [expect(him_lam, "docx")])

    blank = Case("thcs-him-lam", "THCSHL", None, date(2024, 11, 12), day_blank=True,
                 values={**FULL, "key_staff": 25, "key_staff_trained": 30})  # fmt: skip
    write("thcs-him-lam-blank-number-impossible.docx", save(from_template(blank)),
          [expect(blank, "docx", codes=("impossible_value",), review=True)])  # fmt: skip

    missing = Case("th-muong-thanh", "THMT", 7, date(2024, 11, 8),
                   values={k: v for k, v in FULL.items() if k not in ("spokesperson", "fake_news_detected",
                                                                       "fake_news_handled")})  # fmt: skip
    write("th-muong-thanh-missing-figure.docx", save(from_template(missing)),
          [expect(missing, "docx", codes=("missing_required",))])  # fmt: skip

    old = Case("mn-son-ca", "MNSC", 30, date(2023, 11, 9), year=2023, values=FULL)
    write("mn-son-ca-wrong-year.docx", save(from_template(old)),
          [expect(old, "docx", codes=("wrong_year",), cycle=None)])  # fmt: skip

    nfd = Case(
        "mn-hoa-mi",
        "MNHM",
        18,
        date(2024, 11, 13),
        values={
            **FULL,
            "participants": 640,
            "exhibitions": 1,
            "fake_news_detected": 0,
            "fake_news_handled": 0,
        },
    )
    doc = from_template(nfd)
    data = save(doc)
    write("mn-hoa-mi-nfd-tone.docx", nfd_docx(data), [expect(nfd, "docx")])

    pdf_case = Case(
        "th-thanh-binh",
        "THTB",
        52,
        date(2024, 11, 11),
        values={**FULL, "sessions": 12, "participants": 2315, "key_staff": 31, "key_staff_trained": 24},
    )
    pdf = soffice_convert(save(from_template(pdf_case)), "docx", "pdf", tmp)
    write("th-thanh-binh-libreoffice.pdf", pdf, [expect(pdf_case, "pdf-text")])

    doc_case = Case("th-so-1-na-nhan", "THS1NN", 21, date(2024, 11, 6),
                    values={**FULL, "sessions": 4, "participants": 865, "exhibitions": 1, "key_staff": 19,
                            "key_staff_trained": 15, "fake_news_detected": 1, "fake_news_handled": 1})  # fmt: skip
    word97 = soffice_convert(save(from_template(doc_case)), "docx", "doc", tmp)
    write("th-so-1-na-nhan-word97.doc", word97, [expect(doc_case, "converted")])

    odt_case = Case(
        "thcs-muong-phang",
        "THCSMP",
        33,
        date(2024, 11, 5),
        values={**FULL, "sessions": 8, "participants": 1530, "key_staff": 22, "key_staff_trained": 22},
    )
    odt = soffice_convert(save(from_template(odt_case)), "docx", "odt", tmp)
    write("thcs-muong-phang.odt", odt, [expect(odt_case, "converted")])

    rtf_case = Case("mn-tuoi-tho", "MNTT", 9, date(2024, 11, 12),
                    values={**FULL, "sessions": 2, "participants": 310, "key_staff": 9, "key_staff_trained": 9,
                            "exhibitions": 1, "fake_news_detected": 0, "fake_news_handled": 0})  # fmt: skip
    rtf = soffice_convert(save(from_template(rtf_case)), "docx", "rtf", tmp)
    write("mn-tuoi-tho.rtf", rtf, [expect(rtf_case, "converted")])

    blurred = Case("mn-hoa-hong", "MNHH", 3, date(2024, 11, 2), values=FULL)
    page = render_scan(soffice_convert(save(from_template(blurred)), "docx", "pdf", tmp), seed=5, angle=1.5)[
        0
    ]
    buf = io.BytesIO()
    page.filter(ImageFilter.GaussianBlur(9)).resize((1240, 1754)).save(buf, "JPEG", quality=60)
    unreadable = expect(None, "ocr", codes=("unreadable_scan",))
    unreadable["needs_review"] = True
    write("mn-hoa-hong-out-of-focus.jpg", buf.getvalue(), [unreadable])

    scan_case = Case("th-tan-thanh", "THTT", 61, date(2024, 11, 12),
                     values={**FULL, "sessions": 9, "participants": 1476, "key_staff": 26, "key_staff_trained": 20,
                             "exhibitions": 3, "fake_news_detected": 4, "fake_news_handled": 2})  # fmt: skip
    pages = render_scan(
        soffice_convert(save(from_template(scan_case)), "docx", "pdf", tmp), seed=7, angle=0.6
    )
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=300, save_all=True, append_images=pages[1:], quality=75)
    write("th-tan-thanh-scan.pdf", buf.getvalue(), [expect(scan_case, "ocr")])

    zip_a = Case(
        "th-noong-bua", "THNB", 40, date(2024, 11, 4), values={**FULL, "sessions": 6, "participants": 980}
    )
    zip_b = Case(
        "thcs-noong-bua",
        "THCSNB",
        41,
        date(2024, 11, 4),
        values={**FULL, "sessions": 7, "participants": 1102, "key_staff": 30, "key_staff_trained": 27},
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Báo cáo QCN TH Noong Bua.docx", save(from_template(zip_a)))
        zf.writestr("THCS Noong Bua/Báo cáo QCN 2024.pdf",
                    soffice_convert(save(from_template(zip_b)), "docx", "pdf", tmp))  # fmt: skip
        logo = io.BytesIO()
        Image.new("RGB", (120, 60), "red").save(logo, "PNG")
        zf.writestr("logo.png", logo.getvalue())
        zf.writestr("__MACOSX/._Báo cáo QCN TH Noong Bua.docx", b"\x00\x05\x16\x07")
    name = "bao-cao-noong-bua.zip"
    write(name, buf.getvalue(), [
        expect(zip_a, "docx", file=f"{name}/Báo cáo QCN TH Noong Bua.docx"),
        expect(zip_b, "pdf-text", file=f"{name}/THCS Noong Bua/Báo cáo QCN 2024.pdf"),
    ])  # fmt: skip


def reworded_case() -> None:
    """Rows reworded, a plan-target column and a notes column, STT numbering, group rows merged across."""
    case = Case("thcs-tran-can", "THCSTC", 36, date(2024, 11, 14),
                values={**FULL, "sessions": 7, "participants": 1480, "key_staff": 34, "key_staff_trained": 26,
                        "exhibitions": 1, "fake_news_detected": 2, "fake_news_handled": 2})  # fmt: skip
    doc = from_template(case, table_values=False)
    old = doc.tables[1]
    rows = [
        ("I", "CÔNG TÁC TUYÊN TRUYỀN", None, None),
        ("1", "Tổ chức các buổi tuyên truyền, phổ biến về quyền con người (buổi)", "10", "sessions"),
        ("2", "Lượt học sinh, CB-GV-NV tham gia các buổi tuyên truyền", "1.500", "participants"),
        ("3", "Triển lãm ảnh, tài liệu về quyền con người (cuộc)", "02", "exhibitions"),
        ("II", "CƠ CHẾ PHÁT NGÔN, ĐỘI NGŨ", None, None),
        ("4", "Có người phát ngôn, cung cấp thông tin cho báo chí", "Có", "spokesperson"),
        ("5", "Tổng số CBQL, GV chủ chốt", "34", "key_staff"),
        ("6", "Trong đó: số được tập huấn về truyền thông QCN", "24", "key_staff_trained"),
        ("III", "TIN GIẢ, TIN XẤU ĐỘC", None, None),
        ("7", "Tin giả, tin xấu độc phát hiện được", "", "fake_news_detected"),
        ("8", "Tin giả, tin xấu độc đã phối hợp xử lý", "", "fake_news_handled"),
    ]
    new = doc.add_table(rows=2, cols=5)
    new.style = "Table Grid"
    top, sub = new.rows[0].cells, new.rows[1].cells
    top[0].merge(sub[0]).text = "STT"
    top[1].merge(sub[1]).text = "Nội dung"
    merged = top[2].merge(top[3])
    merged.text = "Năm 2024"
    sub[2].text, sub[3].text = "Chỉ tiêu kế hoạch", "Kết quả thực hiện"
    top[4].merge(sub[4]).text = "Ghi chú"
    for stt, label, target, key in rows:
        cells = new.add_row().cells
        cells[0].text = stt
        if key is None:
            cells[1].merge(cells[4]).text = label
            continue
        cells[1].text, cells[2].text = label, target
        cells[3].text = show(case.values[key])
        cells[4].text = "Có danh sách kèm theo" if key == "key_staff_trained" else ""
    old._tbl.addprevious(new._tbl)
    old._tbl.getparent().remove(old._tbl)
    write("thcs-tran-can-reworded-table.docx", save(doc), [expect(case, "docx")])


def prose_case() -> None:
    """No table: the figures are in sentences; a text box holds one; the plan's future is not a result."""
    case = Case("mn-hoa-ban", "MNHB", 15, date(2024, 11, 7),
                values={"sessions": 5, "participants": 1250, "spokesperson": True, "key_staff": 28,
                        "key_staff_trained": 21, "exhibitions": 2})  # fmt: skip
    results = [
        "Trong năm, nhà trường đã tổ chức được 05 buổi tuyên truyền về quyền con người với 1.250 lượt học sinh "
        "và cha mẹ học sinh tham gia.",
        "Nhà trường đã thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí theo quy định.",
        "Tổng số cán bộ quản lý, giáo viên chủ chốt của trường là 28 đồng chí, trong đó 21 đồng chí được tập huấn "
        "về truyền thông quyền con người.",
    ]
    doc = from_template(case, results=results, table_values=False)
    old = doc.tables[1]
    old._tbl.getparent().remove(old._tbl)
    for p in doc.paragraphs:
        if p.text == "Biểu số liệu:":
            p._p.getparent().remove(p._p)
    text_box(doc, "Nhà trường đã phối hợp tổ chức 02 cuộc triển lãm ảnh, tài liệu về quyền con người.")
    box = doc.paragraphs[-1]
    results_end = next(p for p in doc.paragraphs if p.text.startswith("Tổng số cán bộ quản lý"))
    results_end._p.addnext(box._p)
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây là"))
    future = doc.add_paragraph("V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025")
    future.runs[0].bold = True
    closing._p.addprevious(future._p)
    for text in (
        "Tiếp tục tổ chức 06 buổi tuyên truyền với khoảng 1.400 lượt học sinh tham gia.",
        "Cử thêm 05 đồng chí CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người.",
    ):
        closing._p.addprevious(doc.add_paragraph(text)._p)
    write("mn-hoa-ban-prose-only.docx", save(doc), [expect(case, "docx")])


def targets_case() -> None:
    """The plan's targets quoted next to the results: only the results count."""
    case = Case("th-nam-thanh", "THNT", 27, date(2024, 11, 9),
                values={"sessions": 6, "participants": 1080, "spokesperson": True, "key_staff": 24,
                        "key_staff_trained": 17})  # fmt: skip
    results = [
        "Kế hoạch đề ra chỉ tiêu năm 2024 tổ chức 10 buổi tuyên truyền và 02 cuộc triển lãm ảnh về quyền con người.",
        "Phấn đấu đến năm 2028 có 100% trường thực hiện cơ chế phát ngôn, 70% CBQL, GV chủ chốt được tập huấn, "
        "90% tin giả, tin xấu độc được phát hiện và xử lý.",
        "Kết quả: nhà trường đã tổ chức 06 buổi tuyên truyền, thu hút 1.080 lượt học sinh tham gia.",
        "Nhà trường đã thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí.",
        "Trường có 24 cán bộ quản lý, giáo viên chủ chốt; 17 đồng chí đã được tập huấn về truyền thông quyền con "
        "người.",
    ]
    doc = from_template(case, results=results, table_values=False)
    old = doc.tables[1]
    old._tbl.getparent().remove(old._tbl)
    write("th-nam-thanh-plan-targets.docx", save(doc), [expect(case, "docx")])


def legacy_cases() -> None:
    tcvn = Case(
        "th-be-van-dan",
        "THBVD",
        19,
        date(2024, 11, 11),
        values={"sessions": 4, "participants": 760, "key_staff": 21, "key_staff_trained": 16},
    )
    paragraphs = [
        (".VnTime", "PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ".lower()),
        (".VnTimeH", "Trường tiểu học bế văn đàn"),
        (".VnTime", tcvn.number_line),
        (".VnTime", tcvn.date_line),
        (".VnTimeH", "báo cáo"),
        (".VnTime", "Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"),
        (".VnTime", "Trường Tiểu học Bế Văn Đàn báo cáo kết quả như sau:"),
        (".VnTimeH", "I. kết quả thực hiện"),
        (".VnTime", "Biểu số liệu:"),
    ]
    rows = [(LABELS[k], show(v)) for k, v in tcvn.values.items()]
    tcvn.difficulties, tcvn.proposals = [], []
    write("th-be-van-dan-tcvn3.docx", legacy_docx(paragraphs, rows),
          [expect(tcvn, "docx", codes=("missing_required",))])  # fmt: skip

    vni = Case("mn-hoa-sen", "MNHS", 11, date(2024, 11, 6),
               values={"sessions": 3, "participants": 415, "spokesperson": True, "key_staff": 12,
                       "key_staff_trained": 12})  # fmt: skip
    paragraphs = [
        ("VNI-Times", "PHÒNG GD&ĐT THÀNH PHỐ ĐIỆN BIÊN PHỦ"),
        ("VNI-Times", "TRƯỜNG MẦM NON HOA SEN"),
        ("VNI-Times", vni.number_line),
        ("VNI-Times", vni.date_line),
        ("VNI-Times", "BÁO CÁO"),
        ("VNI-Times", "Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024"),
        ("VNI-Times", "III. KHÓ KHĂN, VƯỚNG MẮC"),
        ("VNI-Times", DIFFICULTIES[0]),
        ("VNI-Times", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        ("VNI-Times", PROPOSALS[0]),
        ("VNI-Times", "Biểu số liệu:"),
    ]
    vni.difficulties, vni.proposals = DIFFICULTIES[:1], PROPOSALS[:1]
    rows = [(LABELS[k], show(v)) for k, v in vni.values.items()]
    write("mn-hoa-sen-vni.docx", legacy_docx(paragraphs, rows), [expect(vni, "docx")])


def reportlab_cases() -> None:
    pdfmetrics.registerFont(TTFont("Serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("SerifB", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"))
    case = Case("thcs-nam-thanh", "THCSNT", 48, date(2024, 11, 13),
                values={**FULL, "sessions": 11, "participants": 1964, "key_staff": 37, "key_staff_trained": 29,
                        "exhibitions": 0, "fake_news_detected": 0, "fake_news_handled": 0})  # fmt: skip
    write("thcs-nam-thanh-reportlab.pdf", reportlab_pdf(case), [expect(case, "pdf-text")])

    photo = Case("thcs-thanh-binh", "THCSTB", 29, date(2024, 11, 8),
                 values={**FULL, "sessions": 6, "participants": 1150, "key_staff": 27, "key_staff_trained": 22,
                         "exhibitions": 1, "fake_news_detected": 2, "fake_news_handled": 1})  # fmt: skip
    page = render_scan(reportlab_pdf(photo, compact=True), seed=3, angle=-0.8)[0]
    buf = io.BytesIO()
    page.convert("RGB").save(buf, "JPEG", quality=75, dpi=(300, 300))
    write("thcs-thanh-binh-photo.jpg", buf.getvalue(), [expect(photo, "ocr")])

    secret = io.BytesIO()
    c = canvas.Canvas(secret, pagesize=A4, encrypt="matkhau", invariant=1)
    c.setFont("Serif", 13)
    c.drawString(3 * cm, 27 * cm, "Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024")
    c.save()
    write("encrypted.pdf", secret.getvalue(), [expect(None, None, codes=("encrypted",))])


def sheet_case() -> None:
    import openpyxl

    case = Case("th-thanh-minh", "THTM", 0, date(2024, 11, 1),
                values={**FULL, "sessions": 3, "participants": 540, "key_staff": 16, "key_staff_trained": 11,
                        "exhibitions": 0, "fake_news_detected": 0, "fake_news_handled": 0})  # fmt: skip
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["SỐ LIỆU BÁO CÁO QUYỀN CON NGƯỜI NĂM 2024 - TRƯỜNG TIỂU HỌC THANH MINH"])
    ws.append(["STT", "Nội dung", "Đơn vị tính", "Kết quả"])
    for n, (key, value) in enumerate(case.values.items(), 1):
        ws.append([n, LABELS[key], "", "Có" if value is True else value])
    buf = io.BytesIO()
    book.save(buf)
    school = {"id": case.school, "name": case.name}  # named in the sheet's title row
    expected = {"file": "", "text_source": "sheet", "school": school, "document_number": None,
                "date": None, "period": None, "cycle": None, "metrics": case.values, "problem_codes": []}  # fmt: skip
    write("th-thanh-minh-figures.xlsx", buf.getvalue(), [expected])


def main() -> int:
    for old in HERE.glob("*.expected.json"):
        old.unlink()
    assert SCHOOLS, "roster.csv is empty"
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        template_cases(Path(tmp))
    reworded_case()
    prose_case()
    targets_case()
    legacy_cases()
    reportlab_cases()
    hostile_cases(write, expect, FULL)
    sheet_case()
    print(f"{len(list(HERE.glob('*.expected.json')))} cases in {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
