"""Refused logins (IMAP and SMTP alike): said once, tried again every hour, and said when the login works again.

The password file is read at every login (daemon.settings.Secret), so a replaced app password is taken at the
next try without a restart. The time of the last refusal is kept in the store: a restart remembers it, but the
start itself tries at once (someone who restarts the service has usually just changed the password).
"""

from __future__ import annotations

import datetime as dt
import logging

from daemon.context import Context

log = logging.getLogger(__name__)

# one login an hour after a refusal: enough to notice a replaced password soon, too few to get the account locked
AUTH_RETRY = dt.timedelta(hours=1)
REFUSED_KEY = {"imap": "imap_auth_failed", "smtp": "smtp_auth_failed"}
_HINT = ("baocao keeps running and tries again every hour, reading the password file each time; "
         "write the new app password into it, or run `baocao check`")


def next_try(ctx: Context, service: str) -> dt.datetime | None:
    """When a refused login may be tried again, if that time has not come yet; None: try now."""
    refused = ctx.store.get_meta(REFUSED_KEY[service])
    if refused is None:
        return None
    when = dt.datetime.fromisoformat(refused) + AUTH_RETRY
    return when if when > ctx.now() else None


def note_refused(ctx: Context, service: str, error: Exception, *, announce: bool = False) -> None:
    """Remember the refusal; one log line for the first (or, `announce`, at a start), not one an hour."""
    key = REFUSED_KEY[service]
    first = ctx.store.get_meta(key) is None
    ctx.store.set_meta(key, ctx.iso_now())
    if first or announce:
        log.error("%s; %s", error, _HINT)
    else:
        log.info("%s login still refused; next try in an hour", service.upper())


def note_accepted(ctx: Context, service: str) -> None:
    """After a refusal: forget it and say once that the login works again."""
    key = REFUSED_KEY[service]
    if ctx.store.get_meta(key) is not None:
        ctx.store.set_meta(key, None)
        log.warning("%s login works again", service.upper())
