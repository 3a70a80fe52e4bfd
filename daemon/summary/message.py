"""The email that carries the summary to the office staff: subject, plain text and HTML."""

from __future__ import annotations

from importlib import resources
from typing import Any

import jinja2

from daemon.summary.files import SummaryFiles
from daemon.summary.labels import (
    fmt_datetime,
    fmt_fraction,
    fmt_metric_total,
    fmt_percent,
    fmt_verdict,
    level_label,
    subject_line,
)
from daemon.summary.model import SummaryData
from daemon.summary.totals import Totals

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


def email_context(data: SummaryData, totals: Totals, files: SummaryFiles) -> dict[str, Any]:
    """Everything the templates print, already worded and formatted in Vietnamese."""
    overall = totals.overall
    return {
        "office": {"name": data.office.name, "email": data.office.email},
        "cycle": {
            "id": data.cycle_id,
            "title": data.cycle_title,
            "subject": subject_line(data),
            "subject_lower": subject_line(data)[:1].lower() + subject_line(data)[1:],
            "due": data.due.strftime("%d/%m/%Y"),
        },
        "generated_at": fmt_datetime(data.generated_at),
        "counts": {
            "expected": overall.expected,
            "received": overall.received,
            "on_time": overall.on_time,
            "late": overall.late,
            "missing": overall.missing,
            "needs_review": overall.needs_review,
        },
        "levels": [
            {"name": level_label(lv), "expected": c.expected, "received": c.received, "missing": c.missing}
            for lv, c in totals.by_level.items()
        ],
        "missing": [s.name for s in data.schools if s.status == "missing"],
        "needs_review": [
            {"name": s.name, "problems": "; ".join(s.problems)}
            for s in data.schools
            if s.status == "needs_review"
        ],
        "metrics": [
            {"label": m.label, "value": fmt_metric_total(totals.metrics[m.key])} for m in data.metrics
        ],
        "targets": [
            {
                "label": t.label,
                "fraction": fmt_fraction(t),
                "percent": fmt_percent(t.percent),
                "target": fmt_percent(t.target),
                "verdict": fmt_verdict(t),
            }
            for t in totals.targets
        ],
        "files": {
            "docx": files.docx.name,
            "xlsx": files.xlsx.name,
            "json": files.json.name,
            "png": files.png.name,
        },
        "chart_cid": CHART_CID,
    }


def render_summary_email(data: SummaryData, totals: Totals, files: SummaryFiles) -> tuple[str, str, str]:
    """(subject, text, html); the html references the chart as cid:CHART_CID."""
    context = email_context(data, totals, files)
    subject = (
        f"[baocao] Tổng hợp báo cáo {context['cycle']['subject_lower']} "
        f"(đã nhận {totals.received}/{totals.expected})"
    )
    text = _environment(False).get_template(TEXT_TEMPLATE).render(context)
    html = _environment(True).get_template(HTML_TEMPLATE).render(context)
    return subject, text, html
