"""The bodies of the `baocao` subcommands; each returns an exit code."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from daemon.cli.formats import print_json
from daemon.config.settings import Config
from daemon.context import context_at
from daemon.errors import ConfigError
from daemon.pulse import Pulse
from daemon.workflow import poll

if TYPE_CHECKING:
    import argparse  # a plain `poll` is read without it (daemon.cli.main.plain_poll)

log = logging.getLogger(__name__)


def cmd_poll(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    ctx = context_at(config, now)
    pulse = Pulse()

    def stop(signum: int, frame: object) -> None:
        # the first SIGTERM or Ctrl-C ends the poll after the message under way; a second acts at once
        pulse.stopping = True
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        result = poll(ctx, pulse)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        ctx.close()
    send = result.send
    print(f"fetched {result.fetched}, processed {result.processed}, failed {result.failed}, "
          f"sent {send.sent if send else 0}" + (f" ({send.stopped})" if send and send.stopped else ""),
          file=sys.stderr)
    if result.mailbox_error:
        print(f"baocao: mailbox: {result.mailbox_error}", file=sys.stderr)
        return 1
    return 0


def cmd_status(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    ctx = context_at(config, now)
    try:
        from daemon.cycles.adhoc import find_cycle  # not on an idle poll's path
        from daemon.cycles.status import current_cycle

        cycle = find_cycle(ctx, args.cycle) if args.cycle else current_cycle(ctx)
        from daemon.cycles.status import status_json

        data = status_json(ctx, cycle)
    except LookupError as e:
        raise ConfigError(str(e)) from e
    finally:
        ctx.close()
    if args.json:
        print_json(data)
    else:
        from daemon.cycles.status import status_table

        print(status_table(data))
    return 0


def parse_files(files: list[Path], config: Config | None, *, as_json: bool) -> int:
    from daemon.context import parse_spec
    from daemon.cycles.adhoc import plan_cycles
    from parsers import ParseSpec, parse_attachment_isolated

    # offline: the configured cycles and the plan's years (ad hoc ones live in the state_dir's database)
    spec = parse_spec(config, (*config.cycles, *plan_cycles(config))) if config else ParseSpec((), (), ())
    out = []
    missing = False
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as e:
            print(f"baocao: {path}: {e.strerror}", file=sys.stderr)
            missing = True
            continue
        for report in parse_attachment_isolated(data, filename=path.name, spec=spec):
            out.append(report.to_json())
    if as_json:
        print_json(out)
    else:
        for item in out:
            print(f"{item['file']} ({item['text_source']}): {item['school']['name'] or 'không rõ trường'}, "
                  f"số {item['document_number'] or '-'}, ngày {item['date'] or '-'}")
            for key, value in item["metrics"].items():
                print(f"  {key}: {value}")
            for problem in item["problems"]:
                print(f"  ! {problem}")
    return 1 if missing else 0


def cmd_submit(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.decision.manual import submit_files

    ctx = context_at(config, now)
    try:
        school = config.school(args.school)
        from daemon.cycles.adhoc import find_cycle  # not on an idle poll's path
        from daemon.cycles.status import current_cycle

        cycle = find_cycle(ctx, args.cycle) if args.cycle else current_cycle(ctx)
        summary = submit_files(ctx, school, cycle, args.channel, args.files)
    finally:
        ctx.close()
    print(summary)
    return 0


def cmd_check(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.cli.check import (
        run_check,  # the installer's checks: tools, state_dir, disk, IMAP and SMTP logins
    )

    return run_check(config)


def cmd_auth(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.mail.consent import authorise  # `baocao auth google`: the installed-app consent flow

    return authorise(config, sys.stdin, sys.stdout)


def demo(where: Path, now: str | None) -> int:
    from daemon.cli.demo import run_demo

    return run_demo(where, now)



def cmd_summary(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.cycles.summarize import make_summary, queue_summary
    from daemon.mail.outbox import send_pending

    ctx = context_at(config, now)
    try:
        from daemon.cycles.adhoc import find_cycle  # not on an idle poll's path
        from daemon.cycles.status import current_cycle

        cycle = find_cycle(ctx, args.cycle) if args.cycle else current_cycle(ctx)
        data, files = make_summary(ctx, cycle, args.out)
        for path in files.all():
            print(path)
        if args.send:
            queued = queue_summary(ctx, data, files)
            report = send_pending(ctx)
            print(f"{'gửi' if queued else 'đã gửi trước đó, không gửi lại'}: {', '.join(config.office.staff)}"
                  + (f" ({report.stopped})" if report.stopped else ""), file=sys.stderr)
    except LookupError as e:
        raise ConfigError(str(e)) from e
    finally:
        ctx.close()
    return 0


def cmd_review(config: Config, now: dt.datetime | None, args: argparse.Namespace) -> int:
    from daemon.decision.review import decide_item, review_items, review_table

    ctx = context_at(config, now)
    try:
        if args.review_command is None:
            items = review_items(ctx, args.cycle, include_decided=args.all)
            if args.json:
                print_json(items)
            else:
                print(review_table(items, config))
            return 0
        with ctx.store.atomic():
            done = decide_item(ctx, args.item, args.review_command, by="cli", channel="cli", note=args.note,
                               school_id=getattr(args, "school", None), cycle_id=getattr(args, "assign_cycle", None))
            from daemon.mail.outbox import outbox_row

            for mail in done.mails:
                ctx.store.enqueue(outbox_row(ctx, mail))
        print(done.text)
        if done.mails:
            from daemon.mail.outbox import send_pending

            report = send_pending(ctx)
            print(f"thư gửi trường: {report.sent}" + (f" ({report.stopped})" if report.stopped else ""),
                  file=sys.stderr)
    finally:
        ctx.close()
    return 0
