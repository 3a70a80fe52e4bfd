"""parse_attachment in a child process with an address-space limit and a wall-clock kill."""

from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
from pathlib import Path

from parsers import problems
from parsers.model import ParseSpec, Report

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])


def parse_attachment_isolated(
    data: bytes, *, filename: str, spec: ParseSpec, timeout_s: float = 60, memory_mb: int = 1024
) -> list[Report]:
    """Same as parse_attachment, but a hang, a crash or a memory blow-up costs only the child."""
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
        return [
            Report(
                filename, None, problems=(problems.timeout(),), review_reasons=(f"quá {timeout_s:g} giây",)
            )
        ]
    if proc.returncode != 0 or not out:
        reason = f"tiến trình con kết thúc với mã {proc.returncode}"
        return [Report(filename, None, problems=(problems.timeout(),), review_reasons=(reason,))]
    reports = pickle.loads(out)  # written by our own child_main below
    return list(reports)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def child_main() -> None:
    """Entry point of the child: limits first, then read the pickled job from stdin, answer on stdout."""
    memory = int(sys.argv[1]) * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    from parsers.report import parse_attachment

    data, filename, spec = pickle.loads(sys.stdin.buffer.read())
    reports = parse_attachment(data, filename=filename, spec=spec)
    sys.stdout.buffer.write(pickle.dumps(reports, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
