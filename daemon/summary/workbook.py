"""The summary as an Excel workbook: one row per school, a totals row, and a sheet for the targets."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from daemon.summary.labels import (
    NO_DATA,
    fmt_fraction,
    fmt_verdict,
    level_label,
    local_naive,
    status_label,
)
from daemon.summary.model import MetricInfo, SchoolResult, SummaryData
from daemon.summary.totals import Totals, number

SCHOOLS_SHEET = "Các trường"
TARGETS_SHEET = "Chỉ tiêu"
LEVELS_SHEET = "Theo cấp học"
FIXED_HEADERS = ["Mã trường", "Tên trường", "Cấp học", "Tình trạng", "Thời gian gửi (giờ Việt Nam)"]
TAIL_HEADERS = ["Tệp đính kèm", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị", "Ghi chú"]
TOTAL_LABEL = "Tổng cộng"
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def render_workbook(data: SummaryData, totals: Totals) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    ws.title = SCHOOLS_SHEET
    _schools_sheet(ws, data, totals)
    _levels_sheet(wb.create_sheet(LEVELS_SHEET), totals)
    _targets_sheet(wb.create_sheet(TARGETS_SHEET), totals)
    wb.properties.title = data.cycle_title
    wb.properties.creator = data.office.name
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell_value(metric: MetricInfo, value: object) -> object:
    if metric.type == "yesno":
        return ("Có" if value else "Không") if isinstance(value, bool) else None
    if metric.type in ("count", "percent"):
        return number(value)  # type: ignore[arg-type]
    return value if isinstance(value, str) and value else None


def _school_row(data: SummaryData, school: SchoolResult) -> list[object]:
    return [
        school.id,
        school.name,
        school.level,
        status_label(school.status),
        local_naive(school.submitted_at),
        *(_cell_value(m, school.metrics.get(m.key)) for m in data.metrics),
        "; ".join(school.files) or None,
        school.difficulties or None,
        school.proposals or None,
        "; ".join(school.problems) or None,
    ]


def _schools_sheet(ws: Worksheet, data: SummaryData, totals: Totals) -> None:
    headers = FIXED_HEADERS + [m.label for m in data.metrics] + TAIL_HEADERS
    ws.append(headers)
    for school in data.schools:
        ws.append(_school_row(data, school))
    total_row: list[object] = [TOTAL_LABEL, None, None, f"Đã nhận {totals.received}/{totals.expected}", None]
    for metric in data.metrics:
        total = totals.metrics[metric.key]
        if total.reporting == 0 or metric.type == "text":
            total_row.append(None if metric.type == "text" else NO_DATA)
        elif metric.type == "yesno":
            total_row.append(f"{total.value}/{total.reporting} Có")
        else:
            total_row.append(total.value)
    ws.append(total_row + [None] * len(TAIL_HEADERS))
    first_metric = len(FIXED_HEADERS) + 1
    last_row = ws.max_row
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = _width(header, col, first_metric, len(data.metrics))
    for row in ws.iter_rows(min_row=2, max_row=last_row):
        for cell in row:
            cell.border = _BOX
            if cell.column == 5:
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif first_metric <= cell.column < first_metric + len(data.metrics):
                metric = data.metrics[cell.column - first_metric]
                cell.number_format = "0.0" if metric.type == "percent" else "#,##0"
            elif cell.column > first_metric + len(data.metrics) - 1:
                cell.alignment = _WRAP_TOP
    for cell in ws[last_row]:
        cell.font = _BOLD
    ws.row_dimensions[1].height = 75
    ws.freeze_panes = "C2"  # keep the header and the school names in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(last_row - 1, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _width(header: str, col: int, first_metric: int, metrics: int) -> float:
    if col == 2:
        return 34
    if col == 5:
        return 17
    if first_metric <= col < first_metric + metrics:
        return 14
    if col > first_metric + metrics - 1:
        return 40
    return max(len(header) + 2, 12)


def _levels_sheet(ws: Worksheet, totals: Totals) -> None:
    ws.append(["Cấp học", "Số trường", "Đã nhận", "Đúng hạn", "Quá hạn", "Cần xem lại", "Chưa gửi"])
    rows = [(level_label(lv), c) for lv, c in totals.by_level.items()] + [(TOTAL_LABEL, totals.overall)]
    for name, c in rows:
        ws.append([name, c.expected, c.received, c.on_time, c.late, c.needs_review, c.missing])
    _style_simple(ws, [22, 11, 11, 11, 11, 13, 11])


def _targets_sheet(ws: Worksheet, totals: Totals) -> None:
    ws.append(["Chỉ tiêu", "Tử số", "Mẫu số", "Kết quả", "Tỷ lệ (%)", "Mục tiêu (%)", "Đánh giá"])
    for t in totals.targets:
        percent = round(t.percent, 2) if t.percent is not None else NO_DATA
        ws.append([t.label, t.numerator, t.denominator, fmt_fraction(t), percent, t.target, fmt_verdict(t)])
    _style_simple(ws, [48, 10, 10, 18, 11, 13, 16])


def _style_simple(ws: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.freeze_panes = "A2"
