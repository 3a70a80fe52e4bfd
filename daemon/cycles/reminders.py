"""Reminders to the schools that have not sent their report, and the missing list to the office.

Exactly once per (school, cycle, due date, wave): the ledger row and the outbox row are written in one
transaction that first checks, under the write lock, that the school has still sent nothing. The wave comes
from `reminder_plan.due_wave` with the school's own due date, so an extension re-arms the reminders.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from daemon.config.roster import School
from daemon.config.settings import Config, Cycle
from daemon.context import Context
from daemon.cycles.adhoc import active_cycles, expected_schools
from daemon.cycles.calendar import OfficeCalendar
from daemon.cycles.reminder_plan import ReminderPolicy, Wave, due_wave
from daemon.mail.compose import compose
from daemon.mail.outbox import OFFICE, REMINDER, outbox_row
from state import ledger, reviews

log = logging.getLogger(__name__)

# the ledger's school column for the office's own missing list: not a valid school id (ids start [a-z0-9])
OFFICE_ROW = "@office"
BOUNCING_PREFIX = "bouncing:"


def office_calendar(config: Config) -> OfficeCalendar:
    return OfficeCalendar(tz=config.office.timezone, extra_days_off=config.holidays.extra_days_off,
                          extra_workdays=config.holidays.extra_workdays)


def reminder_policy(config: Config) -> ReminderPolicy:
    r = config.reminders
    return ReminderPolicy(
        before_days=tuple(r.before_days), after_days=tuple(r.after_days), send_at=r.send_at,
        workdays_only=r.workdays_only, max_count=r.max_count, min_gap_days=r.min_gap_days,
    )


def bouncing_addresses(ctx: Context) -> dict[str, str]:
    """Addresses our mail bounced from (lower-case) -> when the bounce was seen."""
    return {a.lower(): when for a, when in ledger.meta_with_prefix(ctx.store, BOUNCING_PREFIX).items()}


@dataclass(frozen=True)
class Reminder:
    """One reminder decided at this run; `outcome` says what became of it."""

    school_id: str
    cycle_id: str
    due: dt.date
    wave: str
    recipients: tuple[str, ...]
    subject: str
    # queued | would_send (dry run) | submitted (re-check found a report) | bouncing | no_address | missing_list
    outcome: str

    def line(self) -> str:
        to = ", ".join(self.recipients) or "-"
        return f"{self.cycle_id} {self.wave} {self.school_id} (hạn {self.due:%d/%m/%Y}) -> {to}: {self.outcome}"


def send_due_reminders(ctx: Context, dry_run: bool = False) -> list[Reminder]:
    """Queue every reminder due now (and the office's missing list); a dry run only says what would go."""
    now = ctx.now().astimezone(ctx.tz)
    cal, policy = office_calendar(ctx.config), reminder_policy(ctx.config)
    bouncing = bouncing_addresses(ctx)
    out: list[Reminder] = []
    for cycle in active_cycles(ctx, now.date()):
        schools = expected_schools(ctx, cycle, fix=not dry_run)
        extended = ledger.extensions(ctx.store, cycle.id)
        # a school whose mail only linked its file was asked for the attachment; "you have not sent" would be wrong
        submitted = set(ctx.store.current_submissions(cycle.id)) | reviews.link_only_schools(ctx.store, cycle.id)
        for school in schools:
            if school.id in submitted:
                continue
            due = dt.date.fromisoformat(extended[school.id]) if school.id in extended else cycle.due
            sent = ledger.sent_waves(ctx.store, school.id, cycle.id, due.isoformat())
            wave = due_wave(due, policy, cal, now, sent)
            if wave is not None:
                out.append(_remind(ctx, cycle, school, wave, bouncing, dry_run))
        missing = _missing_list(ctx, cycle, schools, cal, policy, now, dry_run)
        if missing is not None:
            out.append(missing)
    return out


def _remind(ctx: Context, cycle: Cycle, school: School, wave: Wave, bouncing: dict[str, str],
            dry_run: bool) -> Reminder:
    config, store = ctx.config, ctx.store
    recipients = tuple(e for e in school.emails if e not in bouncing)
    key = f"reminder:{school.id}:{cycle.id}:{wave.due.isoformat()}:{wave.key}"
    mail = None
    if recipients:
        mail = compose(
            key=key, kind="reminder", priority=REMINDER, office_name=config.office.name,
            office_email=config.office.email, recipients=recipients, template="reminder", now=ctx.now(),
            school_id=school.id, cycle_id=cycle.id, context=_reminder_context(ctx, cycle, school, wave),
        )

    def result(outcome: str) -> Reminder:
        return Reminder(school.id, cycle.id, wave.due, wave.key, recipients, mail.subject if mail else "", outcome)

    if not school.emails:
        log.warning("%s: no address in the roster (left it?); no reminder for %s", school.id, cycle.id)
        return result("no_address")
    if mail is None:
        if not dry_run:
            _tell_office_bouncing(ctx, cycle, school, bouncing)
        return result("bouncing")
    if dry_run:
        return result("would_send")
    with ledger.write_transaction(store):
        if store.has_current_submission(cycle.id, school.id) or \
                school.id in reviews.link_only_schools(store, cycle.id):
            return result("submitted")  # the report came in while this run was deciding
        if not ledger.record_reminder(store, school_id=school.id, cycle_id=cycle.id, due=wave.due.isoformat(),
                                      wave=wave.key, outbox_key=key, now=ctx.iso_now()):
            return result("already_recorded")
        store.enqueue(outbox_row(ctx, mail))
    log.info("reminder %s queued for %s (%s)", wave.key, school.id, cycle.id)
    return result("queued")


def _reminder_context(ctx: Context, cycle: Cycle, school: School, wave: Wave) -> dict[str, object]:
    today = ctx.now().astimezone(ctx.tz).date()
    return {
        "office": ctx.config.office, "school": school, "cycle": cycle, "due": wave.due,
        "extended": wave.due != cycle.due, "late": wave.kind == "after",
        "days_left": (wave.due - today).days, "days_late": (today - wave.due).days,
    }


def _tell_office_bouncing(ctx: Context, cycle: Cycle, school: School, bouncing: dict[str, str]) -> None:
    """Once per school and cycle: the reminder cannot go because every address of the school bounces."""
    config = ctx.config
    if not config.office.staff:
        return
    mail = compose(
        key=f"reminder-bounce:{school.id}:{cycle.id}", kind="alert", priority=OFFICE,
        office_name=config.office.name, office_email=config.office.email, recipients=config.office.staff,
        template="alarm", now=ctx.now(), school_id=school.id, cycle_id=cycle.id,
        context={"office": config.office, "problem": "bouncing", "school": school, "cycle": cycle,
                 "addresses": [(e, dt.datetime.fromisoformat(bouncing[e])) for e in school.emails if e in bouncing],
                 "last_ok": None, "elapsed": None},
    )
    with ctx.store.atomic():
        if ctx.store.enqueue(outbox_row(ctx, mail)):
            log.warning("%s: every address bounces; reminder held, office told", school.id)


def _missing_list(ctx: Context, cycle: Cycle, schools: list[School], cal: OfficeCalendar,
                  policy: ReminderPolicy, now: dt.datetime, dry_run: bool) -> Reminder | None:
    """After the deadline, once per wave: the office staff get the schools still missing, with contacts."""
    store, config = ctx.store, ctx.config
    sent = ledger.sent_waves(store, OFFICE_ROW, cycle.id, cycle.due.isoformat())
    wave = due_wave(cycle.due, policy, cal, now, sent)
    if wave is None or wave.kind != "after" or not config.office.staff:
        return None
    rows = missing_rows(ctx, cycle, schools)
    if not [r for r in rows if r["overdue"]]:
        return None
    key = f"missing:{cycle.id}:{cycle.due.isoformat()}:{wave.key}"
    mail = compose(
        key=key, kind="missing", priority=OFFICE, office_name=config.office.name,
        office_email=config.office.email, recipients=config.office.staff, template="missing", now=ctx.now(),
        cycle_id=cycle.id, context={"office": config.office, "cycle": cycle, "today": now.date(),
                                    "overdue": [r for r in rows if r["overdue"]],
                                    "extended": [r for r in rows if not r["overdue"]],
                                    "expected": len(schools)},
    )
    result = Reminder(OFFICE_ROW, cycle.id, cycle.due, wave.key, config.office.staff, mail.subject, "missing_list")
    if dry_run:
        return result
    with ledger.write_transaction(store):
        if not ledger.record_reminder(store, school_id=OFFICE_ROW, cycle_id=cycle.id, due=cycle.due.isoformat(),
                                      wave=wave.key, outbox_key=key, now=ctx.iso_now()):
            return None
        store.enqueue(outbox_row(ctx, mail))
    return result


def missing_rows(ctx: Context, cycle: Cycle, schools: list[School]) -> list[dict[str, object]]:
    """The expected schools with no report yet, with their contacts, due dates and address trouble."""
    today = ctx.now().astimezone(ctx.tz).date()
    submitted = set(ctx.store.current_submissions(cycle.id))
    extended = ledger.extensions(ctx.store, cycle.id)
    bouncing = bouncing_addresses(ctx)
    rows = []
    for school in schools:
        if school.id in submitted:
            continue
        due = dt.date.fromisoformat(extended[school.id]) if school.id in extended else cycle.due
        rows.append({"school": school, "due": due, "extended": school.id in extended, "overdue": due < today,
                     "days_late": max((today - due).days, 0),
                     "bouncing": [e for e in school.emails if e in bouncing]})
    return rows
