"""Ingest of N report mails from a local Dovecot: baocao's whole job against fetch + parse alone.

Run: .venv/bin/python bench/ingest_bench.py [--mails 1000]
The baseline, measured in the same run on the same box: imap_tools UID FETCHes every message (BODY.PEEK) and
`parsers.parse_attachment` reads each attachment in-process. baocao does the same plus what makes it safe: the raw
mail archived (fsync) and recorded, each attachment parsed in the worker process with time and memory limits, the
submission and its receipt committed together, the receipt written out. Each side runs in its own process, timed
from after its imports, and reports its peak RSS (ru_maxrss; children separately). The two alternate for
--rounds rounds (baocao from an empty state directory each time) and the ratio is the median of the rounds': a
shared 2-core machine drifts by a fifth from one minute to the next.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from boxes import BEFORE_DUE, ROOT, dovecot, fill_maildir, imap_config, peak_rss_mb, report_mail

# the target of issue 6: the whole job within 1.5x of fetch + parse
TARGET = 1.5


def run_baseline(host: str, port: str, user: str, password: str, config_path: str) -> dict[str, float]:
    from imap_tools import MailBoxUnencrypted

    from daemon.config.load import load_config
    from daemon.context import Context
    from daemon.cycles.adhoc import parse_spec_of
    from parsers import parse_attachment
    from state.store import Store

    # the same schools, cycles and metrics baocao reads with
    spec = parse_spec_of(Context(load_config(config_path), Store(), lambda: None))  # type: ignore[arg-type, return-value]
    start = time.perf_counter()
    mails = reports = 0
    with MailBoxUnencrypted(host, int(port), timeout=30).login(user, password, initial_folder="INBOX") as box:
        for msg in box.fetch(mark_seen=False):
            mails += 1
            for att in msg.attachments:
                reports += len(parse_attachment(att.payload, filename=att.filename, spec=spec))
    took = time.perf_counter() - start
    own, children = peak_rss_mb()
    return {"seconds": took, "mails": mails, "reports": reports, "rss_mb": own, "children_rss_mb": children}


def run_baocao(config_path: str, workers: str = "0") -> dict[str, float]:
    import datetime as dt

    from parsers.isolation import worker

    worker.set_pool_size(int(workers) or None)  # 0: sized to the machine (one per core)

    from daemon.config.load import load_config
    from daemon.context import context_at
    from daemon.workflow import poll

    config = load_config(config_path)
    ctx = context_at(config, dt.datetime.fromisoformat(BEFORE_DUE))
    try:
        start = time.perf_counter()
        result = poll(ctx)
        took = time.perf_counter() - start
    finally:
        ctx.close()
    worker.stop_worker()  # the parse worker outlives a poll; waited for here, so that its peak RSS is counted
    worker.reap(block=True)
    own, children = peak_rss_mb()
    sent = result.send.sent if result.send else 0
    return {"seconds": took, "mails": result.fetched, "processed": result.processed, "failed": result.failed,
            "sent": sent, "rss_mb": own, "children_rss_mb": children}


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", default="1,2", help="parse worker counts to compare, e.g. 1,2")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps(run_baseline(*rest) if kind == "baseline" else run_baocao(*rest)))
        return 0
    counts = [c.strip() for c in args.workers.split(",")]
    by_workers: dict[str, list[float]] = {c: [] for c in counts}
    rounds: list[tuple[dict[str, float], dict[str, float]]] = []
    with dovecot() as (server, tmp):
        account = server.add_user("reports")
        start = time.perf_counter()
        fill_maildir(account, args.mails, report_mail)
        print(f"filled {args.mails} report mails in {time.perf_counter() - start:.1f} s")
        account.count()  # Dovecot indexes the new Maildir once, outside either measurement
        login = [account.host, str(account.port), account.user, account.password]
        for n in range(args.rounds):
            config = imap_config(tmp / f"work-{n}", account)  # a fresh state directory: every mail is new
            base = _child("--child", "baseline", *login, str(config))
            for count in counts:
                config = imap_config(tmp / f"work-{n}-{count}", account)
                ours = _child("--child", "baocao", str(config), count)
                by_workers[count].append(ours["seconds"])
                print(f"  {count} parse worker(s): {ours['seconds']:5.1f} s, {ours['processed']:.0f} processed, "
                      f"{ours['sent']:.0f} receipts")
            rounds.append((base, ours))
            print(f"round {n + 1}: baseline {base['seconds']:5.1f} s ({base['mails']:.0f} mails), baocao "
                  f"{ours['seconds']:5.1f} s ({ours['mails']:.0f} mails, processed {ours['processed']:.0f}, "
                  f"failed {ours['failed']:.0f}, receipts {ours['sent']:.0f}): {ours['seconds'] / base['seconds']:.2f}x")
    base = {k: statistics.median(b[k] for b, _ in rounds) for k in ("seconds", "mails", "rss_mb")}
    ours = {k: statistics.median(o[k] for _, o in rounds) for k in ("seconds", "mails", "rss_mb", "children_rss_mb")}
    ratio = statistics.median(o["seconds"] / b["seconds"] for b, o in rounds)
    for count, times in by_workers.items():
        print(f"{args.mails} report mails with {count} parse worker(s): {statistics.median(times):6.1f} s "
              f"(median of {len(times)})")
    print(f"baseline: imap_tools UID FETCH + parse_attachment in-process   {base['seconds']:7.1f} s  "
          f"({base['mails'] / base['seconds']:.1f} mails/s)  peak RSS {base['rss_mb']:.0f} MB")
    print(f"baocao poll: fetch, archive, record, isolated parse, receipt   {ours['seconds']:7.1f} s  "
          f"({ours['mails'] / ours['seconds']:.1f} mails/s)")
    print(f"peak RSS during ingest: baocao {ours['rss_mb']:.0f} MB, its parse children "
          f"{ours['children_rss_mb']:.0f} MB (largest one)")
    print(f"ingest {ratio:.2f}x baseline, median of {len(rounds)} rounds (target <= {TARGET}x): "
          f"{'ok' if ratio <= TARGET else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
