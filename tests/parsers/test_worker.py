"""The parse worker: one process for many files, yet a crash, a hang or a retirement costs no file its answer."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from parsers import ParseSpec, Report, parse_attachment, start_isolated
from parsers.isolation import isolate, worker, workload

# what a school may read about a file that crashed the worker: no exit code, no internal text
CRASHED = "chương trình đọc tệp dừng bất thường khi đọc tệp này"
DOCX = Path(__file__).resolve().parents[1] / "corpus" / "th-him-lam-template.docx"


def fake_parse(data: bytes, *, filename: str, spec: ParseSpec) -> list[Report]:
    """Answers with the worker's pid; 'crash' dies, 'hang' sleeps, 'slow...' takes a moment ('slowcrash' then dies),
    'slowhang' sleeps 5 s, 'exit0' just leaves, 'long-answer' answers with 3 MB."""
    if filename == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if filename in ("hang", "slowhang"):
        time.sleep(600 if filename == "hang" else 5)
    if filename.startswith("slow"):
        time.sleep(0.3)
    if filename == "slowcrash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if filename == "exit0":
        os._exit(0)
    said = data.decode() if len(data) < 100 else f"{len(data)} bytes"
    long = "x" * 3_000_000 if filename == "long-answer" else None  # three times the pipe
    return [Report(filename, "docx", school_name=f"{os.getpid()}:{said}", difficulties=long)]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # the worker path whatever this test process has become (threads, address space): a fresh interpreter would
    # not see the fake
    monkeypatch.setattr(isolate, "_can_fork", lambda memory_mb: True)
    monkeypatch.setattr("parsers.report.parse_attachment", fake_parse)
    monkeypatch.setattr(workload, "_pool_size", 1)  # one worker, whatever the machine: the order of pids is known
    worker.stop_worker()
    yield
    worker.stop_worker()
    worker.reap(block=True)
    assert not worker._unreaped  # every worker that went was waited for


def answers(pending: list[worker.PendingParse]) -> list[tuple[str, str]]:
    out = []
    for p in pending:
        [report] = p.result()
        name = report.school_name or ""
        out.append((report.file, name.split(":", 1)[1] if ":" in name else report.review_reasons[0]))
    return out


def pids(pending: list[worker.PendingParse]) -> set[str]:
    return {(p.result()[0].school_name or "").split(":")[0] for p in pending if p.result()[0].school_name}


def start(name: str, data: str, spec: ParseSpec, timeout_s: float = 60) -> worker.PendingParse:
    return start_isolated(data.encode(), filename=name, spec=spec, timeout_s=timeout_s)


@pytest.mark.usefixtures("fake")
def test_one_worker_reads_file_after_file_in_order(spec: ParseSpec) -> None:
    pending = [start(f"f{i}", str(i), spec) for i in range(30)]
    assert answers(pending) == [(f"f{i}", str(i)) for i in range(30)]
    assert len(pids(pending)) == 1 and os.getpid() not in {int(p) for p in pids(pending)}


@pytest.mark.usefixtures("fake")
def test_a_crash_is_blamed_on_its_file_and_the_files_behind_it_are_read_by_a_new_worker(spec: ParseSpec) -> None:
    pending = [start("a", "1", spec), start("slow", "2", spec), start("crash", "3", spec), start("b", "4", spec),
               start("c", "5", spec)]
    assert answers(pending) == [("a", "1"), ("slow", "2"), ("crash", CRASHED),
                                ("b", "4"), ("c", "5")]
    assert len(pids([pending[0], pending[3]])) == 2


@pytest.mark.usefixtures("fake")
def test_a_hang_times_out_and_the_next_file_is_still_read(spec: ParseSpec) -> None:
    began = time.monotonic()
    pending = [start("hang", "1", spec, timeout_s=1), start("b", "2", spec)]
    assert answers(pending) == [("hang", "quá 1 giây"), ("b", "2")]
    assert time.monotonic() - began < 1 + worker.LATE_READ_S + 2


@pytest.mark.usefixtures("fake")
def test_an_answer_that_came_while_the_caller_was_busy_is_not_a_timeout(spec: ParseSpec) -> None:
    pending = [start("a", "1", spec, timeout_s=0.2), start("b", "2", spec, timeout_s=0.2)]
    time.sleep(0.2 + worker.LATE_READ_S + 0.5)  # the caller works on another mail past both deadlines
    assert answers(pending) == [("a", "1"), ("b", "2")]
    after = start("c", "3", spec)
    assert len(pids([*pending, after])) == 1  # and the worker was not killed for being read late


@pytest.mark.usefixtures("fake")
def test_a_cancelled_file_does_not_shift_the_answers_of_the_others(spec: ParseSpec) -> None:
    pending = [start("slow", "1", spec), start("b", "2", spec), start("c", "3", spec)]
    pending[0].cancel()
    pending[1].cancel()
    assert pending[0].result() == [] and pending[1].result() == []
    assert answers(pending[2:]) == [("c", "3")]


@pytest.mark.usefixtures("fake")
def test_a_parse_that_ends_the_worker_quietly_cannot_go_round_forever(spec: ParseSpec) -> None:
    pending = [start("a", "1", spec), start("exit0", "2", spec), start("b", "3", spec)]
    assert answers(pending) == [("a", "1"), ("exit0", CRASHED), ("b", "3")]


@pytest.mark.usefixtures("fake")
def test_workers_retire_after_their_quota_and_on_growth(spec: ParseSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "MAX_JOBS_PER_WORKER", 3)
    pending = [start(f"f{i}", str(i), spec) for i in range(7)]
    assert answers(pending) == [(f"f{i}", str(i)) for i in range(7)]
    assert len(pids(pending)) == 3
    worker.stop_worker()
    monkeypatch.setattr(worker, "RETIRE_GROWTH_MB", -1)  # every parse "grows" it: it leaves after each file
    pending = [start(f"g{i}", str(i), spec) for i in range(8)]  # more than MAX_MOVES retirements in a row
    assert answers(pending) == [(f"g{i}", str(i)) for i in range(8)]
    assert len(pids(pending)) == 8


@pytest.mark.usefixtures("fake")
def test_a_file_given_to_a_worker_that_had_already_retired_itself_is_not_counted_against(
    spec: ParseSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that left after a large parse, before the caller noticed, was still given files: they go on to a new
    worker without a move counted against them (under load this used to give a sound file up as 'stopped')."""
    monkeypatch.setattr(worker, "RETIRE_GROWTH_MB", -1)  # every parse "grows" it: it leaves after each file
    monkeypatch.setattr(worker, "MAX_MOVES", 0)  # a single move counted would give the file up
    first = start("a", "1", spec)
    pid = worker._pool[0].pid
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)  # it has answered and exited; the caller has not looked yet
    later = start("b", "2", spec)  # given to the worker that has gone
    assert answers([first, later]) == [("a", "1"), ("b", "2")]


@pytest.mark.usefixtures("fake")
def test_a_new_spec_gets_a_new_worker_and_the_old_one_exits(spec: ParseSpec) -> None:
    first = start("a", "1", spec)
    old = worker._pool[0]
    assert answers([first]) == [("a", "1")] and old is not None
    other = ParseSpec(schools=spec.schools[:1], cycles=spec.cycles, metrics=spec.metrics)
    assert answers([start("b", "2", other)]) == [("b", "2")]
    assert old not in worker._pool
    deadline = time.monotonic() + 5
    while old.pid in worker._unreaped and time.monotonic() < deadline:
        worker.reap(block=False)
        time.sleep(0.05)
    assert old.pid not in worker._unreaped  # it read its end of file and exited


def test_a_real_docx_through_the_worker_matches_the_in_process_parse(spec: ParseSpec,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolate, "_thread_count", lambda: 1)
    worker.stop_worker()
    data = DOCX.read_bytes()
    pending = [start_isolated(data, filename=f"{i}.docx", spec=spec) for i in range(3)]
    assert [p.result() for p in pending] == [parse_attachment(data, filename=f"{i}.docx", spec=spec)
                                             for i in range(3)]
    worker.stop_worker()


@pytest.mark.usefixtures("fake")
def test_a_retired_worker_whose_files_nobody_waits_for_is_still_reaped(spec: ParseSpec) -> None:
    lost = [start("slow", "1", spec), start("b", "2", spec)]  # a mail that failed half-way: never collected
    old = worker._pool[0]
    assert old is not None
    worker.stop_worker()
    deadline = time.monotonic() + 5
    while (old in worker._retiring or old.pid in worker._unreaped) and time.monotonic() < deadline:
        worker.reap(block=False)
        time.sleep(0.05)
    assert old not in worker._retiring and old.pid not in worker._unreaped
    assert not Path(f"/proc/{old.pid}").exists()
    assert answers(lost) == [("slow", "1"), ("b", "2")]


@pytest.mark.usefixtures("fake")
def test_a_big_file_or_a_big_answer_is_not_timed_out_while_the_caller_is_busy(spec: ParseSpec) -> None:
    # 8 MB go through a 1 MB pipe only while the caller hands them over; a 3 MB answer comes back the same way
    big = start_isolated(b"y" * 8_000_000, filename="big.docx", spec=spec, timeout_s=1)
    long = start("long-answer", "2", spec, timeout_s=1)
    time.sleep(1 + worker.LATE_READ_S + 1.5)  # the caller writes another mail's decision meanwhile
    assert answers([big, long]) == [("big.docx", "8000000 bytes"), ("long-answer", "2")]
    assert len(long.result()[0].difficulties or "") == 3_000_000


@pytest.mark.usefixtures("fake")
def test_a_retired_worker_that_crashes_with_files_nobody_waits_for_breaks_nothing(spec: ParseSpec) -> None:
    lost = [start("slowcrash", "1", spec), start("b", "2", spec)]  # a mail that failed half-way
    worker.stop_worker()
    first = start("x", "3", spec)
    time.sleep(0.8)  # the retired worker has crashed meanwhile
    other = ParseSpec(schools=spec.schools[:1], cycles=spec.cycles, metrics=spec.metrics)
    later = [start("y", "4", other), *(start(f"z{i}", str(i), spec) for i in range(3))]  # retire, re-fork, move
    assert answers([first, *later]) == [("x", "3"), ("y", "4"), ("z0", "0"), ("z1", "1"), ("z2", "2")]
    assert answers(lost) == [("slowcrash", CRASHED), ("b", "2")]
    assert len([w for w in worker._retiring if not w.alive]) == 0  # no dead worker left to be pumped


@pytest.mark.usefixtures("fake")
def test_when_fork_fails_the_file_is_answered_and_nothing_leaks(spec: ParseSpec,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fds = sum(1 for _ in Path("/proc/self/fd").iterdir())
    pending = [start("crash", "1", spec), start("b", "2", spec)]
    real_fork = os.fork

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert answers(pending) == [("crash", CRASHED),
                                ("b", "máy chủ của Phòng bận, chưa đọc được tệp này")]
    assert sum(1 for _ in Path("/proc/self/fd").iterdir()) == fds  # the pipes of the fork that failed are closed
    monkeypatch.setattr(os, "fork", real_fork)
    assert answers([start("c", "3", spec)]) == [("c", "3")]


@pytest.mark.usefixtures("fake")
def test_no_new_worker_is_forked_once_the_caller_has_threads(spec: ParseSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    pending = [start("crash", "1", spec), start("b", "2", spec)]
    monkeypatch.setattr(isolate, "_can_fork", lambda memory_mb: False)
    monkeypatch.setattr(isolate, "_parse_fresh", lambda data, filename, *a: [Report(filename, "docx",
                                                                                     school_name="0:fresh")])
    assert answers(pending) == [("crash", CRASHED), ("b", "fresh")]


@pytest.mark.usefixtures("fake")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_worker_stopped_with_its_service_blames_no_file(spec: ParseSpec, signum: int) -> None:
    pending = [start("a", "1", spec), start("slowhang", "2", spec), start("b", "3", spec)]
    assert answers(pending[:1]) == [("a", "1")]
    (running,) = worker._pool
    os.kill(running.pid, signum)  # systemd's stop (KillMode=control-group) or a Ctrl-C reaching it
    for p in pending[1:]:
        with pytest.raises(worker.ParseInterrupted):
            p.result()
    assert answers([start("c", "4", spec)]) == [("c", "4")]  # the next start reads again


@pytest.mark.usefixtures("fake")
def test_the_wait_hook_runs_during_a_long_parse_and_can_leave_the_wait(spec: ParseSpec) -> None:
    calls: list[float] = []

    class Stop(BaseException):
        pass

    def hook() -> None:
        calls.append(time.monotonic())
        if len(calls) == 3:
            raise Stop

    pending = start("slowhang", "1", spec)
    with worker.wait_hook(hook), pytest.raises(Stop):
        pending.result()
    assert len(calls) == 3
    worker.abandon()
    with pytest.raises(worker.ParseInterrupted):
        pending.result()
    assert not worker._pool and not worker._retiring


@pytest.mark.usefixtures("fake")
def test_two_workers_read_two_files_at_once(spec: ParseSpec) -> None:
    worker.set_pool_size(2)
    began = time.monotonic()
    pending = [start(f"slow{i}", str(i), spec) for i in range(4)]  # 0.3 s each
    assert answers(pending) == [(f"slow{i}", str(i)) for i in range(4)]
    assert len(pids(pending)) == 2
    assert time.monotonic() - began < 4 * 0.3  # in one worker they would take 1.2 s at least


def test_the_pool_is_one_worker_per_core_within_the_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workload, "_pool_size", None)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(workload, "_memory_room_mb", lambda: 4096)
    assert worker.pool_size(1024) == 2
    monkeypatch.setattr(workload, "_memory_room_mb", lambda: 1024)  # MemoryMax=1G: a second worker would not fit
    assert worker.pool_size(1024) == 1
