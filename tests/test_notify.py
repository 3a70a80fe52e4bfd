import os
import socket

import pytest

from daemon import notify


@pytest.fixture
def systemd_socket(tmp_path, monkeypatch):
    """A datagram socket standing in for systemd's $NOTIFY_SOCKET."""
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        sock.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        yield sock


def test_helpers_send_the_sd_notify_assignments(systemd_socket):
    assert notify.ready() and notify.watchdog() and notify.stopping()
    assert [systemd_socket.recv(4096) for _ in range(3)] == [b"READY=1", b"WATCHDOG=1", b"STOPPING=1"]


def test_status_is_one_line_and_utf8(systemd_socket):
    assert notify.status("đang kiểm tra hộp thư\nREADY=1")
    assert systemd_socket.recv(4096).decode() == "STATUS=đang kiểm tra hộp thư READY=1"


def test_reloading_carries_a_monotonic_timestamp(systemd_socket):
    assert notify.reloading()
    first, second = systemd_socket.recv(4096).decode().split("\n")
    assert first == "RELOADING=1" and second.startswith("MONOTONIC_USEC=") and int(second[15:]) > 0


def test_abstract_namespace(monkeypatch):
    name = f"baocao-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify.ready()
        assert sock.recv(4096) == b"READY=1"


@pytest.mark.parametrize("value", [None, "", "vsock:2:1234", "/nonexistent/notify.sock"])
def test_never_raises_without_a_listener(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    else:
        monkeypatch.setenv("NOTIFY_SOCKET", value)
    assert notify.ready() is False


@pytest.mark.parametrize(("usec", "pid", "expected"), [
    ("120000000", None, 60.0), ("120000000", "self", 60.0), ("120000000", "1", None),
    (None, None, None), ("0", None, None), ("abc", None, None),
])
def test_watchdog_interval(monkeypatch, usec, pid, expected):
    for key, value in (("WATCHDOG_USEC", usec), ("WATCHDOG_PID", str(os.getpid()) if pid == "self" else pid)):
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    assert notify.watchdog_interval() == expected
