"""Who has and hasn't submitted: the `status` JSON of the contract, and a readable table of it."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from daemon.config.settings import Cycle
from daemon.context import Context
from daemon.cycles.adhoc import all_cycles, expected_schools
from state import reviews
from state.reviews import code_of

STATUS_VI = {"on_time": "đúng hạn", "late": "muộn", "missing": "chưa nộp", "needs_review": "cần kiểm tra"}


def current_cycle(ctx: Context) -> Cycle:
    """The cycle a person most likely means: the open one due soonest, else the latest."""
    today = ctx.now().date()
    cycles = sorted(all_cycles(ctx), key=lambda c: c.due)
    if not cycles:
        raise LookupError("no cycle is configured (cycles: in config.yaml)")
    live = [c for c in cycles if c.is_live(today)]
    return live[0] if live else ([c for c in cycles if c.opens <= today] or cycles)[-1]


def status_json(ctx: Context, cycle: Cycle) -> dict[str, Any]:
    since = (dt.datetime.combine(cycle.opens, dt.time(), ctx.tz) -
             dt.timedelta(days=ctx.config.lookback_margin_days)).isoformat()
    unmatched = [
        {"message_id": m["message_id"], "from": m["sender"], "subject": m["subject"],
         "reason": why_unmatched(m)}
        for m in ctx.store.unmatched_messages(since)
    ]
    return {"cycle": {"id": cycle.id, "title": cycle.title, "due": cycle.due.isoformat()},
            "schools": school_statuses(ctx, cycle), "unmatched": unmatched}


def why_unmatched(message: dict[str, Any]) -> str:
    """A failed message shows its error; an ignored one why it was ignored."""
    return message["error"] if message["status"] == "failed" else (message["reason"] or message["classification"])


def school_statuses(ctx: Context, cycle: Cycle) -> list[dict[str, Any]]:
    """One row per school the cycle expects: on_time | late | missing | needs_review, when, which files."""
    current = ctx.store.current_submissions(cycle.id)
    waiting = reviews.open_items_by_school(ctx.store, cycle.id)
    schools = []
    for school in expected_schools(ctx, cycle):
        sub = current.get(school.id)
        items = [f"{code_of(i['id'])}: {'; '.join(i['reasons'])}" for i in waiting.get(school.id, [])]
        if sub is None:
            state, submitted_at, files, problems = ("needs_review" if items else "missing"), None, [], items
        else:
            doubt = sub["status"] == "needs_review"
            state = "needs_review" if doubt else ("on_time" if sub["on_time"] else "late")
            submitted_at, files = sub["received_at"], sub["files"]
            problems = list(dict.fromkeys(sub["review_reasons"] + sub["problems"] + (items if doubt else [])))
        schools.append({"id": school.id, "name": school.name, "level": school.level, "status": state,
                        "submitted_at": submitted_at, "files": files, "problems": problems})
    return schools


def status_table(data: dict[str, Any]) -> str:
    cycle, schools = data["cycle"], data["schools"]
    counts = {k: sum(1 for s in schools if s["status"] == k) for k in STATUS_VI}
    lines = [
        f"{cycle['title']} ({cycle['id']}), hạn nộp {dt.date.fromisoformat(cycle['due']).strftime('%d/%m/%Y')}",
        f"Đã nộp {sum(1 for s in schools if s['submitted_at'])}/{len(schools)}: "
        f"{counts['on_time']} đúng hạn, {counts['late']} muộn, {counts['needs_review']} cần kiểm tra; "
        f"{counts['missing']} chưa nộp",
        "",
    ]
    rows = [("Trường", "Cấp", "Tình trạng", "Thời điểm nhận", "Tệp")]
    for s in schools:
        when = dt.datetime.fromisoformat(s["submitted_at"]).strftime("%d/%m %H:%M") if s["submitted_at"] else ""
        rows.append((s["name"], s["level"], STATUS_VI[s["status"]], when, ", ".join(s["files"])))
    widths = [max(_width(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        cells = [row[i] + " " * (widths[i] - _width(row[i])) for i in range(4)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    if data["unmatched"]:
        lines += ["", f"Thư chưa ghép được với trường nào hoặc bị bỏ qua ({len(data['unmatched'])}):"]
        lines += [f"  {u['from'] or '?'}: {u['subject'] or '(không tiêu đề)'} - {u['reason']}"
                  for u in data["unmatched"]]
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def summary_due(ctx: Context) -> list[Cycle]:
    """Cycles whose summary should go to the staff now: all expected schools in, or `after_due_days` past due."""
    today = ctx.now().date()
    due = []
    for cycle in all_cycles(ctx):
        if not cycle.is_live(today):
            continue
        schools = school_statuses(ctx, cycle)
        complete = bool(schools) and all(s["status"] != "missing" for s in schools)
        if complete or today >= cycle.due + dt.timedelta(days=ctx.config.summary_after_days):
            due.append(cycle)
    return due
