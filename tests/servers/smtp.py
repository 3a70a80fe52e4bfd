"""A real SMTP server (aiosmtpd) on 127.0.0.1 that records what it accepts and fails on request."""

from __future__ import annotations

import asyncio
import email.policy
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, Protocol

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.servers.certs import Cert
from tests.servers.dovecot import free_port

STAGES = ("connect", "auth", "mail", "rcpt", "data")
# aiosmtpd 1.4 reads its own deprecated Session.login_data after every AUTH and logs this warning
# (aio-libs/aiosmtpd#347); nothing here uses login_data, so the line is dropped, every other line kept.
logging.getLogger("mail.log").addFilter(lambda record: "login_data is deprecated" not in record.getMessage())

# Gmail's answer to MAIL FROM before AUTH.
AUTH_REQUIRED = "530 5.7.0 Authentication Required"


class Appender(Protocol):
    def append(self, folder: str, raw: bytes) -> int: ...


@dataclass(frozen=True)
class ReceivedMessage:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes  # exactly the DATA the client sent (dot-unstuffed, CRLF line ends)
    message: EmailMessage  # parsed with email.policy.default
    login: str | None  # the AUTH user, None when the client did not authenticate


@dataclass
class _Fault:
    reply: str | None  # None: store the message (or not) and abort the connection without replying
    times: int
    store: bool = False


class SmtpServer:
    """aiosmtpd on a free port, AUTH PLAIN/LOGIN over plain TCP, STARTTLS when given a certificate.

    Every accepted message lands in `messages` (and in `sent_copy_to`'s folder if set, before the
    reply, as Gmail files SMTP mail in Sent). `events` logs each (stage, reply) this server decided.
    """

    def __init__(
        self,
        *,
        user: str = "office@baocao.test",
        password: str = "smtp-secret",
        cert: Cert | None = None,
        require_auth: bool = True,
        sent_copy_to: tuple[Appender, str] | None = None,
    ) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.user = user
        self.password = password
        self.cert = cert
        self.require_auth = require_auth
        self.sent_copy_to = sent_copy_to
        self.messages: list[ReceivedMessage] = []
        self.events: list[tuple[str, str]] = []
        self._faults: dict[str, deque[_Fault]] = {stage: deque() for stage in STAGES}
        self._lock = threading.Lock()
        self._controller: _Controller | None = None

    def fail_next(self, stage: str, reply: str, times: int = 1) -> None:
        """The next `times` hits of `stage` (connect, auth, mail, rcpt, data) answer `reply`.

        A 421 reply also closes the connection, as real servers do.
        """
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")
        with self._lock:
            self._faults[stage].append(_Fault(reply, times))

    def abort_next(self, times: int = 1, *, store: bool = True) -> None:
        """The next `times` DATA commands store the message (if `store`) then drop the connection unanswered."""
        with self._lock:
            self._faults["data"].append(_Fault(None, times, store))

    def _take_fault(self, stage: str) -> _Fault | None:
        with self._lock:
            queue = self._faults[stage]
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.popleft()
            return fault

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMessage]:
        """Wait until at least `count` messages arrived (for a daemon running in another thread/process)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} messages, got {len(self.messages)} after {timeout}s")
            time.sleep(0.01)
        return list(self.messages)

    def start(self) -> None:
        kwargs: dict[str, Any] = {}
        if self.cert is not None:
            kwargs["tls_context"] = self.cert.server_context()
        self._controller = _Controller(
            self,
            _Handler(self),
            hostname=self.host,
            port=self.port,
            server_hostname="smtp.baocao.test",
            authenticator=self._authenticate,
            auth_require_tls=False,
            require_starttls=False,
            **kwargs,
        )
        self._controller.start()
        # Controller.start() opens a probe connection; do not count it.
        with self._lock:
            self.events.clear()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        # One scripted fault covers every AUTH of a connection: smtplib's login() falls back from PLAIN to
        # LOGIN on the same connection, and the fault is meant for the whole login attempt.
        if not hasattr(session, "scripted_auth_fault"):
            session.scripted_auth_fault = self._take_fault("auth")  # type: ignore[attr-defined]
        fault: _Fault | None = session.scripted_auth_fault  # type: ignore[attr-defined]
        if fault is not None and fault.reply is not None:
            self.events.append(("auth", fault.reply))
            return AuthResult(success=False, handled=False, message=fault.reply)
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.user.encode()
            and auth_data.password == self.password.encode()
        )
        reply = (
            "235 2.7.0 Authentication successful" if ok else "535 5.7.8 Authentication credentials invalid"
        )
        self.events.append(("auth", reply))
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


def _close_soon(server: SMTP) -> None:
    """Close after the reply now being written has been flushed (asyncio flushes on close())."""
    transport = server.transport
    if transport is not None:
        asyncio.get_running_loop().call_soon(transport.close)


class _Handler:
    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    def _scripted(self, stage: str, server: SMTP) -> str | None:
        fault = self.owner._take_fault(stage)
        if fault is None or fault.reply is None:
            return None
        self.owner.events.append((stage, fault.reply))
        if fault.reply.startswith("421"):
            _close_soon(server)
        return fault.reply

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        if (reply := self._scripted("mail", server)) is not None:
            return reply
        if self.owner.require_auth and not session.authenticated:
            self.owner.events.append(("mail", AUTH_REQUIRED))
            return AUTH_REQUIRED
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        self.owner.events.append(("mail", "250 OK"))
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if (reply := self._scripted("rcpt", server)) is not None:
            return reply
        envelope.rcpt_tos.append(address)
        self.owner.events.append(("rcpt", "250 OK"))
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        fault = self.owner._take_fault("data")
        if fault is not None and fault.reply is not None:
            self.owner.events.append(("data", fault.reply))
            if fault.reply.startswith("421"):
                _close_soon(server)
            return fault.reply
        if fault is None or fault.store:
            self._store(session, envelope)
        if fault is not None:
            # The SMTP ambiguity window: the client never learns whether the message was taken.
            self.owner.events.append(("data", "abort" if fault.store else "abort-unstored"))
            assert server.transport is not None
            server.transport.abort()
            return "250 OK (never sent: the connection is gone)"
        self.owner.events.append(("data", "250 OK"))
        return "250 2.0.0 OK queued"

    def _store(self, session: Session, envelope: Envelope) -> None:
        raw = envelope.original_content or b""
        # Parsed from LF text so that get_content() gives "\n" line ends, as for any parsed .eml file.
        message = BytesParser(policy=email.policy.default).parsebytes(raw.replace(b"\r\n", b"\n"))
        assert isinstance(message, EmailMessage)
        auth = session.auth_data
        login = auth.login.decode() if session.authenticated and isinstance(auth, LoginPassword) else None
        if self.owner.sent_copy_to is not None:
            account, folder = self.owner.sent_copy_to
            account.append(folder, raw)
        self.owner.messages.append(
            ReceivedMessage(
                mail_from=envelope.mail_from or "",
                rcpt_tos=tuple(envelope.rcpt_tos),
                raw=raw,
                message=message,
                login=login,
            )
        )


class _ScriptedSMTP(SMTP):
    def __init__(self, owner: SmtpServer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    async def _handle_client(self) -> None:
        fault = self.owner._take_fault("connect")
        if fault is not None and fault.reply is not None:
            self.owner.events.append(("connect", fault.reply))
            await self.push(fault.reply)
            assert self.transport is not None
            self.transport.close()
            return
        self.owner.events.append(("connect", "220"))
        await super()._handle_client()


class _Controller(Controller):
    def __init__(self, owner: SmtpServer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def factory(self) -> SMTP:
        return _ScriptedSMTP(self.owner, self.handler, **self.SMTP_kwargs)
