"""What waits for a person, and the decisions that settle it: accept, reject, assign (by command line or by mail).

Every decision is kept (who, when, channel, note); the last one stands. A decision that changes what a school was
told tells the school; a rejected claim is never told to the school it named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from daemon.config.roster import School
from daemon.config.settings import Cycle
from daemon.context import Context
from daemon.cycles.adhoc import all_cycles, find_cycle, school_due
from daemon.decision.classify import cycle_window, is_deadline_met
from daemon.decision.decide import Trust
from daemon.decision.outcome import file_summary_of, roster_addresses
from daemon.errors import ConfigError
from daemon.mail.compose import Outgoing, compose
from daemon.mail.outbox import RECEIPT
from state import reviews
from state.reviews import code_of

ACTIONS = ("accept", "reject", "assign")
_CODE = re.compile(r"^\s*r?(\d+)\s*$", re.I)


class UnknownItemError(ConfigError):
    """An item code that is not in the office's database: bad usage, exit 2."""


@dataclass
class Outcome:
    """What one decision did: a line for the person who took it, and the mails it causes."""

    code: str
    text: str
    mails: list[Outgoing] = field(default_factory=list)


def parse_code(text: str) -> int:
    m = _CODE.match(text)
    if not m:
        raise UnknownItemError(f"{text!r} is not a review item code (like R12)")
    return int(m.group(1))


def review_items(ctx: Context, cycle_id: str | None = None, include_decided: bool = False) -> list[dict[str, Any]]:
    """The `review --json` list: open items of every live cycle (or one cycle), decided ones too with --all."""
    today = ctx.now().date()
    live = {c.id for c in all_cycles(ctx) if c.is_live(today)}
    rows = reviews.items(ctx.store, states=None if include_decided else ("open",), cycle_id=cycle_id)
    out = []
    for row in rows:
        if cycle_id is None and row["cycle_id"] and row["cycle_id"] not in live and row["state"] == "open" \
                and not include_decided:
            continue
        out.append(item_json(ctx, row))
    return out


def item_json(ctx: Context, row: dict[str, Any]) -> dict[str, Any]:
    message = ctx.store.message(row["message"]) if row["message"] else {}
    decided = reviews.decisions(ctx.store, row["id"])
    last = decided[-1] if decided else None
    files = (row["proposal"] or {}).get("files") or []
    if not files and row["submission"]:
        files = ctx.store.submission(row["submission"])["files"]
    return {
        "id": code_of(row["id"]), "kind": row["kind"], "cycle": row["cycle_id"], "school": row["school_id"],
        "suggestion": row["suggestion"], "message_id": message.get("message_id"), "from": message.get("sender"),
        "subject": message.get("subject"), "received_at": message.get("received_at"), "files": files,
        "reasons": row["reasons"], "reason_codes": row["reason_codes"], "state": row["state"],
        "decided": {"by": last["by"], "at": last["at"], "channel": last["channel"], "note": last["note"]}
        if last else None,
    }


def decide_item(ctx: Context, code: str, action: str, *, by: str, channel: str, note: str | None = None,
                school_id: str | None = None, cycle_id: str | None = None) -> Outcome:
    """Carry out one decision on an item, in the caller's transaction; raises UnknownItemError or ConfigError."""
    store = ctx.store
    item = reviews.item(store, parse_code(code))
    if item is None:
        raise UnknownItemError(f"no review item {code.upper()} in this office's database")
    label = code_of(item["id"])
    school = _school(ctx, school_id) if school_id else _school(ctx, item["school_id"]) if item["school_id"] else None
    if action == "assign" and school is None:
        raise ConfigError(f"{label}: assign needs a school (--school ID)")
    cycle = _cycle_for(ctx, item, school, cycle_id if action == "assign" else None)
    mails: list[Outgoing] = []
    told_before = item["submission"] is not None and item["kind"] == "problem" and item["state"] != "rejected"
    if action == "reject":
        if item["submission"]:
            store.update_submission(item["submission"], counted=0)
        text = f"{label}: không tính"
        if told_before and school and cycle:
            mails.append(_not_counted(ctx, item, school, cycle, note))
        state = "rejected"
    else:
        if school is None or cycle is None:
            raise ConfigError(f"{label}: which school and cycle? use: review assign {label} --school ID [--cycle ID]")
        was_counted = item["submission"] is not None and item["state"] in ("open", "accepted", "assigned") \
            and item["kind"] == "problem"
        sub_id = _count(ctx, item, school, cycle, action)
        reviews.update_item(store, item["id"], submission=sub_id, school_id=school.id, cycle_id=cycle.id)
        state = "accepted" if action == "accept" else "assigned"
        text = f"{label}: tính cho {school.name}, {cycle.title}"
        if not was_counted or action == "assign":
            mails.append(_receipt(ctx, item, sub_id, school, cycle))
    reviews.update_item(store, item["id"], state=state)
    reviews.record_decision(store, item_id=item["id"], action=action, by=by, channel=channel, at=ctx.iso_now(),
                            note=note, school_id=school.id if school else None, cycle_id=cycle.id if cycle else None)
    return Outcome(label, text, mails)


def _count(ctx: Context, item: dict[str, Any], school: School, cycle: Cycle, action: str) -> int:
    """Make the item's mail count for the school: its own submission turned on (or moved), or one made anew."""
    store = ctx.store
    if item["submission"] is not None:
        sub = store.submission(item["submission"])
        moved = (sub["school_id"], sub["cycle_id"]) != (school.id, cycle.id)
        store.update_submission(sub["id"], counted=1, status="accepted", review_reasons=[], school_id=school.id,
                                cycle_id=cycle.id, **({"trust": int(Trust.OFFICE)} if moved or action == "assign"
                                                      else {}))
        return int(sub["id"])
    proposal = dict(item["proposal"] or {})
    received_at = dt.datetime.fromisoformat(proposal["received_at"])
    first = store.first_counted_submission(cycle.id, school.id)
    on_time = is_deadline_met(received_at, school_due(ctx, cycle, school.id), ctx.tz)
    if first is not None and first["received_at"] <= proposal["received_at"]:
        on_time = first["on_time"]
    proposal.update(school_id=school.id, cycle_id=cycle.id, on_time=on_time, status="accepted", review_reasons=[],
                    counted=1, trust=int(Trust.OFFICE), created_at=ctx.iso_now())
    return store.record_submission(proposal)


def _cycle_for(ctx: Context, item: dict[str, Any], school: School | None, wanted: str | None) -> Cycle | None:
    if wanted:
        try:
            return find_cycle(ctx, wanted)
        except LookupError as e:
            raise ConfigError(str(e)) from e
    if item["cycle_id"]:
        return find_cycle(ctx, item["cycle_id"])
    received = (item["proposal"] or {}).get("received_at")
    if not received or school is None:
        return None
    day = dt.datetime.fromisoformat(received).astimezone(ctx.tz).date()
    fits = [c for c in all_cycles(ctx) if school.level in c.levels
            and cycle_window(ctx.config, c)[0] <= day <= cycle_window(ctx.config, c)[1]]
    return fits[0] if len(fits) == 1 else None


def _school(ctx: Context, wanted: str) -> School:
    """A school by its id or its exact name (accents and case as the roster writes them, or not)."""
    from parsers import fold

    for school in ctx.config.schools:
        if school.id == wanted.strip().lower() or fold(school.name) == fold(wanted):
            return school
    raise ConfigError(f"no school {wanted!r} on the roster (give its id, e.g. th-him-lam, or its full name)")


def _receipt(ctx: Context, item: dict[str, Any], sub_id: int, school: School, cycle: Cycle) -> Outgoing:
    sub = ctx.store.submission(sub_id)
    files = [file_summary_of(ctx, name, sub["metrics"] if i == 0 else {}) for i, name in enumerate(sub["files"])]
    return _tell_school(ctx, "receipt", item, sub, school, cycle, {
        "on_time": sub["on_time"], "superseded": False, "correction_after_due": False, "annex": False,
        "unread": False, "problems": sub["problems"], "others": [], "files": files})


def _not_counted(ctx: Context, item: dict[str, Any], school: School, cycle: Cycle, note: str | None) -> Outgoing:
    sub = ctx.store.submission(item["submission"])
    return _tell_school(ctx, "not_counted", item, sub, school, cycle, {
        "reasons": [note] if note else [], "subject": None,
        "documents": [{"name": n, "kind": "report", "number": None, "title": None} for n in sub["files"]]})


def _tell_school(ctx: Context, template: str, item: dict[str, Any], sub: dict[str, Any], school: School,
                 cycle: Cycle, context: dict[str, Any]) -> Outgoing:
    """A mail to the school about what a staff decision changed; one per decision (its key counts them)."""
    config = ctx.config
    decisions = len(reviews.decisions(ctx.store, item["id"]))
    return compose(
        key=f"{template}:review:{item['id']}:{decisions}", kind="receipt", priority=RECEIPT,
        office_name=config.office.name, office_email=config.office.email,
        recipients=roster_addresses(school, None), template=template, now=ctx.now(),
        school_id=school.id, cycle_id=cycle.id,
        context={"office": config.office, "school": school, "cycle": cycle, "thread": None,
                 "received_at": dt.datetime.fromisoformat(sub["received_at"]).astimezone(ctx.tz), **context},
    )


def review_table(items: list[dict[str, Any]], config: Any) -> str:
    """The items as the office reads them at a terminal: code, who, what, why."""
    if not items:
        return "Không có thư nào cần xem."
    names = {s.id: s.name for s in config.schools}
    lines = []
    for item in items:
        school = names.get(item["school"] or "", item["school"] or "")
        hint = f" (có thể là {names.get(item['suggestion'], item['suggestion'])})" if item["suggestion"] else ""
        lines.append(f"{item['id']}  [{item['kind']}, {item['state']}] {item['from'] or '?'}: "
                     f"{item['subject'] or '(không tiêu đề)'}")
        lines.append(f"      trường: {school or 'chưa rõ'}{hint}; kỳ: {item['cycle'] or 'chưa rõ'}")
        lines += [f"      - {reason}" for reason in item["reasons"]]
    lines += ["", "baocao review accept R12 | review reject R12 --note ... | review assign R12 --school ID"]
    return "\n".join(lines)
