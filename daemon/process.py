"""One recorded message -> who sent it, for which cycle, what it contains -> submission and reply, atomically."""

from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from daemon.archive import safe_filename, sha256
from daemon.context import Context
from daemon.cycles.adhoc import parse_spec_of
from daemon.decision.classify import school_by_address
from daemon.decision.decide import Outcome, Sender, decide
from daemon.decision.evidence import Prepared, gather, sender_of
from daemon.decision.outcome import Decision, follow
from daemon.decision.review_mail import carry_out, read_commands
from daemon.mail.inbound import Inbound, read_inbound
from daemon.mail.outbox import outbox_row
from daemon.pulse import Pulse, Stopped
from parsers import Report, is_report_file, start_isolated
from parsers.isolation.worker import ParseInterrupted, abandon, wait_hook
from state import reviews

log = logging.getLogger(__name__)

# each file is parsed in turn by the parse worker (a docx ~20 ms, a scanned page ~3 s, a fresh interpreter ~0.4 s
# when the worker cannot be forked): a mail with hundreds of files must not hold the poll for minutes; a report
# with its appendices is far below this
MAX_FILES_READ_PER_MAIL = 20
# messages whose attachments are already queued with the worker while the current one is written: 2 keeps
# the worker busy on the other core
PARSE_AHEAD = 2


def process_pending(ctx: Context, rows: list[dict[str, Any]], pulse: Pulse | None = None,
                    after: Callable[[], None] = lambda: None) -> tuple[int, int]:
    """Process recorded messages not yet done (`store.messages_to_process`): (done, failed).

    Two stages, overlapped: while message i is classified and written, the attachments of the next PARSE_AHEAD
    messages are already being parsed by the parse worker (on the other core). `after()` runs once each message's
    decision is written (what it queued, its receipt, is sent then, not at the end of the poll).

    The pulse is looked at before each message and once its decision is made, and beaten while a parse is waited
    for. A stop leaves the current message and those after it as they were, to do at the next start with no attempt
    counted: a decision made while the service was stopping may rest on parses the stop cut short, so it is not
    written, and a file whose worker the stop killed is never blamed on the school.
    """
    pulse = pulse or Pulse()
    done = failed = 0
    ahead: deque[Prepared | BaseException] = deque()
    current: Prepared | BaseException | None = None
    with wait_hook(pulse.check):
        try:
            ahead.extend(_prepare_safely(ctx, row) for row in rows[:PARSE_AHEAD])
            for i, row in enumerate(rows):
                pulse.check()
                current = ahead.popleft()
                if i + PARSE_AHEAD < len(rows):
                    ahead.append(_prepare_safely(ctx, rows[i + PARSE_AHEAD]))
                try:
                    if isinstance(current, BaseException):
                        raise current
                    decision = conclude(ctx, current)
                    pulse.check()
                    write_decision(ctx, row, decision)
                    done += 1
                except (Stopped, ParseInterrupted):
                    raise
                except Exception as e:  # noqa: BLE001 - one bad message never stops the others; it is kept, retried
                    failed += 1
                    if isinstance(current, Prepared):
                        current.cancel()
                    attempts = ctx.store.fail_message(row["id"], f"{type(e).__name__}: {e}", ctx.iso_now())
                    log.error("message %s (%s): processing failed, attempt %d of %d: %s: %s", row["id"],
                              row["sha256"][:12], attempts, ctx.config.max_attempts, type(e).__name__, e)
                else:
                    after()
                current = None
        except (Stopped, ParseInterrupted) as e:
            for left in (current, *ahead):
                if isinstance(left, Prepared):
                    left.cancel()
            abandon()  # the worker goes now; the files it owed stay to do
            log.info("stopped %s: %d message(s) left to do at the next start",
                     "on request" if isinstance(e, Stopped) else "with the parse worker", len(rows) - done - failed)
    return done, failed


def _prepare_safely(ctx: Context, row: dict[str, Any]) -> Prepared | BaseException:
    try:
        return prepare(ctx, row)
    except (Exception, Stopped, ParseInterrupted) as e:  # noqa: BLE001 - met when the message's turn comes
        return e


def prepare(ctx: Context, row: dict[str, Any]) -> Prepared:
    inbound = read_inbound(ctx.raw_archive.read(row["archive_path"]), ctx.tz)
    received_at = dt.datetime.fromisoformat(row["received_at"]).astimezone(ctx.tz)
    files = [(a, safe_filename(a.filename)) for a in inbound.attachments if is_report_file(a.filename or "", a.data)]
    prepared = Prepared(row, inbound, received_at, files, [], {})
    machine = inbound.auto is not None or inbound.ours
    for attachment, name in files:
        digest, path = ctx.file_archive.store(attachment.data, _suffix(name))
        prepared.stored.append({
            "sha256": digest, "original_name": attachment.filename, "safe_name": name,
            "content_type": attachment.content_type, "size": len(attachment.data), "stored_path": str(path),
            "parse_status": "skipped", "report": None,
        })
        if not machine and digest not in prepared.parses and len(prepared.parses) < MAX_FILES_READ_PER_MAIL:
            prepared.parses[digest] = start_isolated(attachment.data, filename=name, spec=parse_spec_of(ctx))
    return prepared


def conclude(ctx: Context, prepared: Prepared) -> Decision:
    """The second stage: the evidence gathered, the policy asked, and what follows from its verdict."""
    decision = _conclude(ctx, prepared)
    prepared.cancel()  # parses an early verdict (our own mail, a machine, a duplicate) never needed
    return decision


def _conclude(ctx: Context, prepared: Prepared) -> Decision:
    store = ctx.store
    row, inbound = prepared.row, prepared.inbound
    if inbound.auto and inbound.auto[0] == "bounce":
        for address in inbound.bounced_recipients:
            if school_by_address(ctx.config.schools, address):
                store.set_meta(f"bouncing:{address}", ctx.iso_now())
    sender = sender_of(ctx, inbound)
    if sender is Sender.STAFF and (commands := read_commands(inbound.body)):
        return Decision(Outcome.STAFF.value, f"{len(commands)} lệnh duyệt của cán bộ Phòng",
                        effects=lambda: carry_out(ctx, row, inbound, commands))
    duplicate = False
    if inbound.message_id and sender not in (Sender.OWN, Sender.MACHINE):
        earlier = store.message_with_id(inbound.message_id, other_than=row["id"])
        duplicate = earlier is not None and earlier["id"] < row["id"] and _files_known(ctx, earlier["id"], inbound)
    reports: list[tuple[str, str, list[Report]]] = []
    unread = 0
    if sender not in (Sender.OWN, Sender.MACHINE) and not duplicate:
        for entry in prepared.stored:
            digest, name = entry["sha256"], entry["safe_name"]
            pending = prepared.parses.get(digest)
            if pending is None:
                unread += 1  # over the cap: kept for a person to open
                continue
            same = pending.result()
            if all(d != digest for d, _, _ in reports):
                reports.append((digest, name, same))
            entry.update(parse_status="problem" if any(r.problems for r in same) else "read",
                         report=[r.to_json() for r in same])
    parsed = [r for _, _, found in reports for r in found]
    files = frozenset(entry["sha256"] for entry in prepared.stored)
    evidence = gather(ctx, inbound, prepared.received_at, parsed, files, unread, duplicate)
    verdict = decide(evidence)
    return follow(ctx, prepared, verdict, reports)


def write_decision(ctx: Context, row: dict[str, Any], decision: Decision) -> None:
    store = ctx.store
    with store.atomic():
        store.replace_attachments(row["id"], decision.attachments)
        submission = store.record_submission(decision.submission) if decision.submission else None
        if decision.annex_to is not None:
            add_annex(ctx, decision.annex_to, decision.attachments)
        if decision.item:
            reviews.open_item(store, {**decision.item, "submission": submission})
        for mail in decision.outgoing + (decision.effects() if decision.effects else []):
            store.enqueue(outbox_row(ctx, mail))
        store.finish_message(
            row["id"], classification=decision.classification, reason=decision.reason,
            school_id=decision.school.id if decision.school else None,
            cycle_id=decision.cycle.id if decision.cycle else None, now=ctx.iso_now(),
        )
    log.info("message %s from %s: %s%s", row["id"], row["sender"] or "?", decision.classification,
             f" ({decision.school.id})" if decision.school else "")


def add_annex(ctx: Context, submission: int, attachments: list[dict[str, Any]]) -> None:
    """An annex or signature page joins the school's current report: its files listed, figures the report lacks."""
    current = ctx.store.submission(submission)
    metrics = dict(current["metrics"])
    for entry in attachments:
        for report in entry["report"] or []:
            for key, value in report["metrics"].items():
                metrics.setdefault(key, value)
    files = list(dict.fromkeys([*current["files"], *(e["safe_name"] for e in attachments)]))
    ctx.store.update_submission(submission, files=files, metrics=metrics)


def _files_known(ctx: Context, earlier: int, inbound: Inbound) -> bool:
    """A copy with the same Message-ID is a duplicate only if it brings no file the earlier copy lacked
    (a first copy cut short must not hide the whole one that follows)."""
    known = {a["sha256"] for a in ctx.store.attachments(earlier)}
    return all(sha256(a.data) in known for a in inbound.attachments if is_report_file(a.filename or "", a.data))


def _suffix(name: str) -> str:
    _, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and ext.isalnum() and len(ext) <= 5 else ""
