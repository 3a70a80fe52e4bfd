"""The office's báo cáo in the Nghị định 30/2020 format, ready for the clerk to number and the head to sign."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Cm, Pt

from daemon.summary import docx_format as fmt
from daemon.summary.docx_format import CENTER, LEFT, add_text, fill_cell, format_par
from daemon.summary.docx_tables import (
    add_appendix_table,
    add_levels_table,
    add_metrics_table,
    add_targets_table,
)
from daemon.summary.labels import (
    date_line,
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    header_name,
    level_label,
    subject_line,
)
from daemon.summary.model import SummaryData
from daemon.summary.totals import TargetValue, Totals

HEADER_WIDTHS = [7.2, 9.8]  # cm; wider than the text block, shifted into the left margin (HEADER_INDENT)
HEADER_INDENT = -0.5
SIGNATURE_WIDTHS = [8.0, 8.5]
QUOTE_OPEN, QUOTE_CLOSE = "\u201c", "\u201d"


def render_docx(data: SummaryData, totals: Totals, chart_png: bytes) -> bytes:
    doc = new_document()
    fmt.style_document(doc)
    section = doc.sections[0]
    fmt.setup_section(section)
    fmt.add_page_number(section)
    _header(doc, data)
    _title(doc, data)
    _addressees(doc, data)
    _body(doc, data, totals, chart_png)
    _closing(doc, data)
    _appendix(doc, data, totals)
    doc.core_properties.title = f"Báo cáo: {subject_line(data)}"
    doc.core_properties.author = data.office.name
    doc.core_properties.language = "vi-VN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _header(doc: Document, data: SummaryData) -> None:
    table = doc.add_table(rows=2, cols=2)
    fmt.set_borders(table, grid=False)
    fmt.set_widths(table, HEADER_WIDTHS, indent_cm=HEADER_INDENT)
    left, right = table.rows[0].cells
    office = data.office
    first = True
    if office.parent_body:
        fill_cell(left, office.parent_body.upper(), 12)
        first = False
    issuer = (
        fill_cell(left, "", 12)
        if first
        else format_par(left.add_paragraph(), align=CENTER, indent=False, after=0, line=1.0)
    )
    add_text(issuer, header_name(office).upper(), 12, bold=True)
    fmt.add_rule(left.add_paragraph(), 2.8, HEADER_WIDTHS[0])
    fill_cell(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    motto = format_par(right.add_paragraph(), align=CENTER, indent=False, after=0, line=1.0)
    add_text(motto, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    fmt.add_rule(right.add_paragraph(), 5.6, HEADER_WIDTHS[1])  # as long as the Tiêu ngữ at 13 pt bold
    number, place = table.rows[1].cells
    fill_cell(number, f"Số:        /BC-{office.short_name}", 13).paragraph_format.space_before = Pt(6)
    fill_cell(
        place, date_line(office.place, data.generated_at), 13, italic=True
    ).paragraph_format.space_before = Pt(6)


def _title(doc: Document, data: SummaryData) -> None:
    add_text(
        format_par(doc.add_paragraph(), align=CENTER, indent=False, before=18, after=0),
        "BÁO CÁO",
        14,
        bold=True,
    )
    add_text(
        format_par(doc.add_paragraph(), align=CENTER, indent=False, after=0),
        subject_line(data),
        14,
        bold=True,
    )
    fmt.add_rule(doc.add_paragraph(), 4.0, fmt.TEXT_WIDTH_CM)


def _addressees(doc: Document, data: SummaryData) -> None:
    recipients = list(data.office.report_to)
    if len(recipients) <= 1:
        par = format_par(doc.add_paragraph(), align=CENTER, indent=False, before=12, after=12)
        add_text(par, f"Kính gửi: {recipients[0] if recipients else ''}.")
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


def _para(
    doc: Document, text: str, *, bold: bool = False, italic: bool = False, keep_next: bool = False
) -> None:
    add_text(format_par(doc.add_paragraph(), keep_next=keep_next), text, bold=bold, italic=italic)


def _heading(doc: Document, text: str) -> None:
    _para(doc, text, bold=True, keep_next=True)


def _body(doc: Document, data: SummaryData, totals: Totals, chart_png: bytes) -> None:
    office = data.office
    _para(
        doc,
        f"Thực hiện chế độ báo cáo định kỳ về {subject_line(data)[:1].lower()}{subject_line(data)[1:]} "
        f"(thời gian tiếp nhận từ ngày {fmt_date(data.opens)}, hạn gửi ngày {fmt_date(data.due)}), "
        f"trên cơ sở báo cáo của các trường, {office.name} báo cáo kết quả như sau:",
    )
    overall = totals.overall
    _heading(doc, "I. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC TRƯỜNG")
    _para(
        doc,
        f"Tổng số trường phải báo cáo: {overall.expected}; đã gửi báo cáo: {overall.received} "
        f"(đúng hạn: {overall.on_time}; quá hạn: {overall.late}; cần xem lại: {overall.needs_review}); "
        f"chưa gửi: {overall.missing}. Chi tiết theo cấp học:",
    )
    add_levels_table(doc, totals)
    missing = [s.name for s in data.schools if s.status == "missing"]
    if missing:
        _para(doc, f"Các trường chưa gửi báo cáo ({len(missing)}): {'; '.join(missing)}.")
    elif overall.expected:
        _para(doc, "Tất cả các trường đã gửi báo cáo.")
    review = [s for s in data.schools if s.status == "needs_review"]
    if review:
        _para(
            doc,
            "Các báo cáo cần xem lại, bổ sung: "
            + "; ".join(f"{s.name}{' (' + ', '.join(s.problems) + ')' if s.problems else ''}" for s in review)
            + ".",
        )
    late = [f"{s.name} (ngày {_day(s.submitted_at)})" for s in data.schools if s.status == "late"]
    if late:
        _para(doc, f"Các trường gửi báo cáo quá hạn: {'; '.join(late)}.")

    _heading(doc, "II. KẾT QUẢ THỰC HIỆN")
    _para(doc, f"1. Tổng hợp số liệu báo cáo của {overall.received} trường:", bold=True, keep_next=True)
    add_metrics_table(doc, data, totals)
    _para(doc, "2. Số liệu của từng trường: chi tiết tại Phụ lục kèm theo Báo cáo này.", bold=True)

    _heading(doc, "III. TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH")
    if totals.targets:
        for i, target in enumerate(totals.targets, start=1):
            state = "chưa có số liệu" if target.met is None else "đạt" if target.met else "chưa đạt"
            _para(
                doc,
                f"{i}. {target.label}: {_fraction_words(target)}; mục tiêu "
                f"{fmt_percent(target.target)}; đánh giá: {state}.",
            )
        add_targets_table(doc, totals)
    else:
        _para(doc, "Kế hoạch không đặt chỉ tiêu định lượng cho kỳ báo cáo này.")
    picture = format_par(doc.add_paragraph(), align=CENTER, indent=False, before=6, after=0, keep_next=True)
    run = picture.add_run()
    fmt.set_font(run._r, fmt.BODY_SIZE)
    run.add_picture(io.BytesIO(chart_png), width=Cm(16))
    caption = format_par(doc.add_paragraph(), align=CENTER, indent=False)
    add_text(
        caption,
        "Biểu đồ: Tình hình gửi báo cáo theo cấp học và tiến độ thực hiện các chỉ tiêu",
        13,
        italic=True,
    )

    _heading(doc, "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ")
    for number, title, field, none in (
        (1, "Khó khăn, vướng mắc", "difficulties", "Các trường không nêu khó khăn, vướng mắc."),
        (2, "Đề xuất, kiến nghị", "proposals", "Các trường không có đề xuất, kiến nghị."),
    ):
        _para(doc, f"{number}. {title}", bold=True, keep_next=True)
        quoted = [(s, _clean(getattr(s, field))) for s in data.schools if s.status != "missing"]
        quoted = [(s, text) for s, text in quoted if text]
        for school, text in quoted:
            par = format_par(doc.add_paragraph())
            add_text(par, f"- {school.name}: ", bold=False, italic=False)
            add_text(par, f"{QUOTE_OPEN}{text}{QUOTE_CLOSE}", italic=True)
        if not quoted:
            _para(doc, none)


def _fraction_words(target: TargetValue) -> str:
    if target.denominator == 0:
        return "chưa có số liệu"
    if target.kind == "share_yes":
        return (
            f"{fmt_number(target.numerator)}/{fmt_number(target.denominator)} trường báo cáo "
            f"({fmt_percent(target.percent)})"
        )
    return (
        f"{fmt_number(target.numerator)}/{fmt_number(target.denominator)} "
        f"({fmt_percent(target.percent)}, số liệu của {target.schools} trường)"
    )


def _day(moment: datetime | None) -> str:
    return fmt_datetime(moment).split(" ")[0]


def _clean(text: str | None) -> str:
    """One paragraph: justified text must not contain hard line breaks (§1.11)."""
    return " ".join((text or "").split()).strip(' "“”')


def _closing(doc: Document, data: SummaryData) -> None:
    _para(
        doc,
        f"Trên đây là báo cáo {subject_line(data)[:1].lower()}{subject_line(data)[1:]} của "
        f"{data.office.name}./.",
        keep_next=True,
    )
    table = doc.add_table(rows=1, cols=2)
    fmt.set_borders(table, grid=False)
    fmt.set_widths(table, SIGNATURE_WIDTHS)
    fmt.keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    left.vertical_alignment = right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    fill_cell(left, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT).paragraph_format.space_before = Pt(6)
    for item in ("- Như trên;", "- Lưu: VT."):
        add_text(format_par(left.add_paragraph(), align=LEFT, indent=False, after=0, line=1.0), item, 11)
    fill_cell(right, data.office.signer_title.upper(), 14, bold=True).paragraph_format.space_before = Pt(6)
    for _ in range(4):  # room for the signature and the seal
        format_par(right.add_paragraph(), align=CENTER, indent=False, after=0)
    name = format_par(right.add_paragraph(), align=CENTER, indent=False, after=0)
    if data.office.signer_name:
        add_text(name, data.office.signer_name, 14, bold=True)


def _appendix(doc: Document, data: SummaryData, totals: Totals) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    fmt.setup_section(section, landscape=True)
    fmt.restart_numbering(section)
    add_text(format_par(doc.add_paragraph(), align=CENTER, indent=False, after=0), "Phụ lục", 14, bold=True)
    add_text(
        format_par(doc.add_paragraph(), align=CENTER, indent=False, after=0),
        "SỐ LIỆU BÁO CÁO CỦA CÁC TRƯỜNG",
        14,
        bold=True,
    )
    month_year = date_line("", data.generated_at).split("ngày", 1)[1]
    add_text(
        format_par(doc.add_paragraph(), align=CENTER, indent=False),
        f"(Kèm theo Báo cáo số        /BC-{data.office.short_name} ngày{month_year} của {data.office.name})",
        13,
        italic=True,
    )
    add_appendix_table(doc, data, totals)
    levels = ", ".join(f"{lv}: {level_label(lv)}" for lv in dict.fromkeys(s.level for s in data.schools))
    if levels:
        add_text(
            format_par(doc.add_paragraph(), indent=False, before=6), f"Ghi chú: {levels}.", 12, italic=True
        )
