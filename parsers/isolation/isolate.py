"""parse_attachment in another process with an address-space limit and a wall-clock kill.

The parse goes to this process's worker (parsers/isolation/worker.py), forked from the caller, which has the parsers'
code already: a pipe round trip, where a fresh interpreter costs ~0.35 s per attachment. fork() is only safe
while the process has one thread (a lock held by another thread stays locked forever in the child), so with other
threads running, or without room under the memory limit for the caller's own address space, the child is a fresh
interpreter instead. Either way it runs in its own session, so the kill also reaches tesseract or soffice started
by it, and a crash, a hang or a memory blow-up costs only the child.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from parsers.isolation import worker
from parsers.isolation.worker import (
    STOP_SIGNALS,
    WAIT_SLICE_S,
    ParseInterrupted,
    PendingParse,
    exited,
    timed_out,
)
from parsers.model import ParseSpec, Report

__all__ = ["ParseInterrupted", "PendingParse", "parse_attachment_isolated", "start_isolated"]

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
# a forked worker keeps the caller's address space; it must leave at least this share of the limit for the parse
_FORK_HEADROOM = 0.5


def parse_attachment_isolated(
    data: bytes, *, filename: str, spec: ParseSpec, timeout_s: float = 60, memory_mb: int = 1024
) -> list[Report]:
    """Same as parse_attachment, but a hang, a crash or a memory blow-up costs only the child."""
    return start_isolated(data, filename=filename, spec=spec, timeout_s=timeout_s, memory_mb=memory_mb).result()


def start_isolated(
    data: bytes, *, filename: str, spec: ParseSpec, timeout_s: float = 60, memory_mb: int = 1024
) -> PendingParse:
    """Start the isolated parse and return at once, so the caller can work meanwhile (the worker runs on the
    other core); without fork the parse runs, in a fresh interpreter, when the result is asked for."""
    def fresh() -> list[Report]:
        return _parse_fresh(data, filename, spec, timeout_s, memory_mb)

    if worker.has_room(spec, memory_mb) or _can_fork(memory_mb):
        return worker.submit(data, filename, spec, timeout_s, memory_mb, can_fork=lambda: _can_fork(memory_mb),
                             fresh=fresh)
    return PendingParse(fresh)


def _thread_count() -> int:
    """Threads of this process as the kernel sees them (numpy's BLAS pool too), not only `threading`'s."""
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir())
    except OSError:
        import threading

        return threading.active_count()


def _address_space() -> int:
    try:
        with open("/proc/self/statm", "rb") as f:  # noqa: PTH123 - one read of a kernel file
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return sys.maxsize  # unknown: a fresh interpreter is the safe choice


def _can_fork(memory_mb: int) -> bool:
    if not hasattr(os, "fork") or _thread_count() != 1:
        return False
    return _address_space() <= memory_mb * 1024 * 1024 * (1 - _FORK_HEADROOM)


def _parse_fresh(data: bytes, filename: str, spec: ParseSpec, timeout_s: float, memory_mb: int) -> list[Report]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")])),
    }
    cmd = [sys.executable, "-c", "from parsers.isolation.isolate import child_main; child_main()", str(memory_mb)]
    payload = pickle.dumps((data, filename, spec), protocol=pickle.HIGHEST_PROTOCOL)
    # its own session, so that a kill also reaches tesseract or soffice started by the child
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout_s
    first: bytes | None = payload
    try:
        while True:
            try:
                # in slices, so that the caller's hook (watchdog, stop) runs during a long scan; a retried
                # communicate() carries on where the last one stopped
                out, _ = proc.communicate(first, timeout=min(WAIT_SLICE_S, max(deadline - time.monotonic(), 0)))
                break
            except subprocess.TimeoutExpired:
                first = None  # the input is handed over once; a retry only goes on with it
                if time.monotonic() >= deadline:
                    _kill(proc)
                    return timed_out(filename, timeout_s)
                worker.call_wait_hook()
    except BaseException:
        _kill(proc)  # the caller is stopping (or failing): the child goes with it
        raise
    if -proc.returncode in STOP_SIGNALS:
        raise ParseInterrupted(filename)  # stopped with the caller, not by the file
    if proc.returncode != 0 or not out:
        return exited(filename, proc.returncode)
    reports = pickle.loads(out)  # written by our own child_main below
    return list(reports)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def child_main() -> None:
    """Entry point of the fresh child: limits first, then read the pickled job from stdin, answer on stdout."""
    memory = int(sys.argv[1]) * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    from parsers.report import parse_attachment

    data, filename, spec = pickle.loads(sys.stdin.buffer.read())
    reports = parse_attachment(data, filename=filename, spec=spec)
    sys.stdout.buffer.write(pickle.dumps(reports, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
