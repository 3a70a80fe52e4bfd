"""The bodies of `baocao run`, `baocao remind` and `baocao cycle ...`; each returns an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from typing import Any

from daemon.cli.formats import print_json
from daemon.config.settings import Config
from daemon.context import context_at, exclusive
from daemon.errors import ConfigError
from daemon.mail.outbox import send_pending

log = logging.getLogger(__name__)


def cmd_run(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.runner import run

    root = logging.getLogger()
    if root.level > logging.INFO:  # a daemon's log is its journal: say what it does, not only what fails
        root.setLevel(logging.INFO)
    return run(config, now)


def cmd_remind(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.cycles.reminders import send_due_reminders

    ctx = context_at(config, now)
    try:
        if args.dry_run:
            planned = send_due_reminders(ctx, dry_run=True)
            for reminder in planned:
                print(f"would send: {reminder.line()}")
            print(f"{len(planned)} reminders due now (dry run: nothing sent, nothing recorded)", file=sys.stderr)
            return 0
        with exclusive(config.state_dir):
            done = send_due_reminders(ctx)
            report = send_pending(ctx)
    finally:
        ctx.close()
    for reminder in done:
        print(reminder.line())
    queued = sum(r.outcome in ("queued", "missing_list") for r in done)
    print(f"{queued} reminders queued, {report.sent} messages sent"
          + (f" ({report.stopped})" if report.stopped else ""), file=sys.stderr)
    return 1 if report.stopped and report.sent == 0 and queued else 0


def cmd_cycle(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.cycles import adhoc

    ctx = context_at(config, now)
    try:
        command = args.cycle_command
        if command == "open":
            levels = tuple(x.strip().upper() for x in (args.levels or "").split(",") if x.strip())
            with exclusive(config.state_dir):
                opened = adhoc.open_cycle(
                    ctx, cycle_id=args.id, title=args.title, due=adhoc.parse_date(args.due, "--due"),
                    levels=levels or tuple(adhoc.LEVELS), attach=tuple(args.attach or ()),
                )
                report = send_pending(ctx)
            print(f"opened {opened.cycle.id}: {len(opened.schools)} schools expected, due "
                  f"{opened.cycle.due:%d/%m/%Y}; {opened.queued} requests queued, {report.sent} sent"
                  + (f" ({report.stopped})" if report.stopped else ""))
            return 0
        if command == "list":
            rows = adhoc.cycle_rows(ctx)
            if getattr(args, "json", False):
                print_json(rows)
            else:
                for row in rows:
                    print(_list_line(row))
            return 0
        if command == "close":
            cycle = adhoc.close_cycle(ctx, args.id)
            print(f"closed {cycle.id} on {cycle.closes:%d/%m/%Y}: no more reminders")
            return 0
        if command == "extend":
            due = adhoc.extend_due(ctx, args.id, args.school, adhoc.parse_date(args.due, "--due"),
                                   getattr(args, "note", None))
            print(f"{args.school}: due {due:%d/%m/%Y} for {args.id}" if due else
                  f"{args.school}: extension removed, due date of {args.id} applies again")
            return 0
        raise ConfigError(f"cycle: unknown subcommand {command!r}")
    finally:
        ctx.close()


def _list_line(row: dict[str, Any]) -> str:
    expected = "not fixed yet" if row["expected"] is None else f"{row['submitted']}/{row['expected']} submitted"
    extensions = f", {len(row['extensions'])} extensions" if row["extensions"] else ""
    closes = f", closes {row['closes']}" if row["closes"] else ""
    return (f"{row['id']}  [{row['source']}, {row['state']}]  opens {row['opens']}, due {row['due']}{closes}: "
            f"{expected}{extensions}  {row['title']}")
