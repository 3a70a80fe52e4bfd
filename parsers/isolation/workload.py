"""What the parse workers are given: a job per file, its pending result, the answers that say why a file was not
read, the hook the caller's waits call, and how many workers the machine has room for. See parsers/isolation/worker.py."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parsers import problems
from parsers.model import ParseSpec, Report

if TYPE_CHECKING:
    from parsers.isolation.worker import Worker

# what the caller itself is budgeted when the pool is sized to the memory
CALLER_MB = 200
# a wait for an answer looks up from the pipe this often, so that the caller's hook (a watchdog ping, a stop
# request) runs during a long scan
WAIT_SLICE_S = 0.5
# a worker ended by one of these was stopped with its caller (systemd's stop, Ctrl-C, a kill of the group): its
# files are not to blame and stay unread; the file's own failures end it with SIGALRM, SIGSEGV, SIGKILL, ...
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class ParseInterrupted(BaseException):  # noqa: N818 - not an error of the file: a stop, like KeyboardInterrupt
    """The parse was cut short by a stop of the caller's service, not by the file: read it again at the next start.

    A BaseException, so that no `except Exception` that turns a parse failure into a report can swallow it."""


_wait_hook: Callable[[], None] = lambda: None  # noqa: E731


@contextlib.contextmanager
def wait_hook(hook: Callable[[], None]) -> Iterator[None]:
    """Call `hook` at least every WAIT_SLICE_S while waiting for a parse; an exception it raises leaves the wait
    (the file stays queued: asked again, it is waited for again)."""
    global _wait_hook
    previous, _wait_hook = _wait_hook, hook
    try:
        yield
    finally:
        _wait_hook = previous


def call_wait_hook() -> None:
    _wait_hook()


class PendingParse:
    """A parse under way; `result()` waits for it (at most to its deadline)."""

    def __init__(self, run: Callable[[], list[Report]], cancel: Callable[[], None] = lambda: None):
        self._run, self._cancel = run, cancel
        self._done: list[Report] | None = None

    def result(self) -> list[Report]:
        if self._done is None:
            self._done = self._run()
        return self._done

    def cancel(self) -> None:
        """Not wanted after all: its answer is dropped when it comes."""
        if self._done is None:
            self._cancel()
            self._done = []


def failed(filename: str, reason: str) -> list[Report]:
    return [Report(filename, None, problems=(problems.timeout(),), review_reasons=(reason,))]


def timed_out(filename: str, timeout_s: float) -> list[Report]:
    return failed(filename, f"quá {timeout_s:g} giây")


def exited(filename: str, code: int) -> list[Report]:
    # the exit code is for a programmer, not for a school reading its receipt
    return failed(filename, "chương trình đọc tệp dừng bất thường khi đọc tệp này")


@dataclass(eq=False)
class Job:
    data: bytes
    filename: str
    spec: ParseSpec
    timeout_s: float
    memory_mb: int
    can_fork: Callable[[], bool]  # whether a new worker may be forked now (one thread, room under the limit)
    fresh: Callable[[], list[Report]]  # the parse in a fresh interpreter, when no worker can be had
    worker: Worker | None = None
    end: int = 0  # where its frame ends in its worker's stream of job bytes
    started: float | None = None  # when its worker could begin it: the whole frame handed over, the one before answered
    answer: list[Report] | None = None
    cancelled: bool = False
    interrupted: bool = False  # its worker was stopped with the caller: no answer, ever
    moved: int = 0  # times its worker ended quietly (exit code 0) when it was next


_pool_size: int | None = None


def set_pool_size(workers: int | None) -> None:
    """At most this many workers at once; None: one per core the process may use, as the memory allows."""
    global _pool_size
    _pool_size = workers


def pool_size(memory_mb: int) -> int:
    if _pool_size:
        return _pool_size
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    room = _memory_room_mb()
    # a worker is budgeted half its address-space limit (which counts mappings, not memory used), the caller
    # CALLER_MB: two workers on two cores when the service may use 1.2 GB and each file 1 GB of address space
    by_memory = (room - CALLER_MB) // max(memory_mb // 2, 1) if room else cpus
    return max(1, min(cpus, by_memory))


def _memory_room_mb() -> int | None:
    """The memory this process's cgroup may use (systemd's MemoryMax=), else what the machine has available."""
    try:
        with open("/proc/self/cgroup") as f:  # noqa: PTH123 - kernel files, read once a poll
            path = f.read().split("::", 1)[1].split("\n", 1)[0]
        with open(f"/sys/fs/cgroup{path}/memory.max") as f:  # noqa: PTH123
            limit = f.read().strip()
        if limit != "max":
            return int(limit) // (1024 * 1024)
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open("/proc/meminfo") as f:  # noqa: PTH123
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return None
