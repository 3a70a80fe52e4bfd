"""auth: oauth2 in config.yaml: validated like every key (file:line, exit 2); the pasted address and the client file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from daemon.cli.main import main
from daemon.config.load import load_config
from daemon.config.settings import GOOGLE_TOKEN_URI, ImapSource, SmtpOutgoing
from daemon.errors import ConfigError
from daemon.mail.consent import code_from
from daemon.mail.oauth import client_secret
from tests.test_config import BASE, error_of, write

IMAP = "mailbox:\n  imap: {{host: imap.gmail.com, username: office@x.vn, {keys}}}\n"
CLIENT = "auth: oauth2, client_id: 1-abc.apps.googleusercontent.com, client_secret_file: google-client.json"


def config_with(tmp_path: Path, keys: str, smtp: str = "") -> Path:
    text = BASE.replace("mailbox: {maildir: mail}\n", IMAP.format(keys=keys))
    if smtp:
        text = text.replace("outgoing: {outbox_dir: out}\n",
                            f"outgoing:\n  smtp: {{host: smtp.gmail.com, username: office@x.vn, {smtp}}}\n")
    return write(tmp_path, text)


def test_oauth2_defaults_to_googles_token_uri_and_a_token_file_in_state_dir(tmp_path: Path) -> None:
    config = load_config(config_with(tmp_path, CLIENT, smtp=CLIENT))
    assert isinstance(config.mailbox, ImapSource) and isinstance(config.outgoing, SmtpOutgoing)
    oauth = config.mailbox.oauth
    assert oauth is not None and oauth.token_uri == GOOGLE_TOKEN_URI == "https://oauth2.googleapis.com/token"
    assert oauth.token_file == tmp_path / "state" / "oauth-office@x.vn.json"
    assert oauth.client_secret_file == tmp_path / "google-client.json"
    assert config.outgoing.oauth == oauth  # one sign-in serves both


def test_password_login_stays_the_default(tmp_path: Path) -> None:
    config = load_config(config_with(tmp_path, "password_env: P"))
    assert isinstance(config.mailbox, ImapSource) and config.mailbox.oauth is None


@pytest.mark.parametrize("keys, says", [
    (CLIENT + ", password_env: P", "mailbox.imap.password_env: auth: oauth2 signs in with a token from Google, "
                                   "not a password"),
    ("auth: oauth2, client_secret_file: c.json", "mailbox.imap.client_id: is required but missing"),
    ("auth: oauth2, client_id: x", "mailbox.imap.client_secret_file: is required but missing"),
    (CLIENT + ", client_secret: hunter2", "mailbox.imap.client_secret: the OAuth client secret must not be written"),
    (CLIENT + ", token_uri: 'http://example.org/token'", 'mailbox.imap.token_uri: "http://example.org/token" is '
                                                          "not an https URL"),
    ("password_env: P, client_id: x", "mailbox.imap.client_id: is used only with auth: oauth2"),
    ("auth: xoauth, client_id: x", 'mailbox.imap.auth: "xoauth" is not one of password, oauth2'),
], ids=["password-too", "no-client-id", "no-secret-file", "secret-inline", "plain-http", "oauth-key-with-password",
        "bad-auth"])
def test_a_wrong_oauth_key_names_the_key_and_the_line(tmp_path: Path, keys: str, says: str) -> None:
    path = config_with(tmp_path, keys)
    assert error_of(path).startswith(f"{path}:3: {says}")


def test_a_wrong_oauth_key_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_with(tmp_path, CLIENT, smtp=CLIENT + ", client_secret: x")
    assert main(["-c", str(path), "check"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"baocao: {path}:5: outgoing.smtp.client_secret:")


def test_the_secret_file_may_be_consoles_json_or_the_secret_alone(tmp_path: Path) -> None:
    config = load_config(config_with(tmp_path, CLIENT))
    assert isinstance(config.mailbox, ImapSource) and config.mailbox.oauth is not None
    oauth = config.mailbox.oauth
    (tmp_path / "google-client.json").write_text(json.dumps(
        {"installed": {"client_id": oauth.client_id, "client_secret": "GOCSPX-abc"}}))
    assert client_secret(oauth) == "GOCSPX-abc"
    (tmp_path / "google-client.json").write_text("GOCSPX-def\n")
    assert client_secret(oauth) == "GOCSPX-def"
    (tmp_path / "google-client.json").write_text(json.dumps(
        {"installed": {"client_id": "2-other.apps.googleusercontent.com", "client_secret": "s"}}))
    with pytest.raises(ConfigError, match="is the secret of another client"):
        client_secret(oauth)


@pytest.mark.parametrize("pasted, code", [
    ("http://127.0.0.1:1/?state=S1&code=4/0Ab-x_y&scope=https://mail.google.com/", "4/0Ab-x_y"),
    ("  4/0Ab-x_y\n", "4/0Ab-x_y"),
    ("127.0.0.1:1/?state=S1&code=4%2F0Ab", "4/0Ab"),  # the address bar hid http://
], ids=["address", "code-alone", "no-scheme"])
def test_the_code_is_read_from_what_is_pasted(pasted: str, code: str) -> None:
    assert code_from(pasted, "S1") == code


@pytest.mark.parametrize("pasted, says", [
    ("http://127.0.0.1:1/?state=OLD&code=4/x", "belongs to another sign-in attempt"),
    ("http://127.0.0.1:1/?error=access_denied&state=S1", "Google did not give access: access_denied"),
    ("\n", "nothing was pasted"),
], ids=["old-state", "denied", "empty"])
def test_a_wrong_paste_says_what_to_do(pasted: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        code_from(pasted, "S1")


def test_auth_google_without_an_oauth2_server_says_where_to_read(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-c", str(config_with(tmp_path, "password_env: P")), "auth", "google"]) == 2
    assert "neither mailbox.imap nor outgoing.smtp has auth: oauth2" in capsys.readouterr().err
