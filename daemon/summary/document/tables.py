"""The tables of the báo cáo: submissions by level, metric totals, targets, and the per-school appendix."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from daemon.summary.document import format as fmt
from daemon.summary.document.format import LEFT
from daemon.summary.document.format import fill_cell as _fill
from daemon.summary.labels import (
    fmt_datetime,
    fmt_fraction,
    fmt_metric_total,
    fmt_metric_value,
    fmt_percent,
    fmt_verdict,
    level_label,
    status_label,
)
from daemon.summary.model import SummaryData
from daemon.summary.totals import Totals

TABLE_SIZE = 13
CELL_PAD = 2  # pt above and below cell text: readable rows without wasting the page
APPENDIX_SIZE = 11
APPENDIX_HEAD_SIZE = 10
APPENDIX_FIXED = [1.0, 4.8, 2.0, 2.0, 2.3]  # STT, school, level, status, time (cm)


def fill_cell(cell: _Cell, text: str, size: float, **kwargs: Any) -> Paragraph:
    return _fill(cell, text, size, pad=CELL_PAD if size >= TABLE_SIZE else 1, **kwargs)


def new_table(doc: Document, rows: int, widths: list[float]) -> Table:
    table = doc.add_table(rows=rows, cols=len(widths))
    fmt.set_borders(table, grid=True)
    fmt.set_widths(table, widths)
    table_rows = table.rows
    fmt.mark_header_row(table_rows[0])
    for row in table_rows[1:]:
        fmt.keep_row_together(row)
    return table


def head_row(table: Table, titles: list[str], size: float) -> None:
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        fill_cell(cell, title, size, bold=True)


def _spacer(doc: Document) -> None:
    fmt.format_par(doc.add_paragraph(), indent=False, after=0, line=1.0)


def add_levels_table(doc: Document, totals: Totals) -> None:
    """Totals of the upward view (totals.upward_view): sent on time, sent late, not sent."""
    titles = ["Cấp học", "Số trường", "Đã gửi", "Đúng hạn", "Quá hạn", "Chưa gửi"]
    rows = [(level_label(lv), c) for lv, c in totals.by_level.items()] + [("Tổng cộng", totals.overall)]
    table = new_table(doc, len(rows) + 1, [4.6, 2.3, 2.3, 2.4, 2.4, 2.5])
    head_row(table, titles, TABLE_SIZE)
    for row, (name, counts) in zip(table.rows[1:], rows, strict=True):
        bold = name == "Tổng cộng"
        values = [counts.expected, counts.received, counts.on_time, counts.late, counts.missing]
        cells = row.cells
        fill_cell(cells[0], name, TABLE_SIZE, bold=bold, align=LEFT)
        for cell, value in zip(cells[1:], values, strict=True):
            fill_cell(cell, str(value), TABLE_SIZE, bold=bold)
    _spacer(doc)


def add_metrics_table(doc: Document, data: SummaryData, totals: Totals) -> None:
    table = new_table(doc, len(data.metrics) + 1, [1.2, 8.6, 4.0, 2.7])
    head_row(table, ["STT", "Nội dung", "Kết quả", "Số trường có số liệu"], TABLE_SIZE)
    for i, (row, metric) in enumerate(zip(table.rows[1:], data.metrics, strict=True), start=1):
        total = totals.metrics[metric.key]
        cells = row.cells
        fill_cell(cells[0], str(i), TABLE_SIZE)
        fill_cell(cells[1], metric.label, TABLE_SIZE, align=LEFT)
        fill_cell(cells[2], fmt_metric_total(total), TABLE_SIZE)
        fill_cell(cells[3], str(total.reporting), TABLE_SIZE)
    _spacer(doc)


def add_targets_table(doc: Document, totals: Totals) -> None:
    table = new_table(doc, len(totals.targets) + 1, [1.3, 5.9, 3.3, 2.0, 1.9, 2.1])
    head_row(table, ["STT", "Chỉ tiêu", "Kết quả thực hiện", "Tỷ lệ", "Mục tiêu", "Đánh giá"], TABLE_SIZE)
    for i, (row, target) in enumerate(zip(table.rows[1:], totals.targets, strict=True), start=1):
        cells = row.cells
        fill_cell(cells[0], str(i), TABLE_SIZE)
        fill_cell(cells[1], target.label, TABLE_SIZE, align=LEFT)
        fill_cell(cells[2], fmt_fraction(target), TABLE_SIZE)
        fill_cell(cells[3], fmt_percent(target.percent), TABLE_SIZE)
        fill_cell(cells[4], fmt_percent(target.target), TABLE_SIZE)
        fill_cell(cells[5], fmt_verdict(target), TABLE_SIZE, bold=target.met is not None and target.judged)
    _spacer(doc)


def add_appendix_table(doc: Document, data: SummaryData, totals: Totals) -> None:
    """One row per school, every metric a column, a totals row at the end."""
    width = (fmt.LANDSCAPE_TEXT_WIDTH_CM - sum(APPENDIX_FIXED)) / max(len(data.metrics), 1)
    widths = APPENDIX_FIXED + [width] * len(data.metrics)
    table = new_table(doc, len(data.schools) + 2, widths)
    titles = ["STT", "Tên trường", "Cấp học", "Tình trạng", "Thời gian gửi"] + [m.label for m in data.metrics]
    head_row(table, titles, APPENDIX_HEAD_SIZE)
    rows = table.rows
    for i, school in enumerate(data.schools, start=1):
        cells = rows[i].cells
        fill_cell(cells[0], str(i), APPENDIX_SIZE)
        fill_cell(cells[1], school.name, APPENDIX_SIZE, align=LEFT)
        fill_cell(cells[2], school.level, APPENDIX_SIZE)
        fill_cell(cells[3], status_label(school.status), APPENDIX_SIZE)
        fill_cell(cells[4], fmt_datetime(school.submitted_at), APPENDIX_SIZE)
        for cell, metric in zip(cells[5:], data.metrics, strict=True):
            fill_cell(cell, fmt_metric_value(metric, school.metrics.get(metric.key)), APPENDIX_SIZE)
    cells = rows[-1].cells
    fill_cell(cells[1], "Tổng cộng", APPENDIX_SIZE, bold=True, align=LEFT)
    fill_cell(cells[3], f"{totals.received}/{totals.expected}", APPENDIX_SIZE, bold=True)
    for cell, metric in zip(cells[5:], data.metrics, strict=True):
        fill_cell(cell, _short_total(totals, metric.key), APPENDIX_SIZE, bold=True)


def _short_total(totals: Totals, key: str) -> str:
    total = totals.metrics[key]
    if total.type == "yesno" and total.reporting:
        return f"{total.value}/{total.reporting}"
    if total.type == "percent" and total.reporting:
        return fmt_percent(total.value)
    if total.type == "text":
        return ""
    return fmt_metric_total(total)
