"""sd_notify(3) without a dependency: tell systemd we are ready, alive, reloading or stopping.

Every function returns whether the message went out and never raises: a daemon must not fail because
systemd is absent (tests, `baocao run` from a shell) or its socket is briefly unavailable.
"""

from __future__ import annotations

import os
import socket
import time

# systemd drains the socket at once; a send that blocks longer means systemd is stuck, not us
SEND_TIMEOUT_SECONDS = 2.0


def _address(raw: str) -> str | None:
    if raw.startswith("@"):
        return "\0" + raw[1:]  # abstract namespace
    if raw.startswith("/"):
        return raw
    return None  # vsock:... and others are for VMs, not for this daemon


def notify(state: str) -> bool:
    """Send `state` ("READY=1", "STATUS=...", newline-separated assignments) to $NOTIFY_SOCKET."""
    raw = os.environ.get("NOTIFY_SOCKET", "")
    address = _address(raw) if raw else None
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.settimeout(SEND_TIMEOUT_SECONDS)
            sock.connect(address)
            sock.sendall(state.encode("utf-8"))
    except (OSError, ValueError):  # ValueError: an embedded NUL in the path
        return False
    return True


def watchdog_interval() -> float | None:
    """Seconds between keep-alive pings (half of $WATCHDOG_USEC), or None when the watchdog is not ours."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None
    try:
        value = int(usec)
    except ValueError:
        return None
    return value / 2 / 1_000_000 if value > 0 else None


def ready() -> bool:
    return notify("READY=1")


def status(text: str) -> bool:
    # one line: a newline would let the text smuggle in another assignment such as READY=1
    return notify("STATUS=" + " ".join(text.split()))


def watchdog() -> bool:
    return notify("WATCHDOG=1")


def stopping() -> bool:
    return notify("STOPPING=1")


def reloading() -> bool:
    # MONOTONIC_USEC lets systemd >= 253 tell this reload from an older one; older versions ignore it
    return notify(f"RELOADING=1\nMONOTONIC_USEC={time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000}")
