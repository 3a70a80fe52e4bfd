"""The daemon's main loop: jobs on a `schedule.Scheduler`, signals, and systemd readiness/watchdog.

One job failing logs one line and never stops the loop. SIGTERM/SIGINT set the pulse's stop flag: a job that
looks at it (the poll, after each message) ends early, any other finishes, then the loop returns 0; SIGHUP asks
`reload()` for new jobs and keeps the old ones if it raises. The watchdog is pinged after an iteration completes
and when a job beats the pulse (after each message, while a parse with its own deadline is waited for), never
from a thread, so a hung job still trips it.
"""

from __future__ import annotations

import logging
import signal
import time as time_module
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from types import FrameType
from typing import Any

import schedule

from daemon import notify
from daemon.cycles.calendar import OFFICE_TZ
from daemon.pulse import Pulse

log = logging.getLogger(__name__)

# how often run_pending() looks at the jobs; also how long SIGTERM may wait while idle
TICK_SECONDS = 1.0
# a job failing every poll would otherwise write a line every few minutes for as long as the outage lasts
QUIET_MINUTES = 15
# startup (first login) is retried with doubling delays up to this, while systemd's TimeoutStartSec runs
STARTUP_RETRY_SECONDS = (15.0, 600.0)
# an exception's text is for a human reading one log line, not a dump
MAX_ERROR_CHARS = 300
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# the job that `wait` (IMAP IDLE) can bring forward
WAKE_JOB = "poll"


@dataclass(frozen=True)
class Job:
    """A job run every `every_minutes`, or daily `at` "HH:MM" office time; `fn` gets the current time.

    `catch_up` (daily jobs only): if the loop starts after today's time, run once right away. For idempotent
    jobs such as reminders, so that a restart at 07:31 does not skip the 07:30 run.
    """

    name: str
    fn: Callable[[datetime], None]
    every_minutes: int | None = None
    at: str | None = None
    catch_up: bool = False

    def __post_init__(self) -> None:
        if (self.every_minutes is None) == (self.at is None):
            raise ValueError(f"job {self.name}: give exactly one of every_minutes and at")
        if self.every_minutes is not None and self.every_minutes < 1:
            raise ValueError(f"job {self.name}: every_minutes must be at least 1, got {self.every_minutes}")
        if self.at is not None:
            hours, _, minutes = self.at.partition(":")
            if not (len(hours) == len(minutes) == 2 and hours.isdigit() and minutes.isdigit()
                    and int(hours) < 24 and int(minutes) < 60):
                raise ValueError(f"job {self.name}: at must be HH:MM, got {self.at!r}")
        if self.catch_up and self.at is None:
            raise ValueError(f"job {self.name}: catch_up is for daily (at) jobs")


class _ClockedJob(schedule.Job):
    """A schedule.Job that reads the loop's clock (naive office wall time) instead of datetime.now().

    `schedule` reads the process's local clock itself, and its `.at(tz=...)` needs pytz; giving it office wall
    time makes `.at("07:30")` mean 07:30 in the office whatever the host's TZ, and lets tests drive time.
    """

    def __init__(self, interval: int, scheduler: schedule.Scheduler, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        super().__init__(interval, scheduler)

    @property
    def should_run(self) -> bool:
        return self.next_run is not None and self._clock() >= self.next_run

    def run(self) -> Any:
        assert self.job_func is not None, "do() sets job_func before scheduling"
        result = self.job_func()
        self.last_run = self._clock()
        self._schedule_next_run()
        return result

    def _schedule_next_run(self) -> None:
        now = self._clock()
        period = timedelta(**{str(self.unit): self.interval})
        if self.at_time is None:
            self.next_run = now + period
            return
        next_run = datetime.combine(now.date(), self.at_time)
        while next_run <= now:
            next_run += period
        self.next_run = next_run


def _describe(error: BaseException) -> str:
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


class _Loop:
    def __init__(self, *, reload: Callable[[], Sequence[Job]], now: Callable[[], datetime],
                 sleep: Callable[[float], None], tz: tzinfo, tick_seconds: float, quiet: timedelta,
                 pulse: Pulse, wait: Callable[[float], bool] | None = None) -> None:
        self.reload_jobs = reload
        self.now = now
        self.sleep = sleep
        self.tz = tz
        self.tick_seconds = tick_seconds
        self.quiet = quiet
        self.scheduler = schedule.Scheduler()
        self.stop_requested = False
        self.reload_requested = False
        self.watchdog_seconds = notify.watchdog_interval()
        self.last_ping: datetime | None = None
        self.last_status = ""
        self.failures: dict[str, tuple[int, int, datetime]] = {}  # name -> (failures, unlogged, last logged)
        self.current: list[Job] = []
        self.pulse = pulse
        pulse.bind(self.ping_if_due)
        self.wait = wait

    def wall_clock(self) -> datetime:
        return self.now().astimezone(self.tz).replace(tzinfo=None)

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        # only flags: the loop acts between jobs, never inside one
        if signum == signal.SIGHUP:
            self.reload_requested = True
        else:
            self.stop_requested = True
            self.pulse.stopping = True

    def set_status(self, text: str) -> None:
        if text != self.last_status:
            self.last_status = text
            notify.status(text)

    def ping_if_due(self) -> None:
        if self.watchdog_seconds is None:
            return
        now = self.now()
        elapsed = None if self.last_ping is None else (now - self.last_ping).total_seconds()
        # half the interval again, so a slow tick never stretches a gap past half of WatchdogSec; a clock
        # stepped backwards counts as due
        if elapsed is None or not 0 <= elapsed < self.watchdog_seconds / 2:
            notify.watchdog()
            self.last_ping = now

    def record_failure(self, name: str, error: BaseException) -> None:
        now = self.now()
        count, unlogged, last_logged = self.failures.get(name, (0, 0, now))
        if count and timedelta(0) <= now - last_logged < self.quiet:
            self.failures[name] = (count + 1, unlogged + 1, last_logged)
            return
        more = f" ({unlogged} more failures since the last line)" if unlogged else ""
        log.error("%s failed: %s%s", name, _describe(error), more)
        self.failures[name] = (count + 1, 0, now)

    def record_success(self, name: str) -> None:
        count = self.failures.pop(name, (0, 0, None))[0]
        if count:
            log.info("%s works again after %d failed runs", name, count)

    def wrap(self, job: Job) -> Callable[[], None]:
        def run_job() -> None:
            if self.stop_requested:
                return
            self.set_status(f"running {job.name}")
            try:
                job.fn(self.now())
            except Exception as error:  # noqa: BLE001 - the one place every job's failure is caught and logged
                self.record_failure(job.name, error)
            else:
                self.record_success(job.name)

        return run_job

    def install(self, jobs: Sequence[Job]) -> None:
        self.scheduler.clear()
        clock = self.wall_clock()
        for job in jobs:
            if job.every_minutes is not None:
                entry = _ClockedJob(job.every_minutes, self.scheduler, self.wall_clock).minutes
            else:
                entry = _ClockedJob(1, self.scheduler, self.wall_clock).day.at(job.at)
            entry.do(self.wrap(job)).tag(job.name)
            # interval jobs (the mailbox poll) start at once rather than one interval after start
            if job.every_minutes is not None or (job.catch_up and entry.at_time <= clock.time()):
                entry.next_run = clock

    def reload(self) -> None:
        self.reload_requested = False
        notify.reloading()
        self.set_status("reloading")
        try:
            jobs = list(self.reload_jobs())
            self.install(jobs)
        except Exception as error:  # noqa: BLE001 - a bad new config must not stop a working daemon
            log.error("reload failed, keeping the running jobs: %s", _describe(error))
        else:
            self.current = jobs
            log.info("reloaded: %s", ", ".join(j.name for j in jobs))
        notify.ready()

    def idle(self, seconds: float) -> None:
        """Sleep in ticks, still pinging the watchdog and answering SIGTERM."""
        until = self.now() + timedelta(seconds=seconds)
        while not self.stop_requested and self.now() < until:
            self.sleep(self.tick_seconds)
            self.ping_if_due()

    def start(self, startup: Callable[[], None], fatal: tuple[type[BaseException], ...]) -> int | None:
        """Run `startup` until it succeeds; an exit code if the loop must end instead."""
        delay, longest = STARTUP_RETRY_SECONDS
        while not self.stop_requested:
            self.set_status("starting")
            try:
                startup()
            except fatal as error:
                log.error("cannot start: %s", _describe(error))
                return 2
            except Exception as error:  # noqa: BLE001 - e.g. no network at boot: retry, say why
                self.record_failure("startup", error)
                self.set_status(f"startup failed ({type(error).__name__}), retrying in {delay:.0f} s")
                self.ping_if_due()
                self.idle(delay)
                delay = min(delay * 2, longest)
            else:
                self.record_success("startup")
                return None
        return 0

    def pause(self) -> None:
        """One tick; with a `wait` (IMAP IDLE), news of mail runs the poll at once."""
        if self.wait is None:
            self.sleep(self.tick_seconds)
        elif self.wait(self.tick_seconds):
            for job in self.scheduler.get_jobs(WAKE_JOB):
                job.next_run = self.wall_clock()

    def next_status(self) -> str:
        pending = [(j.next_run, j) for j in self.scheduler.jobs if j.next_run is not None]
        if not pending:
            return "idle, no jobs"
        when, first = min(pending, key=lambda pair: pair[0])
        name = ", ".join(str(tag) for tag in first.tags)
        return f"idle, next {name} at {when:%Y-%m-%d %H:%M}"

    def run(self, jobs: Sequence[Job], startup: Callable[[], None],
            fatal: tuple[type[BaseException], ...]) -> int:
        code = self.start(startup, fatal)
        if code is not None:
            notify.stopping()
            return code
        notify.ready()
        self.current = list(jobs)
        self.install(self.current)
        log.info("running: %s", ", ".join(j.name for j in self.current))
        while not self.stop_requested:
            if self.reload_requested:
                self.reload()
            self.scheduler.run_pending()
            self.ping_if_due()
            if not self.stop_requested:
                self.set_status(self.next_status())
                self.pause()
        notify.stopping()
        log.info("stopped")
        return 0


def run_loop(
    jobs: Sequence[Job],
    *,
    startup: Callable[[], None],
    reload: Callable[[], Sequence[Job]],
    now: Callable[[], datetime] | None = None,
    sleep: Callable[[float], None] = time_module.sleep,
    tz: tzinfo = OFFICE_TZ,
    fatal: tuple[type[BaseException], ...] = (),
    tick_seconds: float = TICK_SECONDS,
    quiet_minutes: float = QUIET_MINUTES,
    pulse: Pulse | None = None,
    wait: Callable[[float], bool] | None = None,
) -> int:
    """Run until SIGTERM/SIGINT (0), or until `startup` raises one of `fatal` (2: a config error).

    Must be called from the main thread (signal handlers). `reload()` returns the new jobs on SIGHUP. The jobs
    that take long (the poll) are given `pulse`: the loop sets its stop flag and answers its beats. `wait`, if
    given, is the sleep between ticks; True from it runs the WAKE_JOB now (new mail announced by IMAP IDLE).
    """
    loop = _Loop(reload=reload, now=now or (lambda: datetime.now(tz)), sleep=sleep, tz=tz,
                 tick_seconds=tick_seconds, quiet=timedelta(minutes=quiet_minutes), pulse=pulse or Pulse(),
                 wait=wait)
    previous = {sig: signal.signal(sig, loop.on_signal) for sig in (*_STOP_SIGNALS, signal.SIGHUP)}
    try:
        return loop.run(jobs, startup, fatal)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
