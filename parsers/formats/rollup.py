"""A lower office's summary.json (written by baocao itself) read as one submission: a roll-up of roll-ups."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from parsers.model import MetricValue, ParseSpec, Provenance, Report
from parsers.reading.names import match_school

# the schema daemon/summary writes; parsers cannot import it (layering), so a test ties the two together
SUMMARY_SCHEMA = "baocao.summary/1"


def looks_like_summary(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{" and f'"{SUMMARY_SCHEMA}"'.encode() in data[:4096]


def read_summary(data: bytes, filename: str, spec: ParseSpec) -> Report | None:
    """The `as_report` block of a baocao summary.json; None when the bytes are not one."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(document, dict) or document.get("schema") != SUMMARY_SCHEMA:
        return None
    item = document.get("as_report")
    if not isinstance(item, dict):
        return None
    name = str((item.get("school") or {}).get("name") or "")
    school = match_school(name, spec.schools) if name else None
    title = item.get("title")
    cycle_id = item.get("cycle")
    known_cycles = {c.id for c in spec.cycles}
    metrics = []
    given = item.get("metrics") or {}
    for metric in spec.metrics:
        value = _typed(given.get(metric.key), metric.type)
        if value is not None:
            metrics.append(
                MetricValue(
                    metric.key,
                    value,
                    1.0,
                    Provenance("summary", text=f"summary.json: {metric.key}", read="summary"),
                )
            )
    sections = item.get("sections") or {}
    return Report(
        file=filename,
        text_source="summary",
        kind="report",  # a lower office's compiled summary is its report
        school_id=school.id if school else None,
        school_name=name or None,
        title=str(title) if title else None,
        date=_date(item.get("date")),
        period=str(item["period"]) if item.get("period") else None,
        cycle=cycle_id if cycle_id in known_cycles else None,
        metrics=tuple(metrics),
        difficulties=sections.get("difficulties") or None,
        proposals=sections.get("proposals") or None,
    )


def _typed(value: Any, kind: str) -> int | float | bool | str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if kind == "yesno":
        return value if isinstance(value, bool) else None
    if kind == "count" and isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if kind == "percent" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return str(value) if kind == "text" else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
