"""The compiled summary: the office's báo cáo (docx), a workbook, a chart, summary.json and the email.

Pure rendering from a SummaryData (model.py), on the middle floor: it imports nothing of daemon outside
daemon.summary, and no mailbox, outbox or database code. cycles/summarize.py, cli/check.py and the tests import
it; this file gathers its public names, so importing it loads the document and chart libraries.
"""

from __future__ import annotations

from pathlib import Path

from daemon.summary.chart import render_chart
from daemon.summary.document.report import render_docx
from daemon.summary.document_keys import missing_document_keys
from daemon.summary.files import SummaryFiles, summary_paths, write_atomically
from daemon.summary.jsonfile import SCHEMA, data_fingerprint, render_json, summary_document
from daemon.summary.message import CHART_CID, render_summary_email
from daemon.summary.model import MetricInfo, OfficeInfo, SchoolResult, SummaryData, TargetInfo
from daemon.summary.totals import MetricTotal, StatusCounts, TargetValue, Totals, compute_totals, upward_view
from daemon.summary.workbook import render_workbook

__all__ = [
    "CHART_CID",
    "SCHEMA",
    "MetricInfo",
    "MetricTotal",
    "OfficeInfo",
    "SchoolResult",
    "StatusCounts",
    "SummaryData",
    "SummaryFiles",
    "TargetInfo",
    "TargetValue",
    "Totals",
    "compute_totals",
    "data_fingerprint",
    "missing_document_keys",
    "render_summary_email",
    "summary_document",
    "upward_view",
    "write_summary",
]


def write_summary(data: SummaryData, out_dir: Path) -> SummaryFiles:
    """Render all four files into out_dir (created if needed), each written atomically.

    The báo cáo and its chart go upward and show the upward view (sent on time, late, not sent); the workbook and
    summary.json are the office's own working files and keep every state, review matters included."""
    out_dir.mkdir(parents=True, exist_ok=True)
    totals = compute_totals(data)
    upward = upward_view(data)
    upward_totals = compute_totals(upward)
    files = summary_paths(out_dir, data.cycle_id)
    chart = render_chart(upward, upward_totals)
    contents = {
        files.png: chart,
        files.docx: render_docx(upward, upward_totals, chart),
        files.xlsx: render_workbook(data, totals),
        files.json: render_json(data, totals),
    }
    for path, content in contents.items():
        write_atomically(path, content)
    return files
