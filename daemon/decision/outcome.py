"""What follows from the policy's verdict on one mail: the submission, the review item, the school's mail."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from daemon.config.roster import School
from daemon.config.settings import Cycle
from daemon.context import Context
from daemon.cycles.adhoc import find_cycle, school_due
from daemon.decision import decide as policy
from daemon.decision.classify import is_deadline_met, normalise_address
from daemon.decision.decide import Outcome
from daemon.decision.evidence import Prepared, figure_cycles
from daemon.mail.compose import Outgoing, compose
from daemon.mail.inbound import Inbound
from daemon.mail.outbox import RECEIPT

if TYPE_CHECKING:
    from parsers import Report

log = logging.getLogger(__name__)

# at most this many automatic replies to one school a day, whatever it sends: no mail loop can run away
MAX_REPLIES_PER_SCHOOL_PER_DAY = 6


@dataclass
class Decision:
    """What one message comes to: the policy's verdict and what follows from it, written in one transaction."""

    classification: str
    reason: str | None = None
    school: School | None = None
    cycle: Cycle | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    submission: dict[str, Any] | None = None
    outgoing: list[Outgoing] = field(default_factory=list)
    item: dict[str, Any] | None = None          # the review item to open (review_items columns)
    annex_to: int | None = None                 # the submission an annex is added to
    effects: Callable[[], list[Outgoing]] | None = None  # run inside the write (staff commands)


def follow(ctx: Context, prepared: Prepared, verdict: policy.Decision,
           reports: list[tuple[str, str, list[Report]]]) -> Decision:
    config = ctx.config
    row, inbound, received_at = prepared.row, prepared.inbound, prepared.received_at
    by_id = {s.id: s for s in config.schools}
    school = by_id.get(verdict.school or "")
    cycle = _cycle(ctx, verdict.cycle)
    reasons = staff_reasons(verdict.reasons, [r for _, _, found in reports for r in found])
    out = Decision(classification(verdict, inbound), "; ".join(reasons) or None, school, cycle,
                   attachments=prepared.stored)
    fields = _submission(ctx, row, verdict, reports, received_at) if cycle and school else None
    if verdict.outcome is Outcome.COUNTED:
        assert fields is not None and school is not None and cycle is not None
        out.submission = fields
        if verdict.review:
            out.item = _item(ctx, row, verdict, reasons)
    elif verdict.outcome is Outcome.ANNEX:
        assert school is not None and cycle is not None
        current = ctx.store.current_submission(cycle.id, school.id)
        out.annex_to = current["id"] if current else None
    elif verdict.review:
        proposal = fields or _submission(ctx, row, verdict, reports, received_at)
        if verdict.outcome is Outcome.LINK_ONLY:
            proposal["files"] = list(inbound.drive_links)
        out.item = _item(ctx, row, verdict, reasons, proposal)
    if verdict.reply and school and _may_reply(ctx, school):
        out.outgoing.append(_reply(ctx, verdict, inbound, row, school, cycle, received_at, reports, fields))
    return out


def classification(verdict: policy.Decision, inbound: Inbound) -> str:
    """The message's class in the record: the policy's outcome, with ignored mail said more precisely."""
    if verdict.outcome is Outcome.IGNORED:
        if "own_mail" in verdict.reasons:
            return "own"
        if "machine_mail" in verdict.reasons:
            return inbound.auto[0] if inbound.auto else "machine"
        return "stranger"
    if verdict.outcome is Outcome.COUNTED and verdict.review:
        return "needs_review"  # counted, with a doubt a person settles
    return verdict.outcome.value


def staff_reasons(codes: tuple[str, ...], reports: list[Report]) -> list[str]:
    """The reasons as the office staff read them: the policy's, then what the parser doubted."""
    texts = [policy.REASONS[c].text for c in codes if c in policy.REASONS]
    texts += [r for report in reports for r in report.review_reasons]
    return list(dict.fromkeys(texts))


def _cycle(ctx: Context, cycle_id: str | None) -> Cycle | None:
    if not cycle_id:
        return None
    try:
        return find_cycle(ctx, cycle_id)
    except LookupError:
        return None


def _submission(ctx: Context, row: dict[str, Any], verdict: policy.Decision,
                reports: list[tuple[str, str, list[Report]]], received_at: dt.datetime) -> dict[str, Any]:
    """The submission this mail is, or would be once a person accepts it (then the school and cycle are set)."""
    parsed = [r for _, _, found in reports for r in found if r.kind in policy.REPORT_KINDS | {"annex"}]
    metrics, disagree = merged_metrics(ctx, parsed)
    school, cycle = verdict.school, _cycle(ctx, verdict.cycle)
    on_time = is_deadline_met(received_at, school_due(ctx, cycle, school), ctx.tz) if cycle and school else False
    notes = []
    if verdict.on_time_from is not None and verdict.on_time_from != on_time:
        notes.append("correction_after_due" if verdict.on_time_from else "correction")
        on_time = verdict.on_time_from
    doubts = [policy.REASONS[c].text for c in verdict.doubts if c in policy.REASONS]
    review = list(dict.fromkeys(doubts + [r for rep in parsed for r in rep.review_reasons] + disagree))
    return {
        "school_id": school, "cycle_id": verdict.cycle, "message": row["id"], "channel": "email",
        "received_at": received_at.isoformat(), "on_time": on_time,
        "status": "needs_review" if verdict.review and verdict.outcome is Outcome.COUNTED else "accepted",
        "review_reasons": review if verdict.outcome is Outcome.COUNTED else [],
        "files": [name for _, name, _ in reports], "metrics": metrics, "sections": sections(parsed),
        "problems": school_problems(ctx, parsed, verdict.cycle),
        "notes": notes, "trust": int(verdict.trust), "counted": 1, "created_at": ctx.iso_now(),
    }


def school_problems(ctx: Context, reports: list[Report], cycle_id: str | None) -> list[str]:
    """What the school is asked to mind: reading problems that are its to mend, never our server's trouble, the
    cycle's topic (said separately) or the plan's figures in an ad hoc report."""
    skip = policy.OFFICE_ONLY | {"other_topic", "wrong_year", "unknown_cycle"}
    if cycle_id and cycle_id not in figure_cycles(ctx.config):
        skip |= {"no_figures", "missing_required"}
    return list(dict.fromkeys(p.message for r in reports for p in r.problems
                              if policy.severity(p.code) is not policy.Severity.INFO and p.code not in skip))


def merged_metrics(ctx: Context, reports: list[Report]) -> tuple[dict[str, Any], list[str]]:
    metrics: dict[str, Any] = {}
    disagree = []
    for report in reports:
        for value in report.metrics:
            if value.key in metrics and metrics[value.key] != value.value:
                disagree.append(f"hai tệp ghi hai số khác nhau cho “{label(ctx, value.key)}”")
            metrics.setdefault(value.key, value.value)
    return metrics, disagree


def _item(ctx: Context, row: dict[str, Any], verdict: policy.Decision, reasons: list[str],
          proposal: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "message": row["id"], "kind": verdict.review, "cycle_id": verdict.cycle, "school_id": verdict.school,
        "suggestion": verdict.suggestion, "proposal": proposal, "reasons": reasons,
        "reason_codes": [c for c in verdict.reasons if policy.severity(c) is not policy.Severity.INFO],
        "state": "open", "created_at": ctx.iso_now(),
    }


def _reply(ctx: Context, verdict: policy.Decision, inbound: Inbound, row: dict[str, Any], school: School,
           cycle: Cycle | None, received_at: dt.datetime, reports: list[tuple[str, str, list[Report]]],
           fields: dict[str, Any] | None) -> Outgoing:
    config = ctx.config
    if verdict.reply == "notice":
        return notice(ctx, inbound, school, cycle, received_at)
    registered = normalise_address(inbound.sender) in {normalise_address(e) for e in school.emails}
    common = dict(
        kind="receipt", priority=RECEIPT, office_name=config.office.name, office_email=config.office.email,
        recipients=roster_addresses(school, inbound.sender if registered else None), now=ctx.now(),
        in_reply_to=inbound.message_id if registered else None, references=inbound.references,
        school_id=school.id, cycle_id=cycle.id if cycle else None,
    )
    documents = [{"name": name, "kind": r.kind, "number": r.document_number, "title": r.title}
                 for _, name, found in reports for r in found]
    if verdict.reply == "not_counted":
        return compose(key=f"not-counted:{row['sha256']}", template="not_counted", **common, context={
            "office": config.office, "school": school, "cycle": cycle, "received_at": received_at,
            "reasons": [policy.REASONS[c].text for c in verdict.reasons if c in policy.REASONS
                        and policy.severity(c) is policy.Severity.BLOCKS],
            "documents": documents, "subject": inbound.subject, "thread": inbound.subject if registered else None,
        })
    assert cycle is not None
    return compose(key=f"receipt:{row['sha256']}", template="receipt", **common, context={
        "office": config.office, "school": school, "cycle": cycle, "received_at": received_at,
        "thread": inbound.subject if registered else None,  # a reply keeps the school's subject: clients thread it
        "on_time": fields["on_time"] if fields else True, "superseded": verdict.replaces,
        "correction_after_due": bool(fields and "correction_after_due" in fields["notes"]),
        "annex": verdict.outcome is Outcome.ANNEX,
        "unread": bool(reports) and all(r.text_source is None for _, _, found in reports for r in found),
        "problems": fields["problems"] if fields else [],
        "others": [d for d in documents if d["kind"] not in policy.REPORT_KINDS | {"annex"}],
        "files": [file_summary(ctx, name, parsed) for _, name, parsed in reports],
    })


def roster_addresses(school: School, sender: str | None) -> list[str]:
    """Whom an automatic reply goes to: the roster's own spelling of the sender's address, else every roster address;
    never From's +tag variant, Reply-To or any address the mail itself supplies (no backscatter)."""
    same = [e for e in school.emails if sender and normalise_address(e) == normalise_address(sender)]
    return same[:1] or list(school.emails)


def _may_reply(ctx: Context, school: School) -> bool:
    since = (ctx.now() - dt.timedelta(days=1)).isoformat()
    if ctx.store.receipts_for_school_since(school.id, since) < MAX_REPLIES_PER_SCHOOL_PER_DAY:
        return True
    log.warning("%s: %d automatic replies in 24 hours; no more today (mail loop guard)", school.id,
                MAX_REPLIES_PER_SCHOOL_PER_DAY)
    return False


def notice(ctx: Context, inbound: Inbound, school: School, cycle: Cycle | None,
            received_at: dt.datetime) -> Outgoing:
    config = ctx.config
    return compose(
        key=f"notice:{school.id}:{received_at.date().isoformat()}", kind="notice", priority=RECEIPT,
        office_name=config.office.name, office_email=config.office.email,
        recipients=roster_addresses(school, inbound.sender), template="notice", now=ctx.now(),
        in_reply_to=inbound.message_id, references=inbound.references,
        school_id=school.id, cycle_id=cycle.id if cycle else None,
        context={"office": config.office, "school": school, "cycle": cycle, "received_at": received_at,
                 "subject": inbound.subject, "thread": inbound.subject, "drive_links": inbound.drive_links},
    )


def label(ctx: Context, key: str) -> str:
    return next((m.label for m in ctx.config.metrics if m.key == key), key)


def file_summary(ctx: Context, name: str, reports: list[Report]) -> dict[str, Any]:
    values = [{"label": label(ctx, m.key), "value": m.value} for r in reports for m in r.metrics]
    return {"name": name, "values": values, "problems": [p.code for r in reports for p in r.problems
                                                         if policy.severity(p.code) is not policy.Severity.INFO]}


def sections(reports: list[Report]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in ("difficulties", "proposals"):
        texts = [getattr(r, key) for r in reports if getattr(r, key)]
        if texts:
            out[key] = "\n\n".join(dict.fromkeys(texts))
    return out




def file_summary_of(ctx: Context, name: str, metrics: dict[str, Any]) -> dict[str, Any]:
    """A file of a recorded submission as the receipt lists it."""
    return {"name": name, "values": [{"label": label(ctx, k), "value": v} for k, v in metrics.items()],
            "problems": []}
