"""Reading one raw inbound mail: headers, sender, dates, attachments, and whether a machine sent it."""

from __future__ import annotations

import datetime as dt
import email
import email.errors
import email.parser
import email.policy
import re
import unicodedata
from dataclasses import dataclass, field
from email.contentmanager import raw_data_manager
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

_DRIVE_LINK = re.compile(r"https?://(?:drive|docs)\.google\.com/\S+|https?://(?:1drv\.ms|onedrive\.live\.com)/\S+")
_AUTO_SUBJECT = re.compile(
    r"^\s*(auto(matic)?[ -]?reply|auto:|out of (the )?office|autosvar|réponse automatique|abwesenheit|"
    r"trả lời tự động|thư trả lời tự động|delivery status notification|undeliver|mail delivery fail|"
    r"returned mail|failure notice)",
    re.IGNORECASE,
)
_SYSTEM_LOCAL = re.compile(r"^(mailer-daemon|postmaster|listserv|majordomo|owner-.*|.*-request|no-?reply|do-?not-?reply)$",
                           re.IGNORECASE)
_LIST_HEADERS = ("List-Id", "List-Owner", "List-Subscribe", "List-Post", "List-Unsubscribe", "List-Help",
                 "List-Archive")
_MSGID = re.compile(r"<[^<>\s]+>")
_UNFOLD = re.compile(r"\r?\n[ \t]+")
# what the stdlib's header and content parsers raise on hostile input (CPython's own bugs included: an unfinished
# RFC 2231 parameter raises IndexError, a charset holding a NUL raises ValueError)
_MALFORMED = (ValueError, IndexError, AttributeError, TypeError, LookupError, AssertionError, email.errors.MessageError)


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


@dataclass(frozen=True)
class Attachment:
    filename: str | None  # decoded, NFC; may be None or hostile: never used as a path
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Inbound:
    message_id: str | None
    sender: str  # the From address, lower-case ("" when there is none)
    sender_name: str
    subject: str
    date: dt.datetime | None  # the Date header, aware
    arrived: dt.datetime | None  # the newest Received: header's date, aware
    in_reply_to: tuple[str, ...]  # the ids of In-Reply-To and References: is it an answer to one of our mails?
    return_path: str | None
    auto: tuple[str, str] | None  # (kind, reason): kind is auto_reply | bounce | list
    bounced_recipients: tuple[str, ...]
    auth_results: tuple[str, ...]  # Authentication-Results fields, topmost first
    body: str
    attachments: tuple[Attachment, ...] = field(default=())
    ours: bool = False  # it carries our X-Baocao-Kind header: a mail this mailbox sent, come back
    references: tuple[str, ...] = ()  # its References, else its one In-Reply-To: what an answer's References begin with

    @property
    def drive_links(self) -> tuple[str, ...]:
        return tuple(_DRIVE_LINK.findall(self.body))


@dataclass(frozen=True)
class Envelope:
    """What the mailbox index needs of a message, read from its headers alone (the body is not parsed)."""

    message_id: str | None
    sender: str
    sender_name: str
    subject: str
    date: dt.datetime | None
    arrived: dt.datetime | None


# Mail is split into parts by the stdlib's compat32 parser, which leaves header values as they came. The modern
# policy builds a parsed object for every header each time one is read (Content-Type alone a dozen times per mail:
# two thirds of reading a report mail) and can raise while splitting a hostile mail. Here only the two headers a
# person reads, From and Subject, and file names go through full decoding; machine fields are read raw.
_PARSE = email.policy.compat32
_DECODE = email.policy.default


def read_envelope(raw: bytes, tz: dt.tzinfo = dt.UTC) -> Envelope:
    """`tz`: the office's zone, for a Date or Received stamp written without one (RFC 5322's "-0000")."""
    msg = email.parser.BytesHeaderParser(policy=_PARSE).parsebytes(raw)
    name, addr = _from(msg)
    return Envelope(_first_msgid(_raw(msg, "Message-ID")), addr, name, nfc(_header(msg, "Subject")),
                    _date(_raw(msg, "Date"), tz), _arrived(msg, tz))


def read_inbound(raw: bytes, tz: dt.tzinfo = dt.UTC) -> Inbound:
    msg = email.message_from_bytes(raw, policy=_PARSE)
    name, addr = _from(msg)
    return Inbound(
        message_id=_first_msgid(_raw(msg, "Message-ID")),
        sender=addr,
        sender_name=name,
        subject=nfc(_header(msg, "Subject")),
        date=_date(_raw(msg, "Date"), tz),
        arrived=_arrived(msg, tz),
        in_reply_to=tuple(_MSGID.findall(_raw(msg, "In-Reply-To") + " " + _raw(msg, "References"))),
        return_path=_return_path(msg),
        auto=_automatic(msg, addr),
        bounced_recipients=_bounced(msg),
        auth_results=tuple(_raw_all(msg, "Authentication-Results")),
        body=_body_text(msg),
        attachments=tuple(_attachments(msg)),
        ours=bool(_raw(msg, "X-Baocao-Kind")),
        references=_references(msg),
    )


def _references(msg: Message) -> tuple[str, ...]:
    """RFC 5322 §3.6.4: the parent's References, or when it has none, its In-Reply-To if that names one message."""
    found = tuple(_MSGID.findall(_raw(msg, "References")))
    parent = tuple(_MSGID.findall(_raw(msg, "In-Reply-To")))
    return found or (parent if len(parent) == 1 else ())


def _header(msg: Message, name: str) -> str:
    """The first `name` header decoded as the modern policy does (RFC 2047 words, 8-bit bytes), else as it came."""
    wanted = name.lower()
    value = next((v for k, v in msg.raw_items() if k.lower() == wanted), None)
    if value is None:
        return ""
    try:
        return str(_DECODE.header_fetch_parse(name, value))
    except _MALFORMED:
        return str(value)


def _raw_all(msg: Message, name: str) -> list[str]:
    """Header values as they came, unfolded, not decoded: for machine fields (ids, dates, flags), where the
    default policy's full parse of each header costs more than everything else in reading a mail."""
    wanted = name.lower()
    # 8-bit bytes arrive as surrogates (surrogateescape): back to bytes, then read as UTF-8, so nothing
    # unencodable reaches the database
    return [_UNFOLD.sub(" ", str(v).encode("utf-8", "surrogateescape").decode("utf-8", "replace")).strip()
            for k, v in msg.raw_items() if k.lower() == wanted]


def _raw(msg: Message, name: str) -> str:
    found = _raw_all(msg, name)
    return found[0] if found else ""


def _from(msg: Message) -> tuple[str, str]:
    text = _header(msg, "From")
    try:
        pairs = getaddresses([text])
    except (ValueError, IndexError):
        pairs = [parseaddr(text)]
    name, addr = pairs[0] if pairs else ("", "")
    return nfc(name), addr.strip().lower()


def _first_msgid(value: str) -> str | None:
    found = _MSGID.search(value)
    return found.group(0) if found else (value.strip() or None)


def _date(value: str, tz: dt.tzinfo) -> dt.datetime | None:
    """A date header, aware; one without a zone is taken in `tz` (a school's clock, not UTC)."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _arrived(msg: Message, tz: dt.tzinfo) -> dt.datetime | None:
    """The topmost Received stamp: when the last server, ours, took the mail."""
    for received in _raw_all(msg, "Received"):
        _, _, stamp = received.rpartition(";")
        when = _date(stamp.strip(), tz)
        if when:
            return when
    return None


def _return_path(msg: Message) -> str | None:
    value = _raw(msg, "Return-Path")
    if not value:
        return None
    return parseaddr(value)[1].lower() if value.strip() not in ("<>", "") else ""


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except _MALFORMED:
        return "application/octet-stream"


def _filename(part: Message) -> str | None:
    # the modern policy's reading, which decodes raw UTF-8, RFC 2231 and (against the RFC, as Outlook and Gmail's
    # web client send them) RFC 2047 words in quotes; it stores header values as compat32 does, so a view over the
    # same list reads them exactly as a modern parse would have
    view = EmailMessage(policy=_DECODE)
    view._headers = part._headers  # type: ignore[attr-defined]
    try:
        return view.get_filename()
    except _MALFORMED:
        return None


def _automatic(msg: Message, sender: str) -> tuple[str, str] | None:
    """RFC 3834 and the habits of mature responders: mail that a machine sent is never answered."""
    content_type = _content_type(msg)
    try:
        report_type = (msg.get_param("report-type") or "") if content_type == "multipart/report" else ""
    except _MALFORMED:
        report_type = ""
    if content_type == "multipart/report" and "delivery-status" in str(report_type).lower():
        return "bounce", "thư báo lỗi gửi thư (DSN)"
    if _raw(msg, "X-Failed-Recipients"):
        return "bounce", "thư báo lỗi gửi thư (X-Failed-Recipients)"
    local = sender.split("@")[0] if sender else ""
    if local.lower() in ("mailer-daemon", "postmaster"):
        return "bounce", f"thư từ {sender}"
    return_path = _return_path(msg)
    if return_path == "":
        return "auto_reply", "Return-Path rỗng (<>)"
    auto_submitted = _raw(msg, "Auto-Submitted").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return "auto_reply", f"Auto-Submitted: {auto_submitted}"
    if _raw(msg, "X-Autoreply") or _raw(msg, "X-Autorespond"):
        return "auto_reply", "thư trả lời tự động (X-Autoreply)"
    precedence = _raw(msg, "Precedence").strip().lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return ("list" if precedence == "list" else "auto_reply"), f"Precedence: {precedence}"
    for name in _LIST_HEADERS:
        if _raw(msg, name):
            return "list", f"thư từ danh sách thư ({name})"
    if local and _SYSTEM_LOCAL.match(local):
        return "auto_reply", f"địa chỉ hệ thống {sender}"
    if _AUTO_SUBJECT.match(nfc(_header(msg, "Subject"))):
        return "auto_reply", "tiêu đề của thư trả lời tự động"
    return None


def _bounced(msg: Message) -> tuple[str, ...]:
    found = [a.strip().lower() for a in _raw(msg, "X-Failed-Recipients").split(",") if a.strip()]
    for part in msg.walk():
        if _content_type(part) != "message/delivery-status":
            continue
        payload = part.get_payload()
        blocks = payload if isinstance(payload, list) else []
        for block in blocks:
            if not isinstance(block, Message):
                continue
            for name in ("Final-Recipient", "Original-Recipient"):
                value = _header(block, name)
                if ";" in value:
                    found.append(value.split(";", 1)[1].strip().lower())
    return tuple(dict.fromkeys(found))


def _body_text(msg: Message) -> str:
    parts = []
    for part in msg.walk():
        content_type = _content_type(part)
        if content_type.startswith("multipart/") or _filename(part):
            continue
        if content_type in ("text/plain", "text/html"):
            try:
                text = raw_data_manager.get_content(part)
            except _MALFORMED:
                payload = part.get_payload(decode=True)
                text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
            parts.append(text if isinstance(text, str) else "")
    return nfc("\n".join(parts))[:200_000]


def _attachments(msg: Message) -> list[Attachment]:
    out = []
    for part in msg.walk():
        content_type = _content_type(part)
        if part.is_multipart() or content_type.startswith("message/"):
            continue  # a forwarded message/rfc822 is walked into: its files count
        filename = _filename(part)
        try:
            disposition = (part.get_content_disposition() or "").lower()
        except _MALFORMED:
            disposition = "attachment"
        if filename is None and disposition != "attachment" and content_type.startswith("text/"):
            continue  # the body
        if filename is None and disposition != "attachment" and content_type.startswith("image/") and \
                _raw(part, "Content-ID"):
            continue  # a logo in an HTML signature
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or not data and filename is None:
            continue
        out.append(Attachment(nfc(filename) if filename else None, content_type, data))
    return out
