"""`baocao check` as the person installing sees it: one plain sentence per failure, its cause and fix, exit 2 or 1."""

from __future__ import annotations

import shutil
import socket
import ssl
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.check import check_fonts, check_libreoffice, check_tesseract, explain
from daemon.cli.main import main
from daemon.config.settings import ImapSource, Secret, SmtpOutgoing
from daemon.errors import MailboxError, SendError
from tests.mails import SCHOOLS, write_config

# what a person must never be shown: library exception text
RAW = ("Errno", "Traceback", "CERTIFICATE_VERIFY_FAILED", "timed out", "WRONG_VERSION", "[SSL")


def a_config(tmp_path: Path, imap: dict[str, Any] | None = None, smtp: dict[str, Any] | None = None) -> Path:
    (tmp_path / "mail" / "new").mkdir(parents=True, exist_ok=True)
    return write_config(tmp_path, schools=SCHOOLS, mailbox={"imap": imap} if imap else {"maildir": str(tmp_path / "mail")},
                        outgoing={"smtp": smtp} if smtp else {"outbox_dir": str(tmp_path / "out")})


def secret(tmp_path: Path, name: str, value: str) -> str:
    path = tmp_path / name
    path.write_text(value)
    path.chmod(0o600)
    return str(path)


def imap(tmp_path: Path, account: Any, **over: Any) -> dict[str, Any]:
    return {"host": "127.0.0.1", "port": account.ssl_port, "security": "ssl", "ca_file": str(account.ca_file),
            "username": account.user, "password_file": secret(tmp_path, "imap-pw", account.password),
            "timeout": 5, **over}


def check(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["-c", str(config), "check"])
    out, err = capsys.readouterr()
    assert not [raw for raw in RAW if raw in out + err], out + err
    return code, out


def failed(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": FAILED: " in line]


def test_all_well_over_tls(tmp_path: Path, imap_account: Any, smtp_server: Any, capsys: Any) -> None:
    smtp = {"host": "127.0.0.1", "port": smtp_server.port, "security": "starttls", "username": smtp_server.user,
            "ca_file": str(imap_account.ca_file), "password_file": secret(tmp_path, "smtp-pw", smtp_server.password)}
    code, out = check(a_config(tmp_path, imap(tmp_path, imap_account), smtp), capsys)
    assert (code, failed(out)) == (0, [])
    for line in ("tesseract: ok (with the Vietnamese model vie)", "fonts: ok (Vietnamese glyphs in",
                 "libreoffice: ok (LibreOffice", f"state_dir {tmp_path / 'state'}: ok", "disk: ok",
                 "INBOX: 0 thư", "login accepted; nothing was sent"):
        assert line in out
    assert smtp_server.messages == []


def test_a_refused_password_says_app_password_and_exits_2(tmp_path: Path, imap_account: Any, capsys: Any) -> None:
    config = a_config(tmp_path, imap(tmp_path, imap_account, password_file=secret(tmp_path, "pw", "hunter2")))
    code, out = check(config, capsys)
    (line,) = failed(out)
    assert code == 2 and "app password" in line and "hunter2" not in out


def test_a_self_signed_certificate_points_at_ca_file(tmp_path: Path, imap_account: Any, capsys: Any) -> None:
    settings = imap(tmp_path, imap_account)
    del settings["ca_file"]
    code, out = check(a_config(tmp_path, settings), capsys)
    (line,) = failed(out)
    assert code == 2 and "self-signed" in line and "set mailbox.imap.ca_file to its CA certificate" in line


def test_ssl_on_a_plain_port_says_which_port_goes_with_which_security(
        tmp_path: Path, imap_account: Any, capsys: Any) -> None:
    code, out = check(a_config(tmp_path, imap(tmp_path, imap_account, port=imap_account.port)), capsys)
    (line,) = failed(out)
    assert code == 2 and "TLS handshake" in line and "security: ssl goes with port 993, starttls with port 143" in line


def test_a_misspelt_host_is_named(tmp_path: Path, imap_account: Any, capsys: Any) -> None:
    code, out = check(a_config(tmp_path, imap(tmp_path, imap_account, host="imap.gmial.invalid")), capsys)
    (line,) = failed(out)
    assert code == 2 and "the host imap.gmial.invalid does not exist" in line and "misspelling" in line


def test_starttls_to_a_server_without_it(tmp_path: Path, make_smtp_server: Any, capsys: Any) -> None:
    server = make_smtp_server(cert=None)
    smtp = {"host": "127.0.0.1", "port": server.port, "security": "starttls", "username": server.user,
            "password_file": secret(tmp_path, "smtp-pw", server.password)}
    code, out = check(a_config(tmp_path, smtp=smtp), capsys)
    (line,) = failed(out)
    assert code == 2 and "does not offer STARTTLS" in line and "ssl goes with port 465, starttls with port 587" in line


def test_credentials_directory_unset_by_hand(tmp_path: Path, imap_account: Any, capsys: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    config = a_config(tmp_path, imap(tmp_path, imap_account, password_file="${CREDENTIALS_DIRECTORY}/imap-password"))
    code, out = check(config, capsys)
    (line,) = failed(out)
    assert code == 2 and "${CREDENTIALS_DIRECTORY}, which is not set here" in line


def test_a_state_dir_that_is_a_file(tmp_path: Path, capsys: Any) -> None:
    config = a_config(tmp_path)
    (tmp_path / "state").write_text("")
    code, out = check(config, capsys)
    assert code == 2 and failed(out) == [f"state_dir {tmp_path / 'state'}: FAILED: {tmp_path / 'state'} is a file, "
                                         "not a folder. Fix: point state_dir at a folder"]


def test_tesseract_without_the_vietnamese_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a real tesseract, reading an empty model folder
    finding = check_tesseract()
    assert not finding.ok and "no Vietnamese model (vie)" in finding.text and "tesseract-ocr-vie" in finding.text
    code, out = check(a_config(tmp_path), capsys)
    assert code == 1 and [line.split(":")[0] for line in failed(out)] == ["tesseract"]


def test_a_machine_without_libreoffice_or_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: Any) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    fc_list = shutil.which("fc-list")
    assert fc_list is not None
    (tools / "fc-list").symlink_to(fc_list)
    monkeypatch.setenv("PATH", str(tools))
    assert "apt-get install libreoffice-writer-nogui" in check_libreoffice().text
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in check_tesseract().text
    assert check_fonts().ok
    code, out = check(a_config(tmp_path), capsys)
    assert code == 1 and [line.split(":")[0] for line in failed(out)] == ["tesseract", "libreoffice"]


IMAP = ImapSource(host="imap.gmail.com", port=993, security="starttls", username="a", secret=Secret(env="P"),
                  timeout_s=30)
SMTP = SmtpOutgoing(host="smtp.gmail.com", port=587, security="ssl", username="a", secret=Secret(env="P"))


def caused(cause: BaseException, error: type[Exception] = MailboxError) -> Exception:
    try:
        raise error("wrapped") from cause
    except error as e:
        return e


@pytest.mark.parametrize("server, cause, says, in_config", [
    (IMAP, TimeoutError(), "port 993 is the ssl port, but mailbox.imap.security is starttls", True),
    (SmtpOutgoing(**{**SMTP.__dict__, "security": "starttls", "port": 2525}), TimeoutError(),
     "a firewall blocks the port", False),
    (SMTP, ConnectionRefusedError(), "port 587 is the starttls port, but outgoing.smtp.security is ssl", True),
    (IMAP, socket.gaierror(socket.EAI_AGAIN, "x"), "DNS does not answer", False),
    (IMAP, ssl.SSLCertVerificationError(), "cannot be verified", True),
    (SMTP, OSError(), "ended the connection", True),
], ids=["timeout-swapped-ports", "timeout-odd-port", "refused-swapped", "dns-down", "cert-other", "reset"])
def test_explain(server: Any, cause: BaseException, says: str, in_config: bool) -> None:
    error = caused(cause, MailboxError if isinstance(server, ImapSource) else SendError)
    text, config = explain("imap" if isinstance(server, ImapSource) else "smtp", server, error)
    assert says in text and config is in_config


def test_an_office_without_the_summary_keys_is_warned_and_still_passes(tmp_path: Path, capsys: Any) -> None:
    code, out = check(a_config(tmp_path), capsys)  # write_config gives no report_to, parent_body or signer
    warnings = [line for line in out.splitlines() if line.startswith("summary: warning: ")]
    assert code == 0 and failed(out) == []
    assert {w.split()[2] for w in warnings} >= {"office.report_to", "office.parent_body", "office.signer_name"}
