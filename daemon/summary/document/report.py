"""The office's báo cáo in the Nghị định 30/2020 format, ready for the clerk to number and the head to sign."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.shared import Cm

from daemon.summary.document import format as fmt
from daemon.summary.document.format import CENTER, add_text, format_par
from daemon.summary.document.frame import add_addressees, add_header, add_signature, add_title
from daemon.summary.document.issues import add_issues_section, add_quotes_table, quoted_schools
from daemon.summary.document.tables import (
    add_appendix_table,
    add_levels_table,
    add_metrics_table,
    add_targets_table,
)
from daemon.summary.labels import (
    NO_DATA,
    date_line,
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    fmt_verdict,
    level_label,
    subject_line,
)
from daemon.summary.model import SummaryData
from daemon.summary.totals import TargetValue, Totals, enough_reported

QUOTES_ANNEX = "Phụ lục II"
CHART_WIDTH_CM = 16.0
CHART_NARROW_CM = 11.0  # the one-panel chart (no targets) at the same scale as the two-panel one


def render_docx(data: SummaryData, totals: Totals, chart_png: bytes) -> bytes:
    """The báo cáo from the upward view of the cycle (totals.upward_view): only the office's findings."""
    doc = new_document()
    fmt.style_document(doc)
    section = doc.sections[0]
    fmt.setup_section(section)
    fmt.add_page_number(section)
    quoted = bool(quoted_schools(data))
    add_header(doc, data)
    add_title(doc, data)
    add_addressees(doc, data)
    _body(doc, data, totals, chart_png, quotes_annex=QUOTES_ANNEX if quoted else None)
    _closing(doc, data)
    _appendix(doc, data, totals, "Phụ lục I" if quoted else "Phụ lục")
    if quoted:
        _quotes_appendix(doc, data)
    doc.core_properties.title = f"Báo cáo: {subject_line(data)}"
    doc.core_properties.author = data.office.name
    doc.core_properties.language = "vi-VN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _para(
    doc: Document, text: str, *, bold: bool = False, italic: bool = False, keep_next: bool = False
) -> None:
    add_text(format_par(doc.add_paragraph(), keep_next=keep_next), text, bold=bold, italic=italic)


def _heading(doc: Document, text: str) -> None:
    _para(doc, text, bold=True, keep_next=True)


def _body(
    doc: Document, data: SummaryData, totals: Totals, chart_png: bytes, *, quotes_annex: str | None
) -> None:
    office = data.office
    subject = subject_line(data)[:1].lower() + subject_line(data)[1:]
    _para(
        doc,
        f"Thực hiện chế độ báo cáo định kỳ về {subject} (thời gian tiếp nhận từ ngày {fmt_date(data.opens)}, "
        f"hạn gửi ngày {fmt_date(data.due)}), trên cơ sở báo cáo của các trường, {office.name} báo cáo kết quả "
        "như sau:",
    )
    overall = totals.overall
    _heading(doc, "I. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC TRƯỜNG")
    _para(
        doc,
        f"Tổng số trường phải báo cáo: {overall.expected}; đã gửi báo cáo: {overall.received} "
        f"(đúng hạn: {overall.on_time}; quá hạn: {overall.late}); chưa gửi: {overall.missing}. "
        "Chi tiết theo cấp học:",
        keep_next=True,
    )
    add_levels_table(doc, totals)
    missing = [s.name for s in data.schools if s.status == "missing"]
    if missing:
        _para(doc, f"Các trường chưa gửi báo cáo ({len(missing)}): {'; '.join(missing)}.")
    elif overall.expected:
        _para(doc, "Tất cả các trường đã gửi báo cáo.")
    late = [f"{s.name} (ngày {_day(s.submitted_at)})" for s in data.schools if s.status == "late"]
    if late:
        _para(doc, f"Các trường gửi báo cáo quá hạn ({len(late)}): {'; '.join(late)}.")

    _heading(doc, "II. KẾT QUẢ THỰC HIỆN")
    _para(doc, f"1. Tổng hợp số liệu báo cáo của {overall.received} trường:", bold=True, keep_next=True)
    add_metrics_table(doc, data, totals)
    _para(
        doc,
        "2. Số liệu của từng trường: chi tiết tại Phụ lục I kèm theo Báo cáo này."
        if quotes_annex
        else "2. Số liệu của từng trường: chi tiết tại Phụ lục kèm theo Báo cáo này.",
        bold=True,
    )

    _heading(doc, "III. TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH")
    if totals.targets:
        _targets(doc, totals)
    else:
        _para(doc, "Kế hoạch không đặt chỉ tiêu định lượng cho kỳ báo cáo này.")
    # The chart carries its own title, so no caption line: one block that fits where the page has room.
    picture = format_par(doc.add_paragraph(), align=CENTER, indent=False, line=1.0)
    run = picture.add_run()
    fmt.set_font(run._r, fmt.BODY_SIZE)
    run.add_picture(io.BytesIO(chart_png), width=Cm(CHART_WIDTH_CM if totals.targets else CHART_NARROW_CM))

    _heading(doc, "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ")
    add_issues_section(doc, data, annex=quotes_annex)


def _targets(doc: Document, totals: Totals) -> None:
    overall = totals.overall
    if enough_reported(overall):
        _para(
            doc, f"Số liệu của {overall.received}/{overall.expected} trường đã gửi báo cáo:", keep_next=True
        )
    else:
        _para(
            doc,
            f"Đến thời điểm tổng hợp mới có {overall.received}/{overall.expected} trường gửi báo cáo, chưa đủ "
            "một nửa số trường phải báo cáo, nên chưa đánh giá mức độ đạt các chỉ tiêu; số liệu dưới đây chỉ "
            "để tham khảo.",
            keep_next=True,
        )
    for i, target in enumerate(totals.targets, start=1):
        verdict = (
            "" if target.met is None or not target.judged else f"; đánh giá: {fmt_verdict(target).lower()}"
        )
        _para(
            doc,
            f"{i}. {target.label}: {_fraction_words(target)}; mục tiêu {fmt_percent(target.target)}{verdict}.",
        )
    add_targets_table(doc, totals)


def _fraction_words(target: TargetValue) -> str:
    if target.denominator == 0:
        return NO_DATA
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


def _closing(doc: Document, data: SummaryData) -> None:
    subject = subject_line(data)[:1].lower() + subject_line(data)[1:]
    _para(doc, f"Trên đây là báo cáo {subject} của {data.office.name}./.", keep_next=True)
    add_signature(doc, data)


def _annex_heading(doc: Document, data: SummaryData, name: str, title: str) -> None:
    """'Phụ lục I' / title / '(Kèm theo Báo cáo số ...)' on a new landscape page numbered from 1."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    fmt.setup_section(section, landscape=True)
    fmt.restart_numbering(section)
    add_text(format_par(doc.add_paragraph(), align=CENTER, indent=False, after=0), name, 14, bold=True)
    add_text(format_par(doc.add_paragraph(), align=CENTER, indent=False, after=0), title, 14, bold=True)
    month_year = date_line("", data.generated_at).split("ngày", 1)[1]
    add_text(
        format_par(doc.add_paragraph(), align=CENTER, indent=False),
        f"(Kèm theo Báo cáo số        /BC-{data.office.short_name} ngày{month_year} của {data.office.name})",
        13,
        italic=True,
    )


def _appendix(doc: Document, data: SummaryData, totals: Totals, name: str) -> None:
    _annex_heading(doc, data, name, "SỐ LIỆU BÁO CÁO CỦA CÁC TRƯỜNG")
    add_appendix_table(doc, data, totals)
    levels = ", ".join(f"{lv}: {level_label(lv)}" for lv in dict.fromkeys(s.level for s in data.schools))
    if levels:
        add_text(
            format_par(doc.add_paragraph(), indent=False, before=6), f"Ghi chú: {levels}.", 12, italic=True
        )


def _quotes_appendix(doc: Document, data: SummaryData) -> None:
    _annex_heading(doc, data, QUOTES_ANNEX, "KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC TRƯỜNG")
    add_quotes_table(doc, data)
