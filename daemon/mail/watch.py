"""IMAP IDLE on the polled folders: the poll runs within seconds of new mail instead of at the next interval.

IDLE is only a wake-up: the poll that follows reads from the UID position it recorded, so nothing that came while
a connection was down is missed; after a reconnect the poll runs at once for that reason. The periodic poll stays,
as the fallback and for servers without IDLE. Each folder has its own connection (IDLE watches the selected
folder only), re-issued before the server's limit (RFC 2177: 29 minutes; some end it sooner). A dropped connection
is retried with doubling delays; meanwhile the periodic poll carries on. Everything runs in the daemon's loop
between its ticks, never in a thread: a hang here stops the watchdog's pings, as it should.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from daemon.config.settings import ImapSource
from daemon.errors import ConfigError, MailboxAuthError, MailboxError
from daemon.mail.mailbox import ImapMailbox

log = logging.getLogger(__name__)

# the longest wait between reconnect attempts: an outage of hours costs one line per attempt at most every 10 min
MAX_RETRY_S = 600.0
# an IDLE connection's reads and DONE must answer within this (the poll's own timeout may be a minute): a stalled
# connection is found out between two watchdog pings
IDLE_TIMEOUT_S = 10.0


class Watcher:
    """The IDLE connections of one mailbox; `wait(seconds)` is the daemon loop's sleep between ticks."""

    def __init__(self, source: ImapSource, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.source = source
        self.sleep = sleep
        self.clock = clock
        self.boxes: list[tuple[ImapMailbox, str]] = []
        self.renew_at = 0.0
        self.retry_at = 0.0
        self.delay = source.idle_retry_s
        self.unsupported = False
        self.dropped = False  # a connection was lost: the poll runs once it is back
        self.failures = 0

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`, watching; True when the poll should run now."""
        if self.unsupported or (not self.boxes and self.clock() < self.retry_at):
            self.sleep(seconds)
            return False
        try:
            if not self.boxes:
                self._connect()
                if self.unsupported:
                    return False
                came_back, self.dropped = self.dropped, False
                if came_back:
                    log.info("IMAP IDLE: connected again after %d failed attempt(s); polling for what came meanwhile",
                             self.failures)
                self.failures, self.delay = 0, self.source.idle_retry_s
                return True  # mail may have come before IDLE began (or while it was down): the poll looks
            if self.clock() >= self.renew_at:
                for box, folder in self.boxes:
                    box.idle_stop()
                    box.idle_start(folder)
                self.renew_at = self.clock() + self.source.idle_renew_s
            share = seconds / len(self.boxes)
            return any([box.idle_wait(share) for box, _ in self.boxes])  # a list: every folder is read each time
        except MailboxError as e:
            self._drop(e)
            return False
        except ConfigError as e:  # e.g. no folder flagged \\Junk: the poll says so too, at each run
            self.abort()
            self.unsupported = True
            log.error("IMAP IDLE: %s; new mail is seen at each poll", e)
            return False

    def _connect(self) -> None:
        first = ImapMailbox(self.source, timeout_s=min(self.source.timeout_s, IDLE_TIMEOUT_S))
        first.connect()
        if not first.can_idle:
            first.close()
            self.unsupported = True
            log.info("IMAP IDLE: %s does not offer it; new mail is seen at each poll", self.source.host)
            return
        folders = first.resolve_folders()
        self.boxes = [(first, folders[0])]
        for folder in folders[1:]:
            box = ImapMailbox(self.source, timeout_s=first.timeout_s)
            self.boxes.append((box, folder))
            box.connect()
        for box, folder in self.boxes:
            box.idle_start(folder)
        self.renew_at = self.clock() + self.source.idle_renew_s

    def _drop(self, error: MailboxError) -> None:
        self.abort()
        self.dropped = True
        self.failures += 1
        self.retry_at = self.clock() + self.delay
        if self.failures == 1 or isinstance(error, MailboxAuthError):
            log.warning("IMAP IDLE: %s; reconnecting in %.0f s, the poll goes on meanwhile", error, self.delay)
        self.delay = min(self.delay * 2, MAX_RETRY_S)

    def abort(self) -> None:
        for box, _ in self.boxes:
            box.abort()
        self.boxes = []

    def close(self) -> None:
        """DONE and LOGOUT on each connection (at stop or reload)."""
        for box, _ in self.boxes:
            try:
                box.idle_stop()
            except MailboxError:
                box.abort()
            box.close()
        self.boxes = []
