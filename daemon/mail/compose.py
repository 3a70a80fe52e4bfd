"""Building the emails baocao sends: Jinja2 text + HTML, stable Message-ID, headers that stop mail loops."""

from __future__ import annotations

import base64
import datetime as dt
import email.policy
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.encoders import encode_base64
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import templates

if TYPE_CHECKING:
    import jinja2

TEMPLATE_DIR = Path(templates.__file__).parent
KIND_HEADER = "X-Baocao-Kind"
# CRLF, lines folded at 78 (RFC 5322); the headers are encoded by `_words` and `_address`
MAIL_POLICY = email.policy.compat32.clone(linesep="\r\n")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2  # ~50 ms; an idle poll renders nothing

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["vndate"] = vn_date
    env.filters["vntime"] = vn_datetime
    env.filters["vnnumber"] = vn_number
    env.filters["reply_subject"] = reply_subject
    env.filters["vnduration"] = vn_duration
    return env


def reply_subject(subject: str) -> str:
    """The subject of our answer to a mail: its own, after one "Re:". Gmail and Outlook thread a reply only when
    its subject is the parent's with such a prefix (anything added, even "đã nhận", starts a new conversation)."""
    subject = " ".join(subject.split())
    return subject if _RE.match(subject) else f"Re: {subject}"


_RE = re.compile(r"(re|aw|sv|tl|trả lời)\s*(\[\d+\])?\s*:", re.I)


def vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def vn_datetime(value: dt.datetime | None) -> str:
    return value.strftime("%H:%M ngày %d/%m/%Y") if value else ""


def vn_duration(value: dt.timedelta) -> str:
    """"5 ngày 3 giờ", "6 giờ", "40 phút": how long, to the hour (to the minute under one)."""
    minutes = int(value.total_seconds() // 60)
    days, hours = divmod(minutes // 60, 24)
    if not days and not hours:
        return f"{minutes} phút"
    return " ".join(p for p in (f"{days} ngày" if days else "", f"{hours} giờ" if hours else "") if p)


def vn_number(value: Any) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        text = f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return text[:-2] if text.endswith(",0") else text
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Outgoing:
    """One email ready for the outbox table."""

    key: str
    kind: str
    priority: int
    recipients: tuple[str, ...]
    message_id: str
    subject: str
    raw: bytes
    school_id: str | None = None
    cycle_id: str | None = None


def message_id_for(key: str, office_email: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"<baocao.{digest}@{office_email.split('@', 1)[1]}>"


def render(template: str, context: Mapping[str, Any]) -> str:
    return environment().get_template(template).render(**context)


def compose(
    *,
    template: str,
    context: Mapping[str, Any],
    **fields: Any,
) -> Outgoing:
    """Render `template`.subject.j2 / .txt.j2 / .html.j2 and assemble them (see `assemble` for the fields)."""
    return assemble(subject=render(f"{template}.subject.j2", context), text=render(f"{template}.txt.j2", context),
                    html=render(f"{template}.html.j2", context), **fields)


def assemble(
    *,
    key: str,
    kind: str,
    priority: int,
    office_name: str,
    office_email: str,
    recipients: Sequence[str],
    subject: str,
    text: str,
    html: str,
    now: dt.datetime,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    school_id: str | None = None,
    cycle_id: str | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
    inline: Sequence[tuple[str, str, str, bytes]] = (),
) -> Outgoing:
    """A complete message from the office: text + HTML (with `inline` (cid, filename, type, bytes) images the
    HTML shows), `attachments` (filename, type, bytes), a stable Message-ID and the headers that stop loops.

    Built with the stdlib's compat32 classes: its modern API re-parses and re-folds every header of every part,
    three times the cost of the rest of a receipt's processing; here each header is encoded once, by us.
    """
    subject = " ".join(subject.split())
    shown: Message = _text(html, "html")
    if inline:
        shown = MIMEMultipart("related", _subparts=[shown, *(_file(data, content_type, filename, "inline", f"<{cid}>")
                                                             for cid, filename, content_type, data in inline)])
    body: Message = MIMEMultipart("alternative", _subparts=[_text(text, "plain"), shown])
    if attachments:
        body = MIMEMultipart("mixed", _subparts=[body, *(_file(data, content_type, filename, "attachment")
                                                        for filename, content_type, data in attachments)])
    for part in body.walk():
        if part is not body:
            del part["MIME-Version"]
    message_id = message_id_for(key, office_email)
    body["From"] = _address(office_name, office_email)
    body["To"] = ", ".join(recipients)
    body["Subject"] = _words(subject, "Subject")
    body["Date"] = format_datetime(now)
    body["Message-ID"] = message_id
    if in_reply_to:
        body["In-Reply-To"] = in_reply_to
        # RFC 5322 §3.6.4: the parent's References (the reader falls back to its In-Reply-To) and its Message-ID;
        # a long thread keeps its first message, which clients thread by, and the nine latest
        chain = list(dict.fromkeys([*references, in_reply_to]))
        body["References"] = " ".join(chain if len(chain) <= 10 else [chain[0], *chain[-9:]])
    # RFC 3834: a reply generated by a machine says so, and asks other machines not to answer it
    body["Auto-Submitted"] = "auto-replied" if in_reply_to else "auto-generated"
    body["X-Auto-Response-Suppress"] = "All"
    body[KIND_HEADER] = kind
    return Outgoing(key, kind, priority, tuple(recipients), message_id, subject, body.as_bytes(policy=MAIL_POLICY),
                    school_id, cycle_id)


def _words(text: str, name: str) -> str:
    """A header's text on lines of at most 78 characters: as it is when ASCII and short, else as RFC 2047 base64
    words of at most 75 characters broken between the text's words (see `_address`). A long ASCII text is encoded
    too: readers that do not unfold (`decode_header` on a compat32 value) would keep a fold's line break in it."""
    if text.isascii() and len(name) + 2 + len(text) <= _LINE:
        return text
    return (MAIL_POLICY.linesep + " ").join(_encoded_word(p) for p in _pieces(text, _LINE - len(name) - 2))


def _address(name: str, address: str) -> str:
    """`Name <address>`; a non-ASCII name as RFC 2047 base64 words of at most 75 characters, one a line.

    The words break between the name's words, the space carried inside the earlier one: RFC 2047 decoders (mail
    clients, `decode_header`) drop the white space between two encoded words and read the name exactly. CPython's
    `email.policy.default` keeps that white space as a space wherever the break is ("thàn h" inside a word,
    "Đào  tạo" here, a lost space with the space outside both words): none of the foldings that RFC 2047 allows reads
    exactly in both, so we follow the RFC, as every mail client does. (Encoded words inside a quoted string would
    please CPython, but RFC 2047 forbids them and `parseaddr` stops a quoted string at a fold.)
    """
    plain = formataddr((name, address))
    if name.isascii() and len("From: ") + len(plain) <= _LINE:
        return plain
    lines = [_encoded_word(piece) for piece in _pieces(name, _LINE - len("From: "))]
    tail = f"<{address}>"
    if (len("From: ") if len(lines) == 1 else 1) + len(lines[-1]) + 1 + len(tail) <= _LINE:
        lines[-1] += " " + tail
    else:
        lines.append(tail)
    return (MAIL_POLICY.linesep + " ").join(lines)


_LINE = 78  # RFC 5322: lines of at most 78 characters
_WORD = 75  # RFC 2047: an encoded word of at most 75 characters
_WRAP = len("=?utf-8?b??=")


def _encoded_word(text: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


def _fits(text: str, width: int) -> bool:
    return _WRAP + 4 * -(-len(text.encode()) // 3) <= width


def _pieces(name: str, first_width: int) -> list[str]:
    """The text cut between words into pieces whose encoded words fit (the first one beside the header's name);
    a word too long for one encoded word alone is cut between characters."""
    pieces: list[str] = []
    width = first_width
    for word in name.split(" "):
        if pieces and _fits(pieces[-1] + " " + word, width):
            pieces[-1] += " " + word
            continue
        if pieces:
            pieces[-1] += " "
            if not _fits(pieces[-1], width):  # the space goes to the next piece's start instead
                pieces[-1] = pieces[-1][:-1]
                word = " " + word
            width = _WORD
        while not _fits(word, width):
            cut = max(i for i in range(1, len(word)) if _fits(word[:i], width))
            pieces.append(word[:cut])
            word, width = word[cut:], _WORD
        pieces.append(word)
    return pieces


def _text(text: str, subtype: str) -> MIMEText:
    return MIMEText(text, subtype, "us-ascii" if text.isascii() else "utf-8")  # utf-8 bodies in base64


def _file(data: bytes, content_type: str, filename: str, disposition: str, cid: str | None = None) -> MIMEBase:
    maintype, _, subtype = content_type.partition("/")
    part = MIMEBase(maintype, subtype)
    part.set_payload(data)
    encode_base64(part)
    # RFC 2231 for a Vietnamese name (filename*=utf-8''...), as the modern API writes it
    part.add_header("Content-Disposition", disposition,
                    filename=filename if filename.isascii() else ("utf-8", "", filename))
    if cid:
        part["Content-ID"] = cid
    return part
