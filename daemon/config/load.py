"""The configuration: config.yaml read into frozen dataclasses, validated once at start."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import stat
import urllib.parse
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from daemon.config.roster import LEVELS, ROSTER_SUFFIXES, load_roster, read_schools
from daemon.config.section import Section
from daemon.config.settings import (
    DEFAULT_AUTHSERV_ID,
    GOOGLE_TOKEN_URI,
    Config,
    Cycle,
    Digest,
    DirOutgoing,
    Holidays,
    ImapSource,
    MaildirSource,
    Metric,
    OAuthSettings,
    Office,
    Plan,
    Reminders,
    Secret,
    SmtpOutgoing,
    Target,
)
from daemon.config.yamlmarks import load_located
from daemon.errors import ConfigError

log = logging.getLogger(__name__)
__all__ = ["Config", "Cycle", "Digest", "DirOutgoing", "Holidays", "ImapSource", "MaildirSource", "Metric", "Office", "Plan", "Reminders", "Secret", "SmtpOutgoing", "Target", "load_config"]

SECURITY = ("ssl", "starttls", "none")
_HOSTNAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")
METRIC_TYPES = ("count", "percent", "yesno", "text")
_PASSWORD_HINT = (
    "a password must not be written in the config file. Hint: use password_env: VARIABLE_NAME "
    "or password_file: /path/to/file (under systemd: ${CREDENTIALS_DIRECTORY}/imap-password)"
)


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the config file: {e.strerror}") from e
    doc = load_located(text, str(path))
    top = Section(doc, (), doc.data if doc.data is not None else {})
    top.check_keys(
        {"office", "mailbox", "outgoing", "state_dir", "schools", "roster", "cycles", "reminders", "metrics",
         "targets", "max_attempts", "lookback_margin_days", "summary", "poll_minutes", "alarm_after_hours",
         "digest", "holidays", "plan"}
    )
    base = path.resolve().parent
    office = _office(top.section("office"))  # type: ignore[arg-type]
    if "schools" in top.data and "roster" in top.data:
        top.fail("give either schools: (inline) or roster: (a file), not both", "roster")
    roster_file = _roster_path(top, base) if "roster" in top.data else None
    if roster_file:
        schools = load_roster(roster_file)
    else:
        schools = read_schools(top, "schools")
    summary = _summary(top.section("summary", None), base)
    state_dir = _path(top, "state_dir", base)
    config = Config(
        path=path,
        office=office,
        mailbox=_mailbox(top.section("mailbox"), base, state_dir),  # type: ignore[arg-type]
        outgoing=_outgoing(top.section("outgoing"), base, state_dir),  # type: ignore[arg-type]
        state_dir=state_dir,
        schools=schools,
        roster_file=roster_file,
        cycles=tuple(_cycle(s) for _, s in top.items("cycles")),
        reminders=_reminders(top.section("reminders", None)),
        metrics=tuple(_metric(s) for _, s in top.items("metrics")) if "metrics" in top.data else (),
        targets=tuple(_target(s) for _, s in top.items("targets")) if "targets" in top.data else (),
        max_attempts=top.whole("max_attempts", 5, minimum=1),
        lookback_margin_days=top.whole("lookback_margin_days", 14, minimum=0),
        summary_after_days=summary[0],
        summary_out=summary[1],
        poll_minutes=top.whole("poll_minutes", 5, minimum=1),
        alarm_after_hours=_positive(top, "alarm_after_hours", 6.0),
        digest=_digest(top.section("digest", None)),
        holidays=_holidays(top.section("holidays", None)),
        plan=_plan(top.section("plan", None)),
    )
    _cross_check(top, config)
    return config


def _path(section: Section, key: str, base: Path) -> Path:
    value = os.path.expandvars(section.text(key))
    return (base / Path(value).expanduser()).resolve()


def _roster_path(top: Section, base: Path) -> Path:
    path = _path(top, "roster", base)
    if not path.is_file():
        top.fail(f"the roster file {path} does not exist. Hint: a relative path is read from the config "
                 f"file's folder ({base})", "roster")
    if path.suffix.lower() not in ROSTER_SUFFIXES:
        top.fail(f"a roster must be {', '.join(ROSTER_SUFFIXES)}, not {path.suffix or 'a file with no extension'}",
                 "roster")
    return path


def _office(s: Section) -> Office:
    s.check_keys({"name", "email", "timezone", "staff", "short_name", "parent_body", "place", "report_to",
                  "signer_title", "signer_name"})
    tz_name = s.text("timezone", "Asia/Ho_Chi_Minh")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        s.fail(f'"{tz_name}" is not a known time zone. Hint: Asia/Ho_Chi_Minh', "timezone")
    return Office(
        name=s.text("name"),
        email=s.email("email"),
        timezone=tz,
        staff=s.email_list("staff"),
        short_name=s.text("short_name", "PGDĐT"),
        parent_body=s.text("parent_body", None),
        place=s.text("place", ""),
        report_to=s.str_list("report_to", ()),
        signer_title=s.text("signer_title", "TRƯỞNG PHÒNG"),
        signer_name=s.text("signer_name", None),
    )


def _secret(s: Section, base: Path) -> Secret:
    env, file = s.text("password_env", None), s.text("password_file", None)
    if env and file:
        s.fail("give either password_env or password_file, not both", "password_file")
    if not file:
        return Secret(env=env)
    unset = [name for name in re.findall(r"\$\{?(\w+)\}?", file) if name not in os.environ]
    if unset:  # told when the password is needed (check, a login), in words: not as a missing literal path
        return Secret(file=Path(file), unset_variable=unset[0])
    secret_path = Path(os.path.expandvars(file)).expanduser()
    secret_path = secret_path if secret_path.is_absolute() else base / secret_path
    try:
        mode = secret_path.stat().st_mode
    except OSError:
        return Secret(file=secret_path)  # a missing file is reported when it is needed (check, first login)
    # root:baocao 0640 is the installed layout (scripts/install.sh): the service's group reads it, nobody else
    if mode & stat.S_IRWXO:
        log.warning("%s: password_file %s can be read by every user; run: chmod o-rwx %s",
                    s.doc.where((*s.path, "password_file")), secret_path, secret_path)
    return Secret(file=secret_path)


def _server(s: Section, base: Path, default_port: int, default_security: str, state_dir: Path) -> dict[str, object]:
    security = s.choice("security", SECURITY, default_security)
    host = s.text("host")
    if security == "none" and host not in ("127.0.0.1", "localhost", "::1"):
        s.fail('"none" (no encryption) is only allowed for 127.0.0.1. Hint: use ssl or starttls', "security")
    ca = s.text("ca_file", None)
    return {
        "host": host,
        "port": s.whole("port", default_port, minimum=1),
        "security": security,
        "username": s.text("username"),
        "secret": _secret(s, base),
        "timeout_s": s.number("timeout", 60.0),
        "ca_file": (base / ca) if ca else None,
        "oauth": _oauth(s, base, state_dir),
    }


_OAUTH_KEYS = ("client_id", "client_secret_file", "token_uri", "token_file")
_SERVER_KEYS = {"host", "port", "security", "username", "password_env", "password_file", "timeout", "ca_file",
                "auth", *_OAUTH_KEYS}
_SECRET_HINTS = {"password": _PASSWORD_HINT, "client_secret": (
    "the OAuth client secret must not be written in the config file. Hint: client_secret_file: "
    "/etc/baocao/google-client.json (the JSON downloaded from Google Cloud Console, or the secret alone)")}


def _oauth(s: Section, base: Path, state_dir: Path) -> OAuthSettings | None:
    """auth: oauth2 (Google's XOAUTH2): the client, and the grant stored by `baocao auth google`."""
    if s.choice("auth", ("password", "oauth2"), "password") == "password":
        for key in _OAUTH_KEYS:
            if key in s.data:
                s.fail("is used only with auth: oauth2", key)
        return None
    for key in ("password_env", "password_file"):
        if key in s.data:
            s.fail("auth: oauth2 signs in with a token from Google, not a password. Hint: remove this key and "
                   "run baocao auth google", key)
    token_uri = s.text("token_uri", GOOGLE_TOKEN_URI)
    url = urllib.parse.urlsplit(token_uri)
    if not (url.scheme == "https" or (url.scheme == "http" and url.hostname in ("127.0.0.1", "localhost", "::1"))):
        s.fail(f'"{token_uri}" is not an https URL (http only for 127.0.0.1). Hint: leave token_uri out for '
               f"Google's, {GOOGLE_TOKEN_URI}", "token_uri")
    account = re.sub(r"[^A-Za-z0-9@._-]", "_", s.text("username"))
    return OAuthSettings(
        client_id=s.text("client_id"), client_secret_file=_path(s, "client_secret_file", base), token_uri=token_uri,
        token_file=_path(s, "token_file", base) if "token_file" in s.data else state_dir / f"oauth-{account}.json",
    )


def _mailbox(s: Section, base: Path, state_dir: Path) -> ImapSource | MaildirSource:
    s.check_keys({"imap", "maildir", "authserv_id"})
    if ("imap" in s.data) == ("maildir" in s.data):
        s.fail("give exactly one of imap: or maildir:")
    authserv_id = s.text("authserv_id", DEFAULT_AUTHSERV_ID)
    if not _HOSTNAME.match(authserv_id):
        s.fail(f'"{authserv_id}" is not a host name. Hint: the name your provider writes first in its '
               "Authentication-Results header, e.g. mx.google.com", "authserv_id")
    if "maildir" in s.data:
        return MaildirSource(_path(s, "maildir", base), authserv_id=authserv_id)
    imap = s.section("imap")
    assert imap is not None
    imap.check_keys(_SERVER_KEYS | {"folder", "extra_folders", "post_action", "post_value", "lookback_days",
                                    "max_message_mb", "idle", "idle_renew_seconds", "idle_retry_seconds"},
                    _SECRET_HINTS)
    return ImapSource(
        **_server(imap, base, 993, "ssl", state_dir),  # type: ignore[arg-type]
        folder=imap.text("folder", "INBOX"),
        extra_folders=imap.str_list("extra_folders", ()),
        post_action=imap.choice("post_action", ("none", "keyword", "label"), "none"),
        post_value=imap.text("post_value", "baocao-da-nhan"),
        lookback_days=imap.whole("lookback_days", 30, minimum=0),
        max_message_mb=imap.whole("max_message_mb", 40, minimum=1),
        authserv_id=authserv_id,
        idle=imap.flag("idle", True),
        idle_renew_s=min(_positive(imap, "idle_renew_seconds", 1500.0), 29 * 60.0),
        idle_retry_s=_positive(imap, "idle_retry_seconds", 30.0),
    )


def _outgoing(s: Section, base: Path, state_dir: Path) -> SmtpOutgoing | DirOutgoing:
    s.check_keys({"smtp", "outbox_dir"})
    if ("smtp" in s.data) == ("outbox_dir" in s.data):
        s.fail("give exactly one of smtp: or outbox_dir:")
    if "outbox_dir" in s.data:
        return DirOutgoing(_path(s, "outbox_dir", base))
    smtp = s.section("smtp")
    assert smtp is not None
    smtp.check_keys(_SERVER_KEYS | {"daily_recipient_budget"}, _SECRET_HINTS)
    return SmtpOutgoing(
        **_server(smtp, base, 587, "starttls", state_dir),  # type: ignore[arg-type]
        daily_recipient_budget=smtp.whole("daily_recipient_budget", 400, minimum=1),
    )


def _cycle(s: Section) -> Cycle:
    s.check_keys({"id", "title", "opens", "due", "keywords", "levels", "closes"})
    levels = s.str_list("levels", LEVELS)
    for i, level in enumerate(levels):
        if level not in LEVELS:
            Section(s.doc, (*s.path, "levels"), {}).fail(f'"{level}" is not one of {", ".join(LEVELS)}', i)
    cycle = Cycle(
        id=s.text("id"), title=s.text("title"), opens=s.date("opens"), due=s.date("due"),
        keywords=s.str_list("keywords", ()), levels=levels, closes=s.date("closes", None),
    )
    if cycle.due < cycle.opens:
        s.fail(f"{cycle.due} is before opens ({cycle.opens})", "due")
    if cycle.closes is not None and cycle.closes < cycle.opens:
        s.fail(f"{cycle.closes} is before opens ({cycle.opens}): no mail could ever count for this cycle", "closes")
    return cycle


def _reminders(s: Section | None) -> Reminders:
    if s is None:
        return Reminders()
    s.check_keys({"before_days", "after_days", "send_at", "workdays_only", "max_count", "min_gap_days"})
    return Reminders(
        before_days=s.int_list("before_days", (7, 3, 1)),
        after_days=s.int_list("after_days", (1, 3, 7)),
        send_at=s.clock("send_at", "07:30"),
        workdays_only=s.flag("workdays_only", True),
        max_count=s.whole("max_count", None, minimum=1),
        min_gap_days=s.whole("min_gap_days", 1, minimum=1),
    )


def _positive(s: Section, key: str, default: float) -> float:
    value = s.number(key, default)
    if value <= 0:
        s.fail(f"must be more than 0, got {value:g}", key)
    return float(value)


def _digest(s: Section | None) -> Digest:
    if s is None:
        return Digest()
    s.check_keys({"at"})
    return Digest(at=s.clock("at", "16:30"))


def _holidays(s: Section | None) -> Holidays:
    if s is None:
        return Holidays()
    s.check_keys({"extra_days_off", "extra_workdays"})
    days: dict[str, set[dt.date]] = {}
    for key in ("extra_days_off", "extra_workdays"):
        days[key] = set()
        for i, item in enumerate(s.raw(key, [])):
            one = Section(s.doc, (*s.path, key), {"d": item} if not isinstance(item, list) else
                          {"first": item[0] if item else None, "last": item[-1] if item else None})
            try:
                if isinstance(item, list):
                    first, last = one.date("first"), one.date("last")
                    days[key] |= {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
                else:
                    days[key].add(one.date("d"))
            except ConfigError:
                Section(s.doc, (*s.path, key), {}).fail(
                    f'"{item}" is not a date or [first, last]. Hint: 2026-08-22', i)
    both = days["extra_days_off"] & days["extra_workdays"]
    if both:
        s.fail(f"{min(both)} is in both extra_days_off and extra_workdays")
    return Holidays(frozenset(days["extra_days_off"]), frozenset(days["extra_workdays"]))


def _plan(s: Section | None) -> Plan | None:
    if s is None:
        return None
    s.check_keys({"years", "due_day", "opens_day"})
    years = s.int_list("years")
    if len(years) != 2 or years[0] > years[1]:
        s.fail("must be [first, last] with first <= last, e.g. [2024, 2028]", "years")
    for key in ("due_day", "opens_day"):
        value = s.text(key, None)
        if value is not None and not re.match(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", value):
            s.fail(f'"{value}" is not a MM-DD day. Hint: due_day: "11-14"', key)
    return Plan((years[0], years[1]), s.text("due_day", None), s.text("opens_day", None))


def _summary(s: Section | None, base: Path) -> tuple[int, Path | None]:
    if s is None:
        return 3, None
    s.check_keys({"after_due_days", "out_dir"})
    return s.whole("after_due_days", 3, minimum=0), _path(s, "out_dir", base) if "out_dir" in s.data else None


def _metric(s: Section) -> Metric:
    s.check_keys({"key", "label", "aliases", "type", "required", "at_most", "requires", "excludes", "units"})
    return Metric(
        key=s.text("key"), label=s.text("label"), type=s.choice("type", METRIC_TYPES),
        aliases=s.str_list("aliases", ()), required=s.flag("required", False), at_most=s.text("at_most", None),
        requires=tuple(s.str_list("requires", ())), excludes=tuple(s.str_list("excludes", ())),
        units=tuple(s.str_list("units", ())),
    )


def _target(s: Section) -> Target:
    s.check_keys({"key", "label", "kind", "target", "metric", "numerator", "denominator"})
    kind = s.choice("kind", ("share_yes", "ratio"))
    target = Target(
        key=s.text("key"), label=s.text("label"), kind=kind, target=s.number("target"),
        metric=s.text("metric") if kind == "share_yes" else None,
        numerator=s.text("numerator") if kind == "ratio" else None,
        denominator=s.text("denominator") if kind == "ratio" else None,
    )
    return target


def _cross_check(top: Section, config: Config) -> None:
    def unique(values: list[str], key: str, what: str) -> None:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                Section(top.doc, (key,), {}).fail(f"{what} {value!r} appears twice", i)
            seen.add(value)

    unique([c.id for c in config.cycles], "cycles", "cycle id")
    unique([m.key for m in config.metrics], "metrics", "metric key")
    keys = {m.key: m for m in config.metrics}
    for i, metric in enumerate(config.metrics):
        if metric.at_most and metric.at_most not in keys:
            Section(top.doc, ("metrics", i), {}).fail(f"{metric.at_most!r} is not a metric key", "at_most")
    for i, target in enumerate(config.targets):
        for attr in ("metric", "numerator", "denominator"):
            ref = getattr(target, attr)
            if ref and ref not in keys:
                Section(top.doc, ("targets", i), {}).fail(f"{ref!r} is not a metric key", attr)
        if target.kind == "share_yes" and target.metric and keys[target.metric].type != "yesno":
            Section(top.doc, ("targets", i), {}).fail("share_yes needs a metric of type yesno", "metric")
    own = config.office.email
    for school in config.schools:
        if own in school.emails:
            top.fail(f"school {school.id} lists the office's own address {own}", "roster" if "roster" in
                     top.data else "schools")
