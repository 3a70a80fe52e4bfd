"""The embedded default end to end: the README's first command."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from daemon.cli.main import main


def test_demo_prints_the_status_and_writes_receipts_then_sends_nothing_twice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Đã nộp 3/41" in out and "Trường Tiểu học Him Lam" in out and "đúng hạn" in out
    assert "2 cần kiểm tra" in out  # the unregistered address's claim and the Drive link wait for a person
    receipts = sorted((tmp_path / "outbox").glob("*.eml"))
    assert [p.name.split("-", 1)[1] for p in receipts] == [
        "receipt-th-him-lam.eml", "receipt-mn-hoa-ban.eml", "notice-th-be-van-dan.eml",
        "receipt-th-noong-bua.eml", "receipt-th-noong-bua.eml", "summary-office.eml", "review_notice-office.eml"]
    first = email.message_from_bytes(receipts[0].read_bytes(), policy=email.policy.default)
    assert first["To"] == "thhimlam.dbp@dienbien.edu.vn" and first["Auto-Submitted"] == "auto-replied"
    assert main(["demo", "--dir", str(tmp_path)]) == 0
    assert "đã gửi 0 thư" in capsys.readouterr().out
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 7
