"""What the office staff hear without asking: the daily digest, and the alarm when the mailbox goes silent."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from typing import Any

from daemon.context import Context
from daemon.cycles.adhoc import active_cycles, all_cycles, expected_schools
from daemon.cycles.reminders import BOUNCING_PREFIX, missing_rows, office_calendar
from daemon.decision.decide import REASONS
from daemon.decision.review import review_items
from daemon.mail.compose import compose
from daemon.mail.logins import REFUSED_KEY
from daemon.mail.outbox import AUTH_FAILED_KEY, OFFICE, PAUSE_KEY, outbox_row
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
    unmatched: list[dict[str, Any]] = []
    other_mail: list[dict[str, Any]] = []
    for m in store.unmatched_messages(since):
        reason = plain_reason(m)
        if reason is None:
            continue  # an auto-reply or a bounce asks nothing of the staff (bounces have their own section)
        entry = {"id": m["id"], "from": m["sender"] or "?", "subject": m["subject"] or "(không tiêu đề)",
                 "school": names.get(m["school_id"] or "", ""), "reason": reason}
        (other_mail if entry["school"] else unmatched).append(entry)
    bounces = [{"address": address, "when": dt.datetime.fromisoformat(when).astimezone(ctx.tz)}
               for address, when in ledger.meta_with_prefix(store, BOUNCING_PREFIX).items()]
    return {"office": config.office, "today": now.date(), "new": new, "missing": missing, "review": review,
            "unmatched": unmatched, "other_mail": other_mail, "problems": sending_problems(ctx, since),
            "bounces": bounces}


# what became of a mail that counts for no report, as the staff read it (the message row's classification)
_PLAIN = {
    "no_attachment": "thư không kèm tệp báo cáo; hệ thống đã đề nghị trường gửi tệp",
    "reply_to_us": "thư trả lời thư của hệ thống, không kèm tệp báo cáo (đề nghị mở xem trường có hỏi gì không)",
    "duplicate": "thư đã nhận trước đó",
    "link_only": "thư chỉ có đường liên kết, không có tệp; hệ thống đã đề nghị trường gửi tệp",
}
# a reason written before reasons were put in plain words was a raw header ("Auto-Submitted: auto-replied")
_RAW_HEADER = re.compile(r"\b(auto-submitted|x-[a-z-]+|precedence|return-path|dsn)\b", re.I)


def plain_reason(message: dict[str, Any]) -> str | None:
    """Why a mail counts for no report, in plain Vietnamese (never a header name or an exception); None for mail
    a machine sent, which the staff need not hear of."""
    if message["status"] == "failed":
        return "hệ thống chưa đọc được thư này; sẽ tự thử lại, lỗi đã ghi vào nhật ký cho người quản trị"
    kind, reason = message["classification"] or "", message["reason"] or ""
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind in ("auto_reply", "bounce", "list") or reason in (REASONS["machine_mail"].text, REASONS["own_mail"].text) or \
            _RAW_HEADER.search(reason):
        return None
    return reason or "thư không liên quan đến báo cáo"


def sending_problems(ctx: Context, since: str) -> list[str]:
    store, now = ctx.store, ctx.now()
    problems = []
    oauth = [s for s, server in (("imap", ctx.config.mailbox), ("smtp", ctx.config.outgoing))
             if getattr(server, "oauth", None) and store.get_meta(REFUSED_KEY[s])]
    if oauth:  # auth: oauth2 and Google refused the sign-in: only someone at the server can sign in again
        problems.append(f"Google từ chối đăng nhập ({', '.join(s.upper() for s in oauth)}): quyền truy cập của baocao "
                        "đã bị thu hồi hoặc hết hạn. Cần báo người quản trị máy chủ đăng nhập Google lại cho hệ thống.")
    if store.get_meta(AUTH_FAILED_KEY) and not getattr(ctx.config.outgoing, "oauth", None):
        problems.append("Máy chủ thư từ chối cho hệ thống đăng nhập để gửi thư: chủ hộp thư cần tạo lại mật khẩu ứng "
                        "dụng (app password) và báo người quản trị cập nhật; đến lúc đó thư trả lời các trường chưa "
                        "gửi đi được.")
    paused = store.get_meta(PAUSE_KEY)
    if paused and dt.datetime.fromisoformat(paused) > now:
        until = dt.datetime.fromisoformat(paused).astimezone(ctx.tz)
        problems.append(f"Đã hết hạn mức gửi thư trong ngày của nhà cung cấp; hệ thống tạm dừng gửi đến "
                        f"{until:%H:%M ngày %d/%m/%Y} rồi tự gửi tiếp.")
    for row in store.outbox("failed"):
        if row["created_at"] >= since:
            # the server's own words (English, with codes) are in the log for the administrator
            problems.append(f"Thư “{row['subject']}” gửi {', '.join(row['recipients'])} bị máy chủ nhận từ chối "
                            "(thường do địa chỉ sai hoặc không còn dùng): đề nghị kiểm tra lại địa chỉ này.")
    for row in store.outbox("unknown"):
        problems.append(f"Thư “{row['subject']}” gửi {', '.join(row['recipients'])}: chưa rõ đã gửi được chưa "
                        "(hệ thống sẽ kiểm tra thư mục Đã gửi).")
    return problems


def fingerprint(data: dict[str, Any]) -> str:
    """What makes two digests the same news: the ids in each section, not the times they are read at."""
    facts = {
        "new": [n["id"] for n in data["new"]],
        "missing": [[m["cycle"].id, [[r["school"].id, r["due"].isoformat(), r["bouncing"]] for r in m["rows"]]]
                    for m in data["missing"]],
        "review": [r["id"] for r in data["review"]],
        "unmatched": [u["id"] for u in data["unmatched"] + data["other_mail"]],
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
    if not any(data[k] for k in ("new", "missing", "review", "unmatched", "other_mail", "problems", "bounces")):
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
    log.error("no successful mailbox poll since %s (more than %d hours): the office is told; check the network, "
              "the mailbox password and `baocao check`", since, hours)
    with ledger.write_transaction(store):
        store.set_meta(ALARM_SENT_KEY, since)
        if config.office.staff:
            mail = compose(
                key=f"alarm:silent:{since}", kind="alert", priority=OFFICE, office_name=config.office.name,
                office_email=config.office.email, recipients=config.office.staff, template="alarm",
                now=ctx.now(), context={
                    "office": config.office, "problem": "silent",
                    "elapsed": ctx.now() - dt.datetime.fromisoformat(since),
                    "last_ok": dt.datetime.fromisoformat(last_ok).astimezone(ctx.tz) if last_ok else None,
                    "school": None, "cycle": None, "addresses": []},
            )
            store.enqueue(outbox_row(ctx, mail))
    return True
