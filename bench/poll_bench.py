"""Idle poll cost against a local Dovecot: at 50 vs 20,000 messages in the box.

Run: .venv/bin/python bench/poll_bench.py [--small 50] [--big 20000]
The boxes are filled straight into Dovecot's Maildir (old list mail, before any cycle's look-back, so the first
poll records the folder's position without fetching it). Prints each idle poll with its ratio to a baseline
measured in the same run (a bare imap_tools login + STATUS), the 20,000/50 ratio, and a whole-process idle
`baocao poll`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from boxes import NOW, baocao_bin, dovecot, fill_maildir, imap_config, newsletter

from daemon.config.load import load_config
from daemon.context import context_at
from daemon.workflow import poll
from tests.servers.dovecot import ImapAccount

# the target of issue 6: an idle poll of a 20,000-message box within 1.3x of a 50-message one
TARGET = 1.3


def timed_poll(config_path: Path) -> float:
    config = load_config(config_path)
    ctx = context_at(config, dt.datetime.fromisoformat(NOW))
    try:
        start = time.perf_counter()
        poll(ctx)
        return time.perf_counter() - start
    finally:
        ctx.close()


def baseline(account: ImapAccount) -> float:
    from imap_tools import MailBoxUnencrypted

    start = time.perf_counter()
    with MailBoxUnencrypted(account.host, account.port, timeout=10).login(
        account.user, account.password, initial_folder=None
    ) as box:
        box.folder.status("INBOX", ["UIDVALIDITY", "UIDNEXT"])
    return time.perf_counter() - start


def cli_poll(config: Path) -> float:
    start = time.perf_counter()
    subprocess.run([baocao_bin(), "-c", str(config), "--now", NOW, "poll"], check=True, capture_output=True)
    return time.perf_counter() - start


def median(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--big", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with dovecot() as (server, tmp):
        results: dict[int, tuple[float, float, Path]] = {}
        accounts = {}
        for count in (args.small, args.big):
            account = accounts[count] = server.add_user(f"box-{count}")
            start = time.perf_counter()
            fill_maildir(account, count, newsletter)
            filled = time.perf_counter() - start
            start = time.perf_counter()
            assert account.count() == count  # Dovecot indexes the Maildir once, here
            print(f"{count:6d} messages: written in {filled:.1f} s, indexed by Dovecot in "
                  f"{time.perf_counter() - start:.1f} s")
            config = imap_config(tmp / f"box-{count}", account)
            first = timed_poll(config)
            results[count] = (first, 0.0, config)
        # interleaved, so that a busy moment on the machine weighs on both sizes alike
        samples: dict[int, list[float]] = {args.small: [], args.big: []}
        base_samples = []
        for _ in range(args.runs):
            for count in (args.small, args.big):
                samples[count].append(timed_poll(results[count][2]))
            base_samples.append(baseline(accounts[args.small]))
        base = statistics.median(base_samples)
        print(f"baseline: bare imap_tools login + STATUS       {base * 1000:8.1f} ms")
        for count in (args.small, args.big):
            idle = statistics.median(samples[count])
            print(f"idle poll, {count:6d} messages in the box      {idle * 1000:8.1f} ms   ({idle / base:4.2f}x "
                  f"baseline; the first poll took {results[count][0] * 1000:.0f} ms)")
        ratio = statistics.median(samples[args.big]) / statistics.median(samples[args.small])
        print(f"idle poll {args.big} vs {args.small} messages: {ratio:.2f}x (target <= {TARGET}x): "
              f"{'ok' if ratio <= TARGET else 'OVER'}")
        cli = median(lambda: cli_poll(results[args.big][2]), 7)
        print(f"whole-process idle `baocao poll` at {args.big}: {cli * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
