"""What runs inside the parse worker (see parsers/isolation/worker.py): its setup after fork, its loop, the pipes' framing."""

from __future__ import annotations

import fcntl
import gc
import os
import pickle
import resource
import signal
import struct
import warnings

from parsers.model import ParseSpec

# each message on either pipe: its length, then a pickle
FRAME = struct.Struct("!Q")
# room asked for in each pipe (the kernel may give less): a report file of this size is handed over without
# waiting for the worker to read it
PIPE_BYTES = 1 << 20
# a worker whose caller died (SIGKILL) mid-parse ends itself this long after the file's own deadline
ORPHAN_GRACE_S = 5
# the exit code of a worker that retired itself after a parse grew it, between two files: no file is to blame
RETIRED = 75
# the worker's ends of its pipes, after it has closed everything else
_JOBS_FD, _ANSWERS_FD = 3, 4


def run_worker(jobs: int, answers: int, memory_mb: int, spec: ParseSpec, retire_growth_mb: int) -> int:
    """The forked worker's whole life; its exit code (0: its caller closed the pipe; RETIRED: it retired itself)."""
    _enter_worker(jobs, answers, memory_mb)
    return _serve(spec, retire_growth_mb)


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


def _serve(spec: ParseSpec, retire_growth_mb: int) -> int:
    """A job in, its reports out, until the caller closes the pipe (0) or a parse has grown the worker too much."""
    from parsers.report import parse_attachment

    start_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    while True:
        frame = _read_frame(_JOBS_FD)
        if frame is None:
            return 0
        data, filename, timeout_s = pickle.loads(frame)  # written by our own caller
        signal.alarm(int(timeout_s) + ORPHAN_GRACE_S)
        reports = parse_attachment(data, filename=filename, spec=spec)
        signal.alarm(0)
        blob = pickle.dumps(reports, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(_ANSWERS_FD, FRAME.pack(len(blob)) + blob)
        del data, reports, blob
        if resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_kb > retire_growth_mb * 1024:
            return RETIRED


def _read_frame(fd: int) -> bytes | None:
    header = _read_exact(fd, FRAME.size)
    return None if header is None else _read_exact(fd, FRAME.unpack(header)[0])


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, PIPE_BYTES))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
