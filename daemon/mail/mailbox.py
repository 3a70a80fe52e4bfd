"""The office mailbox over IMAP: the only importer of imap_tools. Read-only by default, never sets \\Seen."""

from __future__ import annotations

import datetime as dt
import imaplib
import re
import select
import socket
import ssl
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import MailboxLoginError, UnexpectedCommandStatusError

from daemon.config.record import Record
from daemon.config.settings import ImapSource
from daemon.errors import BaocaoError, ConfigError, MailboxAuthError, MailboxError

_META = re.compile(rb"(UID|RFC822\.SIZE|X-GM-MSGID) (\d+)")
_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')
_IMAP_ERRORS = (imaplib.IMAP4.error, OSError, socket.timeout, ssl.SSLError, UnexpectedCommandStatusError, EOFError)
# what the server says in IDLE when the folder changed (RFC 3501 7.3, 7.4); "* OK Still here" is not news
_NEWS = re.compile(rb"^\* \d+ (EXISTS|RECENT|EXPUNGE|FETCH)\b", re.IGNORECASE)
# in IDLE, a line the server has begun must end within this; longer means the connection is gone
IDLE_LINE_S = 5.0


class FolderStatus(Record):
    name: str
    uidvalidity: int
    uidnext: int
    messages: int


class FetchedMail(Record):
    folder: str
    uidvalidity: int
    uid: int
    raw: bytes
    gm_msgid: str | None
    internal_date: dt.datetime | None
    size: int


class ImapMailbox:
    """One connection to the office mailbox; use as a context manager."""

    def __init__(self, config: ImapSource, timeout_s: float | None = None):
        self.config = config
        self.timeout_s = timeout_s or config.timeout_s
        self.box: MailBox | MailBoxStartTls | MailBoxUnencrypted | None = None
        self.gmail = False
        self.can_idle = False
        self._selected: str | None = None

    def __enter__(self) -> ImapMailbox:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> None:
        c = self.config
        password = c.secret.read()
        try:
            # the CA bundle takes ~15 ms to load: only for a connection that uses it
            context = ssl.create_default_context(cafile=str(c.ca_file) if c.ca_file else None) \
                if c.security != "none" else None
            if c.security == "ssl":
                self.box = MailBox(c.host, c.port, timeout=self.timeout_s, ssl_context=context)
            elif c.security == "starttls":
                self.box = MailBoxStartTls(c.host, c.port, timeout=self.timeout_s, ssl_context=context)
            else:
                self.box = MailBoxUnencrypted(c.host, c.port, timeout=self.timeout_s)
            if c.oauth is None:
                self.box.login(c.username, password, initial_folder=None)
            else:  # XOAUTH2 with the grant `baocao auth google` stored; urllib.request loads only for it
                from daemon.mail.oauth import sign_in

                box = self.box
                sign_in(c.oauth, lambda token: _xoauth2(box, c.username, token), MailboxLoginError)
        except MailboxLoginError as e:
            self.close()
            raise MailboxAuthError(
                f"IMAP login to {c.host} as {c.username} was refused. Hint: for Gmail use an app password "
                "(2-step verification on); it is revoked when the account's password changes" if c.oauth is None else
                f"IMAP login to {c.host} as {c.username} with its OAuth token was refused. Hint: the token must be "
                "of this account; run baocao auth google and sign in as it"
            ) from e
        except BaocaoError:  # no token to be had: refused grant, token endpoint unreachable, no token file
            self.close()
            raise
        except _IMAP_ERRORS as e:
            self.close()
            raise MailboxError(f"cannot connect to IMAP {c.host}:{c.port} ({c.security}): {_describe(e)}") from e
        capabilities = getattr(self.box.client, "capabilities", ())
        self.gmail = "X-GM-EXT-1" in capabilities
        self.can_idle = "IDLE" in capabilities

    def abort(self) -> None:
        """Drop a connection that is already broken or stalled, without a LOGOUT that would wait for it."""
        if self.box is not None:
            try:
                self.box.client.shutdown()
            except (*_IMAP_ERRORS, AttributeError):
                pass
            self.box = None

    def close(self) -> None:
        if self.box is not None:
            try:
                self.box.logout()
            except (*_IMAP_ERRORS, AttributeError):
                pass
            self.box = None

    @property
    def _box(self) -> MailBox | MailBoxStartTls | MailBoxUnencrypted:
        if self.box is None:
            raise MailboxError("not connected")
        return self.box

    def resolve_folders(self) -> list[str]:
        """The main folder and the extra ones; an extra given as \\Junk or \\All is found by special-use flag."""
        names = [self.config.folder]
        wanted = [f for f in self.config.extra_folders if f not in names]
        if not wanted:
            return names
        listing = self._call(lambda: self._box.folder.list())
        for name in wanted:
            if name.startswith("\\"):
                found = [f.name for f in listing if name.lower() in (flag.lower() for flag in f.flags)]
                if not found:
                    raise ConfigError(f"mailbox.imap.extra_folders: the server has no folder flagged {name}")
                names.append(found[0])
            else:
                names.append(name)
        return list(dict.fromkeys(names))

    def status(self, folder: str) -> FolderStatus:
        values = self._call(lambda: self._box.folder.status(folder, ["UIDVALIDITY", "UIDNEXT", "MESSAGES"]))
        return FolderStatus(folder, int(values["UIDVALIDITY"]), int(values["UIDNEXT"]), int(values["MESSAGES"]))

    def _select(self, folder: str) -> None:
        if self._selected != folder:
            # EXAMINE: a read-only selection, so nothing we do can set \Seen or expunge
            self._call(lambda: self._box.folder.set(folder, readonly=True))
            self._selected = folder

    def uids_after(self, folder: str, last_uid: int) -> list[int]:
        self._select(folder)
        found = self._call(lambda: self._box.uids(f"UID {last_uid + 1}:*"))
        # "UID n:*" always matches the highest UID, even when n is past it (RFC 3501 6.4.8)
        return sorted(u for u in map(int, found) if u > last_uid)

    def uids_since(self, folder: str, since: dt.date) -> list[int]:
        self._select(folder)
        found = self._call(lambda: self._box.uids(f"SINCE {since.strftime('%d-%b-%Y')}"))
        return sorted(map(int, found))

    def sizes(self, folder: str, uids: list[int]) -> dict[int, int]:
        if not uids:
            return {}
        self._select(folder)
        out: dict[int, int] = {}
        for start in range(0, len(uids), 500):
            chunk = ",".join(map(str, uids[start:start + 500]))
            typ, data = self._call(lambda chunk=chunk: self._box.client.uid("FETCH", chunk, "(UID RFC822.SIZE)"))
            for item in data:
                meta = dict(_META.findall(item if isinstance(item, bytes) else item[0]))
                if b"UID" in meta:
                    out[int(meta[b"UID"])] = int(meta.get(b"RFC822.SIZE", 0))
        return out

    def fetch(self, folder: str, uidvalidity: int, uids: list[int]) -> Iterator[FetchedMail]:
        """One message at a time (bounded memory), fetched with BODY.PEEK so \\Seen is never set."""
        self._select(folder)
        parts = "(UID INTERNALDATE RFC822.SIZE BODY.PEEK[]" + (" X-GM-MSGID)" if self.gmail else ")")
        for uid in uids:
            typ, data = self._call(lambda uid=uid: self._box.client.uid("FETCH", str(uid), parts))
            if typ != "OK":
                raise MailboxError(f"IMAP FETCH of UID {uid} in {folder} failed: {data!r}")
            mail = _read_fetch(folder, uidvalidity, uid, data)
            if mail is not None:  # expunged meanwhile by a person reading the box: nothing to do
                yield mail

    def find_message_id(self, folder_flag: str, message_id: str) -> bool:
        """Is a message with this Message-ID in the folder flagged e.g. \\Sent (Gmail files SMTP mail there)?"""
        listing = self._call(lambda: self._box.folder.list())
        found = [f.name for f in listing if folder_flag.lower() in (flag.lower() for flag in f.flags)]
        if not found:
            return False
        self._selected = None
        self._call(lambda: self._box.folder.set(found[0], readonly=True))
        self._selected = found[0]
        return bool(self._call(lambda: self._box.uids(f'HEADER Message-ID "{message_id}"')))

    def mark(self, folder: str, uid: int) -> None:
        """The optional post-action: a keyword or a Gmail label. Never imap_tools' flag(), which expunges."""
        action, value = self.config.post_action, self.config.post_value
        if action == "none":
            return
        self._call(lambda: self._box.folder.set(folder, readonly=False))
        self._selected = None
        if action == "label" and self.gmail:
            self._call(lambda: self._box.client.uid("STORE", str(uid), "+X-GM-LABELS", f'("{value}")'))
        else:
            self._call(lambda: self._box.client.uid("STORE", str(uid), "+FLAGS.SILENT", f"({value})"))

    def idle_start(self, folder: str) -> None:
        """IDLE on `folder` (selected read-only): the server tells of new mail until `idle_stop()`."""
        self._select(folder)
        self._call(lambda: self._box.idle.start())

    def idle_stop(self) -> None:
        self._call(lambda: self._box.idle.stop())

    def idle_wait(self, seconds: float) -> bool:
        """Up to `seconds` for the server's word in IDLE: True once it told of a change to the folder. A closed or
        stalled connection raises MailboxError."""
        client = self._box.client
        sock = client.sock
        news, wait = False, seconds
        while True:
            buffered = isinstance(sock, ssl.SSLSocket) and sock.pending() > 0
            try:
                ready = buffered or bool(select.select([sock], [], [], wait)[0])
            except (OSError, ValueError) as e:  # ValueError: the socket was closed under us
                raise MailboxError(f"IMAP {self.config.host}: {_describe(e)}") from e
            if not ready:
                return news
            previous = sock.gettimeout()
            sock.settimeout(IDLE_LINE_S)
            try:
                line = self._call(client._get_line)  # EOF: imaplib's abort, our MailboxError
            finally:
                sock.settimeout(previous)
            news = news or bool(_NEWS.match(line))
            wait = 0

    def _call(self, fn):
        try:
            return fn()
        except ConfigError:
            raise
        except _IMAP_ERRORS as e:
            self._selected = None
            raise MailboxError(f"IMAP {self.config.host}: {_describe(e)}") from e


def _xoauth2(box: MailBox | MailBoxStartTls | MailBoxUnencrypted, username: str, token: str) -> None:
    # not imap_tools' xoauth2(): it answers a refusal's JSON challenge with the token again (the server wants an
    # empty line), and its refusal leaves as a bare imaplib error rather than MailboxLoginError
    from daemon.mail.oauth import xoauth2

    line = xoauth2(username, token).encode()
    try:
        box.client.authenticate("XOAUTH2", lambda challenge: b"" if challenge else line)
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error as e:
        raise MailboxLoginError(("NO", [str(e).encode()]), "OK") from e


def _read_fetch(folder: str, uidvalidity: int, uid: int, data: list[Any]) -> FetchedMail | None:
    raw: bytes | None = None
    meta_bytes = b""
    for item in data:
        if isinstance(item, tuple):
            meta_bytes += item[0]
            raw = item[1]
        elif isinstance(item, bytes):
            meta_bytes += item
    if raw is None:
        return None
    meta = dict(_META.findall(meta_bytes))
    if int(meta.get(b"UID", uid)) != uid:
        return None
    internal = None
    found = _INTERNALDATE.search(meta_bytes)
    if found:
        try:
            internal = parsedate_to_datetime(_imap_date_to_rfc(found.group(1).decode()))
        except (TypeError, ValueError):
            internal = None
    gm = meta.get(b"X-GM-MSGID")
    return FetchedMail(folder, uidvalidity, uid, raw, gm.decode() if gm else None, internal,
                       int(meta.get(b"RFC822.SIZE", len(raw))))


def _imap_date_to_rfc(value: str) -> str:
    # IMAP: "17-Jul-1996 02:44:25 -0700" -> RFC 5322: "17 Jul 1996 02:44:25 -0700"
    day, rest = value.strip().split("-", 1)
    month, rest = rest.split("-", 1)
    return f"{day} {month} {rest}"


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text.replace("\r", " ").replace("\n", " ")[:300]
