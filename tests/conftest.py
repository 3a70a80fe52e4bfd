"""Fixtures: a real Dovecot (one per session, a fresh user per test), aiosmtpd and a TCP fault proxy."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers.certs import Cert, make_cert
from tests.servers.dovecot import DovecotServer, ImapAccount
from tests.servers.faultproxy import FaultProxy
from tests.servers.smtp import SmtpServer


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`baocao poll` keeps its validated config under $XDG_CACHE_HOME: the tests' own, not the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        mp.delenv("CACHE_DIRECTORY", raising=False)
        yield


@pytest.fixture(scope="session")
def server_root() -> Iterator[Path]:
    """Not pytest's tmp_path: its parent is 0700, and Dovecot's mail user must reach the Maildirs."""
    root = Path(tempfile.mkdtemp(prefix="baocao-servers-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def tls_cert(server_root: Path) -> Cert:
    """Self-signed certificate for 127.0.0.1/localhost; `cert_file` doubles as the CA file."""
    return make_cert(server_root)


@pytest.fixture(scope="session")
def dovecot(server_root: Path, tls_cert: Cert) -> Iterator[DovecotServer]:
    directory = server_root / "dovecot"
    directory.mkdir()
    server = DovecotServer(directory, tls_cert)
    server.start()
    yield server
    server.stop()
    server.check_log()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def imap_account(dovecot: DovecotServer, request: pytest.FixtureRequest) -> Iterator[ImapAccount]:
    """A fresh Dovecot user with an empty mailbox (INBOX, Junk, Sent, Trash) for this test only."""
    account = dovecot.add_user(request.node.name)
    yield account
    if request.node.stash.get(CALL_FAILED, False):
        # shown by pytest under "Captured stdout teardown" of the failed test
        lines = [line for line in dovecot.log_text().splitlines() if account.user in line]
        print(f"dovecot log for {account.user}:", *lines, sep="\n")


@pytest.fixture
def make_smtp_server(tls_cert: Cert) -> Iterator[Callable[..., SmtpServer]]:
    """Factory for SmtpServer(**kwargs); STARTTLS is offered unless cert=None is passed."""
    servers: list[SmtpServer] = []

    def make(**kwargs: Any) -> SmtpServer:
        kwargs.setdefault("cert", tls_cert)
        server = SmtpServer(**kwargs)
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def smtp_server(make_smtp_server: Callable[..., SmtpServer]) -> SmtpServer:
    return make_smtp_server()


@pytest.fixture
def fault_proxy() -> Iterator[Callable[[int], FaultProxy]]:
    """Factory: fault_proxy(target_port) -> a started FaultProxy, stopped at teardown."""
    proxies: list[FaultProxy] = []

    def make(target_port: int) -> FaultProxy:
        proxy = FaultProxy(target_port)
        proxy.start()
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.stop()


@pytest.fixture(scope="session")
def baocao_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip install .` would build, from a copy of what ships (no build/ left in the tree), offline."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, src / name)
    for name in ("daemon", "parsers", "state", "templates"):
        shutil.copytree(root / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--no-index", "--wheel-dir", str(work), str(src)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = work.glob("baocao-*.whl")
    return wheel
