"""The compiled summary from the real state: built by the CLI, mailed to the staff once per state of the data."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from pathlib import Path

import pytest

from daemon.cli.main import main
from daemon.config.load import load_config
from daemon.runner import Runner
from tests.mails import SCHOOLS, report_docx, write_config

ICT = dt.timezone(dt.timedelta(hours=7))


def office(tmp_path: Path) -> Path:
    config = write_config(tmp_path, mailbox={"maildir": str(tmp_path / "mail")},
                          outgoing={"outbox_dir": str(tmp_path / "out")}, schools=SCHOOLS)
    (tmp_path / "mail" / "new").mkdir(parents=True)
    report = tmp_path / "bc.docx"
    report.write_bytes(report_docx("Trường Tiểu học Him Lam", figures={"sessions": "05", "participants": "1.250"}))
    assert main(["-c", str(config), "--now", "2024-11-12T09:00", "submit", "--school", "th-him-lam", str(report)]) == 0
    return config


def test_summary_command_writes_the_four_files_with_the_states_figures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = office(tmp_path)
    assert main(["-c", str(config), "--now", "2024-11-20T08:00", "summary", "--out", str(tmp_path / "s")]) == 0
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert names == ["tong-hop-qcn-2024.docx", "tong-hop-qcn-2024.json", "tong-hop-qcn-2024.png",
                     "tong-hop-qcn-2024.xlsx"]
    document = json.loads((tmp_path / "s" / "tong-hop-qcn-2024.json").read_text(encoding="utf-8"))
    assert document["as_report"]["metrics"]["participants"] == 1250
    assert not (tmp_path / "out").exists()  # without --send nothing is mailed


def test_the_daily_job_mails_the_summary_after_the_due_date_once(tmp_path: Path) -> None:
    config = load_config(office(tmp_path))
    for day in ("2024-11-16", "2024-11-17", "2024-11-18"):  # due 14/11 + 3 days = 17/11
        runner = Runner(config, dt.datetime.fromisoformat(f"{day}T16:30:00+07:00"))
        try:
            runner.summary(runner.clock())
        finally:
            runner.close()
    sent = sorted((tmp_path / "out").glob("*summary*.eml"))
    assert len(sent) == 1
    mail = email.message_from_bytes(sent[0].read_bytes(), policy=email.policy.default)
    assert mail["To"] == "staff@baocao.test" and "1/4" in mail["Subject"]
    assert {p.get_filename() for p in mail.iter_attachments()} >= {"tong-hop-qcn-2024.docx", "tong-hop-qcn-2024.xlsx"}
