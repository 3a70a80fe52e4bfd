"""Bad input through the real reading path (Maildir -> archive -> record -> read -> parse -> record): no crash,
every message recorded with a reason, parsing bounded, nothing written outside the state directory."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from daemon.archive import safe_filename
from daemon.cli.main import main
from daemon.mail.inbound import read_inbound
from daemon.process import MAX_FILES_READ_PER_MAIL
from state.store import Store
from tests.mails import SCHOOLS, report_docx, write_config
from tests.reliability.mime import (
    FILENAME_ZOO,
    HEAD,
    cpython_email_data,
    garble,
    looping_pdfs,
    mail,
    mime_messages,
    part,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REPO = Path(__file__).resolve().parents[2]
SCHOOL_HEAD = HEAD.replace(b"someone@elsewhere.example", b"thhimlam@school.test")
NOW = "2024-11-15T08:00"  # before the summary is due: a poll here only reads mail and writes receipts
CLASSES = {"submission", "needs_review", "no_attachment", "auto_reply", "bounce", "list", "own", "stranger",
           "duplicate", "reply_to_us", "claim", "not_submission", "link_only", "annex", "staff_command"}


# `baocao poll` in its own process, then its peak memory and its children's (kB). VmHWM, not ru_maxrss: the
# latter survives exec and would report the forking pytest process
_MEASURED_POLL = """
import re, resource, sys
from pathlib import Path
from daemon.cli.main import main
code = main(sys.argv[1:])
own = re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)
print(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


# what our code or its parser children would leave in the system temp dir (other suites may run meanwhile)
_OURS = re.compile(r"^(tmp|baocao-(?!bench|servers)|lu\w+\.tmp|soffice|\.?~lock)")


class Sandbox:
    """A state directory inside a sentinel parent; the poll runs with its cwd and TMPDIR there too."""

    def __init__(self, root: Path) -> None:
        self.root = root / "sentinel"
        self.maildir, self.tmp = self.root / "Maildir", self.root / "tmp"
        for sub in ("new", "cur", "tmp"):
            (self.maildir / sub).mkdir(parents=True)
        self.tmp.mkdir()
        self.config = write_config(self.root, mailbox={"maildir": str(self.maildir)},
                                   outgoing={"outbox_dir": str(self.root / "outbox")}, schools=SCHOOLS)
        self.inputs = {p for p in self.root.rglob("*")}
        self.delivered: set[bytes] = set()

    def deliver(self, raw: bytes) -> None:
        if raw in self.delivered:
            return  # the same bytes twice are one message
        self.delivered.add(raw)
        path = self.maildir / "new" / f"{len(self.delivered):06d}.bad.input"
        path.write_bytes(raw)
        self.inputs.add(path)

    @contextmanager
    def confined(self) -> Iterator[None]:
        cwd, env, cached = Path.cwd(), os.environ.get("TMPDIR"), tempfile.tempdir
        os.environ["TMPDIR"], tempfile.tempdir = str(self.tmp), None
        os.chdir(self.root)
        try:
            yield
        finally:
            os.chdir(cwd)
            tempfile.tempdir = cached
            if env is None:
                os.environ.pop("TMPDIR")
            else:
                os.environ["TMPDIR"] = env

    def poll(self) -> int:
        real_tmp = {p.name for p in Path(tempfile.gettempdir()).iterdir()}
        with self.confined():
            code = main(["-c", str(self.config), "--now", NOW, "poll"])
        new = {p.name for p in Path(tempfile.gettempdir()).iterdir()} - real_tmp
        assert not {n for n in new if _OURS.match(n)}, f"the poll wrote into the system temp dir: {new}"
        return code

    def strays(self) -> list[Path]:
        """Files and folders the poll made outside state/ and outbox/ (its TMPDIR must be left empty)."""
        allowed = (self.root / "state", self.root / "outbox")
        return sorted(p for p in self.root.rglob("*") if p not in self.inputs and p not in allowed
                      and not any(a in p.parents for a in allowed))

    def messages(self) -> list[dict[str, Any]]:
        store = Store(self.root / "state" / "baocao.db")
        try:
            return [{**m, "attachments": store.attachments(m["id"])}
                    for m in store.db.query("SELECT * FROM messages ORDER BY id")]
        finally:
            store.close()

    def check_all_recorded(self) -> list[dict[str, Any]]:
        """Every delivered file is one processed message with a classification and, unless accepted, a reason."""
        assert self.strays() == []
        rows = self.messages()
        assert len(rows) == len(self.delivered)
        for row in rows:
            assert row["status"] == "processed", (row["id"], row["error"])
            assert row["classification"] in CLASSES
            assert row["classification"] == "submission" or row["reason"], row
        return rows


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


def _unique(variants: list[tuple[str, bytes]]) -> list[bytes]:
    return list(dict.fromkeys(raw for _, raw in variants))


def test_cpython_email_test_data_and_garbled_variants_are_each_recorded(sandbox: Sandbox) -> None:
    data = cpython_email_data()
    assert data.is_dir(), f"{data} is missing: this Python build ships no email test data; the corpus is required"
    corpus = sorted(p for p in data.iterdir() if p.name.startswith("msg_"))
    assert len(corpus) >= 45
    mails = [p.read_bytes() for p in corpus]
    mails += [v for p in corpus for v in _unique(garble(p.read_bytes(), p.name, cuts=2))]
    for raw in dict.fromkeys(mails):
        sandbox.deliver(raw)
    assert sandbox.poll() == 0
    rows = sandbox.check_all_recorded()
    assert len(rows) > 500  # 47 messages and their distinct garbled variants
    sent = [p.name for p in (sandbox.root / "outbox").glob("*.eml")]
    assert [n for n in sent if not n.endswith("-office.eml")] == []  # strangers and machines: no reply at all


def test_a_school_mail_cut_and_garbled_every_way_is_still_recorded(sandbox: Sandbox) -> None:
    raw = mail([part(report_docx("Trường Tiểu học Him Lam"), params=b'filename="bao-cao.docx"')],
               head=SCHOOL_HEAD, subject=b"Bao cao quyen con nguoi")
    for variant in _unique(garble(raw, "school", cuts=12)):
        sandbox.deliver(variant)
    assert sandbox.poll() == 0
    rows = sandbox.check_all_recorded()
    assert {r["classification"] for r in rows} >= {"submission", "no_attachment"}


def test_filename_zoo_is_stored_by_content_hash_with_safe_display_names(sandbox: Sandbox) -> None:
    report = report_docx("Trường Tiểu học Him Lam")
    other = report_docx("Trường Tiểu học Him Lam", number="46/BC-TH")
    files = [part(other if label == "duplicate-b" else report, params=params) for label, params in FILENAME_ZOO]
    sandbox.deliver(mail(files, head=SCHOOL_HEAD, subject=b"Bao cao quyen con nguoi"))
    assert sandbox.poll() == 0
    [row] = sandbox.check_all_recorded()
    attachments = row["attachments"]
    assert len(attachments) == len(FILENAME_ZOO)
    files_dir = sandbox.root / "state" / "files"
    for a in attachments:
        name = a["safe_name"]
        assert name and len(name) <= 120 and not re.search(r"[/\\\x00-\x1f\x7f<>:\"|?*]", name), name
        assert not re.match(r"(?i)^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", name) and name not in (".", "..")
        assert unicodedata.is_normalized("NFC", name)
        assert Path(a["stored_path"]).parent.parent == files_dir and a["sha256"] in Path(a["stored_path"]).name
    names = {a["safe_name"] for a in attachments}
    assert {"Báo cáo QCN.docx", "Báo cáo Him Lâm.docx", "Báo cáo TH Him Lâm.docx", "Báo cáo Hoà.docx", "passwd", "x.docx", "bao-cao.docx"} <= names
    assert sum(a["safe_name"] == "bao-cao.docx" for a in attachments) == 3  # two duplicates and /etc/cron.d/...
    assert len({a["sha256"] for a in attachments}) == 2  # stored once per content
    assert not (Path("/etc/cron.d") / "bao-cao.docx").exists()


def test_empty_and_30_mb_attachments(sandbox: Sandbox) -> None:
    big = _padded_docx(report_docx("Trường Tiểu học Him Lam"), 30 * 1024 * 1024)
    sandbox.deliver(mail([part(b"", params=b'filename="trong.docx"')], head=SCHOOL_HEAD, subject=b"QCN"))
    sandbox.deliver(mail([part(big, params=b'filename="lon.docx"')], head=SCHOOL_HEAD, subject=b"QCN 2"))
    assert sandbox.poll() == 0
    empty, large = sandbox.check_all_recorded()
    assert [(a["size"], a["parse_status"]) for a in empty["attachments"]] == [(0, "problem")]
    assert "hỏng" in empty["attachments"][0]["report"][0]["problems"][0]
    assert large["attachments"][0]["size"] == len(big) and large["classification"] in ("submission", "needs_review")


def test_two_hundred_attachments_are_all_kept_and_reading_them_is_capped(sandbox: Sandbox) -> None:
    files = [part(b"%PDF-1.4\n%% trang " + str(i).encode(), content_type=b"application/pdf",
                  params=f'filename="trang-{i:03d}.pdf"'.encode()) for i in range(200)]
    sandbox.deliver(mail(files, head=SCHOOL_HEAD, subject=b"Bao cao quyen con nguoi"))
    started = time.monotonic()
    assert sandbox.poll() == 0
    assert time.monotonic() - started < 60
    [row] = sandbox.check_all_recorded()
    statuses = [a["parse_status"] for a in row["attachments"]]
    assert len(statuses) == 200 and statuses.count("skipped") == 200 - MAX_FILES_READ_PER_MAIL
    assert row["classification"] == "needs_review" and "chỉ đọc các tệp đầu" in row["reason"]


def test_hostile_files_are_recorded_with_a_reason_in_bounded_time_and_memory(sandbox: Sandbox) -> None:
    """GIVEN one school mail per hostile file WHEN a separate `baocao poll` process reads them
    THEN each file carries a problem in Vietnamese, and the process tree's peak memory and time are bounded."""
    hostile = [(p.name, p.read_bytes()) for p in sorted(CORPUS.iterdir()) if p.name in (
        "xxe.docx", "billion-laughs.docx", "zip-bomb.docx", "zip-bomb.zip", "path-escape.zip", "encrypted.pdf",
        "corrupt-garbage.pdf", "corrupt-truncated.docx")]
    good_pdf = (CORPUS / "th-thanh-binh-libreoffice.pdf").read_bytes()
    hostile += [*looping_pdfs(), ("truncated.pdf", good_pdf[: len(good_pdf) // 2])]
    for name, data in hostile:
        sandbox.deliver(mail([part(data, content_type=b"application/octet-stream",
                                   params=f'filename="{name}"'.encode())], head=SCHOOL_HEAD, subject=name.encode()))
    started = time.monotonic()
    with sandbox.confined():
        proc = subprocess.run([sys.executable, "-c", _MEASURED_POLL, "-c", str(sandbox.config), "--now", NOW, "poll"],
                              env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started < 90
    own, children = (int(kb) for kb in proc.stdout.split())
    assert own < 250 * 1024 and children < 400 * 1024, f"peak RSS {own // 1024} MB, children {children // 1024} MB"
    rows = sandbox.check_all_recorded()
    assert len(rows) == len(hostile)
    for row in rows:
        [attachment] = row["attachments"]
        problems = [p for r in attachment["report"] for p in r["problems"]]
        assert attachment["parse_status"] == "problem" and problems, row["subject"]
        assert all(re.search(r"[àáảãạăâđêôơưệộ]", p) for p in problems), problems
        assert row["classification"] == "needs_review" and row["reason"], row["subject"]  # nothing read: the office looks
    canary = Path("/etc/hostname").read_text().strip()  # what xxe.docx's external entity points at
    assert canary and canary not in "".join(str(r["attachments"]) for r in rows)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(raw=mime_messages())
def test_read_inbound_never_raises_on_generated_mime(raw: bytes) -> None:
    inbound = read_inbound(raw)
    assert inbound.sender == inbound.sender.lower()
    for attachment in inbound.attachments:
        assert attachment.filename is None or unicodedata.is_normalized("NFC", attachment.filename)
        assert "/" not in safe_filename(attachment.filename)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=mime_messages())
def test_generated_mime_goes_through_the_whole_poll(tmp_path: Path, raw: bytes) -> None:
    box = _shared_sandbox(tmp_path)
    box.deliver(raw)
    assert box.poll() == 0
    box.check_all_recorded()


_SANDBOXES: dict[Path, Sandbox] = {}


def _shared_sandbox(tmp_path: Path) -> Sandbox:
    """One state directory for all examples of a run: each example adds a mail and polls again."""
    if tmp_path not in _SANDBOXES:
        _SANDBOXES.clear()
        shutil.rmtree(tmp_path / "sentinel", ignore_errors=True)
        _SANDBOXES[tmp_path] = Sandbox(tmp_path)
    return _SANDBOXES[tmp_path]


def _padded_docx(docx: bytes, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("word/media/anh-chup.bin", os.urandom(size), compress_type=zipfile.ZIP_STORED)
    return out.getvalue()
