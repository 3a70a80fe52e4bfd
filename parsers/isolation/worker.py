"""A long-lived forked process that parses attachment after attachment, so that each one costs a parse, not a fork.

A child forked per file paid ~11 ms of kernel time (copying the caller's page tables, then tearing them down) on
top of a ~18 ms docx parse. The worker is forked once, from the caller (which has the parsers' code already), and
takes jobs in order over a pipe. Isolation stays per file: a file that crashes the worker or hangs past its
deadline costs the worker, never the caller, and is answered with a report that says so, while the files queued
behind it go to a new worker; one that overruns the memory limit fails inside the worker and is reported alike.
The worker runs in its own session with the caller's limits, so the kill also reaches tesseract or soffice.
This module is the caller's side; parsers/isolation/worker_process.py is what runs in the worker.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import select
import signal
import time
from collections import deque
from collections.abc import Callable

from parsers.isolation.worker_process import FRAME, PIPE_BYTES, RETIRED, run_worker
from parsers.isolation.workload import (
    STOP_SIGNALS,
    WAIT_SLICE_S,
    Job,
    ParseInterrupted,
    PendingParse,
    call_wait_hook,
    exited,
    failed,
    pool_size,
    set_pool_size,
    timed_out,
    wait_hook,
)
from parsers.model import ParseSpec, Report

__all__ = ["STOP_SIGNALS", "WAIT_SLICE_S", "ParseInterrupted", "PendingParse", "abandon", "exited", "failed", "has_room",
           "pool_size", "reap", "set_pool_size", "stop_worker", "submit", "timed_out", "wait_hook"]

# a worker is replaced after this many files, or once a parse has grown it by this much: what a large scan
# leaves behind (a fragmented heap) is not carried into every later parse
MAX_JOBS_PER_WORKER = 200
RETIRE_GROWTH_MB = 256
# waiting for an answer past the deadline (the caller was busy with another mail): time left for it to arrive
LATE_READ_S = 1.0
# a file whose worker keeps ending quietly (exit 0) when it is next is given up after this many moves to a new worker
MAX_MOVES = 3
def submit(data: bytes, filename: str, spec: ParseSpec, timeout_s: float, memory_mb: int, *,
           can_fork: Callable[[], bool], fresh: Callable[[], list[Report]]) -> PendingParse:
    """Queue one file with this process's worker (forked now if there is none for this spec and limit)."""
    _tend(block=False)
    job = Job(data, filename, spec, timeout_s, memory_mb, can_fork, fresh)
    _place(job)
    return PendingParse(lambda: _result(job), lambda: _cancel(job))


def has_room(spec: ParseSpec, memory_mb: int) -> bool:
    """Whether a running worker takes a file for this spec and limit (no fork needed)."""
    return any(w.takes(spec, memory_mb) for w in _pool)


def abandon() -> None:
    """The caller is stopping: every worker is killed now and the files it owed stay unread (ParseInterrupted)."""
    for worker in [w for w in (*_pool, *_retiring) if w.alive]:
        worker.kill()
    _pool.clear()
    _tend(block=True)


def stop_worker() -> None:
    """Retire the current worker: it finishes what it was given, then exits. Tests that patch the parser's code
    call this, so that the next file goes to a worker forked with the patch."""
    _retire_current()
    _tend(block=False)


def reap(block: bool) -> None:
    """Take the answers of retired workers and reap those that have exited; with `block`, wait for all of them."""
    _tend(block)


# the running workers (each takes files of one spec and limit); more than one when the machine has the cores
_pool: list[Worker] = []
# retired workers still owing answers: tended at each submit, so that one whose files nobody waits for any more
# (a mail that failed half-way through) still gets its end of file and is reaped
_retiring: list[Worker] = []
# workers that have exited or will shortly, not yet waited for
_unreaped: list[int] = []


def _place(job: Job) -> None:
    """Give `job` to the least busy worker, or to a new one while the pool has room (an idle worker is always
    enough), or answer it now. Forks at most once and never waits, so that it never runs inside itself."""
    for worker in [w for w in _pool if not w.takes(job.spec, job.memory_mb)]:
        _pool.remove(worker)  # another spec or limit, its quota used, or gone: it finishes what it has
        worker.retire()
    best = min(_pool, key=lambda w: len(w.queue), default=None)
    if best is not None and (not best.queue or len(_pool) >= pool_size(job.memory_mb) or not job.can_fork()):
        best.submit(job)
        return
    if best is None and not job.can_fork():
        job.answer, job.data = job.fresh(), b""
        return
    try:
        worker = Worker(job.spec, job.memory_mb)
    except OSError:  # no fork (EAGAIN, ENOMEM): this file cannot be read now; our doing, said without a code
        if best is not None:
            best.submit(job)
        else:
            job.answer, job.data = failed(job.filename, "máy chủ của Phòng bận, chưa đọc được tệp này"), b""
        return
    _pool.append(worker)
    worker.submit(job)


def _retire_current() -> None:
    while _pool:
        _pool.pop().retire()


def _result(job: Job) -> list[Report]:
    while job.answer is None:
        if job.interrupted:
            raise ParseInterrupted(job.filename)
        assert job.worker is not None
        for orphan in job.worker.wait_for(job):  # the worker died with these still queued: a new one takes them
            _place(orphan)
    return job.answer


def _tend(block: bool) -> None:
    orphans = []
    for worker in list(_retiring):
        if worker in _retiring:  # not let go meanwhile
            orphans += worker.drain(block)
    for orphan in orphans:
        _place(orphan)
    for pid in list(_unreaped):
        if _reap_one(pid, block) is not None:
            _unreaped.remove(pid)


def _cancel(job: Job) -> None:
    job.cancelled, job.data = True, b""


class Worker:
    def __init__(self, spec: ParseSpec, memory_mb: int):
        self.spec, self.memory_mb = spec, memory_mb
        self.queue: deque[Job] = deque()  # given, not yet answered, in order
        self.outgoing = bytearray()  # job bytes not yet in the pipe
        self.incoming = bytearray()  # answer bytes not yet a whole frame
        self.queued = self.written = 0  # job bytes given so far, and handed over so far
        self.taken = 0
        self.retiring = False
        fds: list[int] = []
        try:
            fds += os.pipe()
            fds += os.pipe()
            jobs_read, self.jobs, self.answers, answers_write = fds
            for fd in (self.jobs, self.answers):
                with contextlib.suppress(OSError):  # a smaller pipe only means more waits for the worker to read
                    fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
            self.pid = os.fork()
        except OSError:
            for fd in fds:
                os.close(fd)
            raise
        if self.pid == 0:  # the worker: never returns, never runs the caller's cleanup or flushes its buffers
            code = 1
            try:
                code = run_worker(jobs_read, answers_write, memory_mb, self.spec, RETIRE_GROWTH_MB)
            finally:
                os._exit(code)
        os.close(jobs_read)
        os.close(answers_write)
        os.set_blocking(self.jobs, False)
        self.alive = True
        self.progress = time.monotonic()  # when bytes last moved either way

    def takes(self, spec: ParseSpec, memory_mb: int) -> bool:
        return self.alive and not self.retiring and self.taken < MAX_JOBS_PER_WORKER and \
            self.memory_mb == memory_mb and (self.spec is spec or self.spec == spec)

    def submit(self, job: Job) -> None:
        blob = pickle.dumps((job.data, job.filename, job.timeout_s), protocol=pickle.HIGHEST_PROTOCOL)
        self.outgoing += FRAME.pack(len(blob)) + blob
        self.queued += FRAME.size + len(blob)
        job.worker, job.end, job.started, job.answer = self, self.queued, None, None
        self.queue.append(job)
        self.taken += 1
        self._pump(0)  # a death shows to whoever waits

    def retire(self) -> None:
        """No more jobs: the worker ends once it has answered the queued ones."""
        if not self.retiring:
            self.retiring = True
            _retiring.append(self)
            self._settle()

    def drain(self, block: bool) -> list[Job]:
        """A retired worker's answers taken (with `block`, all of them); the files left if it died meanwhile."""
        if block and self.queue:
            return self.wait_for(self.queue[-1])
        return [] if self._pump(0) else self._died(None)

    def wait_for(self, job: Job) -> list[Job]:
        """Until `job` has its answer; if the worker dies first, the queued jobs it leaves (`job` maybe among them)."""
        while job.answer is None:
            if not self._pump(0):  # answers that came while the caller was busy elsewhere are taken first
                return self._died(None)
            if job.answer is not None:
                break
            head, now = self.queue[0], time.monotonic()
            if head.started is None or self.incoming:
                # its bytes still going over, or its answer coming back: stuck only if nothing moves for as long
                left = self.progress + head.timeout_s - now
            else:
                left = head.started + head.timeout_s + LATE_READ_S - now
            if left <= 0:
                return self._died(head)
            if not self._pump(min(left, WAIT_SLICE_S)):
                return self._died(None)
            if job.answer is None:
                call_wait_hook()
        return []

    def kill(self) -> None:
        """Killed by the caller, not by its files: what it owed is interrupted, not blamed."""
        for job in self.queue:
            job.interrupted = True
        self._died(None, stopped=True)

    def _pump(self, timeout_s: float) -> bool:
        """Hand over job bytes and take answers: wait up to `timeout_s` for the first, then take all that is ready.
        False once the worker is gone."""
        wait = max(timeout_s, 0.0) * 1000
        while True:
            poller = select.poll()
            poller.register(self.answers, select.POLLIN)
            if self.outgoing:
                poller.register(self.jobs, select.POLLOUT)
            events = poller.poll(wait)
            if not events:
                break
            for fd, _ in events:
                if fd == self.jobs:
                    try:
                        sent = os.write(self.jobs, self.outgoing[:PIPE_BYTES])
                    except BlockingIOError:
                        continue
                    except BrokenPipeError:
                        return False
                    del self.outgoing[:sent]
                    self.written += sent
                else:
                    chunk = os.read(self.answers, PIPE_BYTES)
                    if not chunk:
                        return False
                    self.incoming += chunk
                    self._take_answers()
                self.progress = time.monotonic()
            wait = 0
        # the next file's clock starts once its whole frame is in the pipe and the answer before it is taken
        if self.queue and self.queue[0].started is None and self.written >= self.queue[0].end:
            self.queue[0].started = time.monotonic()
        self._settle()
        return True

    def _take_answers(self) -> None:
        while len(self.incoming) >= FRAME.size:
            (size,) = FRAME.unpack_from(self.incoming)
            if len(self.incoming) < FRAME.size + size:
                return
            blob = bytes(self.incoming[FRAME.size : FRAME.size + size])
            del self.incoming[: FRAME.size + size]
            job = self.queue.popleft()
            try:
                answer = list(pickle.loads(blob))  # written by our own worker
            except Exception:  # noqa: BLE001 - never expected; the file is then reported, not lost
                answer = failed(job.filename, "không đọc được kết quả của tiến trình đọc tệp")
            job.answer, job.data = ([] if job.cancelled else answer), b""

    def _settle(self) -> None:
        """A retiring worker whose jobs are all handed over gets its end of file; one with nothing owed is let go."""
        if not (self.retiring and self.alive):
            return
        if not self.outgoing and self.jobs >= 0:
            os.close(self.jobs)
            self.jobs = -1
        if not self.queue:
            os.close(self.answers)
            self.answers = -1
            self.alive = False
            _unreaped.append(self.pid)
            _retiring.remove(self)

    def _died(self, timed_out_job: Job | None, *, stopped: bool = False) -> list[Job]:
        """The worker is gone, or (`timed_out_job` past its deadline) is killed now. The file it was reading, if any,
        is answered with why; the files queued behind it are returned for a new worker; none is lost or answered
        twice. What it wrote before it went is read first: an answer that raced the kill clears its file."""
        _kill_group(self.pid)
        code = _wait(self.pid)
        if self.jobs >= 0:
            os.close(self.jobs)
        while chunk := os.read(self.answers, PIPE_BYTES):
            self.incoming += chunk
        self._take_answers()
        os.close(self.answers)
        self.jobs = self.answers = -1
        self.alive = False
        if self in _pool:
            _pool.remove(self)
        if self in _retiring:
            _retiring.remove(self)
        head = self.queue[0] if self.queue else None
        blame: list[Report] | None = None
        if stopped or (code is not None and -code in STOP_SIGNALS):
            # stopped with the caller: nothing queued is the file's fault, and no new worker takes it now
            for job in self.queue:
                job.interrupted = not job.cancelled
                if job.cancelled:
                    job.answer = []
            self.queue.clear()
            return []
        if head is None or code == RETIRED:
            pass  # it retired itself after a large parse, between two files: what it had not read goes on, unblamed
        elif timed_out_job is not None:
            blame = timed_out(head.filename, head.timeout_s) if head is timed_out_job else None
        elif code == -signal.SIGALRM:
            blame = timed_out(head.filename, head.timeout_s)
        elif code and code != 0:
            blame = exited(head.filename, code)
        else:
            # exit code 0 with a file still owed: a parse ended the process quietly, or the caller closed the pipe;
            # the file it would have read next is counted (it would otherwise go round forever)
            head.moved += 1
            blame = exited(head.filename, 0) if head.moved > MAX_MOVES else None
        if head is not None and blame is not None:
            self.queue.popleft()
            head.answer, head.data = ([] if head.cancelled else blame), b""
        for job in self.queue:
            if job.cancelled:
                job.answer = []
        orphans = [j for j in self.queue if not j.cancelled]
        self.queue.clear()
        return orphans


def _wait(pid: int) -> int | None:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # waited for elsewhere (SIGCHLD ignored): its exit code is lost
        return None
    return os.waitstatus_to_exitcode(status)


def _reap_one(pid: int, block: bool) -> int | None:
    """The exit code once the process has exited (None if not yet, without `block`). Before reaping it, its group
    is killed: its id cannot be reused while it is unreaped, so this reaches only what it left running (a stray
    soffice or tesseract) and nothing else."""
    flags = os.WEXITED | os.WNOWAIT | (0 if block else os.WNOHANG)
    try:
        if os.waitid(os.P_PID, pid, flags) is None:
            return None
    except ChildProcessError:
        return 0
    _kill_group(pid, leader_too=False)
    return _wait(pid) or 0


def _kill_group(pid: int, *, leader_too: bool = True) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        if leader_too:  # killed before its setsid(): no group yet, only the process itself
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
