"""The configuration's values: frozen records (record.py), built and validated by daemon.config.load.load_config."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from daemon.config.record import Record
from daemon.config.roster import LEVELS, School
from daemon.errors import ConfigError

# the authserv-id whose Authentication-Results header is trusted (mailbox.authserv_id): the office's own provider
DEFAULT_AUTHSERV_ID = "mx.google.com"
# where a Google OAuth client trades a refresh token for an access token (auth: oauth2; token_uri overrides it)
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
# a report may arrive this long after its due date and still count for its cycle (late), unless `closes` says when
LATE_WINDOW_DAYS = 90


class Office(Record):
    name: str
    email: str
    timezone: ZoneInfo
    staff: tuple[str, ...]
    short_name: str = "PGDĐT"
    parent_body: str | None = None
    place: str = ""
    report_to: tuple[str, ...] = ()
    signer_title: str = "TRƯỞNG PHÒNG"
    signer_name: str | None = None


class Secret(Record):
    """Where a password comes from; read only when a connection is made."""

    env: str | None = None
    file: Path | None = None
    unset_variable: str | None = None  # password_file names ${VARIABLE} and it was not set when the config loaded

    def read(self) -> str:
        """The password as it is now: read at every login, so a replaced password needs no restart."""
        if self.env:
            value = os.environ.get(self.env)
            if not value:
                raise ConfigError(f"the environment variable {self.env} (password_env) is not set")
            return value
        if self.unset_variable:
            hint = (" (systemd sets it only inside a service that uses LoadCredential=, never in a shell)"
                    if self.unset_variable == "CREDENTIALS_DIRECTORY" else "")
            raise ConfigError(f"password_file {self.file} names ${{{self.unset_variable}}}, which is not set "
                              f"here{hint}. Hint: point password_file at the file itself, e.g. "
                              "/etc/baocao/imap-password")
        if self.file:
            try:
                value = self.file.read_text(encoding="utf-8").strip()
            except FileNotFoundError as e:
                raise ConfigError(f"password_file {self.file} does not exist. Hint: create it (root:baocao, "
                                  "mode 0640) and write the app password into it") from e
            except PermissionError as e:
                raise ConfigError(f"password_file {self.file} cannot be read by this user. Hint: run baocao as "
                                  "the service user, whose group reads it: sudo -u baocao baocao ...") from e
            except OSError as e:
                raise ConfigError(f"cannot read password_file {self.file}: {e.strerror}") from e
            if not value:
                raise ConfigError(f"password_file {self.file} is empty. Hint: write the app password into it")
            return value
        return ""

    def __repr__(self) -> str:  # never print a secret, not even by accident
        return f"Secret(env={self.env!r}, file={str(self.file) if self.file else None!r})"


class OAuthSettings(Record):
    """auth: oauth2 on a server: the Google OAuth client, and where the stored grant (refresh token) lives."""

    client_id: str
    client_secret_file: Path
    token_uri: str
    token_file: Path


class ImapSource(Record):
    host: str
    port: int
    security: str
    username: str
    secret: Secret
    folder: str = "INBOX"
    extra_folders: tuple[str, ...] = ()
    timeout_s: float = 60.0
    ca_file: Path | None = None
    post_action: str = "none"  # none | keyword | label
    post_value: str = "baocao-da-nhan"
    lookback_days: int = 30
    max_message_mb: int = 40
    authserv_id: str = DEFAULT_AUTHSERV_ID
    idle: bool = True  # IMAP IDLE on the polled folders when the server offers it; the poll stays the fallback
    idle_renew_s: float = 1500.0  # IDLE re-issued after this (RFC 2177: before 29 min; some servers end it sooner)
    idle_retry_s: float = 30.0  # after a drop, first reconnect after this, doubling up to 10 min
    oauth: OAuthSettings | None = None  # auth: oauth2 (XOAUTH2) instead of a password


class MaildirSource(Record):
    path: Path
    authserv_id: str = DEFAULT_AUTHSERV_ID


class SmtpOutgoing(Record):
    host: str
    port: int
    security: str
    username: str
    secret: Secret
    timeout_s: float = 60.0
    ca_file: Path | None = None
    daily_recipient_budget: int = 400
    oauth: OAuthSettings | None = None  # auth: oauth2 (AUTH XOAUTH2) instead of a password


class DirOutgoing(Record):
    path: Path
    daily_recipient_budget: int = 400


class Cycle(Record):
    id: str
    title: str
    opens: dt.date
    due: dt.date
    keywords: tuple[str, ...] = ()
    levels: tuple[str, ...] = LEVELS
    closes: dt.date | None = None  # after this date mail is no longer counted for the cycle

    @property
    def last_day(self) -> dt.date:
        """The last day mail counts for this cycle (late after `due`)."""
        return self.closes or self.due + dt.timedelta(days=LATE_WINDOW_DAYS)

    def is_live(self, today: dt.date) -> bool:
        """Open, and not past its last day: the cycles that reminders, digests, summaries and polls look at."""
        return self.opens <= today <= self.last_day


class Reminders(Record):
    before_days: tuple[int, ...] = (7, 3, 1)
    after_days: tuple[int, ...] = (1, 3, 7)
    send_at: str = "07:30"
    workdays_only: bool = True
    max_count: int | None = None  # at most this many reminders to one school for one cycle
    min_gap_days: int = 1


class Digest(Record):
    at: str = "16:30"


class Holidays(Record):
    """The government's yearly swaps on top of the shipped holiday table."""

    extra_days_off: frozenset[dt.date] = frozenset()
    extra_workdays: frozenset[dt.date] = frozenset()


class Plan(Record):
    """The annual cycle repeated for each year of a multi-year plan."""

    years: tuple[int, int]
    due_day: str | None = None  # "MM-DD"; default: the model cycle's
    opens_day: str | None = None


class Metric(Record):
    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    at_most: str | None = None
    requires: tuple[str, ...] = ()  # one of these words must be in the label or sentence ("chủ chốt")
    excludes: tuple[str, ...] = ()  # none of these may be ("băng rôn", "pano" are not sessions)
    units: tuple[str, ...] = ()  # what a figure in prose is counted in ("05 buổi")


class Target(Record):
    key: str
    label: str
    kind: str  # share_yes | ratio
    target: float
    metric: str | None = None
    numerator: str | None = None
    denominator: str | None = None


class Config(Record):
    path: Path
    office: Office
    mailbox: ImapSource | MaildirSource
    outgoing: SmtpOutgoing | DirOutgoing
    state_dir: Path
    schools: tuple[School, ...]
    cycles: tuple[Cycle, ...]
    reminders: Reminders = Reminders()
    metrics: tuple[Metric, ...] = ()
    targets: tuple[Target, ...] = ()
    max_attempts: int = 5
    lookback_margin_days: int = 14
    summary_after_days: int = 3  # the summary goes to the staff this long after the due date, or when all are in
    summary_out: Path | None = None
    poll_minutes: int = 5
    alarm_after_hours: float = 6.0  # no successful poll for this long: the office is told, once
    digest: Digest = Digest()
    holidays: Holidays = Holidays()
    plan: Plan | None = None
    roster_file: Path | None = None  # the schools' file when not inline (roster:)

    def cycle(self, cycle_id: str) -> Cycle:
        for cycle in self.cycles:
            if cycle.id == cycle_id:
                return cycle
        raise ConfigError(f"no cycle with id {cycle_id!r}; known: {', '.join(c.id for c in self.cycles)}")

    def school(self, school_id: str) -> School:
        for school in self.schools:
            if school.id == school_id:
                return school
        raise ConfigError(f"no school with id {school_id!r} in the roster")
