"""What the office staff hear without asking: the daily digest, and the alarm when the mailbox goes silent."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from typing import Any

from daemon.adhoc import active_cycles, all_cycles, expected_schools
from daemon.compose import compose
from daemon.context import Context
from daemon.logins import REFUSED_KEY
from daemon.outbox import AUTH_FAILED_KEY, OFFICE, PAUSE_KEY, outbox_row
from daemon.reminders import BOUNCING_PREFIX, missing_rows, office_calendar
from daemon.review import review_items
from daemon.status import why_unmatched
from daemon.workflow import LAST_POLL_KEY
from state import ledger

log = logging.getLogger(__name__)

DIGEST_LAST_KEY = "digest_last_at"
DIGEST_FINGERPRINT_KEY = "digest_fingerprint"
ALARM_SENT_KEY = "alarm_silent_for"  # the last good poll the alarm was raised for: one alarm per silence
WATCH_KEY = "alarm_watch_since"  # when the daemon first started, for a mailbox that never worked at all
# on a first digest, or after a long gap, older unmatched mail and failed sends are history, not news
LOOK_BACK = dt.timedelta(days=7)


def digest_data(ctx: Context) -> dict[str, Any]:
    """Everything the digest says, as plain values; empty sections are empty lists."""
    store, config = ctx.store, ctx.config
    now = ctx.now().astimezone(ctx.tz)
    last = store.get_meta(DIGEST_LAST_KEY)
    since = max(last or "", (now - LOOK_BACK).isoformat())
    names = {s.id: s.name for s in config.schools}
    cycles = {c.id: c for c in all_cycles(ctx)}

    def title(cycle_id: str) -> str:
        return cycles[cycle_id].title if cycle_id in cycles else cycle_id

    new = [{"id": r["id"], "school": names.get(r["school_id"], r["school_id"]), "cycle": title(r["cycle_id"]),
            "received_at": dt.datetime.fromisoformat(r["received_at"]).astimezone(ctx.tz),
            "on_time": bool(r["on_time"]), "review": r["status"] == "needs_review",
            "files": json.loads(r["files"])}
           for r in ledger.submissions_created_since(store, last)]
    missing, review = [], []
    for cycle in active_cycles(ctx, now.date()):
        schools = expected_schools(ctx, cycle)
        rows = missing_rows(ctx, cycle, schools)
        if rows:
            missing.append({"cycle": cycle, "expected": len(schools), "rows": rows})
    for item in review_items(ctx):
        review.append({**item, "school_name": names.get(item["school"] or "", ""),
                       "suggestion_name": names.get(item["suggestion"] or "", ""),
                       "cycle_title": title(item["cycle"]) if item["cycle"] else ""})
    unmatched = [{"id": m["id"], "from": m["sender"] or "?", "subject": m["subject"] or "(không tiêu đề)",
                  "reason": why_unmatched(m)} for m in store.unmatched_messages(since)]
    bounces = [{"address": address, "when": dt.datetime.fromisoformat(when).astimezone(ctx.tz)}
               for address, when in ledger.meta_with_prefix(store, BOUNCING_PREFIX).items()]
    return {"office": config.office, "today": now.date(), "new": new, "missing": missing, "review": review,
            "unmatched": unmatched, "problems": sending_problems(ctx, since), "bounces": bounces}


def sending_problems(ctx: Context, since: str) -> list[str]:
    store, now = ctx.store, ctx.now()
    problems = []
    oauth = [s for s, server in (("imap", ctx.config.mailbox), ("smtp", ctx.config.outgoing))
             if getattr(server, "oauth", None) and store.get_meta(REFUSED_KEY[s])]
    if oauth:  # auth: oauth2 and Google refused the sign-in: only someone at the server can sign in again
        problems.append(f"Google từ chối đăng nhập ({', '.join(s.upper() for s in oauth)}): quyền truy cập của baocao "
                        "đã bị thu hồi hoặc hết hạn. Cần chạy lệnh baocao auth google trên máy chủ và đăng nhập lại.")
    if store.get_meta(AUTH_FAILED_KEY) and not getattr(ctx.config.outgoing, "oauth", None):
        problems.append("Máy chủ gửi thư từ chối đăng nhập: cần thay mật khẩu ứng dụng (app password) của hộp thư.")
    paused = store.get_meta(PAUSE_KEY)
    if paused and dt.datetime.fromisoformat(paused) > now:
        until = dt.datetime.fromisoformat(paused).astimezone(ctx.tz)
        problems.append(f"Đã hết hạn mức gửi thư trong ngày của nhà cung cấp; tạm dừng gửi đến {until:%H:%M %d/%m/%Y}.")
    for row in store.outbox("failed"):
        if row["created_at"] >= since:
            problems.append(f"Thư “{row['subject']}” đến {', '.join(row['recipients'])} bị từ chối: "
                            f"{row['last_error'] or 'không rõ lý do'}")
    for row in store.outbox("unknown"):
        problems.append(f"Thư “{row['subject']}” đến {', '.join(row['recipients'])}: chưa rõ đã gửi được chưa "
                        "(hệ thống sẽ kiểm tra thư mục Đã gửi).")
    return problems


def fingerprint(data: dict[str, Any]) -> str:
    """What makes two digests the same news: the ids in each section, not the times they are read at."""
    facts = {
        "new": [n["id"] for n in data["new"]],
        "missing": [[m["cycle"].id, [[r["school"].id, r["due"].isoformat(), r["bouncing"]] for r in m["rows"]]]
                    for m in data["missing"]],
        "review": [r["id"] for r in data["review"]],
        "unmatched": [u["id"] for u in data["unmatched"]],
        "problems": data["problems"],
        "bounces": [b["address"] for b in data["bounces"]],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def send_digest(ctx: Context) -> bool:
    """Queue today's digest if today is a working day, there is something to say, and it is not old news."""
    config, store = ctx.config, ctx.store
    now = ctx.now().astimezone(ctx.tz)
    if not config.office.staff or not office_calendar(config).is_workday(now.date()):
        return False
    data = digest_data(ctx)
    if not any(data[k] for k in ("new", "missing", "review", "unmatched", "problems", "bounces")):
        return False
    mark = fingerprint(data)
    if store.get_meta(DIGEST_FINGERPRINT_KEY) == mark:
        log.info("digest: nothing changed since the last one; not sent")
        return False
    mail = compose(
        key=f"digest:{now.date().isoformat()}", kind="digest", priority=OFFICE, office_name=config.office.name,
        office_email=config.office.email, recipients=config.office.staff, template="digest", now=ctx.now(),
        context=data,
    )
    with ledger.write_transaction(store):
        queued = store.enqueue(outbox_row(ctx, mail))
        if queued:
            store.set_meta(DIGEST_FINGERPRINT_KEY, mark)
            store.set_meta(DIGEST_LAST_KEY, ctx.iso_now())
    return queued


def note_start(ctx: Context) -> None:
    """Remember when the daemon first ran, so a mailbox that never worked also raises the alarm."""
    if ctx.store.get_meta(WATCH_KEY) is None:
        ctx.store.set_meta(WATCH_KEY, ctx.iso_now())


def check_silence(ctx: Context) -> bool:
    """Tell the office (and the log) once when no poll has succeeded for `alarm_after_hours`."""
    config, store = ctx.config, ctx.store
    last_ok = store.get_meta(LAST_POLL_KEY)
    since = last_ok or store.get_meta(WATCH_KEY)
    if since is None:
        note_start(ctx)
        return False
    limit = dt.timedelta(hours=config.alarm_after_hours)
    if ctx.now() - dt.datetime.fromisoformat(since) < limit or store.get_meta(ALARM_SENT_KEY) == since:
        return False
    hours = round(limit.total_seconds() / 3600)
    log.error("no successful mailbox poll since %s (more than %d hours): the office is told", since, hours)
    with ledger.write_transaction(store):
        store.set_meta(ALARM_SENT_KEY, since)
        if config.office.staff:
            mail = compose(
                key=f"alarm:silent:{since}", kind="alert", priority=OFFICE, office_name=config.office.name,
                office_email=config.office.email, recipients=config.office.staff, template="alarm",
                now=ctx.now(), context={
                    "office": config.office, "problem": "silent", "hours": hours,
                    "last_ok": dt.datetime.fromisoformat(last_ok).astimezone(ctx.tz) if last_ok else None,
                    "school": None, "cycle": None, "addresses": []},
            )
            store.enqueue(outbox_row(ctx, mail))
    return True
