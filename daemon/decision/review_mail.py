"""Review by email: office staff settle review items with one reply, and hear of new items within the hour.

A command mail is read in its text above the first quoted line, one command a line, accent- and case-insensitive:
`DUYỆT R12 [ghi chú]`, `TỪ CHỐI R12 lý do`, `R12 LÀ th-him-lam`. It is obeyed only when our own provider's topmost
Authentication-Results says the From domain passed; otherwise nothing is done and the staff address is told.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from daemon.context import Context
from daemon.decision.classify import authentication_verdict, normalise_address
from daemon.decision.review import UnknownItemError, decide_item
from daemon.errors import ConfigError
from daemon.mail.compose import Outgoing, compose
from daemon.mail.inbound import Inbound
from daemon.mail.outbox import OFFICE
from state import reviews

# staff hear of new items at most this often: the first at once, the rest batched into the next notice
NOTICE_EVERY = dt.timedelta(hours=1)
_QUOTE_START = re.compile(
    r"^\s*(>|-{2,}\s*(original message|forwarded message|thu goc|thu chuyen tiep)|"
    r"(vao|on|luc)\b.*\b(da viet|wrote|viet)\s*:?\s*$|from:|tu:)", re.I)
_ACCEPT = re.compile(r"^\s*duyet\s+(r\d+)\b[\s:,.-]*(.*)$")
_REJECT = re.compile(r"^\s*tu\s*choi\s+(r\d+)\b[\s:,.-]*(.*)$")
_ASSIGN = re.compile(r"^\s*(r\d+)\s+la\s+(.+?)\s*$")


@dataclass(frozen=True)
class Command:
    action: str  # accept | reject | assign
    code: str
    argument: str  # the note, or the school for assign
    line: str


def read_commands(body: str) -> list[Command]:
    """The commands written above the first quoted line; other lines are ignored."""
    from parsers import fold

    commands = []
    for line in body.splitlines():
        folded = fold(line)
        if _QUOTE_START.match(folded):
            break
        original = line.strip()
        for action, pattern in (("accept", _ACCEPT), ("reject", _REJECT), ("assign", _ASSIGN)):
            m = pattern.match(folded)
            if m:
                code = m.group(1)
                # the argument as the person wrote it (with accents): the same length from the end of the line
                rest = m.group(2)
                argument = original[len(original) - len(rest):].strip() if rest else ""
                commands.append(Command(action, code.upper(), argument, original))
                break
    return commands


def carry_out(ctx: Context, row: dict[str, Any], inbound: Inbound, commands: list[Command]) -> list[Outgoing]:
    """Obey the commands of an authenticated staff mail, and answer its sender with what changed."""
    config = ctx.config
    verdict = authentication_verdict(inbound.auth_results, inbound.sender, config.mailbox.authserv_id)
    staff = _staff_address(ctx, inbound.sender)
    if verdict != "pass":
        return [_answer(ctx, row, inbound, staff, obeyed=False, lines=[c.line for c in commands])]
    lines, mails = [], []
    for command in commands:
        try:
            with ctx.store.atomic():
                done = decide_item(
                    ctx, command.code, command.action, by=normalise_address(inbound.sender), channel="email",
                    note=command.argument if command.action != "assign" else None,
                    school_id=command.argument if command.action == "assign" else None,
                )
            lines.append(f"{command.line} → {done.text}")
            mails.extend(done.mails)
        except ConfigError as e:
            lines.append(f"{command.line} → chưa thực hiện: {_why_not(e, command)}")
    return [*mails, _answer(ctx, row, inbound, staff, obeyed=True, lines=lines)]


def _why_not(error: ConfigError, command: Command) -> str:
    """The staff read why in their words, never the command line's English or its options."""
    if isinstance(error, UnknownItemError):
        return f"không có thư nào mã {command.code} (mã ở thư thông báo hoặc thư tổng hợp)"
    if command.action == "assign":
        return f"không có trường “{command.argument}” trong danh sách (ghi mã trường hoặc tên đầy đủ của trường)"
    return f"chưa rõ thư của trường nào, đợt nào: trả lời “{command.code} LÀ mã-trường”"


def _staff_address(ctx: Context, sender: str) -> str:
    """Whom to answer: the staff list's own spelling of the address (never one the mail supplies)."""
    config = ctx.config
    for address in (*config.office.staff, config.office.email):
        if normalise_address(address) == normalise_address(sender):
            return address
    return config.office.email


def _answer(ctx: Context, row: dict[str, Any], inbound: Inbound, to: str, *, obeyed: bool,
            lines: list[str]) -> Outgoing:
    config = ctx.config
    return compose(
        key=f"review-answer:{row['sha256']}", kind="review_answer", priority=OFFICE,
        office_name=config.office.name, office_email=config.office.email, recipients=[to],
        template="review_answer", now=ctx.now(), in_reply_to=inbound.message_id, references=inbound.references,
        context={"office": config.office, "obeyed": obeyed, "lines": lines, "subject": inbound.subject,
                 "received_at": dt.datetime.fromisoformat(row["received_at"]).astimezone(ctx.tz)},
    )


def announce_new_items(ctx: Context) -> bool:
    """One short mail to the staff for all open items not yet announced; at most one an hour."""
    config, store = ctx.config, ctx.store
    if not config.office.staff:
        return False
    new = reviews.unannounced(store)
    if not new:
        return False
    last = store.get_meta("review-notice-at")
    if last and ctx.now() - dt.datetime.fromisoformat(last) < NOTICE_EVERY:
        return False
    from daemon.decision.review import item_json

    with store.atomic():
        mail = compose(
            key=f"review-notice:{new[-1]['id']}", kind="review_notice", priority=OFFICE,
            office_name=config.office.name, office_email=config.office.email, recipients=config.office.staff,
            template="review_notice", now=ctx.now(),
            context={"office": config.office, "items": [item_json(ctx, r) for r in new],
                     "schools": {s.id: s.name for s in config.schools}},
        )
        from daemon.mail.outbox import outbox_row

        store.enqueue(outbox_row(ctx, mail))
        reviews.mark_announced(store, [r["id"] for r in new], ctx.iso_now())
        store.set_meta("review-notice-at", ctx.iso_now())
    return True


