"""summary.json (schema baocao.summary/1, documented in docs/summary-json.md) and the data fingerprint."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from daemon.summary.model import SchoolResult, SummaryData
from daemon.summary.totals import StatusCounts, Totals, number, reported

SCHEMA = "baocao.summary/1"


def summary_document(data: SummaryData, totals: Totals) -> dict[str, Any]:
    """The JSON object written to the summary file: the model, every total with its additive parts, and an
    `as_report` block a higher level can take in as one submission."""
    return {
        "schema": SCHEMA,
        "generated_at": data.generated_at.isoformat(),
        "fingerprint": data_fingerprint(data),
        "office": _office(data),
        "cycle": {
            "id": data.cycle_id,
            "title": data.cycle_title,
            "opens": data.opens.isoformat(),
            "due": data.due.isoformat(),
        },
        "metrics": [{"key": m.key, "label": m.label, "type": m.type} for m in data.metrics],
        "totals": {
            **_counts(totals.overall),
            "by_level": {level: _counts(c) for level, c in totals.by_level.items()},
            "metrics": {
                key: {
                    "type": t.type,
                    "reporting": t.reporting,
                    "value": t.value,
                    "sum": t.total,
                    "share": t.share,
                }
                for key, t in totals.metrics.items()
            },
        },
        "targets": [
            {
                "key": t.key,
                "label": t.label,
                "kind": t.kind,
                "metric": info.metric,
                "numerator_metric": info.numerator,
                "denominator_metric": info.denominator,
                "numerator": t.numerator,
                "denominator": t.denominator,
                "schools": t.schools,
                "percent": t.percent,
                "target": t.target,
                "met": t.met,
                "judged": t.judged,
            }
            for t, info in zip(totals.targets, data.targets, strict=True)
        ],
        "schools": [_school(s) for s in data.schools],
        "as_report": _as_report(data, totals),
    }


def render_json(data: SummaryData, totals: Totals) -> bytes:
    text = json.dumps(summary_document(data, totals), ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def data_fingerprint(data: SummaryData) -> str:
    """sha256 over everything that shapes the output except generated_at: equal data, equal fingerprint."""
    canonical = {
        "schema": SCHEMA,
        "office": _office(data),
        "cycle": [data.cycle_id, data.cycle_title, data.opens.isoformat(), data.due.isoformat()],
        "metrics": [[m.key, m.label, m.type] for m in data.metrics],
        "targets": [
            [t.key, t.label, t.kind, t.target, t.metric, t.numerator, t.denominator] for t in data.targets
        ],
        "schools": [_school(s) for s in data.schools],
    }
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _office(data: SummaryData) -> dict[str, Any]:
    o = data.office
    return {
        "name": o.name,
        "short_name": o.short_name,
        "parent_body": o.parent_body,
        "place": o.place,
        "email": o.email,
        "report_to": list(o.report_to),
        "signer_title": o.signer_title,
        "signer_name": o.signer_name,
    }


def _counts(c: StatusCounts) -> dict[str, int]:
    return {
        "expected": c.expected,
        "received": c.received,
        "on_time": c.on_time,
        "late": c.late,
        "missing": c.missing,
        "needs_review": c.needs_review,
    }


def _metric_json(value: object) -> object:
    if isinstance(value, bool | str) or value is None:
        return value
    return number(value)  # type: ignore[arg-type]


def _school(s: SchoolResult) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "level": s.level,
        "status": s.status,
        "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
        "files": list(s.files),
        "metrics": {k: _metric_json(v) for k, v in sorted(s.metrics.items())},
        "difficulties": s.difficulties,
        "proposals": s.proposals,
        "problems": list(s.problems),
    }


def _as_report(data: SummaryData, totals: Totals) -> dict[str, Any]:
    """This office as one school of the level above, shaped like one item of `baocao parse --json`."""
    metrics: dict[str, object] = {}
    for key, t in totals.metrics.items():
        if t.reporting == 0 or t.type == "text":
            continue
        # a yes/no holds for the office only if every school that answered said yes
        metrics[key] = (t.value == t.reporting) if t.type == "yesno" else t.value
    quoted = [(s.name, s.difficulties, s.proposals) for s in data.schools if reported(s)]
    return {
        "file": None,
        "text_source": "summary",
        "school": {"id": None, "name": data.office.name},
        "document_number": None,
        "date": data.generated_at.date().isoformat(),
        "period": str(data.due.year),
        "cycle": data.cycle_id,
        "metrics": metrics,
        "sections": {
            "difficulties": "\n".join(f"{n}: {d.strip()}" for n, d, _ in quoted if d and d.strip()) or None,
            "proposals": "\n".join(f"{n}: {p.strip()}" for n, _, p in quoted if p and p.strip()) or None,
        },
        "problems": [],
    }
