"""Reports that arrive outside the mailbox (Zalo, paper, a USB stick): recorded like mailed ones."""

from __future__ import annotations

from pathlib import Path

from daemon.archive import safe_filename
from daemon.config.roster import School
from daemon.config.settings import Cycle
from daemon.context import Context
from daemon.cycles.adhoc import parse_spec_of, school_due
from daemon.decision.classify import is_deadline_met
from daemon.decision.decide import Trust
from daemon.errors import BaocaoError
from parsers import parse_attachment_isolated


def submit_files(ctx: Context, school: School, cycle: Cycle, channel: str, files: list[Path]) -> str:
    stored, reports, names = [], [], []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise BaocaoError(f"{path}: {e.strerror}") from e
        name = safe_filename(path.name)
        digest, archived = ctx.file_archive.store(data, path.suffix.lower())
        parsed = parse_attachment_isolated(data, filename=name, spec=parse_spec_of(ctx))
        reports.extend(parsed)
        names.append(name)
        stored.append((digest, archived, name, parsed))
    received_at = ctx.now().astimezone(ctx.tz)
    metrics: dict[str, object] = {}
    for report in reports:
        for value in report.metrics:
            metrics.setdefault(value.key, value.value)
    review = list(dict.fromkeys(r for report in reports for r in report.review_reasons))
    problems = list(dict.fromkeys(p.message for report in reports for p in report.problems))
    on_time = is_deadline_met(received_at, school_due(ctx, cycle, school.id), ctx.tz)
    first = ctx.store.first_counted_submission(cycle.id, school.id)
    if first is not None:
        on_time = first["on_time"]  # the first report decides on time; a later one is a correction
    with ctx.store.atomic():
        ctx.store.record_submission({
            "school_id": school.id, "cycle_id": cycle.id, "message": None, "channel": channel,
            "received_at": received_at.isoformat(), "on_time": on_time,
            "status": "needs_review" if review else "accepted", "review_reasons": review, "files": names,
            "metrics": metrics, "sections": {}, "problems": problems, "created_at": ctx.iso_now(),
            "trust": int(Trust.OFFICE), "counted": 1,
        })
    state = "đúng hạn" if on_time else "muộn"
    lines = [f"Đã ghi nhận báo cáo của {school.name} ({channel}, {state}): {', '.join(names)}"]
    lines += [f"  {key}: {value}" for key, value in metrics.items()]
    lines += [f"  ! {p}" for p in problems]
    return "\n".join(lines)
