"""The `baocao` command: main(argv) -> exit code (0 ok, 1 runtime failure, 2 bad usage or config); entry() is the
console script and `python -m daemon`."""

from __future__ import annotations

import atexit
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, NoReturn

from daemon.cli.formats import parse_now
from daemon.config.settings import Config
from daemon.errors import BaocaoError, ConfigError

if TYPE_CHECKING:
    import argparse

log = logging.getLogger("baocao")
# the global options a timer's `baocao [-c PATH] [--now TIME] [-v] poll` uses, by the name argparse gives them
_POLL_OPTIONS = {"-c": "config", "--config": "config", "--now": "now", "-v": "verbose", "--verbose": "verbose"}


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not for a plain `poll`: building this parser is ~5 ms, and argparse loads shutil and locale

    parser = argparse.ArgumentParser(prog="baocao", description="Thu nhận và tổng hợp báo cáo của các trường qua email.")
    parser.add_argument("-c", "--config", default="config.yaml", help="the config file (default ./config.yaml)")
    parser.add_argument("--now", help="act as if it were this time (ISO 8601; no offset = office time zone)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="the long-running daemon (systemd Type=notify)")
    sub.add_parser("poll", help="one pass: fetch new mail, process it, send what is queued")
    p = sub.add_parser("status", help="who has and hasn't submitted")
    p.add_argument("--cycle")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("remind", help="send the reminders that are due now")
    p.add_argument("--dry-run", action="store_true")
    p = sub.add_parser("summary", help="build the compiled summary (docx, xlsx, json, chart)")
    p.add_argument("--cycle")
    p.add_argument("--out", type=Path)
    p.add_argument("--send", action="store_true")
    p = sub.add_parser("parse", help="parse report files offline and print what was read")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("submit", help="record a report that arrived outside the mailbox (Zalo, paper)")
    p.add_argument("--school", required=True)
    p.add_argument("--cycle")
    p.add_argument("--channel", choices=("email", "zalo", "paper"), default="zalo")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    sub.add_parser("check", help="validate the config, log in to IMAP and SMTP, say what is wrong")
    p = sub.add_parser("auth", help="sign in to Google with OAuth (auth: oauth2) and store the token")
    p.add_argument("provider", choices=("google",), help="google: the consent URL, then paste the address back")
    p = sub.add_parser("demo", help="the main job end to end on the embedded default (no server, no password)")
    p.add_argument("--dir", type=Path, default=Path("baocao-demo"), help="where the demo writes (default ./baocao-demo)")
    p = sub.add_parser("cycle", help="ad hoc cycles (báo cáo đột xuất)")
    cycle_sub = p.add_subparsers(dest="cycle_command", required=True)
    o = cycle_sub.add_parser("open")
    o.add_argument("--id", required=True)
    o.add_argument("--title", required=True)
    o.add_argument("--due", required=True)
    o.add_argument("--levels")
    o.add_argument("--attach", type=Path, action="append", default=[])
    cycle_sub.add_parser("list").add_argument("--json", action="store_true")
    c = cycle_sub.add_parser("close")
    c.add_argument("--id", required=True)
    e = cycle_sub.add_parser("extend", help="give one school a later due date (gia hạn)")
    e.add_argument("--id", required=True, help="the cycle")
    e.add_argument("--school", required=True, help="the school's id")
    e.add_argument("--due", required=True, help="the school's new due date, e.g. 2024-11-22")
    e.add_argument("--note", help="why, for the record (e.g. the office's letter number)")
    p = sub.add_parser("review", help="what waits for a person; accept, reject or assign an item")
    p.add_argument("--cycle")
    p.add_argument("--all", action="store_true", help="decided items too")
    p.add_argument("--json", action="store_true")
    review_sub = p.add_subparsers(dest="review_command", required=False, metavar="ACTION")
    for action, text in (("accept", "the item counts (a claim for the school it names; a doubt cleared)"),
                         ("reject", "not a submission: as if the mail had not come"),
                         ("assign", "the mail is this school's, and counts for it")):
        r = review_sub.add_parser(action, help=text)
        r.add_argument("item", metavar="ITEM", help="the item's code, e.g. R12")
        r.add_argument("--note", help="why, for the record")
        if action == "assign":
            r.add_argument("--school", required=True, help="the school's id or full name")
            r.add_argument("--cycle", dest="assign_cycle", help="the cycle (default: the one open at its arrival)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # numpy (loaded by the summary's chart) would start BLAS threads, and a process with threads cannot fork
    # its parse worker (parsers/isolation/isolate.py then pays ~0.35 s a file for a fresh interpreter)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args: argparse.Namespace | SimpleNamespace | None = plain_poll(sys.argv[1:] if argv is None else argv)
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as e:
            return int(e.code or 0)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(message)s", force=True)
    try:
        return _dispatch(args)
    except ConfigError as e:
        print(f"baocao: {e}", file=sys.stderr)
        return 2
    except BaocaoError as e:
        print(f"baocao: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def entry() -> NoReturn:
    """`baocao` as a shell or a timer starts it: main(), then the exit. A poll's process ends without the
    interpreter's teardown, which frees every module and object one by one and then OpenSSL's state (~9 ms, an
    eighth of an idle poll run every few minutes). A poll has closed its database, connections and files itself;
    what the teardown would still do that anyone could see is done first: the atexit handlers (logging's flush)
    and stdout's and stderr's flush. Any other command, or a poll that is watched (see _unwatched), exits as usual."""
    code = main()
    if plain_poll(sys.argv[1:]) is not None and _unwatched():
        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # the teardown reports it and exits 120: leave it to the teardown
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


def _unwatched() -> bool:
    """No other thread (the teardown would wait for it), no profiler or tracer (cProfile and coverage report once
    the program has returned)."""
    import threading  # logging has loaded it

    return threading.active_count() == 1 and sys.getprofile() is None and sys.gettrace() is None


def plain_poll(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of a plain `poll` (what a timer runs every few minutes), as build_parser() would read them; None
    for anything else, which argparse reads: another command, --help, an abbreviation, `-cPATH`, `--`, a value that
    starts with a dash (argparse's error), an option after the command."""
    if not argv or argv[-1] != "poll":
        return None
    values: dict[str, object] = {"config": "config.yaml", "now": None, "verbose": False}
    rest = iter(argv[:-1])
    for token in rest:
        option, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        name = _POLL_OPTIONS.get(option)
        if name is None:
            return None
        if name == "verbose":
            if equals:
                return None  # argparse's "ignored explicit argument"
            values[name] = True
            continue
        if not equals:
            value = next(rest, "-")
            if value.startswith("-"):
                return None
        values[name] = value
    return SimpleNamespace(command="poll", **values)


def _dispatch(args: argparse.Namespace | SimpleNamespace) -> int:
    from daemon.cli import commands  # the command bodies; an idle poll imports no parser or OCR code

    if args.command == "parse":
        return commands.parse_files(args.files, _config_or_none(args.config), as_json=args.json)
    if args.command == "demo":
        return commands.demo(args.dir, now=args.now)
    config = _load(args.config, cached=args.command == "poll")
    now = parse_now(args.now, config) if args.now else None
    module: ModuleType = commands
    if args.command in ("run", "remind", "cycle"):
        from daemon.cli import commands_sched  # the scheduler's code loads only for these commands

        module = commands_sched
    handler = getattr(module, f"cmd_{args.command}")
    return int(handler(config, now, args))


def _load(path: str, *, cached: bool = False) -> Config:
    """The config; a poll (started by a timer every few minutes) takes it from the cache while nothing changed."""
    if cached:
        from daemon.config.cache import load_config_cached

        return load_config_cached(path)
    from daemon.config.load import load_config  # the YAML reader and the validation

    return load_config(path)


def _config_or_none(path: str) -> Config | None:
    return _load(path) if Path(path).exists() else None


if __name__ == "__main__":
    entry()
