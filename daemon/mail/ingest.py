"""Mail in: fetch what is new, archive the raw bytes, record them. Nothing else happens before that."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from daemon.archive import sha256
from daemon.context import Context
from daemon.mail.maildir import read_new
from daemon.pulse import Pulse

if TYPE_CHECKING:  # imaplib, ssl, imap_tools and email load only for an IMAP mailbox (workflow._fetch)
    from daemon.mail.mailbox import FetchedMail, ImapMailbox

log = logging.getLogger(__name__)


def ingest_imap(ctx: Context, box: ImapMailbox, look_back: Callable[[], dt.date],
                pulse: Pulse | None = None) -> int:
    """Fetch every new message of every polled folder; returns how many new ones were recorded. `look_back()` is
    the first day a first poll (or one after a UIDVALIDITY change) reads.

    The pulse is beaten after each message; a stop ends the fetch there, the folder's position being that of the
    last message recorded, so the next start goes on from it."""
    pulse = pulse or Pulse()
    added = 0
    for folder in box.resolve_folders():
        if pulse.stopping:
            break
        status = box.status(folder)
        position = ctx.store.folder_position(folder)
        if position and position[0] == status.uidvalidity:
            if status.uidnext <= position[1] + 1:
                continue  # nothing new: the STATUS round trip was the whole cost
            uids = box.uids_after(folder, position[1])
        else:
            if position:
                log.warning("%s: UIDVALIDITY changed (%s -> %s); looking back from %s and matching by content",
                            folder, position[0], status.uidvalidity, look_back())
            uids = box.uids_since(folder, look_back())
        added += _fetch_folder(ctx, box, folder, status.uidvalidity, uids, pulse)
        if pulse.stopping:
            break  # not all of it fetched: the position stays at the last message recorded
        # later polls start after what was there now, including mail older than the look-back we skipped
        ctx.store.set_folder_position(folder, status.uidvalidity, status.uidnext - 1, ctx.iso_now())
    return added


def _fetch_folder(ctx: Context, box: ImapMailbox, folder: str, uidvalidity: int, uids: list[int],
                  pulse: Pulse) -> int:
    if not uids:
        return 0
    limit = box.config.max_message_mb * 1024 * 1024
    sizes = box.sizes(folder, uids)
    wanted = [u for u in uids if sizes.get(u, 0) <= limit]
    for uid in uids:
        if sizes.get(uid, 0) > limit:
            log.warning("%s UID %s: %d MB is over max_message_mb; recorded without its content",
                        folder, uid, sizes[uid] // (1024 * 1024))
            _record_oversized(ctx, folder, uidvalidity, uid, sizes[uid])
    progress = _Progress(len(wanted), folder)
    added = 0
    for mail in box.fetch(folder, uidvalidity, wanted):
        added += record_fetched(ctx, mail)
        progress.step()
        pulse.beat()
        if pulse.stopping:
            break
    progress.done()
    return added


def record_fetched(ctx: Context, mail: FetchedMail) -> int:
    """Archive (fsync'd) and record one fetched message with its mailbox position, in one transaction."""
    digest = sha256(mail.raw)
    store = ctx.store
    known = store.known_message(sha256=digest, gm_msgid=mail.gm_msgid)
    now = ctx.iso_now()
    if known:
        with store.atomic():
            store.add_sighting(mail.folder, mail.uidvalidity, mail.uid, known["id"], now)
            store.set_folder_position(mail.folder, mail.uidvalidity, mail.uid, now)
        return 0
    _, path = ctx.raw_archive.store(mail.raw, ".eml")
    with store.atomic():
        message = store.record_message(_message_fields(ctx, mail.raw, digest, str(path), mail.internal_date,
                                                       mail.gm_msgid))
        store.add_sighting(mail.folder, mail.uidvalidity, mail.uid, message, now)
        store.set_folder_position(mail.folder, mail.uidvalidity, mail.uid, now)
    return 1


def _record_oversized(ctx: Context, folder: str, uidvalidity: int, uid: int, size: int) -> None:
    note = f"X-Baocao-Oversized: {folder} UID {uid}, {size} bytes\r\n\r\n".encode()
    digest = sha256(note)
    if ctx.store.known_message(sha256=digest):
        return
    _, path = ctx.raw_archive.store(note, ".eml")
    with ctx.store.atomic():
        fields = _message_fields(ctx, note, digest, str(path), None, None)
        fields.update(status="processed", classification="too_large", processed_at=ctx.iso_now(),
                      reason=f"thư quá lớn ({size // (1024 * 1024)} MB), chưa tải về")
        message = ctx.store.record_message(fields)
        ctx.store.add_sighting(folder, uidvalidity, uid, message, ctx.iso_now())


def ingest_maildir(ctx: Context) -> int:
    root = ctx.config.mailbox.path  # type: ignore[union-attr]
    added = 0
    seen = ctx.store.maildir_seen()
    for mail in read_new(root, seen):
        digest = sha256(mail.raw)
        known = ctx.store.known_message(sha256=digest)
        with ctx.store.atomic():
            if known:
                ctx.store.add_maildir_seen(mail.name, known["id"])
                continue
            _, path = ctx.raw_archive.store(mail.raw, ".eml")
            message = ctx.store.record_message(_message_fields(ctx, mail.raw, digest, str(path), None, None,
                                                               fallback=mail.delivered))
            ctx.store.add_maildir_seen(mail.name, message)
            added += 1
    return added


def _message_fields(ctx: Context, raw: bytes, digest: str, path: str, internal: dt.datetime | None,
                    gm_msgid: str | None, fallback: dt.datetime | None = None) -> dict[str, object]:
    """The searchable facts of a message; a header that cannot be read never stops it being recorded."""
    from daemon.mail.inbound import nfc, read_envelope  # the MIME parser loads only when there is mail
    try:
        envelope = read_envelope(raw, ctx.tz)
        sender, name, subject = envelope.sender, envelope.sender_name, envelope.subject
        message_id, date = envelope.message_id, envelope.date
        arrived = internal or envelope.arrived or envelope.date
    except Exception as e:  # noqa: BLE001 - hostile mail must still be archived and recorded
        log.warning("message %s: headers unreadable (%s); recorded for a person to look at", digest[:12], e)
        sender = name = subject = ""
        message_id, date, arrived = None, None, internal
    received = (arrived or fallback or ctx.now()).astimezone(ctx.tz)
    return {
        "sha256": digest, "message_id": message_id, "gm_msgid": gm_msgid, "size": len(raw),
        "sender": sender, "sender_name": nfc(name)[:200], "subject": subject[:500],
        "date_header": date.isoformat() if date else None, "received_at": received.isoformat(),
        "archive_path": path, "status": "received", "created_at": ctx.iso_now(),
    }


class _Progress:
    """A progress line on a terminal for a long first poll; silent under systemd."""

    def __init__(self, total: int, folder: str):
        self.total, self.folder, self.count = total, folder, 0
        self.visible = total >= 50 and sys.stderr.isatty()
        self.step_size = max(1, total // 100)

    def step(self) -> None:
        self.count += 1
        if self.visible and (self.count % self.step_size == 0 or self.count == self.total):
            filled = self.count * 30 // self.total
            sys.stderr.write(f"\r{self.folder}: [{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.visible:
            sys.stderr.write("\n")
