"""Gathering the evidence about one mail for `decide`: the sender, its documents, the cycles, what the school has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from daemon.config.settings import Config, Cycle
from daemon.context import Context
from daemon.cycles.adhoc import all_cycles, plan_cycles
from daemon.decision.classify import (
    answers_our_mail,
    authentication_verdict,
    cycle_window,
    normalise_address,
    school_by_address,
    school_by_name,
)
from daemon.decision.decide import Current, Document, Evidence, Sender
from daemon.mail.inbound import Inbound
from parsers import PendingParse, Report, fold
from state import ledger

# the parser's problem codes that say which cycle a document belongs to, not how well it was read
CYCLE_PROBLEMS = ("other_topic", "wrong_year", "unknown_cycle")


@dataclass
class Prepared:
    """A message read, its report files archived and their parses started: the first stage of `decide`."""

    row: dict[str, Any]
    inbound: Inbound
    received_at: dt.datetime
    files: list[tuple[Any, str]]
    stored: list[dict[str, Any]]
    parses: dict[str, PendingParse]  # by the file's sha256: the same file twice in one mail is read once

    def cancel(self) -> None:
        for pending in self.parses.values():
            pending.cancel()


def sender_of(ctx: Context, inbound: Inbound) -> Sender:
    config = ctx.config
    address = normalise_address(inbound.sender)
    office = normalise_address(config.office.email)
    if inbound.ours or (inbound.message_id and ctx.store.our_message_ids([inbound.message_id])):
        return Sender.OWN
    if inbound.auto:
        return Sender.MACHINE
    if address == office or address in {normalise_address(s) for s in config.office.staff}:
        return Sender.STAFF
    school = school_by_address(config.schools, inbound.sender)
    if school is None:
        return Sender.UNREGISTERED
    verdict = authentication_verdict(inbound.auth_results, inbound.sender, config.mailbox.authserv_id)
    return {"pass": Sender.PASS, "fail": Sender.FAIL}.get(verdict or "", Sender.NONE)


def document_of(report: Report) -> Document:
    codes = tuple(p.code for p in report.problems)
    cycle_problem = next((c for c in CYCLE_PROBLEMS if c in codes), None)
    doubts = ("doubtful_value",) if report.review_reasons else ()
    return Document(
        name=report.file, kind=report.kind, school_id=report.school_id, school_name=report.school_name,
        suggestion=report.school_suggestion, cycle=report.cycle, cycle_problem=cycle_problem,
        problems=tuple(c for c in codes if c not in CYCLE_PROBLEMS) + doubts, number=report.document_number,
        has_figures=bool(report.metrics),
    )


def gather(ctx: Context, inbound: Inbound, received_at: dt.datetime, reports: Sequence[Report],
           files: frozenset[str], unread: int, duplicate_message: bool) -> Evidence:
    config = ctx.config
    sender = sender_of(ctx, inbound)
    own_school = school_by_address(config.schools, inbound.sender) if sender not in (Sender.OWN, Sender.MACHINE) \
        else None
    documents = tuple(document_of(r) for r in reports)
    subject_school = school_by_name(config.schools, [inbound.subject])
    by_id = {s.id: s for s in config.schools}
    level_of = next((s for s in (own_school, *(by_id.get(d.school_id or "") for d in documents), subject_school)
                     if s is not None), None)
    cycles = all_cycles(ctx)
    day = received_at.astimezone(ctx.tz).date()
    open_cycles = tuple(c.id for c in cycles if (level_of is None or level_of.level in c.levels)
                        and cycle_window(config, c)[0] <= day <= cycle_window(config, c)[1])
    schools = {s for s in (own_school.id if own_school else None, subject_school.id if subject_school else None,
                           *(d.school_id for d in documents)) if s}
    cycle_ids = {*open_cycles, *(d.cycle for d in documents if d.cycle)}
    current = {}
    for school_id in schools:
        for cycle_id in cycle_ids:
            found = _current(ctx, cycle_id, school_id)
            if found is not None:
                current[(school_id, cycle_id)] = found
    store = ctx.store
    return Evidence(
        sender=sender,
        sender_school=own_school.id if own_school else None,
        subject_school=subject_school.id if subject_school else None,
        documents=documents,
        files=files,
        unread_files=unread,
        links=inbound.drive_links,
        answers_us=answers_our_mail(inbound.in_reply_to, inbound.subject, store.our_message_ids,
                                    lambda: ledger.sent_subjects(store, own_school.id) if own_school else ()),
        duplicate_message=duplicate_message,
        machine=inbound.auto[0] if inbound.auto else None,
        open_cycles=open_cycles,
        subject_cycle=subject_cycle([c for c in cycles if c.id in open_cycles], inbound.subject),
        figures_expected=figure_cycles(config),
        current=current,
    )


def figure_cycles(config: Config) -> frozenset[str]:
    """The cycles whose reports carry the plan's figures: configured ones and the plan's years, not ad hoc ones."""
    return frozenset(c.id for c in (*config.cycles, *plan_cycles(config)))


def subject_cycle(cycles: Sequence[Cycle], subject: str) -> str | None:
    """The one open cycle whose keywords or title the subject uses."""
    folded = fold(subject)
    hits = [c.id for c in cycles if any(fold(k) in folded for k in c.keywords) or fold(c.title) in folded]
    return hits[0] if len(hits) == 1 else None


def _current(ctx: Context, cycle_id: str, school_id: str) -> Current | None:
    store = ctx.store
    sub = store.current_submission(cycle_id, school_id)
    if sub is None:
        return None
    numbers = set()
    if sub["message"] is not None:
        for attachment in store.attachments(sub["message"]):
            for report in attachment["report"] or []:
                if report.get("document_number"):
                    numbers.add(report["document_number"])
    return Current(trust=sub["trust"], on_time=sub["on_time"], files=frozenset(store.submission_files(sub["id"])),
                   numbers=frozenset(numbers))
