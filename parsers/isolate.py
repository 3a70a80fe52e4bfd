"""parse_attachment in a child process with an address-space limit and a wall-clock kill.

The child is forked from the caller, which has the parsers imported already: a few milliseconds, where a fresh
interpreter costs ~0.35 s per attachment. fork() is only safe while the process has one thread (a lock held by
another thread stays locked forever in the child), so with other threads running, or without room under the
memory limit for the caller's own address space, the child is a fresh interpreter instead. Either way it runs in
its own session, so the kill also reaches tesseract or soffice started by it, and a crash, a hang or a memory
blow-up costs only the child.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import resource
import select
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from parsers import problems
from parsers.model import ParseSpec, Report

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])
# a forked child keeps the caller's address space; it must leave at least this share of the limit for the parse
_FORK_HEADROOM = 0.5
# a forked child whose parent died (SIGKILL) gets no kill from it: it ends itself this long after its deadline
_ORPHAN_GRACE_S = 5
# collecting after the deadline (the caller was busy with another mail): time left for a finished child to answer
_LATE_READ_S = 1.0


def parse_attachment_isolated(
    data: bytes, *, filename: str, spec: ParseSpec, timeout_s: float = 60, memory_mb: int = 1024
) -> list[Report]:
    """Same as parse_attachment, but a hang, a crash or a memory blow-up costs only the child."""
    return start_isolated(data, filename=filename, spec=spec, timeout_s=timeout_s, memory_mb=memory_mb).result()


class PendingParse:
    """A parse under way in a child; `result()` waits for it (at most to its deadline) and reaps the child."""

    def __init__(self, run: Callable[[], list[Report]], cancel: Callable[[], None] = lambda: None):
        self._run, self._cancel = run, cancel
        self._done: list[Report] | None = None

    def result(self) -> list[Report]:
        if self._done is None:
            self._done = self._run()
        return self._done

    def cancel(self) -> None:
        """Not wanted after all: kill the child (if any) and reap it."""
        if self._done is None:
            self._cancel()
            self._done = []


def start_isolated(
    data: bytes, *, filename: str, spec: ParseSpec, timeout_s: float = 60, memory_mb: int = 1024
) -> PendingParse:
    """Start the isolated parse and return at once, so the caller can work meanwhile (a forked child runs on the
    other core); without fork the parse runs, in a fresh interpreter, when the result is asked for."""
    _reap(block=False)
    if _can_fork(memory_mb):
        return _start_forked(data, filename, spec, timeout_s, memory_mb)
    return PendingParse(lambda: _parse_fresh(data, filename, spec, timeout_s, memory_mb))


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


def _failed(filename: str, reason: str) -> list[Report]:
    return [Report(filename, None, problems=(problems.timeout(),), review_reasons=(reason,))]


def _timed_out(filename: str, timeout_s: float) -> list[Report]:
    return _failed(filename, f"quá {timeout_s:g} giây")


def _exited(filename: str, code: int) -> list[Report]:
    return _failed(filename, f"tiến trình con kết thúc với mã {code}")


def _start_forked(data: bytes, filename: str, spec: ParseSpec, timeout_s: float, memory_mb: int) -> PendingParse:
    from parsers.report import parse_attachment

    _preload()

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup or flushes its buffers
        code = 1
        try:
            os.close(read_fd)
            _enter_child(write_fd, memory_mb, timeout_s)
            reports = parse_attachment(data, filename=filename, spec=spec)
            blob = pickle.dumps(reports, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(3, "wb") as answer:
                answer.write(blob)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    deadline = time.monotonic() + timeout_s

    def collect() -> list[Report]:
        return _collect(pid, read_fd, filename, timeout_s, deadline)

    def cancel() -> None:
        os.close(read_fd)
        _kill_group(pid)
        os.waitpid(pid, 0)

    return PendingParse(collect, cancel)


def _collect(pid: int, read_fd: int, filename: str, timeout_s: float, deadline: float) -> list[Report]:
    # a caller busy elsewhere past the deadline still gets an answer the child has finished meanwhile: the child
    # ends itself at its own alarm, so this wait stays bounded
    try:
        out, finished = _read_until(read_fd, max(deadline, time.monotonic() + _LATE_READ_S))
    finally:
        os.close(read_fd)
    if not finished:
        _kill_group(pid)
        os.waitpid(pid, 0)
        return _timed_out(filename, timeout_s)
    if out:
        try:
            reports = list(pickle.loads(out))  # written by our own child above; whole only if it finished
        except (pickle.UnpicklingError, EOFError, ValueError, AttributeError):
            reports = None
        if reports is not None:
            # the answer is complete; the child is still tearing down its copy of our memory: reap it later
            # rather than wait for that here
            _UNREAPED.append(pid)
            _reap(block=False)
            return reports
    return _exited(filename, _reap_one(pid, block=True) or 0)


# children whose answer is in but whose exit was not waited for; reaped at the next parse (or the next check)
_UNREAPED: list[int] = []


def _reap(block: bool) -> None:
    for pid in list(_UNREAPED):
        if _reap_one(pid, block) is not None:
            _UNREAPED.remove(pid)


def _reap_one(pid: int, block: bool) -> int | None:
    """The exit code once the child has exited (None if not yet, without `block`). Before reaping it, its group
    is killed: its id cannot be reused while the child is unreaped, so this reaches only what it left running
    (a stray soffice or tesseract) and nothing else."""
    flags = os.WEXITED | os.WNOWAIT | (0 if block else os.WNOHANG)
    if os.waitid(os.P_PID, pid, flags) is None:
        return None
    _kill_group(pid, leader_too=False)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _preload() -> None:
    """Load once, here, what every child would otherwise import again (~0.2 s): the readers of every format.

    openpyxl imports numpy, whose BLAS starts a thread per core at import unless told otherwise; one thread is
    all a chart or a spreadsheet needs, and a process with threads could no longer fork its children.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from parsers import ocr, pdf, sheet  # noqa: F401


def _enter_child(write_fd: int, memory_mb: int, timeout_s: float) -> None:
    """Make the forked child what a fresh one would be: own session, limits, no inherited files or handlers."""
    os.setsid()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    # the answer goes out on fd 3; stdin and the caller's stdout/stderr become /dev/null, as the old child's
    # captured-and-discarded pipes were; every other inherited descriptor (the database, the poll lock, the
    # IMAP socket) is closed, so an orphaned child holds nothing the next poll needs
    answer = fcntl.fcntl(write_fd, fcntl.F_DUPFD_CLOEXEC, 10)  # clear of 0-3 whatever the caller had open
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.dup2(answer, 3, inheritable=False)
    os.closerange(4, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.alarm(int(timeout_s) + _ORPHAN_GRACE_S)
    # a fresh interpreter shows warnings on a stderr nobody reads; the caller's filters (pytest's "error") must
    # not turn a library's warning into a different report
    warnings.resetwarnings()
    warnings.simplefilter("ignore")


def _read_until(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child writes until it closes the pipe, or (partial, False) at the deadline."""
    chunks: list[bytes] = []
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"", False
        if not poller.poll(left * 1000):
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _kill_group(pid: int, *, leader_too: bool = True) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        if leader_too:  # killed before its setsid(): no group yet, only the child itself
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _parse_fresh(data: bytes, filename: str, spec: ParseSpec, timeout_s: float, memory_mb: int) -> list[Report]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")])),
    }
    cmd = [sys.executable, "-c", "from parsers.isolate import child_main; child_main()", str(memory_mb)]
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
    try:
        out, _ = proc.communicate(payload, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return _timed_out(filename, timeout_s)
    if proc.returncode != 0 or not out:
        return _exited(filename, proc.returncode)
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
