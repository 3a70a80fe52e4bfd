"""What one run of baocao works with: the config, the store, the archives, the clock, and the lock."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pwd
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from daemon.archive import Archive
from daemon.config.settings import Config, Cycle
from daemon.errors import ConfigError, LockedError
from state.store import Store

if TYPE_CHECKING:
    from parsers import ParseSpec


class Context:
    def __init__(self, config: Config, store: Store, now: Callable[[], dt.datetime]) -> None:
        self.config = config
        self.store = store
        self.now = now
        # what the parser is told, built once per context by daemon.cycles.adhoc.parse_spec_of (the cycles live there)
        self.spec: ParseSpec | None = None

    @property
    def tz(self) -> dt.tzinfo:
        return self.config.office.timezone

    def iso_now(self) -> str:
        return self.now().isoformat()

    @cached_property
    def raw_archive(self) -> Archive:
        return Archive(self.config.state_dir / "raw")

    @cached_property
    def file_archive(self) -> Archive:
        return Archive(self.config.state_dir / "files")

    def close(self) -> None:
        self.store.close()


def parse_spec(config: Config, cycles: Sequence[Cycle]) -> ParseSpec:
    """What the parser is told: the roster, the cycles that can receive reports, the metrics and their words."""
    from parsers import CycleRef, MetricSpec, ParseSpec, SchoolRef  # an idle poll never loads the parsers

    return ParseSpec(
        schools=tuple(SchoolRef(s.id, s.name, s.aliases) for s in config.schools),
        cycles=tuple(CycleRef(y.id, y.title, y.opens, y.due, y.keywords) for y in cycles),
        metrics=tuple(MetricSpec(m.key, m.label, m.aliases, m.type, m.required, m.at_most, m.requires, m.excludes,
                                 m.units) for m in config.metrics),
        place_names=tuple(p for p in (config.office.place,) if p) or ("Điện Biên Phủ",),
    )


def system_clock(tz: dt.tzinfo, fixed: dt.datetime | None = None) -> Callable[[], dt.datetime]:
    """The clock: real time in the office zone, or a fixed instant (`--now`) that then moves on with real time."""
    if fixed is None:
        return lambda: dt.datetime.now(tz)
    offset = fixed - dt.datetime.now(dt.UTC)
    return lambda: (dt.datetime.now(dt.UTC) + offset).astimezone(tz)


def open_context(config: Config, now: Callable[[], dt.datetime] | None = None) -> Context:
    state_dir = config.state_dir
    state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    refuse_root_in_foreign_state(state_dir)
    os.umask(0o077)  # the database and the archive hold schools' mail: only the service user reads them
    store = Store(state_dir / "baocao.db")
    return Context(config, store, now or system_clock(config.office.timezone))


def context_at(config: Config, fixed_now: dt.datetime | None = None) -> Context:
    """The context of one command: the real clock, or the `--now` instant moving on from there."""
    return open_context(config, system_clock(config.office.timezone, fixed_now))


def refuse_root_in_foreign_state(state_dir: Path) -> None:
    """root must not write into the service user's state: the database's WAL/SHM files and the archive it would
    leave behind belong to root, and the service (not root) can then no longer open its own database."""
    owner = state_dir.stat().st_uid
    if os.geteuid() == 0 and owner != 0:
        try:
            name = pwd.getpwuid(owner).pw_name
        except KeyError:
            name = str(owner)
        raise ConfigError(f"{state_dir} belongs to the user {name}; run baocao as that user, never as root "
                          f"(sudo -u {name} baocao ..., or the baocao command installed on PATH)")


@contextmanager
def exclusive(state_dir: Path) -> Iterator[None]:
    """One poll at a time per state directory, across processes; released when the process dies."""
    state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(state_dir / "poll.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise LockedError(f"another baocao poll is running on {state_dir}; try again in a minute") from e
        yield
    finally:
        os.close(fd)
