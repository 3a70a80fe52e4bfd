"""Every mail kind in every state, as its reader gets it: subject and text part against a golden file a person has
read, and the rules of voice checked on every part. `BAOCAO_WRITE_GOLDEN=1 pytest tests/test_mail_golden.py` writes
the golden files anew: read every one before committing it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from daemon.mail.compose import render
from tests.mail_cases import CASES, CYCLE, SCHOOL

GOLDEN = Path(__file__).parent / "golden"
SCHOOL_MAILS = {"receipt", "notice", "not_counted", "reminder", "cycle_request"}
# what a school never reads: our internal states, codes, server trouble, English
INTERNAL = re.compile(r"máy chủ|OCR|LibreOffice|\bNone\b|\bTrue\b|\bFalse\b|exception|error|lỗi|needs_review|"
                      r"on_time|encrypted|missing_required|hệ thống không" + f"|{CYCLE.id}|{SCHOOL.id}", re.I)
# what the staff never read: a command for a terminal
SHELL = re.compile(r"\bbaocao\s+[a-z]|journalctl|systemctl|--[a-z]|\bsudo\b")


def parts(case: str) -> tuple[str, str, str]:
    template, context = CASES[case]
    return tuple(render(f"{template}.{part}.j2", context) for part in ("subject", "txt", "html"))  # type: ignore


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_text_part_reads_as_its_golden_file(case: str) -> None:
    subject, text, _ = parts(case)
    shown = f"Tiêu đề: {subject.strip()}\n\n{text}"
    golden = GOLDEN / f"{case}.txt"
    if os.environ.get("BAOCAO_WRITE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(shown, encoding="utf-8")
    assert golden.exists(), f"no golden file for {case}: run with BAOCAO_WRITE_GOLDEN=1 and read it"
    assert shown == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_part_keeps_the_voice_of_its_reader(case: str) -> None:
    template = CASES[case][0]
    subject, text, html = parts(case)
    assert "\n\n\n" not in text and "\n" not in subject.strip()
    assert not re.search(r"\S  +\S", subject + text), "a double space: a blank field"
    for words in (subject, text, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))):
        assert not re.search(r'\(\s*\)|“\s*”|""|:\s*[.,;]|\(\s*,|,\s*\)', words), "an empty field"
        assert not SHELL.search(words), SHELL.search(words)
        if template in SCHOOL_MAILS:
            assert not INTERNAL.search(words), INTERNAL.search(words)


def test_every_golden_file_belongs_to_a_case() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(CASES)
