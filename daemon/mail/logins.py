"""Refused logins (IMAP and SMTP alike): said once, tried again every hour, and said when the login works again.

The password file is read at every login (daemon.config.settings.Secret), so a replaced app password is taken at the
next try without a restart. The time of the last refusal is kept in the store: a restart remembers it, but the
start itself tries at once (someone who restarts the service has usually just changed the password).
With auth: oauth2 the token file is read at every login, and a sign-in stored by `baocao auth google` since the
refusal is tried at the next poll, without waiting for the hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from daemon.context import Context
from daemon.errors import ConfigError

log = logging.getLogger(__name__)

# one login an hour after a refusal: enough to notice a replaced password soon, too few to get the account locked
AUTH_RETRY = dt.timedelta(hours=1)
REFUSED_KEY = {"imap": "imap_auth_failed", "smtp": "smtp_auth_failed"}
GRANT_KEY = {"imap": "imap_auth_grant", "smtp": "smtp_auth_grant"}  # which OAuth grant was refused
_HINT = ("baocao keeps running and tries again every hour, reading the password file each time; "
         "write the new app password into it, or run `baocao check`")
_OAUTH_HINT = ("baocao keeps running and tries again every hour, reading the token file each time, and at once "
               "after `baocao auth google` stores a new sign-in")


def _grant_id(ctx: Context, service: str) -> str | None:
    server = ctx.config.mailbox if service == "imap" else ctx.config.outgoing
    oauth = getattr(server, "oauth", None)
    if oauth is None:
        return None
    from daemon.mail.oauth import read_grant  # Google's sign-in code loads only for auth: oauth2

    try:
        token = read_grant(oauth).refresh_token
    except ConfigError:
        return None
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def next_try(ctx: Context, service: str) -> dt.datetime | None:
    """When a refused login may be tried again, if that time has not come yet; None: try now."""
    refused = ctx.store.get_meta(REFUSED_KEY[service])
    if refused is None:
        return None
    refused_grant = ctx.store.get_meta(GRANT_KEY[service])
    if refused_grant is not None and refused_grant != _grant_id(ctx, service):
        return None  # `baocao auth google` stored another grant since: try it now
    when = dt.datetime.fromisoformat(refused) + AUTH_RETRY
    return when if when > ctx.now() else None


def note_refused(ctx: Context, service: str, error: Exception, *, announce: bool = False) -> None:
    """Remember the refusal; one log line for the first (or, `announce`, at a start), not one an hour."""
    key = REFUSED_KEY[service]
    first = ctx.store.get_meta(key) is None
    ctx.store.set_meta(key, ctx.iso_now())
    grant = _grant_id(ctx, service)
    ctx.store.set_meta(GRANT_KEY[service], grant)
    if first or announce:
        log.error("%s; %s", error, _OAUTH_HINT if grant else _HINT)
    else:
        log.info("%s login still refused; next try in an hour", service.upper())


def note_accepted(ctx: Context, service: str) -> None:
    """After a refusal: forget it and say once that the login works again."""
    key = REFUSED_KEY[service]
    if ctx.store.get_meta(key) is not None:
        ctx.store.set_meta(key, None)
        ctx.store.set_meta(GRANT_KEY[service], None)
        log.warning("%s login works again", service.upper())
