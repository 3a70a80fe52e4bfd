"""`baocao run` as systemd runs it: a subprocess under a test NOTIFY_SOCKET, real Dovecot and SMTP, signals."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.main import main
from tests.mails import ICT, SCHOOLS, report_docx, school_mail, write_config
from tests.test_walk_cycle import ROOT

NOW = "2024-10-15T08:00"  # the cycle is open and no reminder is due: the daemon's only mail is the receipt


class Systemd:
    """The notify socket's datagrams, each with the monotonic time it arrived."""

    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.05)
        self.path = path
        self.messages: list[tuple[float, str]] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while not self.done.is_set():
            try:
                self.messages.append((time.monotonic(), self.sock.recv(4096).decode()))
            except TimeoutError:
                continue

    def texts(self) -> list[str]:
        return [m for _, m in self.messages]

    def wait_for(self, text: str, count: int = 1, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while sum(1 for m in self.texts() if m.startswith(text)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} x{count} within {timeout}s: {self.texts()}")
            time.sleep(0.02)

    def close(self) -> None:
        self.done.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[Systemd]:
    monitor = Systemd(tmp_path / "notify.sock")
    yield monitor
    monitor.close()


def configure(tmp_path: Path, account: Any, smtp_port: int, smtp_password: str, imap_password: str | None = None,
              smtp_timeout: int = 10, schools: list[dict[str, Any]] = SCHOOLS) -> Path:
    secrets = tmp_path / "secrets"
    secrets.mkdir(mode=0o700, exist_ok=True)
    for name, value in (("imap", imap_password or account.password), ("smtp", smtp_password)):
        (secrets / name).write_text(value)
        (secrets / name).chmod(0o600)
    return write_config(
        tmp_path, schools=schools,
        mailbox={"imap": {"host": "127.0.0.1", "port": account.port, "security": "none", "username": account.user,
                          "password_file": str(secrets / "imap"), "timeout": 10}},
        outgoing={"smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none", "username": "office@baocao.test",
                           "password_file": str(secrets / "smtp"), "timeout": smtp_timeout}})


def start(config: Path, systemd: Systemd) -> subprocess.Popen[str]:
    env = {**os.environ, "NOTIFY_SOCKET": str(systemd.path), "WATCHDOG_USEC": "2000000"}
    env.pop("WATCHDOG_PID", None)
    return subprocess.Popen([sys.executable, "-m", "daemon", "-c", str(config), "--now", NOW, "run"], cwd=ROOT,
                            env=env, stderr=subprocess.PIPE, text=True)


def stop(child: subprocess.Popen[str]) -> str:
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    return err


def a_report(account: Any) -> None:
    when = dt_at("2024-10-15T07:50")
    account.append("INBOX", school_mail("thhimlam@school.test", "Báo cáo quyền con người 2024", when,
                                        files=[("BC.docx", report_docx("Trường Tiểu học Him Lam"))]), date=when)


def dt_at(text: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(text).replace(tzinfo=ICT)


def test_ready_once_after_login_watchdog_in_time_and_the_receipt_goes_out(
        tmp_path: Path, imap_account: Any, make_smtp_server: Any, systemd: Systemd) -> None:
    smtp = make_smtp_server()
    a_report(imap_account)
    child = start(configure(tmp_path, imap_account, smtp.port, smtp.password), systemd)
    try:
        systemd.wait_for("READY=1")
        (receipt,) = smtp.wait_for(1, timeout=30)
        time.sleep(4)
    finally:
        err = stop(child)
    assert child.returncode == 0, err
    texts = systemd.texts()
    assert texts.count("READY=1") == 1 and texts[-1] == "STOPPING=1"
    assert receipt.rcpt_tos == ("thhimlam@school.test",)
    ready = next(t for t, m in systemd.messages if m == "READY=1")
    pings = [t for t, m in systemd.messages if m == "WATCHDOG=1" and t >= ready]
    assert len(pings) >= 4
    assert max(b - a for a, b in zip([ready, *pings], pings, strict=False)) < 2.0  # WATCHDOG_USEC is 2 s


def test_sigterm_mid_poll_finishes_the_step_and_exits_0(
        tmp_path: Path, imap_account: Any, make_smtp_server: Any, fault_proxy: Any, systemd: Systemd) -> None:
    smtp = make_smtp_server()
    proxy = fault_proxy(smtp.port)
    proxy.stall()  # the receipt's SMTP session hangs until its 3 s timeout
    a_report(imap_account)
    child = start(configure(tmp_path, imap_account, proxy.port, smtp.password, smtp_timeout=3), systemd)
    try:
        systemd.wait_for("STATUS=running poll")
        time.sleep(1.0)  # inside the send
    finally:
        sent_at = time.monotonic()
        err = stop(child)
    assert child.returncode == 0, err
    assert time.monotonic() - sent_at > 1.0  # it waited for the step instead of dying at once
    from state.store import Store

    store = Store(tmp_path / "state" / "baocao.db")
    (row,) = store.outbox()
    assert row["kind"] == "receipt" and row["status"] == "pending" and row["attempts"] == 1
    assert store.count("submissions") == 1
    store.close()


def test_sighup_with_a_broken_config_keeps_running(
        tmp_path: Path, imap_account: Any, make_smtp_server: Any, systemd: Systemd) -> None:
    smtp = make_smtp_server()
    config = configure(tmp_path, imap_account, smtp.port, smtp.password)
    child = start(config, systemd)
    try:
        systemd.wait_for("READY=1")
        config.write_text("office: [\n", encoding="utf-8")  # a half-saved edit
        child.send_signal(signal.SIGHUP)
        systemd.wait_for("READY=1", count=2)  # systemd leaves "reloading" again
        time.sleep(1.5)
        assert child.poll() is None
    finally:
        err = stop(child)
    assert child.returncode == 0
    assert "reload failed, keeping the running jobs" in err
    assert sum(m.startswith("RELOADING=1") for m in systemd.texts()) == 1


def test_a_broken_config_at_start_exits_2(tmp_path: Path, imap_account: Any, capsys: Any) -> None:
    config = configure(tmp_path, imap_account, 1, "x")
    config.write_text("office: [\n", encoding="utf-8")
    assert main(["-c", str(config), "run"]) == 2
    assert "not valid YAML" in capsys.readouterr().err


def test_a_refused_login_at_start_keeps_the_service_up_and_is_said_once(
        tmp_path: Path, imap_account: Any, systemd: Systemd) -> None:
    """A revoked app password is not a bad config: no exit 2 (which would leave the service down for good)."""
    child = start(configure(tmp_path, imap_account, 1, "x", imap_password="wrong-password"), systemd)
    try:
        systemd.wait_for("READY=1")
        time.sleep(3)  # the first poll runs at once, and finds the refusal remembered
        assert child.poll() is None
    finally:
        err = stop(child)
    assert child.returncode == 0, err
    assert err.count("tries again every hour") == 1 and "IMAP login to 127.0.0.1" in err


def test_the_jobs_come_from_the_config(tmp_path: Path) -> None:
    from daemon.config.load import load_config
    from daemon.runner import Runner
    from tests.test_reminders import make_config

    runner = Runner(load_config(make_config(tmp_path)))
    assert [(j.name, j.every_minutes, j.at, j.catch_up) for j in runner.jobs()] == [
        ("poll", 5, None, False), ("reminders", None, "07:30", True), ("digest", None, "16:30", False),
        ("alarm", 60, None, False), ("summary", None, "16:30", True)]
    runner.close()


def test_the_watchdog_is_fed_while_a_batch_of_scans_is_read_and_each_receipt_goes_out_as_it_is_decided(
        tmp_path: Path, imap_account: Any, make_smtp_server: Any, systemd: Systemd) -> None:
    smtp = make_smtp_server()
    when = dt_at("2024-10-15T07:50")
    corpus = Path(__file__).parent / "corpus"
    scans = {"th-tan-thanh": ("Trường Tiểu học Tân Thanh", "TH", "th-tan-thanh-scan.pdf", "application/pdf"),
             "thcs-thanh-binh": ("Trường THCS Thanh Bình", "THCS", "thcs-thanh-binh-photo.jpg", "image/jpeg"),
             "mn-hoa-hong": ("Trường Mầm non Hoa Hồng", "MN", "mn-hoa-hong-out-of-focus.jpg", "image/jpeg")}
    schools = [{"id": k, "name": name, "level": level, "emails": [f"{k}@school.test"]}
               for k, (name, level, _, _) in scans.items()]
    for school in schools:  # a scan takes seconds to read: far longer than the watchdog allows between pings
        name, _, file, content_type = scans[school["id"]]
        account_mail = school_mail(school["emails"][0], f"Báo cáo quyền con người 2024 - {name}", when,
                                   files=[(file, (corpus / file).read_bytes())], content_type=content_type)
        imap_account.append("INBOX", account_mail, date=when)
    child = start(configure(tmp_path, imap_account, smtp.port, smtp.password, schools=schools), systemd)
    try:
        systemd.wait_for("READY=1")
        first = smtp.wait_for(1, timeout=120)[0]
        first_at = time.monotonic()
        smtp.wait_for(3, timeout=120)
        last_at = time.monotonic()
    finally:
        err = stop(child)
    assert child.returncode == 0, err
    assert first.rcpt_tos[0] in {s["emails"][0] for s in schools}
    assert last_at - first_at > 1.0  # the first receipt did not wait for the other scans
    ready = next(t for t, m in systemd.messages if m == "READY=1")
    pings = [t for t, m in systemd.messages if m == "WATCHDOG=1" and t >= ready]
    assert max(b - a for a, b in zip([ready, *pings], pings, strict=False)) < 2.0  # WATCHDOG_USEC is 2 s
