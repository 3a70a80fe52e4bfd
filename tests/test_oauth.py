"""auth: oauth2 end to end: a Dovecot that accepts only tokens, an aiosmtpd that accepts only AUTH XOAUTH2, and a
local OAuth server standing in for Google's (token endpoint and introspection); `baocao auth google` is run as a
person runs it, the redirect address pasted on its stdin."""

from __future__ import annotations

import datetime as dt
import json
import logging
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.main import main
from daemon.config.load import load_config
from daemon.context import context_at
from daemon.digest import sending_problems
from daemon.runner import Runner
from tests.mails import ICT, SCHOOLS, write_config
from tests.servers.certs import Cert
from tests.servers.dovecot import DovecotServer, free_port
from tests.servers.oauth import OAuthImapAccount, OAuthServer, XOAuth2SmtpServer, oauth_dovecot
from tests.test_poll_imap import _report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def oauth_server() -> Iterator[OAuthServer]:
    server = OAuthServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def token_dovecot(server_root: Path, tls_cert: Cert, oauth_server: OAuthServer) -> Iterator[DovecotServer]:
    server = oauth_dovecot(server_root / "dovecot-oauth", tls_cert, oauth_server)
    server.start()
    yield server
    server.stop()
    server.check_log()


@dataclass
class Office:
    account: OAuthImapAccount
    smtp: XOAuth2SmtpServer
    oauth: OAuthServer
    config: Path

    def poll(self, now: str = "2024-11-15T08:00") -> int:
        return main(["-c", str(self.config), "--now", now, "poll"])

    def authorise(self, account: str | None = None) -> str:
        """`baocao auth google` in its own process; the person signs in as `account` and pastes the address."""
        proc = subprocess.Popen([sys.executable, "-m", "daemon", "-c", str(self.config), "auth", "google"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=ROOT)
        assert proc.stdout is not None
        url = next(line.strip() for line in proc.stdout if line.startswith("https://"))
        out, err = proc.communicate(self.oauth.consent(url, account or self.account.user) + "\n", timeout=60)
        assert proc.returncode == 0, err
        assert "authorised; stored in" in out
        return url


@pytest.fixture
def office(tmp_path: Path, token_dovecot: DovecotServer, oauth_server: OAuthServer,
           request: pytest.FixtureRequest) -> Iterator[Office]:
    oauth_server.lifetime = 3600
    oauth_server.requests.clear()
    base = token_dovecot.add_user(request.node.name)
    account = OAuthImapAccount(token_dovecot, base.user, base.password, oauth_server)
    smtp = XOAuth2SmtpServer(oauth_server, user=account.user, sent_copy_to=(account, "Sent"))
    smtp.start()
    client = tmp_path / "google-client.json"  # as Google Cloud Console offers it for download
    client.write_text(json.dumps({"installed": {
        "client_id": oauth_server.client_id, "client_secret": oauth_server.client_secret,
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": f"{oauth_server.url}/token"}}))
    keys = {"auth": "oauth2", "client_id": oauth_server.client_id, "client_secret_file": str(client),
            "token_uri": f"{oauth_server.url}/token", "username": account.user, "host": "127.0.0.1",
            "security": "none", "timeout": 10}
    # the sign-in is what is tested here, not IMAP IDLE (whose own connection would sign in on its own clock)
    config = write_config(tmp_path, mailbox={"imap": {**keys, "port": account.port, "idle": False}},
                          outgoing={"smtp": {**keys, "port": smtp.port}}, schools=SCHOOLS, due="2024-11-30")
    yield Office(account, smtp, oauth_server, config)
    smtp.stop()


def a_report(office: Office, school: str = "Trường Tiểu học Him Lam", sender: str = "thhimlam@school.test") -> None:
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    office.account.append("INBOX", _report(sender, school, when), date=when)


def test_auth_google_stores_a_grant_and_mail_is_read_and_answered_with_tokens_only(office: Office) -> None:
    """GIVEN servers that refuse every password WHEN the office signs in once with `baocao auth google` THEN a
    school's report is read over IMAP XOAUTH2 and its receipt sent over SMTP AUTH XOAUTH2."""
    url = office.authorise()
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert url.startswith("https://accounts.google.com/o/oauth2/v2/auth?")
    assert query["login_hint"] == [office.account.user] and query["redirect_uri"] == ["http://127.0.0.1:1/"]
    token_file = load_config(office.config).state_dir / f"oauth-{office.account.user}.json"
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert json.loads(token_file.read_text())["refresh_token"] in office.oauth.grants
    a_report(office)
    assert office.poll() == 0
    (receipt,) = office.smtp.messages
    assert receipt.rcpt_tos == ("thhimlam@school.test",) and receipt.login == office.account.user
    assert set(office.oauth.introspected) & set(office.oauth.baocao_tokens())  # Dovecot asked the endpoint
    assert office.oauth.requests == ["authorization_code"]  # the token from the sign-in was still good


def test_the_access_token_is_renewed_before_it_expires_during_a_run(office: Office) -> None:
    # 4 s more than the 60 s renewal margin: good for the first poll, to be renewed after the pause (a loaded
    # machine may take a few seconds between the sign-in and the first login)
    office.oauth.lifetime = 64
    earlier = set(office.oauth.baocao_tokens())  # the token server lives for the session: other tests' tokens
    office.authorise()
    office.oauth.lifetime = 3600
    first = [t for t in office.oauth.baocao_tokens() if t not in earlier]
    runner = Runner(load_config(office.config), dt.datetime(2024, 11, 15, 8, 0, tzinfo=ICT))
    try:
        runner.startup()
        runner.poll(runner.clock())
        assert office.oauth.requests == ["authorization_code"]
        wait = office.oauth.access[first[0]].expires_at - 60 - time.time()
        assert wait < 10, wait  # the sign-in's own token, not an hour-long one
        time.sleep(max(0.0, wait) + 0.2)
        a_report(office)
        runner.poll(runner.clock())
    finally:
        runner.close()
    assert office.oauth.requests == ["authorization_code", "refresh_token"]  # once, for IMAP and SMTP both
    (renewed,) = set(office.oauth.baocao_tokens()) - set(first) - earlier
    assert renewed in office.oauth.introspected and office.smtp.tokens == [renewed]
    assert [m.rcpt_tos for m in office.smtp.messages] == [("thhimlam@school.test",)]


def test_a_token_that_stops_working_mid_run_is_renewed_and_the_login_tried_again(
        office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    office.authorise()
    office.oauth.expire_access_tokens(office.account.user)  # still "valid" for 59 minutes in baocao's file
    a_report(office)
    assert main(["-v", "-c", str(office.config), "--now", "2024-11-15T08:00", "poll"]) == 0
    assert office.oauth.requests == ["authorization_code", "refresh_token"]  # IMAP renewed; SMTP used the new one
    err = capsys.readouterr().err
    assert "stored OAuth access token was refused; renewing it" in err
    assert "ERROR" not in err
    assert len(office.smtp.messages) == 1


def test_a_revoked_grant_is_said_once_retried_hourly_and_taken_again_after_auth_google_without_a_restart(
        office: Office, caplog: pytest.LogCaptureFixture) -> None:
    """GIVEN the daemon running and the office's grant revoked WHEN polls come THEN one error line, one try an
    hour, the digest tells the staff; WHEN someone runs `baocao auth google` THEN the same running daemon
    signs in at its next poll, says so, and the waiting report is answered."""
    office.authorise()
    clock = [dt.datetime(2024, 11, 15, 8, 0, tzinfo=ICT)]
    runner = Runner(load_config(office.config))
    runner.clock = lambda: clock[0]
    try:
        runner.startup()
        runner.poll(clock[0])
        office.oauth.revoke(office.account.user)
        a_report(office)
        caplog.set_level(logging.INFO)

        def at(hhmm: str) -> list[str]:
            caplog.clear()
            clock[0] = dt.datetime.fromisoformat(f"2024-11-15T{hhmm}+07:00")
            runner.poll(clock[0])
            return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]

        errors = at("08:05")
        assert len(errors) == 1 and "Google refused the stored sign-in" in errors[0]
        assert "run baocao auth google" in errors[0] and "tries again every hour" in errors[0]
        tries = len(office.oauth.requests)
        assert at("08:30") == [] and len(office.oauth.requests) == tries  # not tried within the hour
        assert at("09:06") == [] and len(office.oauth.requests) == tries + 1  # tried, still refused, not repeated
        (problem,) = sending_problems(runner.ctx, "")
        # staff read the digest, not a terminal: they are told whom to ask, not which command to type
        assert "Google từ chối đăng nhập (IMAP)" in problem and "người quản trị máy chủ" in problem
        assert "baocao auth google" not in problem
        assert office.smtp.messages == []
        office.authorise()  # another process; the daemon keeps its config and its context
        assert at("09:10") == []  # before the hour is up: the new grant is tried at once
        assert "IMAP login works again" in caplog.text
        assert [m.rcpt_tos for m in office.smtp.messages] == [("thhimlam@school.test",)]
        assert sending_problems(runner.ctx, "") == []
    finally:
        runner.close()


def test_check_says_the_token_works_and_how_long_it_has_left(office: Office, capsys: Any) -> None:
    office.authorise()
    capsys.readouterr()
    main(["-c", str(office.config), "check"])
    out = capsys.readouterr().out
    imap = next(line for line in out.splitlines() if line.startswith("imap "))
    smtp = next(line for line in out.splitlines() if line.startswith("smtp "))
    assert f"OAuth token of {office.account.user} works, access token valid 59 more min" in imap
    assert "login accepted; nothing was sent; OAuth token of" in smtp


def test_check_after_revocation_says_to_sign_in_again_and_exits_2(office: Office, capsys: Any) -> None:
    office.authorise()
    office.oauth.revoke(office.account.user)
    capsys.readouterr()
    code = main(["-c", str(office.config), "check"])
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if ": FAILED: " in line]
    assert code == 2 and len(failed) == 2
    assert all(f"run baocao auth google and sign in as {office.account.user}" in line for line in failed)


def test_before_auth_google_check_says_to_run_it(office: Office, capsys: Any) -> None:
    code = main(["-c", str(office.config), "check"])
    out = capsys.readouterr().out
    assert code == 2 and "has not been authorised yet. Fix: run baocao auth google" in out


def test_a_token_of_another_account_is_refused_by_the_servers(office: Office, capsys: Any) -> None:
    office.authorise(account="someone-else@baocao.test")
    a_report(office)
    assert office.poll() == 1
    assert "with its OAuth token was refused" in capsys.readouterr().err
    assert office.smtp.messages == []


def test_smtp_alone_on_oauth_a_revoked_grant_holds_the_receipts_until_auth_google(
        office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """GIVEN mail read from a Maildir and sent through the XOAUTH2-only server WHEN the grant is revoked THEN the
    receipt waits, one error line, the digest says so; after `baocao auth google` the next poll sends it."""
    text = office.config.read_text(encoding="utf-8")
    imap = text[text.index("  imap:"):text.index("outgoing:")]
    office.config.write_text(text.replace(imap, f"  maildir: {tmp_path / 'mail'}\n"), encoding="utf-8")
    for sub in ("new", "cur", "tmp"):
        (tmp_path / "mail" / sub).mkdir(parents=True)
    office.authorise()
    office.oauth.revoke(office.account.user)
    when = dt.datetime(2024, 11, 10, 9, 0, tzinfo=ICT)
    (tmp_path / "mail" / "new" / "1.eml").write_bytes(_report("thhimlam@school.test", "Trường Tiểu học Him Lam", when))
    capsys.readouterr()
    assert office.poll("2024-11-15T08:00") == 0
    assert office.poll("2024-11-15T08:20") == 0
    err = capsys.readouterr().err
    assert err.count("ERROR Google refused the stored sign-in") == 1 and "next try at 09:00" in err
    assert office.smtp.messages == [] and ("auth", "535") in office.smtp.events  # the refusal's challenge: answered
    ctx = context_at(load_config(office.config))
    try:
        (problem,) = sending_problems(ctx, "")
    finally:
        ctx.close()
    assert "Google từ chối đăng nhập (SMTP)" in problem
    office.authorise()
    assert office.poll("2024-11-15T08:25") == 0
    assert "SMTP login works again" in capsys.readouterr().err
    assert [m.rcpt_tos for m in office.smtp.messages] == [("thhimlam@school.test",)]


def test_an_unreachable_token_endpoint_is_a_network_failure_not_a_refusal(
        office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    office.oauth.lifetime = 30  # shorter than the renewal margin: every login asks the token endpoint
    office.authorise()
    dead = f"http://127.0.0.1:{free_port()}/token"
    office.config.write_text(office.config.read_text().replace(f"{office.oauth.url}/token", dead))
    capsys.readouterr()
    assert main(["-c", str(office.config), "check"]) == 1  # not the config's fault
    out = capsys.readouterr().out
    assert f"cannot reach the token endpoint {dead} (Connection refused)" in out and "Errno" not in out
    assert office.poll() == 1
    err = capsys.readouterr().err
    assert "cannot reach the token endpoint" in err and "tries again every hour" not in err
