"""`baocao check`, for the person installing: one line per check, ok or what is wrong, why, and the fix.

Exit 2 when a fix is in config.yaml or a password file (the contract's "bad config"), 1 when something else is
missing or failing (a package, the network, the disk), 0 when all is well. No exception text is shown: each
failure is explained from its cause.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path

from daemon.config.settings import Config, DirOutgoing, ImapSource, MaildirSource, SmtpOutgoing
from daemon.errors import (
    ConfigError,
    MailboxAuthError,
    MailboxError,
    OAuthUnreachableError,
    SendAuthError,
    SendError,
)

# the archive keeps every mail and attachment of a season (a few hundred MB for ~50 schools); below this the
# disk may fill in the middle of the reporting season
MIN_FREE_MB = 1024
# the usual port of each security, per protocol: a port that belongs to the other security is the likely mistake
PORTS = {"imap": {"ssl": 993, "starttls": 143}, "smtp": {"ssl": 465, "starttls": 587}}
# OpenSSL's verify codes for a certificate no authority here vouches for (self-signed, a private CA)
_UNTRUSTED = {18, 19, 20, 21}
_HOSTNAME_MISMATCH = 62
_EXPIRED = 10
# a tool that does not answer --version in this long is as good as missing
TOOL_TIMEOUT_S = 60


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    text: str
    in_config: bool = False  # the fix is in config.yaml or a password file: exit 2

    def line(self) -> str:
        return f"{self.name}: ok ({self.text})" if self.ok else f"{self.name}: FAILED: {self.text}"


def run_check(config: Config) -> int:
    print(f"config {config.path}: ok ({len(config.schools)} schools, {len(config.cycles)} cycles)")
    from daemon.summary import missing_document_keys  # the summary's official header and signature block

    for warning in missing_document_keys(config.office):
        print(f"summary: warning: {warning}")
    failed = []
    for check in (check_tesseract, check_libreoffice, check_fonts):
        failed += _report(check())
    failed += _report(check_state_dir(config.state_dir))
    failed += _report(check_disk(config.state_dir))
    failed += _report(check_mailbox(config))
    failed += _report(check_outgoing(config))
    if any(f.in_config for f in failed):
        return 2
    return 1 if failed else 0


def _report(finding: Finding) -> list[Finding]:
    print(finding.line())
    return [] if finding.ok else [finding]


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None


def check_tesseract() -> Finding:
    found = shutil.which("tesseract")
    if found is None:
        return Finding("tesseract", False, "tesseract (OCR, for scanned reports) is not installed. "
                       "Fix: apt-get install tesseract-ocr tesseract-ocr-vie")
    done = _run([found, "--list-langs"])
    langs = set((done.stdout + done.stderr).split()) if done else set()
    if "vie" not in langs:
        where = f" in TESSDATA_PREFIX={os.environ['TESSDATA_PREFIX']}" if os.environ.get("TESSDATA_PREFIX") else ""
        return Finding("tesseract", False, f"tesseract has no Vietnamese model (vie){where}: scanned reports would be "
                       "misread and schools wrongly asked to send them again. Fix: apt-get install tesseract-ocr-vie")
    return Finding("tesseract", True, "with the Vietnamese model vie")


def check_libreoffice() -> Finding:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        return Finding("libreoffice", False, "LibreOffice is not installed: .doc, .odt and .rtf reports cannot be "
                       "read. Fix: apt-get install libreoffice-writer-nogui")
    done = _run([found, "--version"])
    if done is None or done.returncode != 0:
        return Finding("libreoffice", False, f"{found} does not start (it did not answer --version). Likely cause: "
                       "a broken install. Fix: apt-get install --reinstall libreoffice-writer-nogui")
    return Finding("libreoffice", True, " ".join(done.stdout.split()[:2]) or found)


def check_fonts() -> Finding:
    found = shutil.which("fc-list")
    if found is None:
        return Finding("fonts", False, "fontconfig is missing, so no font can be found for Vietnamese text. "
                       "Fix: apt-get install fontconfig fonts-dejavu-core fonts-liberation")
    done = _run([found, ":lang=vi", "family"])
    families = sorted({line.split(",")[0].strip() for line in (done.stdout if done else "").splitlines() if line})
    if not families:
        return Finding("fonts", False, "no installed font has the Vietnamese letters: converted reports and the "
                       "summary would show empty boxes. Fix: apt-get install fonts-dejavu-core fonts-liberation")
    return Finding("fonts", True, f"Vietnamese glyphs in {', '.join(families[:3])}")


def check_state_dir(state_dir: Path) -> Finding:
    name = f"state_dir {state_dir}"
    existing = _existing(state_dir)
    if not existing.is_dir():
        return Finding(name, False, f"{existing} is a file, not a folder. Fix: point state_dir at a folder",
                       in_config=True)
    if not os.access(existing, os.W_OK | os.X_OK):
        return Finding(name, False, f"{existing} cannot be written by the user {_user()}. Likely cause: run as "
                       "another user than the service's. Fix: sudo -u baocao baocao check, or chown the folder to "
                       "the service user")
    if existing != state_dir:
        return Finding(name, True, f"does not exist yet; {existing} lets it be made")
    probe = state_dir / ".check"
    try:
        probe.write_text("ok")
        probe.unlink()
    except OSError:
        return Finding(name, False, f"a file cannot be written in it as {_user()}. Likely cause: a read-only "
                       "mount or a full disk. Fix: df -h and mount to see which")
    return Finding(name, True, "writable")


def check_disk(state_dir: Path) -> Finding:
    free_mb = shutil.disk_usage(_existing(state_dir)).free // 2**20
    if free_mb < MIN_FREE_MB:
        return Finding("disk", False, f"only {free_mb} MB free where state_dir is; every mail and attachment is "
                       f"archived there. Fix: free space or move state_dir (at least {MIN_FREE_MB} MB)")
    return Finding("disk", True, f"{free_mb // 1024} GB free for state_dir")


def check_mailbox(config: Config) -> Finding:
    source = config.mailbox
    if isinstance(source, MaildirSource):
        ok = (source.path / "cur").is_dir() or (source.path / "new").is_dir()
        return Finding(f"maildir {source.path}", ok, "a Maildir" if ok else
                       "not a Maildir (no cur/ or new/ in it). Fix: mailbox.maildir must name a Maildir folder",
                       in_config=not ok)
    return _check_imap(source)


def _check_imap(source: ImapSource) -> Finding:
    from daemon.mail.mailbox import ImapMailbox

    name = f"imap {source.username}@{source.host}"
    try:
        with ImapMailbox(source) as box:
            folders = box.resolve_folders()
            counts = ", ".join(f"{f}: {box.status(f).messages} thư" for f in folders)
    except (MailboxError, ConfigError) as e:
        text, in_config = explain("imap", source, e)
        return Finding(name, False, text, in_config)
    return Finding(name, True, counts + _token_left(source))


def check_outgoing(config: Config) -> Finding:
    outgoing = config.outgoing
    if isinstance(outgoing, DirOutgoing):
        return Finding(f"outbox_dir {outgoing.path}", True, "messages are written as .eml files, nothing is sent")
    return _check_smtp(outgoing)


def _check_smtp(outgoing: SmtpOutgoing) -> Finding:
    from daemon.mail.smtp import check_login

    name = f"smtp {outgoing.username}@{outgoing.host}"
    try:
        check_login(outgoing)
    except (SendError, ConfigError) as e:
        text, in_config = explain("smtp", outgoing, e)
        return Finding(name, False, text, in_config)
    return Finding(name, True, "login accepted; nothing was sent" + _token_left(outgoing))


def _token_left(server: ImapSource | SmtpOutgoing) -> str:
    from daemon.mail.oauth import describe

    return f"; {describe(server.oauth)}" if server.oauth is not None else ""


def explain(protocol: str, server: ImapSource | SmtpOutgoing, error: Exception) -> tuple[str, bool]:
    """One sentence for a failed connection or login (cause and fix), and whether the fix is in the config."""
    if isinstance(error, ConfigError):
        return str(error), True
    key = "mailbox.imap" if protocol == "imap" else "outgoing.smtp"
    where = f"{server.host}:{server.port}"
    ports = PORTS[protocol]
    pairs = f"security: ssl goes with port {ports['ssl']}, starttls with port {ports['starttls']}"
    swapped = next((s for s, p in ports.items() if p == server.port and s != server.security), None)
    mismatch = (f"port {server.port} is the {swapped} port, but {key}.security is {server.security}. "
                f"Fix: {pairs}") if swapped else ""
    if isinstance(error, OAuthUnreachableError):
        return (f"{error}. Likely cause: this machine cannot reach Google (network, DNS, a proxy). Fix: "
                f"curl -sI {server.oauth.token_uri if server.oauth else ''}"), False
    if isinstance(error, MailboxAuthError | SendAuthError) and server.oauth is not None:
        return (f"the OAuth sign-in of {server.username} is not accepted. Likely cause: the access was removed "
                "(myaccount.google.com/permissions), the account's password changed, or the token is of another "
                f"account. Fix: run baocao auth google and sign in as {server.username}"), True
    if isinstance(error, MailboxAuthError | SendAuthError):
        return (f"the server refused the login of {server.username}: the password in {_secret(server)} is not "
                "accepted. Likely cause: it is the account's own password, not an app password, or the app password "
                "was revoked when the account's password changed. Fix: create an app password (Google Account, "
                "Security, 2-Step Verification, App passwords) and write it into that file"), True
    cause = _root(error)
    if isinstance(cause, socket.gaierror):
        if cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
            return (f"the host {server.host} does not exist (no such name in DNS). Likely cause: a misspelling. "
                    f"Fix: {key}.host, e.g. {'imap' if protocol == 'imap' else 'smtp'}.gmail.com"), True
        return (f"cannot look up {server.host}: DNS does not answer. Likely cause: this machine has no network or "
                "no DNS server. Fix: check the network (resolvectl status, ping 8.8.8.8)"), False
    if isinstance(cause, ssl.SSLCertVerificationError):
        code = getattr(cause, "verify_code", None)  # set by OpenSSL; absent on one raised by hand
        if code == _HOSTNAME_MISMATCH:
            return (f"the certificate of {where} is for another name than {server.host}. Fix: {key}.host must be "
                    "the name on the server's certificate"), True
        if code == _EXPIRED:
            return f"the certificate of {where} has expired. Fix: the server's administrator must renew it", False
        if code in _UNTRUSTED:
            return (f"the certificate of {where} is not signed by an authority this machine trusts (self-signed, "
                    f"or a private CA). Fix: if it is your own server, set {key}.ca_file to its CA certificate "
                    "(a PEM file)"), True
        reason = getattr(cause, "verify_message", None) or "no reason given"
        return f"the certificate of {where} cannot be verified ({reason}). Fix: {key}.ca_file", True
    if isinstance(cause, ssl.SSLError):
        return (f"the TLS handshake with {where} failed: that port does not speak TLS the way security: "
                f"{server.security} expects. Fix: {pairs}"), True
    if "STARTTLS extension not supported" in str(cause):
        return (f"{where} does not offer STARTTLS. Fix: {pairs}"), True
    if isinstance(cause, TimeoutError):
        if mismatch:
            return f"no answer from {where} within {server.timeout_s:g} s: {mismatch}", True
        return (f"no answer from {where} within {server.timeout_s:g} s. Likely cause: a firewall blocks the port, "
                f"the server is down, or the port does not match security ({pairs}). "
                f"Fix: nc -vz {server.host} {server.port}"), False
    if isinstance(cause, ConnectionRefusedError):
        if mismatch:
            return f"nothing accepts connections on {where}: {mismatch}", True
        return (f"nothing accepts connections on {where}. Likely cause: the server is down or {key}.port is "
                f"wrong ({pairs})"), False
    if mismatch:
        return f"{where} ended the connection: {mismatch}", True
    return (f"{where} ended the connection or answered something unexpected ({type(cause).__name__}). Likely "
            f"cause: the port does not match security ({pairs}), or the server is not a mail server. Fix: run "
            "baocao -v check and read the log"), False


def _root(error: BaseException) -> BaseException:
    while error.__cause__ is not None:
        error = error.__cause__
    return error


def _secret(server: ImapSource | SmtpOutgoing) -> str:
    if server.secret.file:
        return f"password_file {server.secret.file}"
    return f"password_env {server.secret.env}" if server.secret.env else "the config"


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _user() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())
