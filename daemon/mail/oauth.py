"""Google sign-in for IMAP and SMTP with OAuth 2.0 (XOAUTH2): the stored grant and its access tokens.

`baocao auth google` (daemon/mail/consent.py) stores the grant: a refresh token in a 0600 JSON file (`token_file`,
by default in state_dir). Every login reads that file, as a password login reads its password file, so a grant
renewed by `baocao auth google` is used at the next try without a restart. The access token in it is reused until
shortly before it expires, then renewed at `token_uri` with the refresh token (RFC 6749 section 6).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from daemon.config.settings import OAuthSettings
from daemon.errors import ConfigError, OAuthRevokedError, OAuthUnreachableError

log = logging.getLogger(__name__)

# an access token is renewed this long before it expires: a login under way never carries a token that dies
# mid-handshake, and the server's clock may be a little ahead of ours (Google's tokens live 3600 s)
REFRESH_MARGIN_S = 60
# the token endpoint answers in well under a second; a hung one must not hold the poll
HTTP_TIMEOUT_S = 30
FIX = "Fix: run baocao auth google on the server and sign in again as {account}"


@dataclass(frozen=True)
class Grant:
    """The token file's content."""

    account: str
    refresh_token: str = field(repr=False)  # never in a log line, not even by accident
    access_token: str | None = field(default=None, repr=False)
    expires_at: float = 0.0  # Unix time the access token stops working
    authorised_at: str = ""

    def left_s(self, now: float | None = None) -> float:
        return self.expires_at - (time.time() if now is None else now) if self.access_token else 0.0


def read_grant(settings: OAuthSettings) -> Grant:
    path = settings.token_file
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Grant(**{k: data[k] for k in ("account", "refresh_token", "access_token", "expires_at",
                                             "authorised_at") if k in data})
    except FileNotFoundError as e:
        raise ConfigError(f"token_file {path} does not exist: this server has not been authorised yet. "
                          "Fix: run baocao auth google") from e
    except PermissionError as e:
        raise ConfigError(f"token_file {path} cannot be read by this user. Hint: run baocao as the service "
                          "user: sudo -u baocao baocao ...") from e
    except (OSError, ValueError, TypeError, KeyError) as e:
        raise ConfigError(f"token_file {path} is damaged ({type(e).__name__}). Fix: run baocao auth google") from e


def write_grant(settings: OAuthSettings, grant: Grant) -> None:
    """Atomically, mode 0600 from the start: the refresh token is as good as the mailbox's password."""
    path = settings.token_file
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(grant), out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        tmp.chmod(0o600)  # O_CREAT's mode does not apply to a file left by a killed run
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def client_secret(settings: OAuthSettings) -> str:
    """The secret alone, or read from the JSON Google Cloud Console offers for download ({"installed": ...})."""
    path = settings.client_secret_file
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError as e:
        raise ConfigError(f"client_secret_file {path} does not exist. Hint: download the OAuth client's JSON "
                          "from Google Cloud Console (APIs & Services, Credentials) to that path") from e
    except OSError as e:
        raise ConfigError(f"cannot read client_secret_file {path}: {e.strerror}") from e
    if not text.startswith("{"):
        if not text:
            raise ConfigError(f"client_secret_file {path} is empty")
        return text
    try:
        data = json.loads(text)
        client = data.get("installed") or data.get("web") or data
        secret, client_id = client["client_secret"], client.get("client_id", settings.client_id)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(f"client_secret_file {path} is JSON without a client_secret") from e
    if client_id != settings.client_id:
        raise ConfigError(f"client_secret_file {path} is the secret of another client ({client_id}), not of "
                          f"client_id {settings.client_id}")
    return str(secret)


def token_request(settings: OAuthSettings, fields: dict[str, str], account: str) -> dict[str, Any]:
    """POST to the token endpoint; Google's refusal of the grant becomes OAuthRevokedError."""
    body = urllib.parse.urlencode({**fields, "client_id": settings.client_id,
                                   "client_secret": client_secret(settings)}).encode()
    request = urllib.request.Request(settings.token_uri, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:  # noqa: S310 - https or loopback
            answer = json.loads(response.read())
    except urllib.error.HTTPError as e:
        error = _error_of(e)
        if error == "invalid_grant":
            raise OAuthRevokedError(f"Google refused the stored sign-in of {account} (invalid_grant: revoked, "
                                    f"expired, or the account's password changed). {FIX.format(account=account)}"
                                    ) from e
        if error in ("invalid_client", "unauthorized_client"):
            raise ConfigError(f"the token endpoint refused the OAuth client ({error}). Fix: client_id and "
                              f"client_secret_file must be the same Desktop-app client in Google Cloud Console"
                              ) from e
        raise OAuthUnreachableError(f"token endpoint {settings.token_uri} answered {e.code} {error or ''}".strip()
                                    ) from e
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, TimeoutError):
            why = f"no answer within {HTTP_TIMEOUT_S} s"
        else:
            why = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
        raise OAuthUnreachableError(f"cannot reach the token endpoint {settings.token_uri} ({why})") from e
    if not isinstance(answer, dict) or not answer.get("access_token"):
        raise OAuthUnreachableError(f"token endpoint {settings.token_uri} answered without an access_token")
    return answer


def _error_of(error: urllib.error.HTTPError) -> str | None:
    try:
        value = json.loads(error.read()).get("error")
    except (ValueError, AttributeError, OSError):
        return None
    return str(value) if value else None


def granted(answer: dict[str, Any], account: str, refresh_token: str, authorised_at: str) -> Grant:
    """A token endpoint's answer as the grant to store (a new refresh token, if one came, replaces the old)."""
    expires_in = float(answer.get("expires_in") or 3600)
    return Grant(account=account, refresh_token=str(answer.get("refresh_token") or refresh_token),
                 access_token=str(answer["access_token"]), expires_at=time.time() + expires_in,
                 authorised_at=authorised_at)


def refresh(settings: OAuthSettings, grant: Grant) -> Grant:
    answer = token_request(settings, {"grant_type": "refresh_token", "refresh_token": grant.refresh_token},
                           grant.account)
    renewed = granted(answer, grant.account, grant.refresh_token, grant.authorised_at)
    try:
        if read_grant(settings).refresh_token == grant.refresh_token:  # not if `auth google` stored another meanwhile
            write_grant(settings, renewed)
    except OSError as e:  # a token_file where the service may not write (ProtectSystem=strict): still signs in
        log.warning("cannot store the renewed access token in %s (%s); it is renewed at every login until it "
                    "can be. Fix: leave token_file out (state_dir is writable)", settings.token_file, e.strerror)
    log.info("OAuth access token for %s renewed; valid for %d s", grant.account, renewed.left_s())
    return renewed


class Bearer:
    """The access tokens of one login: the stored one while it is good, then a renewed one."""

    def __init__(self, settings: OAuthSettings) -> None:
        self.settings = settings
        self.renewed = False

    def token(self) -> str:
        grant = read_grant(self.settings)
        if grant.access_token and grant.left_s() > REFRESH_MARGIN_S:
            return grant.access_token
        return self.renew(grant)

    def renew(self, grant: Grant | None = None) -> str:
        self.renewed = True
        token = refresh(self.settings, grant or read_grant(self.settings)).access_token
        assert token is not None
        return token


def sign_in(settings: OAuthSettings, login: Callable[[str], object], refused: type[Exception]) -> None:
    """login(access_token); a stored token the server refuses (revoked early, clocks apart) is renewed once."""
    bearer = Bearer(settings)
    try:
        login(bearer.token())
    except refused:
        if bearer.renewed:
            raise
        log.info("the stored OAuth access token was refused; renewing it and trying once more")
        login(bearer.renew())


def xoauth2(username: str, token: str) -> str:
    """The SASL XOAUTH2 initial response (Google's format), before base64."""
    return f"user={username}\x01auth=Bearer {token}\x01\x01"


def describe(settings: OAuthSettings) -> str:
    """For `baocao check`, after a login: how long the access token has left, and since when the grant holds."""
    grant = read_grant(settings)
    minutes = max(0, int(grant.left_s() // 60))
    since = ""
    if grant.authorised_at:
        since = f", authorised {dt.datetime.fromisoformat(grant.authorised_at):%Y-%m-%d}"
    return (f"OAuth token of {grant.account} works, access token valid {minutes} more min (renewed by itself)"
            f"{since}, stored in {settings.token_file}")
