"""The forked isolated parse: same answer as in-process, and a crash or a hang costs only the child."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from parsers import ParseSpec, parse_attachment, parse_attachment_isolated
from parsers.isolation import isolate, worker
from tests.parsers.conftest import CORPUS

# what a school may read about a file that crashed the worker: no exit code, no internal text
CRASHED = "chương trình đọc tệp dừng bất thường khi đọc tệp này"
DOCX = CORPUS / "th-him-lam-template.docx"


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fork path even after other tests loaded numpy (its BLAS thread is fork-safe: it has atfork hooks), with
    a worker forked after the test's own patches."""
    monkeypatch.setattr(isolate, "_thread_count", lambda: 1)
    worker.stop_worker()
    yield
    worker.stop_worker()


@pytest.mark.usefixtures("forking")
def test_forks_when_single_threaded_and_answers_the_same(spec: ParseSpec) -> None:
    assert isolate._can_fork(1024)
    data = DOCX.read_bytes()
    assert parse_attachment_isolated(data, filename="a.docx", spec=spec) == parse_attachment(
        data, filename="a.docx", spec=spec
    )


@pytest.mark.usefixtures("forking")
def test_a_crashing_child_is_a_report(spec: ParseSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("parsers.report.parse_attachment", lambda *a, **k: os.kill(os.getpid(), signal.SIGSEGV))
    [report] = parse_attachment_isolated(DOCX.read_bytes(), filename="a.docx", spec=spec)
    assert [p.code for p in report.problems] == ["timeout"]
    assert report.review_reasons == (CRASHED,)


@pytest.mark.usefixtures("forking")
def test_a_timeout_kills_what_the_child_started(spec: ParseSpec, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    def hang(*args: object, **kwargs: object) -> None:
        sleeper = subprocess.Popen(["sleep", "60"])
        pid_file.write_text(str(sleeper.pid))
        sleeper.wait()

    monkeypatch.setattr("parsers.report.parse_attachment", hang)
    [report] = parse_attachment_isolated(DOCX.read_bytes(), filename="a.docx", spec=spec, timeout_s=1)
    assert [p.code for p in report.problems] == ["timeout"]
    sleeper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while Path(f"/proc/{sleeper}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # killed, then reaped by init
    assert not Path(f"/proc/{sleeper}").exists()


def test_with_other_threads_a_fresh_interpreter_parses(spec: ParseSpec) -> None:
    worker.stop_worker()  # no worker left by an earlier test: one would be used, forking nothing
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not isolate._can_fork(1024)
        [report] = parse_attachment_isolated(DOCX.read_bytes(), filename="a.docx", spec=spec)
    finally:
        stop.set()
        thread.join()
    assert report.school_id == "th-him-lam"
