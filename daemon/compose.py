"""Building the emails baocao sends: Jinja2 text + HTML, stable Message-ID, headers that stop mail loops."""

from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.charset import BASE64, Charset
from email.encoders import encode_base64
from email.header import Header
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
    return env


def vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def vn_datetime(value: dt.datetime | None) -> str:
    return value.strftime("%H:%M ngày %d/%m/%Y") if value else ""


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
    body["Subject"] = _words(subject, "Subject")  # type: ignore[assignment]  # compat32 takes a Header
    body["Date"] = format_datetime(now)
    body["Message-ID"] = message_id
    if in_reply_to:
        body["In-Reply-To"] = in_reply_to
        body["References"] = " ".join([*references, in_reply_to][-10:])
    # RFC 3834: a reply generated by a machine says so, and asks other machines not to answer it
    body["Auto-Submitted"] = "auto-replied" if in_reply_to else "auto-generated"
    body["X-Auto-Response-Suppress"] = "All"
    body[KIND_HEADER] = kind
    return Outgoing(key, kind, priority, tuple(recipients), message_id, subject, body.as_bytes(policy=MAIL_POLICY),
                    school_id, cycle_id)


_UTF8 = Charset("utf-8")
_UTF8.header_encoding = BASE64  # Vietnamese in Q-encoding is longer still


def _words(text: str, name: str) -> str | Header:
    """A header's text: as it is when ASCII, else RFC 2047 base64 words of at most 75 characters, split between
    characters, never inside one (decoders join adjacent words without a space, so none is lost)."""
    return text if text.isascii() else Header(text, _UTF8, header_name=name)


def _address(name: str, address: str) -> str:
    # one encoded word however long (as Gmail writes a long name): CPython's own address parser, unlike RFC 2047,
    # puts a space between two adjacent words and would read "thàn h"
    return formataddr((name, address), charset="utf-8")


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
