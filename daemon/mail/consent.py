"""`baocao auth google`: the installed-app consent flow for a server without a browser.

baocao prints Google's consent URL (scope https://mail.google.com/, offline access, PKCE); the person opens it on
any computer, signs in as the office's account and allows access. The browser then goes to a loopback address that
answers nothing (http://127.0.0.1:1/?code=...): the person copies that address from the address bar and pastes it
here. baocao trades the code for a refresh token at token_uri and stores it (0600) where the daemon reads it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import urllib.parse
from typing import TextIO

from daemon.config.settings import Config, ImapSource, OAuthSettings, SmtpOutgoing
from daemon.context import refuse_root_in_foreign_state
from daemon.errors import ConfigError
from daemon.mail.oauth import granted, token_request, write_grant

GOOGLE_AUTH_URI = "https://accounts.google.com/o/oauth2/v2/auth"
SCOPE = "https://mail.google.com/"  # the one scope Gmail's IMAP and SMTP accept
# a loopback redirect (Google's choice for Desktop-app clients since the out-of-band flow was retired); port 1
# has no web server on any ordinary computer, so the browser stops there and shows the address with the code
REDIRECT_URI = "http://127.0.0.1:1/"


def accounts(config: Config) -> list[tuple[str, OAuthSettings]]:
    """The (username, settings) pairs to authorise: one per token file (IMAP and SMTP usually share one)."""
    found: dict[str, tuple[str, OAuthSettings]] = {}
    for server in (config.mailbox, config.outgoing):
        if isinstance(server, ImapSource | SmtpOutgoing) and server.oauth is not None:
            found.setdefault(str(server.oauth.token_file), (server.username, server.oauth))
    return list(found.values())


def consent_url(settings: OAuthSettings, username: str, challenge: str, state: str) -> str:
    query = urllib.parse.urlencode({
        "client_id": settings.client_id, "redirect_uri": REDIRECT_URI, "response_type": "code", "scope": SCOPE,
        "access_type": "offline", "prompt": "consent", "login_hint": username, "state": state,
        "code_challenge": challenge, "code_challenge_method": "S256",
    })
    return f"{GOOGLE_AUTH_URI}?{query}"


def pkce_pair() -> tuple[str, str]:
    """RFC 7636: a random verifier kept here, and its S256 challenge sent in the URL."""
    verifier = secrets.token_urlsafe(64)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def code_from(pasted: str, state: str) -> str:
    """The authorisation code from the pasted redirect address, or the code pasted alone."""
    text = pasted.strip()
    if not text:
        raise ConfigError("nothing was pasted. Hint: paste the whole address the browser shows after you allow "
                          "access (it starts with http://127.0.0.1:1/?), then press Enter")
    if "://" not in text and "code=" not in text:
        return text
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(text).query or text.split("?", 1)[-1])
    if "error" in query:
        raise ConfigError(f"Google did not give access: {query['error'][0]}. Hint: sign in as the office's "
                          "account and press Allow")
    if query.get("state", [state])[0] != state:
        raise ConfigError("the pasted address belongs to another sign-in attempt (its state does not match). "
                          "Hint: open the URL printed just now, not an older one")
    if not query.get("code"):
        raise ConfigError("the pasted address has no code= in it. Hint: copy the address from the browser's "
                          "address bar after pressing Allow")
    return query["code"][0]


def authorise(config: Config, stdin: TextIO, stdout: TextIO) -> int:
    todo = accounts(config)
    if not todo:
        raise ConfigError(f"{config.path}: neither mailbox.imap nor outgoing.smtp has auth: oauth2. Hint: see "
                          "the README, 'Google sign-in without app passwords'")
    for username, settings in todo:
        folder = settings.token_file.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        refuse_root_in_foreign_state(folder)  # the service user must be able to read what is stored
        verifier, challenge = pkce_pair()
        state = secrets.token_urlsafe(16)
        stdout.write(f"Sign in as {username}: open this address in a browser on any computer, allow access, then "
                     "copy the address the browser ends on (it cannot load; that is expected) and paste it here."
                     f"\n\n{consent_url(settings, username, challenge, state)}\n\nAddress (or code): ")
        stdout.flush()
        code = code_from(stdin.readline(), state)
        answer = token_request(settings, {"grant_type": "authorization_code", "code": code,
                                          "redirect_uri": REDIRECT_URI, "code_verifier": verifier}, username)
        if not answer.get("refresh_token"):
            raise ConfigError("Google gave no refresh token, so baocao could not stay signed in. Hint: remove "
                              "baocao's access at myaccount.google.com/permissions, then run this again")
        grant = granted(answer, username, "", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        write_grant(settings, grant)
        stdout.write(f"\nok: {username} authorised; stored in {settings.token_file} (mode 0600). The running "
                     "service uses it at its next login try; baocao check tests it now.\n")
    return 0
