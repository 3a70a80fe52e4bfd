"""One recorded message -> who sent it, for which cycle, what it contains -> submission and reply, atomically."""

from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from daemon.adhoc import all_cycles, school_due
from daemon.archive import safe_filename, sha256
from daemon.classify import (
    answers_our_mail,
    authentication_verdict,
    is_deadline_met,
    normalise_address,
    pick_cycle,
    school_by_address,
    school_by_name,
)
from daemon.compose import Outgoing, compose
from daemon.config import Cycle
from daemon.context import Context
from daemon.inbound import Inbound, read_inbound
from daemon.outbox import RECEIPT, outbox_row
from daemon.pulse import Pulse, Stopped
from daemon.roster import School
from parsers import REVIEW_CODES, PendingParse, Report, is_report_file, start_isolated
from parsers.worker import ParseInterrupted, abandon, wait_hook

log = logging.getLogger(__name__)

# at most this many automatic replies to one school a day, whatever it sends: no mail loop can run away
MAX_REPLIES_PER_SCHOOL_PER_DAY = 6
# each file is parsed in turn by the parse worker (a docx ~20 ms, a scanned page ~3 s, a fresh interpreter ~0.4 s
# when the worker cannot be forked): a mail with hundreds of files must not hold the poll for minutes; a report
# with its appendices is far below this
MAX_FILES_READ_PER_MAIL = 20
# messages whose attachments are already queued with the worker while the current one is written: 2 keeps
# the worker busy on the other core
PARSE_AHEAD = 2


@dataclass
class Decision:
    classification: str
    reason: str | None = None
    school: School | None = None
    cycle: Cycle | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    submission: dict[str, Any] | None = None
    outgoing: list[Outgoing] = field(default_factory=list)


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


@dataclass
class Prepared:
    """A message read, its report files archived and their parses started: the first stage of `decide`."""

    row: dict[str, Any]
    inbound: Inbound
    received_at: dt.datetime
    files: list[tuple[Any, str]]
    stored: list[dict[str, Any]]
    parses: dict[str, PendingParse]  # by the file's sha256: the same file twice in one mail is read once

    def cancel(self) -> None:
        for pending in self.parses.values():
            pending.cancel()


def prepare(ctx: Context, row: dict[str, Any]) -> Prepared:
    inbound = read_inbound(ctx.raw_archive.read(row["archive_path"]))
    received_at = dt.datetime.fromisoformat(row["received_at"]).astimezone(ctx.tz)
    files = [(a, safe_filename(a.filename)) for a in inbound.attachments if is_report_file(a.filename or "", a.data)]
    prepared = Prepared(row, inbound, received_at, files, [], {})
    machine = inbound.auto is not None or \
        normalise_address(inbound.sender) == normalise_address(ctx.config.office.email)
    for attachment, name in files:
        digest, path = ctx.file_archive.store(attachment.data, _suffix(name))
        prepared.stored.append({
            "sha256": digest, "original_name": attachment.filename, "safe_name": name,
            "content_type": attachment.content_type, "size": len(attachment.data), "stored_path": str(path),
            "parse_status": "skipped", "report": None,
        })
        if not machine and digest not in prepared.parses and len(prepared.parses) < MAX_FILES_READ_PER_MAIL:
            prepared.parses[digest] = start_isolated(attachment.data, filename=name, spec=ctx.parse_spec)
    return prepared


def conclude(ctx: Context, prepared: Prepared) -> Decision:
    """The second stage: who sent it, for which cycle, what it says; the parses started by `prepare` collected."""
    decision = _conclude(ctx, prepared)
    prepared.cancel()  # parses an early verdict (our own mail, a machine, a duplicate) never needed
    return decision


def _conclude(ctx: Context, prepared: Prepared) -> Decision:
    config, store = ctx.config, ctx.store
    row, inbound, received_at = prepared.row, prepared.inbound, prepared.received_at
    own = normalise_address(config.office.email)
    if normalise_address(inbound.sender) == own or (inbound.message_id and store.our_message_ids([inbound.message_id])):
        return Decision("own", "thư do chính hộp thư của Phòng gửi")
    if inbound.auto:
        kind, reason = inbound.auto
        if kind == "bounce":
            for address in inbound.bounced_recipients:
                if school_by_address(config.schools, address):
                    store.set_meta(f"bouncing:{address}", ctx.iso_now())
        return Decision(kind, reason)
    if inbound.message_id:
        earlier = store.message_with_id(inbound.message_id, other_than=row["id"])
        if earlier is not None and earlier["id"] < row["id"] and _files_known(ctx, earlier["id"], inbound):
            return Decision("duplicate", f"trùng Message-ID với thư số {earlier['id']}")

    school = school_by_address(config.schools, inbound.sender)
    registered = school is not None
    files, stored = prepared.files, prepared.stored
    reports: list[tuple[str, str, list[Report]]] = []
    unread = 0
    for entry in stored:
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
    all_reports = [r for _, _, parsed in reports for r in parsed]

    if school is None:
        named_ids = [r.school_id for r in all_reports if r.school_id]
        by_id = {s.id: s for s in config.schools}
        school = by_id.get(named_ids[0]) if named_ids else school_by_name(
            config.schools, [inbound.subject, inbound.sender_name])
        if school is None:
            return Decision("stranger", "người gửi không có trong danh sách trường, thư không nêu tên trường nào",
                            attachments=stored)
    if not files and (inbound.in_reply_to and store.our_message_ids(list(inbound.in_reply_to)) or
                      answers_our_mail(inbound.subject)):
        return Decision("reply_to_us", "thư trả lời thư tự động của Phòng, không có tệp báo cáo", school,
                        attachments=stored)
    named_cycle = next((r.cycle for r in all_reports if r.cycle), None)
    cycle = pick_cycle(config, all_cycles(ctx), school, received_at.date(),
                       [inbound.subject, inbound.body[:4000]], named_cycle)
    if not files:
        decision = Decision("no_attachment", "thư không có tệp báo cáo đính kèm", school, cycle)
        if cycle and registered and _may_reply(ctx, school):
            decision.outgoing.append(_notice(ctx, row, inbound, school, cycle, received_at))
        return decision
    if cycle is None:
        return Decision("needs_review", "không xác định được thư gửi cho kỳ báo cáo nào", school,
                        attachments=stored)
    if all(store.known_attachment(digest, school.id, cycle.id) for digest, _, _ in reports):
        return Decision("duplicate", "các tệp này đã được nhận trước đó", school, cycle, attachments=stored)

    review = [] if registered else ["gửi từ địa chỉ chưa đăng ký"]
    if all(r.text_source is None for r in all_reports):
        # the school is told what was wrong with its files; the office must not count an empty report as in
        review.append("không đọc được tệp nào trong thư, Phòng cần mở tệp gốc hoặc chờ nhà trường gửi lại")
    if unread:
        review.append(f"thư có {len(files)} tệp đính kèm; chỉ đọc {MAX_FILES_READ_PER_MAIL} tệp đầu, "
                      f"{unread} tệp còn lại được lưu để Phòng xem")
    if registered and authentication_verdict(inbound.auth_results, inbound.sender) == "fail":
        review.append("thư không qua kiểm tra xác thực người gửi (DKIM/SPF/DMARC)")
    metrics: dict[str, Any] = {}
    for report in all_reports:
        review.extend(report.review_reasons)
        for value in report.metrics:
            if value.key in metrics and metrics[value.key] != value.value:
                review.append(f"hai tệp ghi hai số khác nhau cho “{_label(ctx, value.key)}”")
            metrics.setdefault(value.key, value.value)
    problems = list(dict.fromkeys(p.message for r in all_reports for p in r.problems))
    review = list(dict.fromkeys(review + [p.message for r in all_reports for p in r.problems
                                          if p.code in REVIEW_CODES]))
    on_time = is_deadline_met(received_at, school_due(ctx, cycle, school.id), ctx.tz)
    previous = store.has_current_submission(cycle.id, school.id)
    decision = Decision("needs_review" if review else "submission", "; ".join(review) or None, school, cycle,
                        attachments=stored)
    decision.submission = {
        "school_id": school.id, "cycle_id": cycle.id, "message": row["id"], "channel": "email",
        "received_at": received_at.isoformat(), "on_time": on_time,
        "status": "needs_review" if review else "accepted", "review_reasons": review,
        "files": [name for _, name, _ in reports], "metrics": metrics,
        "sections": _sections(all_reports), "problems": problems, "created_at": ctx.iso_now(),
    }
    if _may_reply(ctx, school):
        recipients = _roster_addresses(school, inbound.sender if registered else None)
        decision.outgoing.append(compose(
            key=f"receipt:{row['sha256']}", kind="receipt", priority=RECEIPT, office_name=config.office.name,
            office_email=config.office.email, recipients=recipients, template="receipt", now=ctx.now(),
            in_reply_to=inbound.message_id if registered else None, references=inbound.in_reply_to,
            school_id=school.id, cycle_id=cycle.id,
            context={
                "office": config.office, "school": school, "cycle": cycle, "received_at": received_at,
                "on_time": on_time, "superseded": previous, "review": review,
                "problems": problems, "files": [_file_summary(ctx, name, parsed) for _, name, parsed in reports],
            },
        ))
    return decision




def write_decision(ctx: Context, row: dict[str, Any], decision: Decision) -> None:
    store = ctx.store
    with store.atomic():
        store.replace_attachments(row["id"], decision.attachments)
        if decision.submission:
            store.record_submission(decision.submission)
        for mail in decision.outgoing:
            store.enqueue(outbox_row(ctx, mail))
        store.finish_message(
            row["id"], classification=decision.classification, reason=decision.reason,
            school_id=decision.school.id if decision.school else None,
            cycle_id=decision.cycle.id if decision.cycle else None, now=ctx.iso_now(),
        )
    log.info("message %s from %s: %s%s", row["id"], row["sender"] or "?", decision.classification,
             f" ({decision.school.id})" if decision.school else "")


def _files_known(ctx: Context, earlier: int, inbound: Inbound) -> bool:
    """A copy with the same Message-ID is a duplicate only if it brings no file the earlier copy lacked
    (a first copy cut short must not hide the whole one that follows)."""
    known = {a["sha256"] for a in ctx.store.attachments(earlier)}
    return all(sha256(a.data) in known for a in inbound.attachments if is_report_file(a.filename or "", a.data))


def _roster_addresses(school: School, sender: str | None) -> list[str]:
    """Whom an automatic reply goes to: the roster's own spelling of the sender's address, else every roster address;
    never From's +tag variant, Reply-To or any address the mail itself supplies (no backscatter)."""
    same = [e for e in school.emails if sender and normalise_address(e) == normalise_address(sender)]
    return same[:1] or list(school.emails)


def _may_reply(ctx: Context, school: School) -> bool:
    since = (ctx.now() - dt.timedelta(days=1)).isoformat()
    if ctx.store.receipts_for_school_since(school.id, since) < MAX_REPLIES_PER_SCHOOL_PER_DAY:
        return True
    log.warning("%s: %d automatic replies in 24 hours; no more today (mail loop guard)", school.id,
                MAX_REPLIES_PER_SCHOOL_PER_DAY)
    return False


def _notice(ctx: Context, row: dict[str, Any], inbound: Inbound, school: School, cycle: Cycle,
            received_at: dt.datetime) -> Outgoing:
    config = ctx.config
    return compose(
        key=f"notice:{school.id}:{received_at.date().isoformat()}", kind="notice", priority=RECEIPT,
        office_name=config.office.name, office_email=config.office.email,
        recipients=_roster_addresses(school, inbound.sender), template="notice", now=ctx.now(), in_reply_to=inbound.message_id, references=inbound.in_reply_to,
        school_id=school.id, cycle_id=cycle.id,
        context={"office": config.office, "school": school, "cycle": cycle, "received_at": received_at,
                 "subject": inbound.subject, "drive_links": inbound.drive_links},
    )


def _label(ctx: Context, key: str) -> str:
    return next((m.label for m in ctx.config.metrics if m.key == key), key)


def _file_summary(ctx: Context, name: str, reports: list[Report]) -> dict[str, Any]:
    values = [{"label": _label(ctx, m.key), "value": m.value} for r in reports for m in r.metrics]
    return {"name": name, "values": values, "problems": [p.message for r in reports for p in r.problems]}


def _sections(reports: list[Report]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in ("difficulties", "proposals"):
        texts = [getattr(r, key) for r in reports if getattr(r, key)]
        if texts:
            out[key] = "\n\n".join(dict.fromkeys(texts))
    return out


def _suffix(name: str) -> str:
    _, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and ext.isalnum() and len(ext) <= 5 else ""
