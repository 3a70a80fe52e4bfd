"""The email that carries the summary to the office staff: subject, plain text and HTML."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from daemon.summary.document_keys import missing_document_keys
from daemon.summary.files import SummaryFiles
from daemon.summary.labels import (
    fmt_date,
    fmt_datetime,
    fmt_fraction,
    fmt_metric_total,
    fmt_percent,
    fmt_verdict,
    level_label,
    plain_problem,
    subject_line,
)
from daemon.summary.model import SummaryData
from daemon.summary.totals import Totals, compute_totals, enough_reported, reported, upward_view

# The HTML shows the chart as <img src="cid:CHART_CID">; the caller attaches files.png with
# "Content-ID: <summary-chart@baocao>" (inline disposition) so mail clients display it in place.
CHART_CID = "summary-chart@baocao"
TEXT_TEMPLATE = "summary_email.txt.j2"
HTML_TEMPLATE = "summary_email.html.j2"


def _environment(autoescape: bool) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(resources.files("templates")))
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def attached_files(files: SummaryFiles) -> list[tuple[Path, str]]:
    """The files the summary mail carries as attachments, with what each is for: the one list both the mail's
    "Tệp đính kèm" and daemon/cycles/summarize.py's attachments come from. The chart is shown inline, not attached."""
    return [
        (
            files.docx,
            "dự thảo báo cáo của Phòng theo thể thức Nghị định 30/2020/NĐ-CP; số và ngày để trống cho văn thư",
        ),
        (files.xlsx, "số liệu và ý kiến của từng trường (Excel), dòng Tổng cộng tính bằng công thức"),
    ]


def blank_figures(data: SummaryData) -> list[dict[str, str]]:
    """Schools whose report counts but gives no figure at all, or leaves blank a figure a target is computed
    from: said to the staff, never silently counted as done. (Other blanks are visible in the workbook.)"""
    figures = [m for m in data.metrics if m.type != "text"]
    for_targets = {key for t in data.targets for key in (t.metric, t.numerator, t.denominator) if key}
    flagged = []
    for school in data.schools:
        if not reported(school) or school.submitted_at is None or not figures:
            continue
        blank = [m for m in figures if _blank(school.metrics.get(m.key))]
        if len(blank) == len(figures):
            flagged.append({"name": school.name, "what": "không có số liệu nào đọc được"})
        elif needed := [m.label for m in blank if m.key in for_targets]:
            flagged.append(
                {"name": school.name, "what": "thiếu số liệu để tính chỉ tiêu: " + "; ".join(needed)}
            )
    return flagged


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def email_context(data: SummaryData, totals: Totals, files: SummaryFiles) -> dict[str, Any]:
    """Everything the templates print, already worded and formatted in Vietnamese.

    The counts and targets are those of the báo cáo (the upward view), so the mail and the document agree;
    the review matters and blank figures the báo cáo leaves out are listed for the staff to settle first."""
    view = upward_view(data)
    upward = compute_totals(view)
    overall = upward.overall
    subject = subject_line(data)
    return {
        "office": {"name": data.office.name},
        "cycle": {
            "title": data.cycle_title,
            "subject_lower": subject[:1].lower() + subject[1:],
            "due": fmt_date(data.due),
        },
        "generated_at": fmt_datetime(data.generated_at),
        "counts": {
            "expected": overall.expected,
            "received": overall.received,
            "on_time": overall.on_time,
            "late": overall.late,
            "missing": overall.missing,
        },
        "levels": [
            {"name": level_label(lv), "expected": c.expected, "received": c.received, "missing": c.missing}
            for lv, c in upward.by_level.items()
        ],
        "missing": [s.name for s in view.schools if s.status == "missing"],  # a claim alone is not a report
        "needs_review": [
            {
                "name": s.name,
                "counted": s.submitted_at is not None,
                "problems": "; ".join(plain_problem(p, data.metrics) for p in s.problems),
            }
            for s in data.schools
            if s.status == "needs_review"
        ],
        "blank_figures": blank_figures(data),
        "metrics": [
            {"label": m.label, "value": fmt_metric_total(upward.metrics[m.key])} for m in data.metrics
        ],
        "targets": [
            {
                "label": t.label,
                "fraction": fmt_fraction(t),
                "percent": fmt_percent(t.percent),
                "target": fmt_percent(t.target),
                "verdict": fmt_verdict(t),
            }
            for t in upward.targets
        ],
        "targets_judged": enough_reported(overall),
        "attachments": [{"name": path.name, "about": about} for path, about in attached_files(files)],
        "missing_keys": bool(missing_document_keys(data.office)),
        "chart_cid": CHART_CID,
    }


def render_summary_email(data: SummaryData, totals: Totals, files: SummaryFiles) -> tuple[str, str, str]:
    """(subject, text, html); the html references the chart as cid:CHART_CID."""
    context = email_context(data, totals, files)
    counts = context["counts"]
    subject = (
        f"Tổng hợp báo cáo {context['cycle']['subject_lower']}: "
        f"đã nhận {counts['received']}/{counts['expected']} trường"
    )
    text = _environment(False).get_template(TEXT_TEMPLATE).render(context)
    html = _environment(True).get_template(HTML_TEMPLATE).render(context)
    return subject, text, html
