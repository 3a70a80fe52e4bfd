"""A long-lived forked process that parses attachment after attachment, so that each one costs a parse, not a fork.

A child forked per file paid ~12 ms of kernel time (copying the caller's page tables, then tearing them down) on
top of a ~17 ms docx parse. The worker is forked once, from the caller (which has the parsers' code already), and
takes jobs in order over a pipe. Isolation stays per file: a file that crashes the worker or hangs past its
deadline costs the worker, never the caller, and is answered with a report that says so, while the files queued
behind it go to a new worker; one that overruns the memory limit fails inside the worker and is reported alike.
The worker runs in its own session with the caller's limits, so the kill also reaches tesseract or soffice.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import pickle
import resource
import select
import signal
import struct
import time
import warnings
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from parsers import problems
from parsers.model import ParseSpec, Report

# a worker is replaced after this many files, or once a parse has grown it by this much: what a large scan
# leaves behind (a fragmented heap) is not carried into every later parse
MAX_JOBS_PER_WORKER = 200
RETIRE_GROWTH_MB = 256
# a worker whose caller died (SIGKILL) mid-parse ends itself this long after the file's own deadline
ORPHAN_GRACE_S = 5
# waiting for an answer past the deadline (the caller was busy with another mail): time left for it to arrive
LATE_READ_S = 1.0
# a file whose worker keeps ending quietly when it is next is given up after this many moves to a new worker
MAX_MOVES = 3
# room in each pipe: a report file of this size is handed over without waiting for the worker to read it
_PIPE_BYTES = 1 << 20
_FRAME = struct.Struct("!Q")
# the worker's ends of its pipes, after it has closed everything else
_JOBS_FD, _ANSWERS_FD = 3, 4


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
    return failed(filename, f"tiến trình con kết thúc với mã {code}")


@dataclass(eq=False)
class _Job:
    data: bytes
    filename: str
    spec: ParseSpec
    timeout_s: float
    memory_mb: int
    worker: Worker | None = None
    started: float = 0.0  # when it reached the head of its worker's queue, as the caller saw it
    answer: list[Report] | None = None
    cancelled: bool = False
    moved: int = 0  # times its worker ended quietly (exit code 0) when it was next


def submit(data: bytes, filename: str, spec: ParseSpec, timeout_s: float, memory_mb: int) -> PendingParse:
    """Queue one file with this process's worker (forked now if there is none for this spec and limit)."""
    job = _Job(data, filename, spec, timeout_s, memory_mb)
    _place(job)
    return PendingParse(lambda: _result(job), lambda: _cancel(job))


def stop_worker() -> None:
    """Retire the current worker: it finishes what it was given, then exits. Tests that patch the parser's code
    call this, so that the next file goes to a worker forked with the patch."""
    global _current
    if _current is not None:
        _current.retire()
        _current = None
    reap(block=False)


_current: Worker | None = None
# retired workers still owing answers: pumped at each submit, so that one whose files nobody waits for any more
# (a mail that failed half-way through) still gets its end of file and is reaped
_retiring: list[Worker] = []
# workers that have exited or will shortly, not yet waited for; reaped at the next submit
_unreaped: list[int] = []


def _place(job: _Job) -> None:
    global _current
    worker = _current
    if worker is None or not worker.takes(job):
        if worker is not None:
            worker.retire()
        reap(block=False)
        worker = _current = Worker(job.spec, job.memory_mb)
    worker.submit(job)


def _result(job: _Job) -> list[Report]:
    while job.answer is None:
        assert job.worker is not None
        for orphan in job.worker.wait_for(job):  # the worker died with these still queued: a new one takes them
            _place(orphan)
    return job.answer


def _cancel(job: _Job) -> None:
    job.cancelled, job.data = True, b""


class Worker:
    def __init__(self, spec: ParseSpec, memory_mb: int):
        self.spec, self.memory_mb = spec, memory_mb
        self.queue: deque[_Job] = deque()
        self.outgoing = bytearray()
        self.incoming = bytearray()
        self.taken = 0
        self.retiring = False
        jobs_read, self.jobs = os.pipe()
        self.answers, answers_write = os.pipe()
        for fd in (self.jobs, self.answers):
            with contextlib.suppress(OSError):  # a smaller pipe only means more waits for the worker to read
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        self.pid = os.fork()
        if self.pid == 0:  # the worker: never returns, never runs the caller's cleanup or flushes its buffers
            code = 1
            try:
                _enter_worker(jobs_read, answers_write, memory_mb)
                code = _serve(spec)
            finally:
                os._exit(code)
        os.close(jobs_read)
        os.close(answers_write)
        os.set_blocking(self.jobs, False)
        self.alive = True

    def takes(self, job: _Job) -> bool:
        return self.alive and not self.retiring and self.taken < MAX_JOBS_PER_WORKER and \
            self.memory_mb == job.memory_mb and (self.spec is job.spec or self.spec == job.spec)

    def submit(self, job: _Job) -> None:
        job.worker, job.answer = self, None
        if not self.queue:
            job.started = time.monotonic()
        self.queue.append(job)
        self.taken += 1
        blob = pickle.dumps((job.data, job.filename, job.timeout_s), protocol=pickle.HIGHEST_PROTOCOL)
        self.outgoing += _FRAME.pack(len(blob)) + blob
        self._pump(0)

    def retire(self) -> None:
        """No more jobs: the worker ends once it has answered the queued ones."""
        self.retiring = True
        _retiring.append(self)
        self._settle()

    def wait_for(self, job: _Job) -> list[_Job]:
        """Until `job` has its answer; if the worker dies first, the queued jobs it leaves (`job` maybe among them)."""
        while job.answer is None:
            if not self._pump(0):  # answers that came while the caller was busy elsewhere are taken first
                return self._died(timed_out=False)
            if job.answer is not None:
                break
            head = self.queue[0]
            left = head.started + head.timeout_s + LATE_READ_S - time.monotonic()
            if left <= 0:
                return self._died(timed_out=True)
            if not self._pump(left):
                return self._died(timed_out=False)
        return []

    def _pump(self, timeout_s: float) -> bool:
        """Hand over queued job bytes and take answers, for at most `timeout_s`; False once the worker is gone."""
        poller = select.poll()
        poller.register(self.answers, select.POLLIN)
        if self.outgoing:
            poller.register(self.jobs, select.POLLOUT)
        for fd, _ in poller.poll(timeout_s * 1000):
            if fd == self.jobs:
                try:
                    del self.outgoing[: os.write(self.jobs, self.outgoing[:_PIPE_BYTES])]
                except BlockingIOError:
                    pass
                except BrokenPipeError:
                    return False
            else:
                chunk = os.read(self.answers, _PIPE_BYTES)
                if not chunk:
                    return False
                self.incoming += chunk
                self._take_answers()
        self._settle()
        return True

    def _take_answers(self) -> None:
        while len(self.incoming) >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self.incoming)
            if len(self.incoming) < _FRAME.size + size:
                return
            blob = bytes(self.incoming[_FRAME.size : _FRAME.size + size])
            del self.incoming[: _FRAME.size + size]
            job = self.queue.popleft()
            job.answer = [] if job.cancelled else list(pickle.loads(blob))  # written by our own worker below
            job.data = b""
            if self.queue:
                self.queue[0].started = time.monotonic()

    def _settle(self) -> None:
        """A retiring worker whose jobs are all handed over gets its end of file; one with nothing owed is let go."""
        if self.retiring and self.alive and not self.outgoing and self.jobs >= 0:
            os.close(self.jobs)
            self.jobs = -1
        if self.retiring and self.alive and not self.queue:
            os.close(self.answers)
            self.alive = False
            _unreaped.append(self.pid)
            _retiring.remove(self)

    def _died(self, *, timed_out: bool) -> list[_Job]:
        """The worker is gone, or is killed now: the file it was reading (if any) is answered with why, the files
        queued behind it are returned for a new worker, and none is lost or answered twice."""
        global _current
        _kill_group(self.pid)
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if self.jobs >= 0:
            os.close(self.jobs)
        while chunk := os.read(self.answers, _PIPE_BYTES):  # what it wrote before it went
            self.incoming += chunk
        self._take_answers()
        os.close(self.answers)
        self.jobs = self.answers = -1
        self.alive = False
        if _current is self:
            _current = None
        if self in _retiring:
            _retiring.remove(self)
        # exit code 0: it retired itself after a large parse, between two files, and no file is to blame; the one
        # it would have read next is counted, should some parse ever end the process quietly (that file would
        # otherwise go round forever)
        if self.queue and code == 0:
            self.queue[0].moved += 1
        if self.queue and (code != 0 or self.queue[0].moved > MAX_MOVES):
            head = self.queue.popleft()
            answer = _timed_out(head) if timed_out or code == -signal.SIGALRM else exited(head.filename, code)
            head.answer, head.data = ([] if head.cancelled else answer), b""
        for job in self.queue:
            if job.cancelled:
                job.answer = []
        orphans = [j for j in self.queue if not j.cancelled]
        self.queue.clear()
        return orphans


def _timed_out(job: _Job) -> list[Report]:
    return timed_out(job.filename, job.timeout_s)


def reap(block: bool) -> None:
    for retired in list(_retiring):
        if not retired._pump(0):
            for orphan in retired._died(timed_out=False):  # nobody waits for these: answered, not lost
                _place(orphan)
    for pid in list(_unreaped):
        if _reap_one(pid, block) is not None:
            _unreaped.remove(pid)


def _reap_one(pid: int, block: bool) -> int | None:
    """The exit code once the process has exited (None if not yet, without `block`). Before reaping it, its group
    is killed: its id cannot be reused while it is unreaped, so this reaches only what it left running (a stray
    soffice or tesseract) and nothing else."""
    flags = os.WEXITED | os.WNOWAIT | (0 if block else os.WNOHANG)
    if os.waitid(os.P_PID, pid, flags) is None:
        return None
    _kill_group(pid, leader_too=False)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _kill_group(pid: int, *, leader_too: bool = True) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        if leader_too:  # killed before its setsid(): no group yet, only the process itself
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _enter_worker(jobs: int, answers: int, memory_mb: int) -> None:
    """Make the forked worker what a fresh process would be: own session, limits, no inherited files or handlers."""
    os.setsid()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM):  # SIGALRM: its own deadline
        signal.signal(sig, signal.SIG_DFL)
    # its pipes go to fds 3 and 4; stdin and the caller's stdout/stderr become /dev/null; every other inherited
    # descriptor (the database, the poll lock, the IMAP socket) is closed, so an orphaned worker holds nothing
    # the next poll needs
    jobs = fcntl.fcntl(jobs, fcntl.F_DUPFD_CLOEXEC, 10)  # clear of 0-4 whatever the caller had open
    answers = fcntl.fcntl(answers, fcntl.F_DUPFD_CLOEXEC, 10)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.dup2(jobs, _JOBS_FD, inheritable=False)
    os.dup2(answers, _ANSWERS_FD, inheritable=False)
    os.closerange(_ANSWERS_FD + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # the caller's objects are not the worker's collector's business: walking them would copy the whole heap
    gc.freeze()
    # a fresh interpreter shows warnings on a stderr nobody reads; the caller's filters (pytest's "error") must
    # not turn a library's warning into a different report
    warnings.resetwarnings()
    warnings.simplefilter("ignore")
    # openpyxl imports numpy, whose BLAS would start a thread per core; one is all a chart or a sheet needs
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _serve(spec: ParseSpec) -> int:
    """The worker's loop: a job in, its reports out, until the caller closes the pipe (0) or it retires itself."""
    from parsers.report import parse_attachment

    start_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    while True:
        frame = _read_frame(_JOBS_FD)
        if frame is None:
            return 0
        data, filename, timeout_s = pickle.loads(frame)  # written by our own caller above
        signal.alarm(int(timeout_s) + ORPHAN_GRACE_S)
        reports = parse_attachment(data, filename=filename, spec=spec)
        signal.alarm(0)
        blob = pickle.dumps(reports, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(_ANSWERS_FD, _FRAME.pack(len(blob)) + blob)
        del data, reports, blob
        if resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_kb > RETIRE_GROWTH_MB * 1024:
            return 0


def _read_frame(fd: int) -> bytes | None:
    header = _read_exact(fd, _FRAME.size)
    return None if header is None else _read_exact(fd, _FRAME.unpack(header)[0])


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, _PIPE_BYTES))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
