"""Google's side of OAuth on 127.0.0.1: a token endpoint, the introspection Dovecot's oauth2 passdb asks, and
the servers that accept only tokens (Dovecot with the oauth2 passdb, aiosmtpd with AUTH XOAUTH2 only).

The authorisation server speaks the protocol (RFC 6749 code and refresh_token grants with PKCE, RFC 7662
introspection); `consent()` is the person pressing Allow on Google's page. It knows nothing of baocao's code.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import imaplib
import json
import secrets
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import MISSING, SMTP, AuthResult, LoginPassword

from tests.servers.certs import Cert
from tests.servers.dovecot import IMAP_TIMEOUT, DovecotServer, ImapAccount, _check, free_port
from tests.servers.smtp import SmtpServer, _Controller, _Handler

SCOPE = "https://mail.google.com/"
OAUTH_PASSDB = """\
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}"""


@dataclass
class _Access:
    account: str
    expires_at: float
    refresh_token: str | None  # None: issued to a test helper, not through a grant


@dataclass
class OAuthServer:
    """Tokens by account; `lifetime` is what new access tokens get (Google: 3600 s)."""

    client_id: str = "123-baocao-test.apps.googleusercontent.com"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    lifetime: int = 3600
    port: int = field(default_factory=free_port)
    grants: dict[str, str] = field(default_factory=dict)  # live refresh token -> account
    access: dict[str, _Access] = field(default_factory=dict)
    codes: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code -> (account, challenge, redirect)
    requests: list[str] = field(default_factory=list)  # grant types asked for at /token, in order
    introspected: list[str] = field(default_factory=list)  # tokens Dovecot asked about

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        owner = self

        class Handler(_HttpHandler):
            server_owner = owner

        self._http = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    # what a person and Google's console do -------------------------------------------------------------------

    def consent(self, url: str, account: str) -> str:
        """The person opens `url`, signs in as `account` and presses Allow: the address the browser lands on."""
        query = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}
        assert query["client_id"] == self.client_id and query["response_type"] == "code", query
        assert query["scope"] == SCOPE and query["access_type"] == "offline" and query["prompt"] == "consent"
        assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
        code = "4/" + secrets.token_urlsafe(24)
        self.codes[code] = (account, query["code_challenge"], query["redirect_uri"])
        return f"{query['redirect_uri']}?state={query['state']}&code={urllib.parse.quote(code)}&scope={SCOPE}"

    def revoke(self, account: str) -> None:
        """The account's owner removes the app's access: its refresh and access tokens die."""
        self.grants = {t: a for t, a in self.grants.items() if a != account}
        self.access = {t: a for t, a in self.access.items() if a.account != account or a.refresh_token is None}

    def expire_access_tokens(self, account: str) -> None:
        """The account's access tokens stop working early (Google may end them before expires_in)."""
        for access in self.access.values():
            if access.account == account and access.refresh_token is not None:
                access.expires_at = 0

    def issue(self, account: str) -> str:
        """An access token for a test helper's own session."""
        token = "ya29.helper-" + secrets.token_urlsafe(24)
        self.access[token] = _Access(account, time.time() + 3600, None)
        return token

    def account_of(self, token: str) -> str | None:
        access = self.access.get(token)
        return access.account if access and access.expires_at > time.time() else None

    def baocao_tokens(self) -> list[str]:
        return [t for t, a in self.access.items() if a.refresh_token is not None]

    # the endpoints ---------------------------------------------------------------------------------------------

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.requests.append(form.get("grant_type", ""))
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return 401, {"error": "invalid_client", "error_description": "The OAuth client was not found."}
        if form.get("grant_type") == "authorization_code":
            found = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "").encode()
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if found is None or found[1] != challenge or found[2] != form.get("redirect_uri"):
                return 400, {"error": "invalid_grant", "error_description": "Bad Request"}
            refresh = "1//" + secrets.token_urlsafe(32)
            self.grants[refresh] = found[0]
            return 200, {**self._access_for(found[0], refresh), "refresh_token": refresh}
        if form.get("grant_type") == "refresh_token":
            account = self.grants.get(form.get("refresh_token", ""))
            if account is None:
                return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
            return 200, self._access_for(account, form["refresh_token"])
        return 400, {"error": "unsupported_grant_type"}

    def _access_for(self, account: str, refresh: str) -> dict[str, Any]:
        token = "ya29." + secrets.token_urlsafe(32)
        self.access[token] = _Access(account, time.time() + self.lifetime, refresh)
        return {"access_token": token, "expires_in": self.lifetime, "scope": SCOPE, "token_type": "Bearer"}

    def introspect(self, token: str) -> dict[str, Any]:
        self.introspected.append(token)
        account = self.account_of(token)
        return {"active": True, "email": account, "scope": SCOPE} if account else {"active": False}


class _HttpHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # Dovecot's HTTP client keeps its connection open
    server_owner: OAuthServer

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
        owner = self.server_owner
        if self.path == "/token":
            status, answer = owner.token(form)
        elif self.path == "/introspect":
            status, answer = 200, owner.introspect(form.get("token", ""))
        else:
            status, answer = 404, {"error": "not_found"}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def oauth_dovecot(root: Path, cert: Cert, oauth: OAuthServer) -> DovecotServer:
    """A Dovecot that accepts only XOAUTH2/OAUTHBEARER tokens, validated at `oauth`'s introspection endpoint."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "oauth2.conf.ext").write_text(
        f"introspection_mode = post\nintrospection_url = {oauth.url}/introspect\nforce_introspection = yes\n"
        "username_attribute = email\nactive_attribute = active\nactive_value = true\ntimeout_msecs = 5000\n")
    return DovecotServer(root, cert, passdb=OAUTH_PASSDB, mechanisms="xoauth2 oauthbearer")


def xoauth2(user: str, token: str) -> bytes:
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


@dataclass
class OAuthImapAccount(ImapAccount):
    """A user of the token-only Dovecot; the helpers (append, flags...) sign in with a token of their own."""

    oauth: OAuthServer | None = None

    @contextlib.contextmanager
    def _session(self) -> Iterator[imaplib.IMAP4]:
        assert self.oauth is not None
        imap = imaplib.IMAP4(self.host, self.port, timeout=IMAP_TIMEOUT)
        token = self.oauth.issue(self.user)
        try:
            _check(imap.authenticate("XOAUTH2", lambda _: xoauth2(self.user, token)))
            yield imap
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                imap.logout()


class _XOAuth2Handler(_Handler):
    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        blob = base64.b64decode(args[1]) if len(args) > 1 else await server.challenge_auth("")
        if blob is MISSING:
            return AuthResult(success=False, handled=True)
        assert isinstance(blob, bytes)
        fields = dict(p.split("=", 1) for p in blob.decode().split("\x01") if "=" in p)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        oauth = self.owner.oauth  # type: ignore[attr-defined]
        self.owner.tokens.append(token)  # type: ignore[attr-defined]
        if user and oauth.account_of(token) == user:
            self.owner.events.append(("auth", "235"))
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        # Gmail's way: a 334 carrying a JSON error, which the client answers with an empty line, then 535
        answer = await server.challenge_auth(json.dumps({"status": "400", "schemes": "Bearer", "scope": SCOPE}))
        self.owner.events.append(("auth", "535" if answer == b"" else f"535 after {answer!r}"))
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted")


class XOAuth2SmtpServer(SmtpServer):
    """aiosmtpd offering AUTH XOAUTH2 only (PLAIN and LOGIN off), for tokens `oauth` issued."""

    def __init__(self, oauth: OAuthServer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.oauth = oauth
        self.tokens: list[str] = []  # the access tokens clients signed in with, in order

    def start(self) -> None:
        kwargs: dict[str, Any] = {"tls_context": self.cert.server_context()} if self.cert else {}
        self._controller = _Controller(self, _XOAuth2Handler(self), hostname=self.host, port=self.port,
                                       server_hostname="smtp.baocao.test", auth_require_tls=False,
                                       require_starttls=False, auth_exclude_mechanism=["PLAIN", "LOGIN"], **kwargs)
        self._controller.start()
        with self._lock:
            self.events.clear()
