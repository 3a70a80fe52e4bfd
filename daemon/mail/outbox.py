"""Mail out: the outbox table drained, receipts first, within the budget, to SMTP (daemon/mail/smtp.py) or to .eml files."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daemon.config.record import Record
from daemon.config.settings import DirOutgoing, SmtpOutgoing
from daemon.context import Context
from daemon.errors import SendAmbiguousError, SendAuthError, SendError, SendQuotaError, SendRejectedError
from daemon.mail.logins import REFUSED_KEY, next_try, note_accepted, note_refused

if TYPE_CHECKING:
    from daemon.mail.compose import Outgoing
    from daemon.mail.smtp import SmtpTransport

log = logging.getLogger(__name__)

PAUSE_KEY = "smtp_paused_until"
AUTH_FAILED_KEY = REFUSED_KEY["smtp"]
QUOTA_PAUSE = dt.timedelta(hours=3)
# an interrupted send not (yet) in the Sent folder is resent only after this: the provider files its copy
# within seconds, so a later miss means the message never arrived, not that the copy is late
SENT_GRACE = dt.timedelta(minutes=5)
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360)
RECEIPT, OFFICE, REMINDER = 0, 1, 2  # priorities: receipts go first when the sending budget is short


class SendReport(Record, frozen=False):
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    stopped: str | None = None  # why sending stopped early, for the log and the status


class _Transport:
    """Where sent mail goes: .eml files for the embedded default, else SMTP (loaded only when there is mail)."""

    def __init__(self, outgoing: SmtpOutgoing | DirOutgoing):
        self.outgoing = outgoing
        self.smtp: SmtpTransport | None = None

    def send(self, row: dict[str, Any], sender: str) -> None:
        if isinstance(self.outgoing, DirOutgoing):
            _write_eml(self.outgoing.path, row)
            return
        if self.smtp is None:
            from daemon.mail.smtp import SmtpTransport

            self.smtp = SmtpTransport(self.outgoing)
        self.smtp.send(row, sender)

    def close(self) -> None:
        if self.smtp is not None:
            self.smtp.close()


def outbox_row(ctx: Context, mail: Outgoing, not_before: str | None = None) -> dict[str, Any]:
    return {
        "key": mail.key, "kind": mail.kind, "priority": mail.priority, "school_id": mail.school_id,
        "cycle_id": mail.cycle_id, "recipients": list(mail.recipients), "message_id": mail.message_id,
        "subject": mail.subject, "raw": mail.raw, "status": "pending", "not_before": not_before or ctx.iso_now(),
        "created_at": ctx.iso_now(),
    }


class Sending:
    """Sends during a poll (each receipt as its report is decided) over one connection, kept until `close()`."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.transport = _Transport(ctx.config.outgoing)
        self.report = SendReport()

    def send_due(self, *, final: bool = False) -> SendReport:
        """Send what is due now. Once a round stopped short (the day's budget spent, a pause, a refused login),
        nothing changes that within the poll: the rounds after each message are skipped until the `final` one,
        which would otherwise re-read every deferred row after each message."""
        if self.report.stopped and not final:
            return SendReport(stopped=self.report.stopped)
        done = send_pending(self.ctx, transport=self.transport)
        self.report.sent += done.sent
        self.report.failed += done.failed
        self.report.deferred = done.deferred  # rows still waiting now, not a sum of the rounds'
        self.report.stopped = done.stopped
        return done

    def close(self) -> None:
        self.transport.close()


def send_pending(ctx: Context, limit: int | None = None, transport: _Transport | None = None) -> SendReport:
    """Send what is due, receipts first, within the daily recipient budget; never the same row twice.

    With `transport` (a `Sending`'s), its connection is used and left open for the next call."""
    store, now = ctx.store, ctx.now()
    report = SendReport()
    recover_interrupted(ctx)
    paused = store.get_meta(PAUSE_KEY)
    if paused and dt.datetime.fromisoformat(paused) > now:
        report.stopped = f"sending paused until {paused}"
        return report
    retry_at = next_try(ctx, "smtp")
    if retry_at is not None:
        report.stopped = f"SMTP login refused earlier; next try at {retry_at.astimezone(ctx.tz):%H:%M}"
        return report
    budget = ctx.config.outgoing.daily_recipient_budget
    due = store.outbox_due(now.isoformat())[:limit]
    if not due:
        return report
    used = store.recipients_sent_since((now - dt.timedelta(days=1)).isoformat())
    owned = transport is None
    transport = transport or _Transport(ctx.config.outgoing)
    try:
        for row in due:
            if used + len(row["recipients"]) > budget:
                report.deferred += 1
                report.stopped = f"daily recipient budget of {budget} reached"
                continue
            # claimed before the connection: a crash now leaves 'sending', never a blind resend; not_before
            # keeps the claim's time, from which resolve_unknown() counts SENT_GRACE
            store.set_outbox_status(row["id"], "sending", now=ctx.iso_now(), not_before=ctx.iso_now(),
                                    count_attempt=True)
            try:
                transport.send(row, ctx.config.office.email)
            except SendAuthError as e:
                _retry(ctx, row, str(e), immediate=True)
                note_refused(ctx, "smtp", e)
                report.stopped = str(e)
                break
            except SendQuotaError as e:
                _retry(ctx, row, str(e), immediate=True)
                store.set_meta(PAUSE_KEY, (ctx.now() + QUOTA_PAUSE).isoformat())
                report.stopped = str(e)
                log.error("provider's sending limit reached: %s; paused for %s", e, QUOTA_PAUSE)
                break
            except SendRejectedError as e:
                store.set_outbox_status(row["id"], "failed", now=ctx.iso_now(), error=str(e))
                report.failed += 1
                log.error("outbox %s (%s to %s): rejected for good: %s", row["id"], row["kind"],
                          ",".join(row["recipients"]), e)
            except SendAmbiguousError as e:
                store.set_outbox_status(row["id"], "unknown", now=ctx.iso_now(), error=str(e))
                transport.close()
                log.warning("outbox %s: connection lost after the message was handed over; "
                            "checking the Sent folder before any resend", row["id"])
            except SendError as e:
                _retry(ctx, row, str(e))
                transport.close()
                report.deferred += 1
                log.warning("outbox %s: %s; will retry", row["id"], e)
            else:
                # The one window SMTP cannot close: a crash between the server's 250 and this commit leaves
                # the row 'sending'; the next poll makes it 'unknown' and settles it from the Sent folder.
                # After sendmail() returns only a log line (refused recipients) runs before this autocommit.
                store.set_outbox_status(row["id"], "sent", now=ctx.iso_now())
                if report.sent == 0:
                    note_accepted(ctx, "smtp")
                used += len(row["recipients"])
                report.sent += 1
    finally:
        if owned:
            transport.close()
    return report


def _retry(ctx: Context, row: dict[str, Any], error: str, immediate: bool = False) -> None:
    attempts = int(row["attempts"]) + 1
    minutes = 0 if immediate else BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1]
    ctx.store.set_outbox_status(row["id"], "pending", now=ctx.iso_now(), error=error,
                                not_before=(ctx.now() + dt.timedelta(minutes=minutes)).isoformat())


def recover_interrupted(ctx: Context) -> int:
    """Rows a killed process left 'sending' become 'unknown'. Every sender holds `exclusive`, so any 'sending'
    row seen by the lock's holder belongs to a process that is gone."""
    rows = ctx.store.outbox("sending")
    for row in rows:
        ctx.store.set_outbox_status(row["id"], "unknown", now=ctx.iso_now(),
                                    error="the process stopped while sending")
    return len(rows)


def resolve_unknown(ctx: Context, was_sent: Any) -> int:
    """Settle rows whose outcome is unknown: `was_sent(message_id)` says whether the Sent folder has it.

    Found: 'sent'. Not found: resent (same Message-ID) once SENT_GRACE has passed since the attempt.
    """
    resolved = 0
    for row in ctx.store.outbox("unknown"):
        if isinstance(ctx.config.outgoing, DirOutgoing):
            found = (ctx.config.outgoing.path / _eml_name(row)).exists()
        else:
            found = was_sent(row["message_id"]) if was_sent else False
        if not found and dt.datetime.fromisoformat(row["not_before"]) + SENT_GRACE > ctx.now():
            continue
        status = "sent" if found else "pending"
        ctx.store.set_outbox_status(row["id"], status, now=ctx.iso_now(), not_before=ctx.iso_now())
        resolved += 1
        log.info("outbox %s: outcome settled as %s", row["id"], "sent" if found else "not sent, will resend")
    return resolved


def _eml_name(row: dict[str, Any]) -> str:
    return f"{row['id']:06d}-{row['kind']}-{row['school_id'] or 'office'}.eml"


def _write_eml(folder: Path, row: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _eml_name(row)
    tmp = folder / f".{path.name}.tmp"
    with tmp.open("wb") as f:
        f.write(row["raw"])
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)
