"""The compiled summary from the state: build it, write it, and mail it to the office staff once per state of data."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from daemon.config.settings import Cycle
from daemon.context import Context
from daemon.cycles.status import school_statuses
from daemon.mail.compose import assemble
from daemon.mail.outbox import OFFICE, outbox_row
from daemon.summary import (
    CHART_CID,
    MetricInfo,
    OfficeInfo,
    SchoolResult,
    SummaryData,
    SummaryFiles,
    TargetInfo,
    compute_totals,
    data_fingerprint,
    render_summary_email,
    write_summary,
)
from daemon.summary.message import attached_files

log = logging.getLogger(__name__)
MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def build_summary_data(ctx: Context, cycle: Cycle) -> SummaryData:
    config = ctx.config
    office = config.office
    current = ctx.store.current_submissions(cycle.id)
    schools = []
    for row in school_statuses(ctx, cycle):
        sub = current.get(row["id"], {})
        sections = sub.get("sections", {})
        schools.append(SchoolResult(
            id=row["id"], name=row["name"], level=row["level"], status=row["status"],
            submitted_at=dt.datetime.fromisoformat(row["submitted_at"]) if row["submitted_at"] else None,
            files=tuple(row["files"]), metrics=dict(sub.get("metrics", {})),
            difficulties=sections.get("difficulties"), proposals=sections.get("proposals"),
            problems=tuple(row["problems"]),
        ))
    return SummaryData(
        office=OfficeInfo(office.name, office.short_name, office.parent_body, office.place, office.email,
                          office.report_to, office.signer_title, office.signer_name),
        cycle_id=cycle.id, cycle_title=cycle.title, opens=cycle.opens, due=cycle.due,
        metrics=tuple(MetricInfo(m.key, m.label, m.type) for m in config.metrics),
        targets=tuple(TargetInfo(t.key, t.label, t.kind, t.target, t.metric, t.numerator, t.denominator)
                      for t in config.targets),
        schools=tuple(schools), generated_at=ctx.now(),
    )


def summary_dir(ctx: Context) -> Path:
    return ctx.config.summary_out or ctx.config.state_dir / "summaries"


def make_summary(ctx: Context, cycle: Cycle, out_dir: Path | None = None) -> tuple[SummaryData, SummaryFiles]:
    data = build_summary_data(ctx, cycle)
    return data, write_summary(data, out_dir or summary_dir(ctx))


def summary_key(data: SummaryData) -> str:
    return f"summary:{data.cycle_id}:{data_fingerprint(data)}"


def queue_summary(ctx: Context, data: SummaryData, files: SummaryFiles) -> bool:
    """Mail the summary to the office staff; the key is the data's fingerprint, so one mail per state of data."""
    key = summary_key(data)
    if ctx.store.outbox_key_exists(key):
        return False
    subject, text, html = render_summary_email(data, compute_totals(data), files)
    office = ctx.config.office
    mail = assemble(
        key=key, kind="summary", priority=OFFICE, office_name=office.name, office_email=office.email,
        recipients=office.staff, subject=subject, text=text, html=html, now=ctx.now(), cycle_id=data.cycle_id,
        inline=[(CHART_CID, files.png.name, "image/png", files.png.read_bytes())],
        attachments=[(path.name, MIME[path.suffix], path.read_bytes()) for path, _ in attached_files(files)],
    )
    with ctx.store.atomic():
        return ctx.store.enqueue(outbox_row(ctx, mail))


def auto_send_summaries(ctx: Context, cycles: list[Cycle]) -> int:
    """Queue the summary of each cycle whose data changed since its last one (see status.summary_due)."""
    queued = 0
    for cycle in cycles:
        data = build_summary_data(ctx, cycle)
        if ctx.store.outbox_key_exists(summary_key(data)):
            continue  # nothing changed since the last one: no files written, no mail
        if queue_summary(ctx, data, write_summary(data, summary_dir(ctx))):
            queued += 1
            log.info("summary of %s queued for the office staff", cycle.id)
    return queued
