"""Every cycle baocao knows (configured, repeated per plan year, ad hoc), who is expected, and extensions.

The expected set of schools is fixed per cycle the first time the cycle is used once open (or when an ad hoc
cycle is opened): a school added to or removed from the roster later does not change old figures.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daemon.config.record import replace
from daemon.config.roster import LEVELS, School
from daemon.config.settings import Config, Cycle
from daemon.context import Context, parse_spec
from daemon.errors import ConfigError
from daemon.mail.compose import compose
from daemon.mail.outbox import REMINDER, outbox_row
from state import ledger

if TYPE_CHECKING:
    from parsers import ParseSpec

log = logging.getLogger(__name__)

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
# a request mail carries the report form; more than this is a mistake (a whole folder), not a form
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def plan_cycles(config: Config) -> tuple[Cycle, ...]:
    """The annual cycle repeated for each year of the plan (config `plan: {years: [2024, 2028], ...}`).

    The configured cycle whose id names the first plan year is the model; a year that has its own
    configured cycle keeps it.
    """
    plan = config.plan
    if plan is None or not config.cycles:
        return ()
    first, last = plan.years
    model = next((c for c in config.cycles if str(first) in c.id), config.cycles[0])
    due_day = plan.due_day or model.due.strftime("%m-%d")
    opens_day = plan.opens_day or model.opens.strftime("%m-%d")
    known = {c.id for c in config.cycles}
    out = []
    for year in range(first, last + 1):
        cycle_id = model.id.replace(str(first), str(year)) if str(first) in model.id else f"{model.id}-{year}"
        if cycle_id in known:
            continue
        out.append(replace(
            model, id=cycle_id, title=model.title.replace(str(first), str(year)),
            opens=_on(year, opens_day), due=_on(year, due_day), closes=None,
        ))
    return tuple(out)


def _on(year: int, month_day: str) -> dt.date:
    if not _MONTH_DAY.match(month_day):
        raise ConfigError(f'plan: "{month_day}" is not a MM-DD day. Hint: due_day: "11-14"')
    return dt.date.fromisoformat(f"{year}-{month_day}")


def all_cycles(ctx: Context) -> tuple[Cycle, ...]:
    """Configured cycles, the plan's yearly repeats, and the ad hoc cycles opened with `cycle open`."""
    cycles = list(ctx.config.cycles) + list(plan_cycles(ctx.config))
    known = {c.id for c in cycles}
    for row in ledger.adhoc_cycles(ctx.store):
        if row["id"] in known:
            continue
        cycles.append(Cycle(
            id=row["id"], title=row["title"], opens=dt.date.fromisoformat(row["opens"]),
            due=dt.date.fromisoformat(row["due"]), levels=tuple(row["levels"]),
            closes=dt.date.fromisoformat(row["closes"]) if row["closes"] else None,
        ))
    return tuple(cycles)


def parse_spec_of(ctx: Context) -> ParseSpec:
    """What the parser is told, with every cycle that can receive reports (plan years and ad hoc ones too); built
    once per context."""
    if ctx.spec is None:
        ctx.spec = parse_spec(ctx.config, all_cycles(ctx))
    return ctx.spec


def find_cycle(ctx: Context, cycle_id: str) -> Cycle:
    cycles = all_cycles(ctx)
    for cycle in cycles:
        if cycle.id == cycle_id:
            return cycle
    raise ConfigError(f"no cycle with id {cycle_id!r}; known: {', '.join(c.id for c in cycles)}")


def is_adhoc(ctx: Context, cycle_id: str) -> bool:
    return any(row["id"] == cycle_id for row in ledger.adhoc_cycles(ctx.store))


def active_cycles(ctx: Context, today: dt.date) -> list[Cycle]:
    """Cycles open today and not yet past their late window: the ones reminders and the digest look at."""
    return [c for c in all_cycles(ctx) if c.is_live(today)]


def expected_schools(ctx: Context, cycle: Cycle, *, fix: bool = True) -> list[School]:
    """The schools expected to report for `cycle`; fixed (stored) at first use once the cycle is open.

    A school in the snapshot that has since left the roster comes back without addresses (it is still
    counted, never mailed).
    """
    roster = {s.id: s for s in ctx.config.schools}
    rows = ledger.expected_snapshot(ctx.store, cycle.id)
    if not rows:
        current = [s for s in ctx.config.schools if s.level in cycle.levels]
        if not fix or ctx.now().astimezone(ctx.tz).date() < cycle.opens:
            return current
        with ctx.store.atomic():
            ledger.fix_expected(ctx.store, cycle.id, [(s.id, s.name, s.level) for s in current], ctx.iso_now())
        rows = ledger.expected_snapshot(ctx.store, cycle.id)
    return [roster.get(r["school_id"]) or School(r["school_id"], r["name"], r["level"], ()) for r in rows]


def school_due(ctx: Context, cycle: Cycle, school_id: str) -> dt.date:
    """The school's own due date: its extension (gia hạn) if it has one, else the cycle's."""
    extended = ledger.extensions(ctx.store, cycle.id).get(school_id)
    return dt.date.fromisoformat(extended) if extended else cycle.due


def parse_date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{option}: {text!r} is not a date. Hint: 2024-12-05") from None


@dataclass(frozen=True)
class OpenedCycle:
    cycle: Cycle
    schools: tuple[School, ...]
    queued: int  # request mails queued


def open_cycle(ctx: Context, *, cycle_id: str, title: str, due: dt.date, levels: tuple[str, ...] = LEVELS,
               attach: tuple[Path, ...] = ()) -> OpenedCycle:
    """Store an ad hoc cycle, fix its schools and queue the request to each, in one transaction."""
    today = ctx.now().astimezone(ctx.tz).date()
    if not _ID.match(cycle_id):
        raise ConfigError(f'--id: "{cycle_id}" is not a valid id. Hint: lower-case letters, digits and "-", '
                          "e.g. dot-xuat-2024-12")
    if any(c.id == cycle_id for c in all_cycles(ctx)):
        raise ConfigError(f"--id: a cycle {cycle_id!r} exists already")
    if not title.strip():
        raise ConfigError("--title: must not be empty")
    if due < today:
        raise ConfigError(f"--due: {due} is in the past (today is {today})")
    for level in levels:
        if level not in LEVELS:
            raise ConfigError(f'--levels: "{level}" is not one of {", ".join(LEVELS)}')
    files = [_attachment(path) for path in attach]
    cycle = Cycle(id=cycle_id, title=title.strip(), opens=today, due=due, levels=tuple(levels))
    schools = tuple(s for s in ctx.config.schools if s.level in cycle.levels)
    if not schools:
        raise ConfigError(f"--levels: no school in the roster has level {', '.join(levels)}")
    config, now = ctx.config, ctx.now()
    mails = [compose(
        key=f"cycle_request:{s.id}:{cycle.id}", kind="cycle_request", priority=REMINDER,
        office_name=config.office.name, office_email=config.office.email, recipients=s.emails,
        template="cycle_request", now=now, school_id=s.id, cycle_id=cycle.id, attachments=files,
        context={"office": config.office, "school": s, "cycle": cycle, "files": [name for name, _, _ in files]},
    ) for s in schools if s.emails]
    with ledger.write_transaction(ctx.store):
        ledger.add_adhoc_cycle(ctx.store, cycle_id=cycle.id, title=cycle.title, opens=today.isoformat(),
                               due=due.isoformat(), levels=cycle.levels, attachments=[n for n, _, _ in files],
                               now=ctx.iso_now())
        ledger.fix_expected(ctx.store, cycle.id, [(s.id, s.name, s.level) for s in schools], ctx.iso_now())
        queued = sum(ctx.store.enqueue(outbox_row(ctx, mail)) for mail in mails)
    log.info("cycle %s opened: %d schools, %d requests queued", cycle.id, len(schools), queued)
    return OpenedCycle(cycle, schools, queued)


def _attachment(path: Path) -> tuple[str, str, bytes]:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"--attach: {path}: {e.strerror}") from e
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ConfigError(f"--attach: {path} is larger than {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.name, content_type, data


def close_cycle(ctx: Context, cycle_id: str) -> Cycle:
    """Close an ad hoc cycle today: no more reminders; later mail no longer counts for it."""
    cycle = find_cycle(ctx, cycle_id)
    if not is_adhoc(ctx, cycle_id):
        raise ConfigError(f"--id: {cycle_id} is configured in {ctx.config.path}; close it there with closes:")
    today = ctx.now().astimezone(ctx.tz).date()
    with ctx.store.atomic():
        ledger.close_adhoc_cycle(ctx.store, cycle_id, today.isoformat())
    return replace(cycle, closes=today)


def extend_due(ctx: Context, cycle_id: str, school_id: str, due: dt.date, note: str | None = None) -> dt.date | None:
    """Give one school a later due date for a cycle; the cycle's own date takes the extension back.

    Reminders follow the new date at once: the ledger keys waves by due date, so a changed date re-arms them.
    Returns the school's due date from now on, None when it is the cycle's again.
    """
    cycle = find_cycle(ctx, cycle_id)
    if school_id not in {s.id for s in expected_schools(ctx, cycle)}:
        raise ConfigError(f"--school: {school_id!r} is not expected to report for {cycle_id}")
    if due < cycle.due:
        raise ConfigError(f"--due: {due} is before the cycle's due date {cycle.due}; an extension only adds time")
    with ctx.store.atomic():
        ledger.set_extension(ctx.store, cycle.id, school_id, None if due == cycle.due else due.isoformat(),
                             ctx.iso_now(), note)
    return None if due == cycle.due else due


def cycle_rows(ctx: Context) -> list[dict[str, Any]]:
    """One line of facts per cycle for `cycle list`: the audit of who is expected and who has sent."""
    today = ctx.now().astimezone(ctx.tz).date()
    adhoc = {r["id"] for r in ledger.adhoc_cycles(ctx.store)}
    out = []
    for cycle in sorted(all_cycles(ctx), key=lambda c: (c.due, c.id)):
        snapshot = ledger.expected_snapshot(ctx.store, cycle.id)
        expected = {r["school_id"] for r in snapshot}
        submitted = set(ctx.store.current_submissions(cycle.id)) & expected
        out.append({
            "id": cycle.id, "title": cycle.title, "source": "adhoc" if cycle.id in adhoc else "config",
            "opens": cycle.opens.isoformat(), "due": cycle.due.isoformat(),
            "closes": cycle.closes.isoformat() if cycle.closes else None,
            "state": "closed" if cycle.closes and cycle.closes < today else (
                "open" if cycle.opens <= today else "not_open"),
            "expected": len(snapshot) if snapshot else None, "submitted": len(submitted),
            "extensions": ledger.extensions(ctx.store, cycle.id),
            "fixed_at": snapshot[0]["fixed_at"] if snapshot else None,
        })
    return out
