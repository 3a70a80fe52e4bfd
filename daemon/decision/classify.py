"""Who sent a mail and for which cycle: roster addresses, names in subjects and documents, date windows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from daemon.config.roster import School
from daemon.config.settings import Config, Cycle

_AR_METHOD = re.compile(r"\b(dmarc|dkim|spf)\s*=\s*([a-z]+)(?:[^;]*?header\.(?:from|d|i)\s*=\s*@?([^\s;]+))?", re.I)


_REPLY_PREFIX = re.compile(r"^\s*((re|aw|sv|antw|tl|trả lời|fwd?|tr|chuyển tiếp)\s*(\[\d+\])?\s*:\s*)+", re.I)


def answers_our_mail(referenced: Sequence[str], subject: str, sent_by_us: Callable[[list[str]], bool],
                     subjects_we_sent: Callable[[], Iterable[str]]) -> bool:
    """A reply to one of our mails: its In-Reply-To or References names a Message-ID we sent (the outbox keeps them).

    Not by a subject of ours: our replies keep the school's own subject ("Re: ...") so that mail clients thread them.
    Only for a responder that drops those headers (a loop would follow): a reply prefix before the very subject of
    a mail we sent to that school; a school's new mail carries no prefix.
    """
    if referenced and sent_by_us(list(referenced)):
        return True
    prefix = _REPLY_PREFIX.match(subject)
    if prefix is None:
        return False
    core = _core(subject)
    return any(_core(ours) == core for ours in subjects_we_sent())


def _core(subject: str) -> str:
    prefix = _REPLY_PREFIX.match(subject)
    return " ".join(subject[prefix.end() if prefix else 0:].split()).casefold()


def normalise_address(address: str) -> str:
    """Lower-case, without a +tag: "Him.Lam+baocao@X.vn" and "him.lam@x.vn" are one sender."""
    local, _, domain = address.strip().lower().partition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if domain else local


def school_by_address(schools: Sequence[School], address: str) -> School | None:
    wanted = normalise_address(address)
    if not wanted:
        return None
    for school in schools:
        if any(normalise_address(e) == wanted for e in school.emails):
            return school
    return None


def school_by_name(schools: Sequence[School], texts: Sequence[str | None]) -> School | None:
    from parsers import SchoolRef, match_school  # the parsing package loads only when a mail is read

    refs = tuple(SchoolRef(s.id, s.name, s.aliases) for s in schools)
    by_id = {s.id: s for s in schools}
    for text in texts:
        if text:
            found = match_school(text, refs)
            if found:
                return by_id[found.id]
    return None


def cycle_window(config: Config, cycle: Cycle) -> tuple[dt.date, dt.date]:
    return cycle.opens - dt.timedelta(days=config.lookback_margin_days), cycle.last_day


def pick_cycle(config: Config, cycles: Sequence[Cycle], school: School | None, when: dt.date,
               texts: Sequence[str | None], named: str | None = None) -> Cycle | None:
    """The cycle a mail belongs to: the one the document names, else by date window and keywords."""
    from parsers import fold

    candidates = [c for c in cycles if school is None or school.level in c.levels]
    if named:
        for cycle in candidates:
            if cycle.id == named:
                return cycle
    in_window = [c for c in candidates if cycle_window(config, c)[0] <= when <= cycle_window(config, c)[1]]
    haystack = fold(" ".join(t for t in texts if t))

    def keyword_hits(cycle: Cycle) -> int:
        return sum(1 for k in cycle.keywords if fold(k) in haystack) + (fold(cycle.title) in haystack)

    if len(in_window) == 1:
        return in_window[0]
    pool = in_window or candidates
    scored = sorted(pool, key=lambda c: (keyword_hits(c), -abs((c.due - when).days)), reverse=True)
    if scored and (keyword_hits(scored[0]) > 0 or in_window):
        return scored[0]
    return None


def is_deadline_met(received_at: dt.datetime, due: dt.date, tz: dt.tzinfo) -> bool:
    """On time means received by the end of the due day in the office's time zone, whatever the mail's offset."""
    return received_at.astimezone(tz).date() <= due


def authentication_verdict(results: Sequence[str], sender: str, authserv_id: str = "mx.google.com") -> str | None:
    """From the topmost Authentication-Results of our own provider only: None (no verdict), 'pass' or 'fail'.

    Headers below the first one from `authserv_id` were added before the mail reached it and may be forged.
    """
    domain = sender.rpartition("@")[2].lower()
    for header in results:
        first = header.split(";", 1)[0].strip().lower()
        if first != authserv_id:
            continue
        body = re.sub(r"\([^()]*\)", " ", header)  # comments may hold anything, even "dmarc=pass"
        verdicts: dict[str, tuple[str, str]] = {}
        for method, result, ref in _AR_METHOD.findall(body):
            verdicts.setdefault(method.lower(), (result.lower(), (ref or "").lower().lstrip("@")))
        dmarc = verdicts.get("dmarc")
        if dmarc and dmarc[0] == "pass" and (not dmarc[1] or dmarc[1] == domain):
            return "pass"
        dkim = verdicts.get("dkim")
        if (not dmarc or dmarc[0] in ("none", "bestguesspass")) and dkim and dkim[0] == "pass" and \
                (dkim[1] == domain or dkim[1].endswith("." + domain)):
            return "pass"
        return "fail"
    return None
