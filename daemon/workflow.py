"""One pass of the daemon: fetch -> archive -> record -> classify/parse -> submission -> reply -> send."""

from __future__ import annotations

import datetime as dt
import logging

from daemon.config.record import Record
from daemon.config.settings import ImapSource
from daemon.context import Context, exclusive
from daemon.errors import MailboxAuthError, MailboxError
from daemon.mail.ingest import ingest_imap, ingest_maildir
from daemon.mail.logins import next_try, note_accepted, note_refused
from daemon.mail.outbox import Sending, SendReport, recover_interrupted, resolve_unknown
from daemon.pulse import Pulse
from state import reviews

log = logging.getLogger(__name__)
LAST_POLL_KEY = "last_poll_ok"
# messages taken at a time: the parse worker reads ahead within a batch, and a poll with hundreds of new mails
# still sends each receipt as its report is decided
BATCH_SIZE = 10


class PollResult(Record, frozen=False):
    fetched: int = 0
    processed: int = 0
    failed: int = 0
    send: SendReport | None = None
    mailbox_error: str | None = None
    login_refused: bool = False  # the mailbox_error is a refused login, logged once by daemon.mail.logins


def poll(ctx: Context, pulse: Pulse | None = None) -> PollResult:
    """Fetch, process and send once. A mailbox failure still lets recorded mail be processed and sent.

    Each receipt goes out as soon as its report is written; messages are taken BATCH_SIZE at a time. The pulse
    (the daemon's, or the shell's) is beaten and looked at after each message: a stop ends the poll there, what
    is left stays to do for the next start.
    """
    pulse = pulse or Pulse()
    result = PollResult()
    with exclusive(ctx.config.state_dir):
        _recover(ctx)
        try:
            result.fetched = _fetch(ctx, pulse)
            if not pulse.stopping:
                ctx.store.set_meta(LAST_POLL_KEY, ctx.iso_now())
        except MailboxError as e:
            result.mailbox_error = str(e)
            result.login_refused = isinstance(e, MailboxAuthError)
            log.info("mailbox: %s", e)  # the caller says it once: `poll` on stderr, `run` in its log
        sending = Sending(ctx)
        try:
            _process(ctx, pulse, sending, result)
            if not pulse.stopping and reviews.unannounced(ctx.store):
                from daemon.decision.review_mail import (
                    announce_new_items,  # staff hear of new items within the hour
                )

                announce_new_items(ctx)
            if not pulse.stopping:
                sending.send_due(final=True)
        finally:
            sending.close()
        result.send = sending.report
    return result


def _process(ctx: Context, pulse: Pulse, sending: Sending, result: PollResult) -> None:
    after = 0
    while not pulse.stopping:
        pending = ctx.store.messages_to_process(ctx.config.max_attempts, after=after, limit=BATCH_SIZE)
        if not pending:
            break
        from daemon.process import process_pending  # parsing code loads only when there is mail to read

        done, failed = process_pending(ctx, pending, pulse, after=lambda: _send(sending, pulse))
        result.processed += done
        result.failed += failed
        after = pending[-1]["id"]
    if not result.processed or pulse.stopping:
        return
    from daemon.cycles.status import summary_due  # an idle poll has no report to count

    cycles = summary_due(ctx)
    if cycles:
        from daemon.cycles.summarize import (
            auto_send_summaries,  # the summary's libraries load only when needed
        )

        auto_send_summaries(ctx, cycles)


def _send(sending: Sending, pulse: Pulse) -> None:
    sending.send_due()
    pulse.beat()


def _recover(ctx: Context) -> None:
    """What a killed run left: temp files of half-written archive files, and sends with no known outcome."""
    swept = len(ctx.raw_archive.sweep_temp()) + len(ctx.file_archive.sweep_temp())
    if swept:
        log.warning("removed %d temp file(s) left by an interrupted run", swept)
    recover_interrupted(ctx)  # 'sending' -> 'unknown' now, so this poll's Sent lookup can settle them


def _fetch(ctx: Context, pulse: Pulse) -> int:
    source = ctx.config.mailbox
    if not isinstance(source, ImapSource):
        resolve_unknown(ctx, None)
        return ingest_maildir(ctx)
    retry_at = next_try(ctx, "imap")
    if retry_at is not None:
        raise MailboxAuthError(f"IMAP login refused earlier; next try at {retry_at.astimezone(ctx.tz):%H:%M}")
    from daemon.mail.mailbox import ImapMailbox  # imaplib, ssl, imap_tools: not for a Maildir

    box = ImapMailbox(source)
    try:
        box.connect()
    except MailboxAuthError as e:
        note_refused(ctx, "imap", e)
        raise
    note_accepted(ctx, "imap")
    try:
        fetched = ingest_imap(ctx, box, lambda: lookback_start(ctx), pulse)
        if ctx.store.outbox("unknown"):
            # Gmail files what it relays into Sent: finding our Message-ID there settles an ambiguous send
            resolve_unknown(ctx, lambda message_id: box.find_message_id("\\Sent", message_id))
    finally:
        box.close()
    return fetched


def lookback_start(ctx: Context) -> dt.date:
    """How far back a first poll (or one after a UIDVALIDITY change) reads: the earliest open cycle, less a margin."""
    from daemon.cycles.adhoc import all_cycles  # loaded only when a poll looks back

    today = ctx.now().date()
    open_cycles = [c for c in all_cycles(ctx) if c.last_day >= today]
    start = min((c.opens for c in open_cycles), default=today)
    return start - dt.timedelta(days=ctx.config.lookback_margin_days)
