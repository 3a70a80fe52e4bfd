"""`baocao demo`: the main job on the embedded default — sample school mails in a local Maildir, replies as .eml."""

from __future__ import annotations

import shutil
from pathlib import Path

from daemon.cli.formats import parse_now
from daemon.config.load import load_config
from daemon.context import context_at
from daemon.cycles.status import current_cycle, status_json, status_table
from daemon.workflow import poll

BUNDLE = Path(__file__).parent / "demo"
# a week after the 2024 deadline: the sample mails are then on time, late, unreadable or missing
DEMO_NOW = "2024-11-20T08:00"


def run_demo(where: Path, now: str | None = None) -> int:
    where.mkdir(parents=True, exist_ok=True)
    for name in ("config.yaml", "roster.csv"):
        if not (where / name).exists():
            shutil.copyfile(BUNDLE / name, where / name)
    maildir = where / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    for sample in sorted((BUNDLE / "mail").glob("*.eml")):
        target = maildir / "new" / f"{sample.stem}.baocao-demo"
        if not target.exists() and not any((maildir / "cur").glob(f"{target.name}:*")):
            shutil.copyfile(sample, target)
    config = load_config(where / "config.yaml")
    ctx = context_at(config, parse_now(now or DEMO_NOW, config))
    try:
        result = poll(ctx)
        table = status_table(status_json(ctx, current_cycle(ctx)))
    finally:
        ctx.close()
    outbox = config.outgoing.path  # type: ignore[union-attr]
    written = sorted(outbox.glob("*.eml")) if outbox.exists() else []
    print(table)
    print()
    print(f"Đã đọc {result.fetched} thư mới trong {maildir}; đã gửi {result.send.sent if result.send else 0} thư "
          f"(trả lời các trường, và bản tổng hợp cho Phòng khi đến hạn). Thư đi được ghi thành tệp .eml trong "
          f"{outbox} ({len(written)} tệp):")
    for path in written:
        print(f"  {path.name}")
    return 0
