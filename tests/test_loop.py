import logging
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from daemon.loop import Job, run_loop

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ROOT = Path(__file__).resolve().parents[1]


class Systemd:
    """Collects what the loop sends to $NOTIFY_SOCKET, as systemd would."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.messages: list[str] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        self.sock.settimeout(0.05)
        while not self.done.is_set():
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except TimeoutError:
                continue

    def stop(self) -> list[str]:
        if not self.done.is_set():
            self.done.set()
            self.thread.join()
            self.sock.setblocking(False)
            while True:  # what arrived after the reader's last look is already queued
                try:
                    self.messages.append(self.sock.recv(4096).decode())
                except BlockingIOError:
                    break
        return self.messages


@pytest.fixture
def systemd(tmp_path, monkeypatch):
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        monkeypatch.setenv("WATCHDOG_USEC", "4000000")  # ping at least every 2 s, checked each 1 s tick
        monkeypatch.delenv("WATCHDOG_PID", raising=False)
        monitor = Systemd(sock)
        yield monitor
        monitor.stop()


class FakeTime:
    """The loop's clock and sleep: each sleep advances the clock; `on_tick[n]` acts after the n-th sleep."""

    def __init__(self, start: datetime, on_tick: dict | None = None, stop_after: int = 10) -> None:
        self.current = start
        self.ticks = 0
        self.on_tick = dict(on_tick or {})
        self.on_tick.setdefault(stop_after, lambda: os.kill(os.getpid(), signal.SIGTERM))

    def now(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
        self.ticks += 1
        action = self.on_tick.get(self.ticks)
        if action:
            action()


START = datetime(2024, 11, 14, 7, 0, tzinfo=VN)


def run(jobs, clock, *, startup=lambda: None, reload=lambda: [], **kwargs) -> int:
    return run_loop(jobs, startup=startup, reload=reload, now=clock.now, sleep=clock.sleep, **kwargs)


def test_ready_once_watchdog_repeatedly_then_stopping(systemd):
    clock = FakeTime(START, stop_after=10)
    assert run([Job("poll", lambda now: None, every_minutes=5)], clock) == 0
    messages = systemd.stop()
    assert messages.count("READY=1") == 1
    assert messages.count("WATCHDOG=1") >= 5
    assert messages.index("READY=1") < messages.index("WATCHDOG=1")
    assert messages[-1] == "STOPPING=1"
    assert any(m.startswith("STATUS=idle, next poll at 2024-11-14 07:05") for m in messages)


def test_a_failing_job_does_not_stop_the_others_and_logs_once(systemd, caplog):
    ran: list[datetime] = []

    def broken(now):
        raise RuntimeError("imap down")

    clock = FakeTime(START, stop_after=10 * 60)
    jobs = [Job("broken", broken, every_minutes=1), Job("poll", ran.append, every_minutes=1)]
    with caplog.at_level(logging.INFO, logger="daemon.loop"):
        assert run(jobs, clock) == 0
    assert len(ran) == 10  # at start, then every minute
    failures = [r.getMessage() for r in caplog.records if r.getMessage().startswith("broken")]
    assert failures == ["broken failed: RuntimeError: imap down"]
    assert all(r.exc_info is None for r in caplog.records)


def test_a_failing_job_logs_again_after_the_quiet_period_and_when_it_recovers(systemd, caplog):
    calls = []

    def flaky(now):
        calls.append(now)
        if len(calls) <= 20:
            raise OSError("connection refused")

    clock = FakeTime(START, stop_after=30 * 60)
    with caplog.at_level(logging.INFO, logger="daemon.loop"):
        run([Job("poll", flaky, every_minutes=1)], clock, quiet_minutes=15)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("poll")]
    assert lines == [
        "poll failed: OSError: connection refused",
        "poll failed: OSError: connection refused (14 more failures since the last line)",
        "poll works again after 20 failed runs",
    ]


def test_daily_job_runs_at_office_time_whatever_the_clock_zone(systemd):
    ran: list[datetime] = []
    start_utc = datetime(2024, 11, 14, 0, 0, tzinfo=UTC)  # 07:00 in the office
    clock = FakeTime(start_utc, stop_after=26 * 60)
    run([Job("reminders", ran.append, at="07:30")], clock, tick_seconds=60)
    assert [t.astimezone(VN).strftime("%d %H:%M") for t in ran] == ["14 07:30", "15 07:30"]


@pytest.mark.parametrize(("catch_up", "expected"), [(True, ["08:00", "07:30"]), (False, ["07:30"])])
def test_catch_up_runs_a_missed_daily_job_at_start(systemd, catch_up, expected):
    ran: list[datetime] = []
    clock = FakeTime(datetime(2024, 11, 14, 8, 0, tzinfo=VN), stop_after=24 * 60)
    run([Job("reminders", ran.append, at="07:30", catch_up=catch_up)], clock, tick_seconds=60)
    assert [t.strftime("%H:%M") for t in ran] == expected


def test_sigterm_during_a_job_lets_it_finish_and_skips_the_rest(systemd):
    events = []

    def long_job(now):
        events.append("started")
        os.kill(os.getpid(), signal.SIGTERM)
        events.append("finished")

    clock = FakeTime(START, stop_after=1000)
    jobs = [Job("a", long_job, every_minutes=1), Job("b", lambda now: events.append("b"), every_minutes=1)]
    assert run(jobs, clock) == 0
    assert events == ["started", "finished"]
    assert systemd.stop()[-1] == "STOPPING=1"


CHILD = textwrap.dedent("""
    import sys
    from daemon.loop import Job, run_loop

    def job(now):
        print("started", flush=True)
        sys.stdin.readline()  # blocks until the test has sent SIGTERM
        print("finished", flush=True)

    sys.exit(run_loop([Job("poll", job, every_minutes=1)], startup=lambda: None, reload=lambda: []))
""")


def test_sigterm_to_a_real_process_mid_job(systemd):
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline() == "started\n"
    child.send_signal(signal.SIGTERM)
    out, _ = child.communicate("go\n", timeout=30)
    assert (child.returncode, out) == (0, "finished\n")
    messages = systemd.stop()
    assert messages.count("READY=1") == 1 and messages[-1] == "STOPPING=1"


def test_sighup_with_a_failing_reload_keeps_the_old_jobs(systemd, caplog):
    ran: list[datetime] = []

    def bad_reload():
        raise ValueError("config.yaml:12: Setting 'reminders.send_at' has incorrect type")

    clock = FakeTime(START, on_tick={90: lambda: os.kill(os.getpid(), signal.SIGHUP)}, stop_after=5 * 60)
    with caplog.at_level(logging.INFO, logger="daemon.loop"):
        assert run([Job("poll", ran.append, every_minutes=1)], clock, reload=bad_reload) == 0
    assert len(ran) == 5
    assert "reload failed, keeping the running jobs: ValueError: config.yaml:12" in caplog.text
    messages = systemd.stop()
    assert messages.count("RELOADING=1") == 0 and sum(m.startswith("RELOADING=1\n") for m in messages) == 1
    assert messages.count("READY=1") == 2  # systemd needs READY=1 again to leave "reloading"


def test_sighup_installs_the_reloaded_jobs(systemd):
    old, new = [], []
    clock = FakeTime(START, on_tick={90: lambda: os.kill(os.getpid(), signal.SIGHUP)}, stop_after=5 * 60)
    run([Job("poll", old.append, every_minutes=1)], clock, reload=lambda: [Job("poll2", new.append, every_minutes=2)])
    assert len(old) == 2 and len(new) == 2  # new: at reload (01:31) and two minutes later


def test_startup_is_retried_and_ready_comes_after_it(systemd):
    attempts = []

    def startup():
        attempts.append(1)
        if len(attempts) < 3:
            raise ConnectionError("no route to host")

    clock = FakeTime(START, stop_after=200)
    assert run([Job("poll", lambda now: None, every_minutes=1)], clock, startup=startup) == 0
    messages = systemd.stop()
    assert len(attempts) == 3 and messages.count("READY=1") == 1
    assert "STATUS=startup failed (ConnectionError), retrying in 15 s" in messages
    assert messages.index("STATUS=startup failed (ConnectionError), retrying in 30 s") < messages.index("READY=1")


def test_fatal_startup_error_exits_2_without_ready(systemd):
    class ConfigError(Exception):
        pass

    def startup():
        raise ConfigError("password_file: no such file")

    assert run([], FakeTime(START), startup=startup, fatal=(ConfigError,)) == 2
    messages = systemd.stop()
    assert "READY=1" not in messages and messages[-1] == "STOPPING=1"


def test_signal_handlers_are_restored():
    before = signal.getsignal(signal.SIGTERM)
    run([], FakeTime(START, stop_after=2))
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.parametrize("kwargs", [{}, {"every_minutes": 1, "at": "07:30"}, {"at": "7:30"}, {"every_minutes": 0},
                                    {"every_minutes": 5, "catch_up": True}])
def test_bad_jobs(kwargs):
    with pytest.raises(ValueError):
        Job("x", lambda now: None, **kwargs)
