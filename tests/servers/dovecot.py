"""A real Dovecot on 127.0.0.1 with its own config, state, logs and Maildirs under a tmp dir."""

from __future__ import annotations

import contextlib
import datetime
import grp
import imaplib
import itertools
import os
import pwd
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from imap_tools.utils import encode_folder

from tests.servers.certs import Cert

# Dovecot forks its login and auth processes on demand; on a loaded CI runner that can take seconds.
STARTUP_TIMEOUT = 15.0
# Helpers talk to the server over loopback; anything slower than this is a hang worth failing on.
IMAP_TIMEOUT = 10.0
# Files Dovecot rebuilds from the Maildir when missing; removing them forces a new UIDVALIDITY.
INDEX_FILES = (
    "dovecot-uidlist",
    "dovecot.index",
    "dovecot.index.log",
    "dovecot.index.log.2",
    "dovecot.index.cache",
)
LIST_INDEX_FILES = ("dovecot.list.index", "dovecot.list.index.log", "dovecot.list.index.log.2")

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
log_timestamp = "%H:%M:%S "
auth_verbose = yes
# tests log in with wrong passwords on purpose; the default 2 s penalty would only slow them down
auth_failure_delay = 0
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
first_valid_uid = 1
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}

passdb {{
  driver = passwd-file
  # one file per user: Dovecot re-reads a shared passwd-file at most once a second, too late for a new user
  args = scheme=PLAIN {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir

namespace inbox {{
  inbox = yes
  separator = /
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}

service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
  # one long-lived login process, started with the server: the first test does not pay for a fork
  service_count = 0
  process_min_avail = 1
{chroot}}}
service anvil {{
  # no penalty socket: auth then skips its growing per-IP delay after failed logins (2 s, 4 s, ...)
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
{chroot}}}
"""

# Without root Dovecot cannot chroot its login and anvil processes.
NON_ROOT_CHROOT = "  chroot =\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dovecot_binary() -> str:
    found = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise RuntimeError("dovecot not found: run scripts/setup-system.sh (installs dovecot-imapd)")
    return found


def _folder_dir(maildir: Path, folder: str) -> Path:
    """Maildir++ layout: INBOX is the root, 'A/B' is '.A.B' (ASCII names only)."""
    if folder.upper() == "INBOX":
        return maildir
    return maildir / ("." + folder.replace("/", "."))


class DovecotServer:
    """One Dovecot process for the session; `add_user()` gives each test its own empty account."""

    def __init__(self, root: Path, cert: Cert, *, passdb: str = "", mechanisms: str = "plain login") -> None:
        self.passdb, self.mechanisms = passdb, mechanisms  # another passdb than passwd-file: tests/servers/oauth.py
        self.root = root
        self.cert = cert
        self.host = "127.0.0.1"
        self.port = free_port()
        self.ssl_port = free_port()
        self.ca_file = cert.cert_file
        self._proc: subprocess.Popen[bytes] | None = None
        self._serial = itertools.count(1)

    @property
    def log_file(self) -> Path:
        return self.root / "dovecot.log"

    def log_text(self) -> str:
        """Dovecot's log plus whatever the master wrote to stderr before its log was open."""
        parts = []
        for path in (self.root / "stderr.log", self.log_file):
            if path.exists():
                parts.append(f"--- {path.name}\n{path.read_text(errors='replace')}")
        return "\n".join(parts)

    def start(self) -> None:
        if os.geteuid() == 0:
            # Dovecot refuses uid 0 for mail; nobody owns the Maildirs, the packaged users run the daemons.
            owner = pwd.getpwnam("nobody")
            internal_user, internal_group, login_user, chroot = "dovecot", "dovecot", "dovenull", ""
        else:
            owner = pwd.getpwuid(os.geteuid())
            internal_user = login_user = owner.pw_name
            internal_group = grp.getgrgid(owner.pw_gid).gr_name
            chroot = NON_ROOT_CHROOT
        self.mail_uid, self.mail_gid = owner.pw_uid, owner.pw_gid
        self.root.chmod(0o755)  # the mail user must traverse it to reach home/
        home = self.root / "home"
        home.mkdir()
        os.chown(home, self.mail_uid, self.mail_gid)
        (self.root / "users").mkdir()
        # Explicit modes: the code under test may set umask 077 in this process (daemon/context.py does),
        # and Dovecot's auth process (user dovecot) must read the user files.
        (self.root / "users").chmod(0o755)
        config = self.root / "dovecot.conf"
        text = CONFIG.format(
            root=self.root, cert=self.cert.cert_file, key=self.cert.key_file, port=self.port, ssl_port=self.ssl_port,
            uid=self.mail_uid, gid=self.mail_gid, internal_user=internal_user, internal_group=internal_group,
            login_user=login_user, chroot=chroot, mechanisms=self.mechanisms)
        passdb = self.passdb.replace("{root}", str(self.root))
        config.write_text(re.sub(r"(?s)passdb \{.*?\n\}", lambda _: passdb, text) if passdb else text)
        with (self.root / "stderr.log").open("wb") as stderr:
            self._proc = subprocess.Popen(
                [_dovecot_binary(), "-F", "-c", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if self._proc.poll() is not None:
                raise RuntimeError(f"dovecot exited with {self._proc.returncode}\n{self.log_text()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"dovecot not ready after {STARTUP_TIMEOUT}s\n{self.log_text()}")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._proc = None

    def check_log(self) -> None:
        """Fail loudly if Dovecot logged a crash during the run."""
        text = self.log_text()
        bad = [line for line in text.splitlines() if "Panic:" in line or "Fatal:" in line]
        if bad:
            raise RuntimeError("dovecot logged a crash:\n" + "\n".join(bad) + "\n" + text)

    def add_user(self, hint: str = "") -> ImapAccount:
        """Create a new account with an empty mailbox (the Maildir appears at first login)."""
        slug = re.sub(r"[^a-z0-9]+", "-", hint.lower()).strip("-")[:40]
        user = f"u{next(self._serial):04d}-{slug or 'user'}@baocao.test"
        password = secrets.token_hex(12)
        path = self.root / "users" / user
        path.write_text(f"{user}:{{PLAIN}}{password}::::::\n")
        path.chmod(0o644)
        return ImapAccount(self, user, password)


@dataclass
class ImapAccount:
    """One Dovecot user. The helpers use their own short IMAP session over the plain port."""

    server: DovecotServer
    user: str
    password: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def ssl_port(self) -> int:
        return self.server.ssl_port

    @property
    def ca_file(self) -> Path:
        return self.server.ca_file

    @property
    def maildir(self) -> Path:
        return self.server.root / "home" / self.user / "Maildir"

    def ssl_context(self) -> ssl.SSLContext:
        """Client context trusting the server's self-signed certificate (for IMAPS and STARTTLS)."""
        return self.server.cert.client_context()

    @contextlib.contextmanager
    def _session(self) -> Iterator[imaplib.IMAP4]:
        imap = imaplib.IMAP4(self.host, self.port, timeout=IMAP_TIMEOUT)
        try:
            _check(imap.login(self.user, self.password))
            yield imap
        finally:
            try:
                imap.logout()
            except (imaplib.IMAP4.error, OSError):
                with contextlib.suppress(OSError):
                    imap.shutdown()

    def append(
        self, folder: str, raw: bytes, flags: Iterable[str] = (), date: datetime.datetime | None = None
    ) -> int:
        """APPEND a message; returns its UID (from Dovecot's APPENDUID)."""
        flag_list = f"({' '.join(flags)})" if flags else None
        when = date or datetime.datetime.now(datetime.UTC)
        with self._session() as imap:
            typ, data = imap.append(
                encode_folder(folder).decode(), flag_list, imaplib.Time2Internaldate(when), raw
            )
        _check((typ, data))
        match = re.search(rb"\[APPENDUID \d+ (\d+)\]", data[0] or b"")
        if match is None:
            raise RuntimeError(f"no APPENDUID in {data!r}")
        return int(match.group(1))

    def create_folder(self, name: str) -> None:
        with self._session() as imap:
            _check(imap.create(encode_folder(name).decode()))
            _check(imap.subscribe(encode_folder(name).decode()))

    def _status(self, folder: str, item: str) -> int:
        with self._session() as imap:
            typ, data = imap.status(encode_folder(folder).decode(), f"({item})")
        _check((typ, data))
        match = re.search(rf"{item} (\d+)".encode(), data[0] or b"")
        if match is None:
            raise RuntimeError(f"no {item} in {data!r}")
        return int(match.group(1))

    def count(self, folder: str = "INBOX") -> int:
        return self._status(folder, "MESSAGES")

    def uidvalidity(self, folder: str = "INBOX") -> int:
        return self._status(folder, "UIDVALIDITY")

    def uids(self, folder: str = "INBOX") -> list[int]:
        with self._session() as imap:
            _check(imap.select(encode_folder(folder).decode(), readonly=True))
            typ, data = imap.uid("SEARCH", "ALL")
        _check((typ, data))
        return sorted(int(uid) for uid in (data[0] or b"").split())

    def flags(self, folder: str = "INBOX") -> dict[int, set[str]]:
        """Stored flags per UID; \\Recent is left out (it is session state, not something a client sets)."""
        result: dict[int, set[str]] = {}
        with self._session() as imap:
            typ, data = imap.select(encode_folder(folder).decode(), readonly=True)
            _check((typ, data))
            if int(data[0] or 0) == 0:
                return result
            typ, data = imap.uid("FETCH", "1:*", "(FLAGS)")
        _check((typ, data))
        for line in data:
            if not isinstance(line, bytes):
                continue
            uid = re.search(rb"UID (\d+)", line)
            flags = re.search(rb"FLAGS \(([^)]*)\)", line)
            if uid and flags:
                names = set(flags.group(1).decode().split()) - {"\\Recent"}
                result[int(uid.group(1))] = names
        return result

    def messages(self, folder: str = "INBOX") -> dict[int, bytes]:
        """Raw bytes per UID, fetched with BODY.PEEK (no \\Seen)."""
        result: dict[int, bytes] = {}
        with self._session() as imap:
            typ, data = imap.select(encode_folder(folder).decode(), readonly=True)
            _check((typ, data))
            if int(data[0] or 0) == 0:
                return result
            typ, data = imap.uid("FETCH", "1:*", "(BODY.PEEK[])")
        _check((typ, data))
        for item in data:
            if isinstance(item, tuple):
                uid = re.search(rb"UID (\d+)", item[0])
                assert uid is not None, item[0]
                result[int(uid.group(1))] = item[1]
        return result

    def reset_uidvalidity(self, folder: str = "INBOX", *, keep: bool = True) -> int:
        """Make Dovecot forget the folder's UIDs, as a rebuilt server would; returns the new UIDVALIDITY.

        The folder gets a higher UIDVALIDITY and its UIDs restart at 1. With keep=True the messages stay
        (renumbered 1..n in delivery order, flags kept); with keep=False the folder is emptied, so the next
        APPEND gets UID 1 again: the same UID now names a different message.
        """
        old = self.uidvalidity(folder)  # also makes sure the folder exists on disk
        directory = _folder_dir(self.maildir, folder)
        if not directory.is_dir():
            raise RuntimeError(f"no Maildir for {folder!r} at {directory}")
        for name in INDEX_FILES:
            (directory / name).unlink(missing_ok=True)
        for name in LIST_INDEX_FILES:
            (self.maildir / name).unlink(missing_ok=True)
        if not keep:
            for sub in ("cur", "new", "tmp"):
                for path in (directory / sub).iterdir():
                    path.unlink()
        # Two resets in the same second could otherwise reuse a UIDVALIDITY Dovecot derives from the clock.
        new = self.uidvalidity(folder)
        if new <= old:
            raise RuntimeError(f"UIDVALIDITY of {folder!r} did not grow: {old} -> {new}")
        return new


def _check(result: tuple[str, list]) -> None:
    typ, data = result
    if typ != "OK":
        raise RuntimeError(f"IMAP command failed: {typ} {data!r}")
