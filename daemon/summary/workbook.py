"""The summary as an Excel workbook: the office's working file.

"Các trường": one row per school and a "Tổng cộng" row of formulas (a clerk who corrects a figure sees the
total follow), printed on A4 landscape, one page wide, the header row on every page. "Ý kiến các trường": the
schools' own words with the themes section IV grouped them under. "Theo cấp học", and "Chỉ tiêu": each target
with its figures, its rate (a formula) and its verdict.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from daemon.summary.document.issues import clean
from daemon.summary.labels import (
    NO_DATA,
    fmt_verdict,
    level_label,
    local_naive,
    plain_problem,
    status_label,
)
from daemon.summary.model import MetricInfo, SchoolResult, SummaryData
from daemon.summary.themes import themes_of
from daemon.summary.totals import Totals, enough_reported, number, reported

SCHOOLS_SHEET = "Các trường"
QUOTES_SHEET = "Ý kiến các trường"
TARGETS_SHEET = "Chỉ tiêu"
LEVELS_SHEET = "Theo cấp học"
FIXED_HEADERS = ["Mã trường", "Tên trường", "Cấp học", "Tình trạng", "Thời gian gửi (giờ Việt Nam)"]
TAIL_HEADERS = ["Tệp đính kèm", "Ghi chú"]
QUOTES_HEADERS = ["Mã trường", "Tên trường", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị", "Chủ đề (mục IV)"]
TOTAL_LABEL = "Tổng cộng"
YES, NO = "Có", "Không"
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")


def render_workbook(data: SummaryData, totals: Totals) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new Workbook always has one sheet
    ws.title = SCHOOLS_SHEET
    _schools_sheet(ws, data)
    _quotes_sheet(wb.create_sheet(QUOTES_SHEET), data)
    _levels_sheet(wb.create_sheet(LEVELS_SHEET), totals)
    _targets_sheet(wb.create_sheet(TARGETS_SHEET), totals)
    wb.calculation.fullCalcOnLoad = True  # openpyxl stores no cached results: compute the totals on opening
    wb.properties.title = data.cycle_title
    wb.properties.creator = data.office.name
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell_value(metric: MetricInfo, value: object) -> object:
    if metric.type == "yesno":
        return (YES if value else NO) if isinstance(value, bool) else None
    if metric.type in ("count", "percent"):
        return number(value)  # type: ignore[arg-type]
    return value if isinstance(value, str) and value else None


def _school_row(data: SummaryData, school: SchoolResult) -> list[object]:
    # a school that has not reported has no figures here: stray values would enter the SUM below
    counted = reported(school)
    return [
        school.id,
        school.name,
        school.level,
        status_label(school.status),
        local_naive(school.submitted_at),
        *(_cell_value(m, school.metrics.get(m.key) if counted else None) for m in data.metrics),
        "; ".join(school.files) or None,
        "; ".join(plain_problem(p, data.metrics) for p in school.problems) or None,
    ]


def _total_formula(metric: MetricInfo, cells: str) -> str:
    """Count: the sum; percent: the mean of schools that gave one; yes/no: how many said yes; text: how many
    wrote something. Blank cells (no figure) are left out; no figure at all reads "chưa có số liệu", not 0."""
    if metric.type == "text":
        return f"=COUNTA({cells})"
    present, total = {
        "count": ("COUNT", f"SUM({cells})"),
        "percent": ("COUNT", f"AVERAGE({cells})"),
        "yesno": ("COUNTA", f'COUNTIF({cells},"{YES}")'),
    }[metric.type]
    return f'=IF({present}({cells})=0,"{NO_DATA}",{total})'


def _total_format(metric: MetricInfo) -> str:
    return {
        "count": "#,##0",
        "percent": "0.0",
        "yesno": f'0" trường {YES.lower()}"',
    }.get(metric.type, '0" trường"')


def _schools_sheet(ws: Worksheet, data: SummaryData) -> None:
    headers = FIXED_HEADERS + [m.label for m in data.metrics] + TAIL_HEADERS
    ws.append(headers)
    for school in data.schools:
        ws.append(_school_row(data, school))
    first, last = 2, max(len(data.schools) + 1, 2)
    status = f"D{first}:D{last}"
    total_row: list[object] = [
        TOTAL_LABEL,
        None,
        None,
        f'="Đã nhận "&(ROWS({status})-COUNTIF({status},"{status_label("missing")}"))&"/"&ROWS({status})'
        if data.schools
        else "Đã nhận 0/0",
        None,
    ]
    first_metric = len(FIXED_HEADERS) + 1
    for i, metric in enumerate(data.metrics):
        letter = get_column_letter(first_metric + i)
        total_row.append(_total_formula(metric, f"{letter}{first}:{letter}{last}") if data.schools else None)
    ws.append(total_row + [None] * len(TAIL_HEADERS))
    total_at = ws.max_row
    last_metric = first_metric + len(data.metrics) - 1
    for col in range(1, len(headers) + 1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEAD_FILL, _BOX, _HEAD_ALIGN
        ws.column_dimensions[get_column_letter(col)].width = _width(col, first_metric, last_metric)
    for row in ws.iter_rows(min_row=2, max_row=total_at):
        for cell in row:
            cell.border = _BOX
            if cell.column == 5:
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif first_metric <= cell.column <= last_metric:
                metric = data.metrics[cell.column - first_metric]
                cell.number_format = "0.0" if metric.type == "percent" else "#,##0"
            elif cell.column > last_metric:
                cell.alignment = _WRAP_TOP
    for cell in ws[total_at]:
        cell.font = _BOLD
        if first_metric <= cell.column <= last_metric:
            cell.number_format = _total_format(data.metrics[cell.column - first_metric])
    ws.row_dimensions[1].height = 105  # metric labels wrap over up to seven lines of their narrow columns
    ws.freeze_panes = "C2"  # keep the header and the school names in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(total_at - 1, 1)}"
    # Printed: the figures table (files and notes are on-screen working columns), one page wide.
    ws.print_area = f"A1:{get_column_letter(max(last_metric, 5))}{total_at}"
    _print_landscape(ws)


def _print_landscape(ws: Worksheet) -> None:
    """A4 landscape, every column on one page width (as many pages down as needed), the header row repeated."""
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _width(col: int, first_metric: int, last_metric: int) -> float:
    fixed = {1: 14, 2: 30, 3: 9, 4: 12, 5: 16}
    if col in fixed:
        return fixed[col]
    if first_metric <= col <= last_metric:
        return 11
    return 36


def _quotes_sheet(ws: Worksheet, data: SummaryData) -> None:
    ws.append(QUOTES_HEADERS)
    for s in data.schools:
        difficulties, proposals = clean(s.difficulties), clean(s.proposals)
        if not reported(s) or not (difficulties or proposals):
            continue
        themes = dict.fromkeys(t.label for text in (difficulties, proposals) if text for t in themes_of(text))
        ws.append([s.id, s.name, difficulties or None, proposals or None, "; ".join(themes)])
    _style_simple(ws, [14, 30, 60, 60, 30])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP_TOP
    _print_landscape(ws)


def _levels_sheet(ws: Worksheet, totals: Totals) -> None:
    ws.append(["Cấp học", "Số trường", "Đã nhận", "Đúng hạn", "Quá hạn", "Cần xem lại", "Chưa gửi"])
    for name, c in totals.by_level.items():
        ws.append([level_label(name), c.expected, c.received, c.on_time, c.late, c.needs_review, c.missing])
    end = ws.max_row
    ws.append(
        [TOTAL_LABEL]
        + [
            f"=SUM({get_column_letter(col)}2:{get_column_letter(col)}{end})" if end >= 2 else 0
            for col in range(2, 8)
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
    _style_simple(ws, [22, 11, 11, 11, 11, 13, 11])
    _print_landscape(ws)


def _targets_sheet(ws: Worksheet, totals: Totals) -> None:
    ws.append(
        [
            "Chỉ tiêu",
            "Kết quả (tử số)",
            "Trên (mẫu số)",
            "Số trường có số liệu",
            "Tỷ lệ (%)",
            "Mục tiêu (%)",
            "Đánh giá",
        ]
    )
    for t in totals.targets:
        row = ws.max_row + 1
        ws.append(
            [
                t.label,
                t.numerator,
                t.denominator,
                t.schools,
                f'=IF(C{row}>0,ROUND(B{row}/C{row}*100,1),"{NO_DATA}")',
                t.target,
                fmt_verdict(t),
            ]
        )
    overall = totals.overall
    ws.append([])
    if not totals.targets:
        ws.append(["Kế hoạch không đặt chỉ tiêu định lượng cho kỳ báo cáo này."])
    ws.append([f"Đã gửi báo cáo: {overall.received}/{overall.expected} trường."])
    ws.append(
        [
            "Chỉ tiêu được đánh giá (Đạt / Chưa đạt) khi có ít nhất một nửa số trường gửi báo cáo"
            + ("." if enough_reported(overall) else "; kỳ này chưa đủ nên chưa đánh giá.")
        ]
    )
    _style_simple(ws, [48, 14, 14, 14, 11, 13, 16])
    _print_landscape(ws)


def _style_simple(ws: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = _BOLD, _HEAD_FILL, _HEAD_ALIGN
    ws.freeze_panes = "A2"
