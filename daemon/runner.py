"""`baocao run`: the jobs `loop.run_loop` drives, built from the config; startup and SIGHUP reload.

The database decides what is due (reminder ledger, digest fingerprint, alarm marker), so a job run twice or
late does no harm: the poll job also looks for due reminders, and a missed 07:30 tick is caught up.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from daemon.config.load import load_config
from daemon.config.settings import Config, ImapSource
from daemon.context import Context, exclusive, open_context, system_clock
from daemon.cycles.reminders import reminder_policy, send_due_reminders
from daemon.cycles.status import summary_due
from daemon.digest import check_silence, note_start, send_digest
from daemon.errors import ConfigError, LockedError, MailboxAuthError
from daemon.loop import Job, run_loop
from daemon.mail.logins import note_accepted, note_refused
from daemon.mail.outbox import send_pending
from daemon.mail.watch import Watcher
from daemon.pulse import Pulse
from daemon.workflow import poll

log = logging.getLogger(__name__)

# the silent-stop check: often enough that the alarm is at most an hour late, rarely enough to be free
ALARM_CHECK_MINUTES = 60
# an error a restart cannot fix: someone must edit the config (exit 2). Not a refused login: the service stays
# up, tries again every hour and reads the password file each time (daemon/mail/logins.py)
FATAL = (ConfigError,)


class Runner:
    """Owns the context across reloads; the jobs read `self.ctx` when they run, so a reload swaps it."""

    def __init__(self, config: Config, fixed_now: dt.datetime | None = None) -> None:
        self.config = config
        self.clock: Callable[[], dt.datetime] = system_clock(config.office.timezone, fixed_now)
        self._ctx: Context | None = None
        self.pulse = Pulse()  # the loop's stop flag and watchdog, for the poll to look at after each message
        self.watcher: Watcher | None = None

    @property
    def ctx(self) -> Context:
        if self._ctx is None:
            self._ctx = open_context(self.config, self.clock)  # opening the store applies the migrations
        return self._ctx

    def startup(self) -> None:
        """Database ready and the mailbox reachable; raises to be retried (or FATAL to exit 2).

        A refused login is said once and the start goes on: the hourly retries happen in the polls."""
        note_start(self.ctx)
        source = self.config.mailbox
        if isinstance(source, ImapSource):
            from daemon.mail.mailbox import ImapMailbox

            try:
                with ImapMailbox(source):
                    pass
            except MailboxAuthError as e:
                note_refused(self.ctx, "imap", e, announce=True)
            else:
                note_accepted(self.ctx, "imap")
                self._watch(source)
        log.info("started: %d schools, state in %s", len(self.config.schools), self.config.state_dir)

    def jobs(self, config: Config | None = None) -> list[Job]:
        config = config or self.config
        return [
            Job("poll", self.poll, every_minutes=config.poll_minutes),
            Job("reminders", self.remind, at=reminder_policy(config).send_at, catch_up=True),
            Job("digest", self.digest, at=config.digest.at),
            Job("alarm", self.alarm, every_minutes=ALARM_CHECK_MINUTES),
            Job("summary", self.summary, at=config.digest.at, catch_up=True),
        ]

    def reload(self) -> list[Job]:
        """Read the config again; raising (a bad file) keeps the running config and jobs."""
        new = load_config(self.config.path)
        jobs = self.jobs(new)  # a bad schedule value fails here, before anything is swapped
        old = self._ctx
        if old is not None and new.state_dir == self.config.state_dir:
            self._ctx = Context(new, old.store, self.clock)
        else:
            self._ctx = None
            if old is not None:
                old.close()
        if new.mailbox != self.config.mailbox:
            self._watch(new.mailbox)
        self.config = new
        return jobs

    def _watch(self, source: object) -> None:
        if self.watcher is not None:
            self.watcher.close()
        self.watcher = Watcher(source) if isinstance(source, ImapSource) and source.idle else None

    def wait(self, seconds: float) -> bool:
        """The loop's sleep between ticks: IMAP IDLE when on; True when the poll should run now."""
        if self.watcher is None:
            time.sleep(seconds)
            return False
        return self.watcher.wait(seconds)

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None

    # the jobs: `now` is the loop's clock, the same one the context reads --------------------------------

    def poll(self, now: dt.datetime) -> None:
        result = poll(self.ctx, self.pulse)
        if result.mailbox_error and not result.login_refused:
            log.error("mailbox: %s", result.mailbox_error)
        if result.processed or result.failed or (result.send and result.send.sent):
            log.info("poll: fetched %d, processed %d, failed %d, sent %d", result.fetched, result.processed,
                     result.failed, result.send.sent if result.send else 0)
        if self.pulse.stopping:
            return
        try:
            self.remind(now)  # a missed or failed 07:30 run is caught up at the next poll
        except LockedError:
            log.info("reminders: another baocao command holds the state directory; next poll")

    def remind(self, now: dt.datetime) -> None:
        with exclusive(self.config.state_dir):
            queued = [r for r in send_due_reminders(self.ctx) if r.outcome in ("queued", "missing_list")]
            if queued:
                log.info("reminders: %d queued", len(queued))
            if queued or self.ctx.store.outbox_due(self.ctx.iso_now()):
                send_pending(self.ctx)

    def digest(self, now: dt.datetime) -> None:
        with exclusive(self.config.state_dir):
            if send_digest(self.ctx):
                log.info("digest queued for the office")
                send_pending(self.ctx)

    def summary(self, now: dt.datetime) -> None:
        """At due + after_due_days the summary goes out even when no new mail arrived that day."""
        with exclusive(self.config.state_dir):
            cycles = summary_due(self.ctx)
            if cycles:
                from daemon.cycles.summarize import (
                    auto_send_summaries,  # matplotlib and docx load only when needed
                )

                if auto_send_summaries(self.ctx, cycles):
                    send_pending(self.ctx)

    def alarm(self, now: dt.datetime) -> None:
        with exclusive(self.config.state_dir):
            if check_silence(self.ctx):
                send_pending(self.ctx)


def run(config: Config, fixed_now: dt.datetime | None = None) -> int:
    """The daemon: until SIGTERM (0), or 2 when the config or a password is wrong at startup."""
    runner = Runner(config, fixed_now)
    try:
        return run_loop(runner.jobs(), startup=runner.startup, reload=runner.reload, now=runner.clock,
                        tz=config.office.timezone, fatal=FATAL, pulse=runner.pulse, wait=runner.wait)
    finally:
        runner.close()
