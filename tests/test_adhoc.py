"""Ad hoc cycles (báo cáo đột xuất), the plan's yearly cycles, and per-school extensions (gia hạn)."""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import json
from pathlib import Path
from typing import Any

import pytest

from daemon.cli.commands_sched import cmd_cycle
from daemon.cli.main import build_parser, main
from daemon.config.load import load_config
from daemon.cycles.adhoc import all_cycles, expected_schools, plan_cycles, school_due
from state import ledger
from tests.test_reminders import context, make_config

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "report_template.docx"


def cycle(config: Path, now: str, *args: str) -> int:
    return main(["-c", str(config), "--now", now, "cycle", *args])


def test_open_emails_the_request_with_the_form_to_the_schools_of_those_levels(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    assert cycle(config, "2024-12-02T09:00", "open", "--id", "dx-2024-12", "--title",
                 "Báo cáo đột xuất về phòng chống rét", "--due", "2024-12-06", "--levels", "MN,TH",
                 "--attach", str(TEMPLATE)) == 0
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
             for p in sorted((tmp_path / "out").glob("*.eml"))]
    assert sorted(m["To"] for m in mails) == ["mnhoaban@school.test", "thhimlam@school.test",
                                              "ththanhhoa@school.test"]
    first = mails[0]
    assert "trước hết ngày 06/12/2024: Báo cáo đột xuất về phòng chống rét" in first["Subject"]
    assert [a.get_filename() for a in first.iter_attachments()] == ["report_template.docx"]
    ctx = context(config, "2024-12-02T09:00")
    (adhoc,) = [c for c in all_cycles(ctx) if c.id == "dx-2024-12"]
    assert (adhoc.opens, adhoc.due, adhoc.levels) == (dt.date(2024, 12, 2), dt.date(2024, 12, 6), ("MN", "TH"))
    assert len(ledger.expected_snapshot(ctx.store, "dx-2024-12")) == 3


def test_list_shows_counts_and_close_stops_the_cycle(tmp_path: Path, capsys: Any) -> None:
    config = make_config(tmp_path)
    assert cycle(config, "2024-12-02T09:00", "open", "--id", "dx-1", "--title", "Đột xuất", "--due",
                 "2024-12-06") == 0
    ctx = context(config, "2024-12-03T09:00")
    ctx.store.record_submission({"school_id": "th-him-lam", "cycle_id": "dx-1", "channel": "paper",
                                 "received_at": ctx.iso_now(), "on_time": True, "status": "accepted",
                                 "created_at": ctx.iso_now()})
    capsys.readouterr()
    assert cycle(config, "2024-12-03T09:00", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("dx-1  [adhoc, open]") and "1/4 submitted" in line for line in lines)
    assert any(line.startswith("qcn-2024  [config, open]") and "not fixed yet" in line for line in lines)
    assert cycle(config, "2024-12-04T09:00", "close", "--id", "dx-1") == 0
    (closed,) = [c for c in all_cycles(context(config, "2024-12-04T09:00")) if c.id == "dx-1"]
    assert closed.closes == dt.date(2024, 12, 4)


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "qcn-2024", "--title", "x", "--due", "2024-12-06"], "exists already"),
    (["--id", "Bad Id", "--title", "x", "--due", "2024-12-06"], "not a valid id"),
    (["--id", "dx", "--title", "x", "--due", "2024-11-01"], "in the past"),
    (["--id", "dx", "--title", "x", "--due", "06/12/2024"], "not a date"),
    (["--id", "dx", "--title", "x", "--due", "2024-12-06", "--levels", "THPT"], '"THPT" is not one of'),
    (["--id", "dx", "--title", "x", "--due", "2024-12-06", "--attach", "/nonexistent.docx"], "--attach"),
])
def test_open_refuses_bad_input_with_exit_2(tmp_path: Path, capsys: Any, args: list[str], message: str) -> None:
    assert cycle(make_config(tmp_path), "2024-12-02T09:00", "open", *args) == 2
    assert message in capsys.readouterr().err


def test_a_configured_cycle_is_closed_in_the_config(tmp_path: Path, capsys: Any) -> None:
    assert cycle(make_config(tmp_path), "2024-12-02T09:00", "close", "--id", "qcn-2024") == 2
    assert "close it there with closes:" in capsys.readouterr().err


def test_an_extension_moves_one_schools_due_date_and_can_be_taken_back(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    args = argparse.Namespace(cycle_command="extend", id="qcn-2024", school="mn-hoa-ban", due="2024-11-22",
                              note="CV 12/PGDĐT")
    assert cmd_cycle(load_config(config), None, args) == 0
    ctx = context(config, "2024-11-12T09:00")
    q = next(c for c in all_cycles(ctx) if c.id == "qcn-2024")
    assert school_due(ctx, q, "mn-hoa-ban") == dt.date(2024, 11, 22)
    assert school_due(ctx, q, "th-him-lam") == dt.date(2024, 11, 14)
    args.due = "2024-11-14"
    assert cmd_cycle(load_config(config), None, args) == 0
    assert school_due(ctx, q, "mn-hoa-ban") == dt.date(2024, 11, 14)


def test_extend_refuses_an_earlier_date_and_an_unknown_school(tmp_path: Path) -> None:
    from daemon.cycles.adhoc import extend_due
    from daemon.errors import ConfigError

    ctx = context(make_config(tmp_path), "2024-11-12T09:00")
    with pytest.raises(ConfigError, match="only adds time"):
        extend_due(ctx, "qcn-2024", "th-him-lam", dt.date(2024, 11, 1))
    with pytest.raises(ConfigError, match="not expected"):
        extend_due(ctx, "qcn-2024", "th-xyz", dt.date(2024, 11, 20))


def test_cycle_extend_parses_with_the_cli_parser() -> None:
    parser = build_parser()
    args = parser.parse_args(["cycle", "extend", "--id", "qcn-2024", "--school", "mn-hoa-ban", "--due", "2024-11-22"])
    assert (args.cycle_command, args.school, args.due) == ("extend", "mn-hoa-ban", "2024-11-22")


def test_the_plan_repeats_the_annual_cycle_for_each_year(tmp_path: Path) -> None:
    path = make_config(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + 'plan: {years: [2024, 2028], due_day: "11-14"}\n',
                    encoding="utf-8")
    config = load_config(path)
    years = plan_cycles(config)
    assert [(c.id, c.opens, c.due) for c in years] == [
        (f"qcn-{y}", dt.date(y, 10, 1), dt.date(y, 11, 14)) for y in range(2025, 2029)]
    assert years[-1].title.endswith("năm 2028")


def test_the_list_in_json_for_scripts(tmp_path: Path, capsys: Any) -> None:
    config = make_config(tmp_path)
    ctx = context(config, "2024-10-02T09:00")
    expected_schools(ctx, next(c for c in all_cycles(ctx) if c.id == "qcn-2024"))
    capsys.readouterr()
    args = argparse.Namespace(cycle_command="list", json=True)
    assert cmd_cycle(load_config(config), dt.datetime(2024, 10, 2, 9, tzinfo=dt.UTC), args) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["id"], row["expected"], row["submitted"], row["state"]) == ("qcn-2024", 4, 0, "open")
