"""A local Maildir as the mailbox (the embedded default): read-only, files are never moved or renamed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from daemon.config.record import Record
from daemon.errors import MailboxError


class MaildirMail(Record):
    name: str  # the unique part of the file name, stable when a mail reader adds flags (":2,S")
    raw: bytes
    delivered: dt.datetime


def unique_name(filename: str) -> str:
    return filename.split(":", 1)[0]


def read_new(root: Path, seen: set[str]) -> Iterator[MaildirMail]:
    if not (root / "cur").is_dir() and not (root / "new").is_dir():
        raise MailboxError(f"{root} is not a Maildir (no cur/ or new/ folder)")
    files = [p for sub in ("new", "cur") if (root / sub).is_dir() for p in (root / sub).iterdir() if p.is_file()]
    for path in sorted(files, key=lambda p: unique_name(p.name)):
        name = unique_name(path.name)
        if name in seen or name.startswith("."):
            continue
        try:
            raw = path.read_bytes()
            stamp = path.stat().st_mtime
        except FileNotFoundError:
            continue  # moved between new/ and cur/ by a reader meanwhile; seen on the next poll
        yield MaildirMail(name, raw, dt.datetime.fromtimestamp(stamp, dt.UTC))
