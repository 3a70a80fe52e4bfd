"""The SQLite store: the only code that speaks SQL. Verbs over plain values; times are ISO 8601 with offset."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sqlite_utils import Database

Row = dict[str, Any]

# a second process waits this long for the write lock instead of failing at once
_BUSY_TIMEOUT_MS = 10_000
# the schema is up to date when the database holds this digest of the migrations' code: an idle poll then never
# loads sqlite-utils (and its ~50 ms of imports) only to learn that nothing is to migrate
_MIGRATIONS = Path(__file__).with_name("migrations.py")
_STAMP_KEY = "schema_stamp"
_SAVEPOINTS = itertools.count()
_CONTROL = ("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE")


class Db:
    """The store's connection with sqlite-utils' transaction rules (a write outside a transaction commits at once;
    `atomic()` nests as savepoints), without importing sqlite-utils. Any other sqlite-utils `Database` attribute
    (`query`, `table`, ...) is answered by a `Database` over the same connection, loaded on first use."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: Database | None = None

    @property
    def full(self) -> Database:
        if self._full is None:
            from state import load_sqlite_utils

            self._full = load_sqlite_utils().Database(self.conn)
        return self._full

    def __getattr__(self, name: str) -> Any:
        return getattr(self.full, name)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, params)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if not was_in_transaction and self.conn.in_transaction and cursor.description is None and \
                sql.lstrip().split(None, 1)[0].upper() not in _CONTROL:
            self.conn.execute("COMMIT")
        return cursor

    @contextmanager
    def atomic(self) -> Iterator[Db]:
        if self.conn.in_transaction:
            savepoint = f"store_{next(_SAVEPOINTS)}"
            self.conn.execute(f'SAVEPOINT "{savepoint}"')
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f'ROLLBACK TO SAVEPOINT "{savepoint}"')
                    self.conn.execute(f'RELEASE SAVEPOINT "{savepoint}"')
                raise
            self.conn.execute(f'RELEASE SAVEPOINT "{savepoint}"')
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


class Store:
    def __init__(self, path: Path | None = None):
        """Open (and migrate) the database at `path`; None gives an in-memory one for tests."""
        self.db = Db(sqlite3.connect(str(path) if path else ":memory:"))
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if path and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = wal")
        # FULL: the ledger of received reports and sent mail must survive a power cut, not only a crash
        conn.execute("PRAGMA synchronous = FULL")
        stamp = hashlib.sha256(_MIGRATIONS.read_bytes()).hexdigest()
        if self._stamp() != stamp:
            full = self.db.full  # first: sqlite-utils loaded without numpy, before migrations.py imports it
            from state.migrations import migrations

            migrations.apply(full)
            self.set_meta(_STAMP_KEY, stamp)

    def _stamp(self) -> str | None:
        try:
            return self.get_meta(_STAMP_KEY)
        except sqlite3.OperationalError:  # a new database: no meta table yet
            return None

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        with self.db.atomic():
            yield self

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        return query_rows(self.db, sql, params)

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def integrity_check(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])

    # mailbox position -------------------------------------------------------------------------------------

    def folder_position(self, folder: str) -> tuple[int, int] | None:
        row = self._one("SELECT uidvalidity, last_uid FROM folders WHERE folder = ?", [folder])
        return (row["uidvalidity"], row["last_uid"]) if row else None

    def set_folder_position(self, folder: str, uidvalidity: int, last_uid: int, now: str) -> None:
        self.db.execute(
            "INSERT INTO folders (folder, uidvalidity, last_uid, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
            "last_uid = MAX(CASE WHEN folders.uidvalidity = excluded.uidvalidity THEN folders.last_uid ELSE 0 END,"
            " excluded.last_uid), updated_at = excluded.updated_at",
            [folder, uidvalidity, last_uid, now],
        )

    # inbound messages --------------------------------------------------------------------------------------

    def known_message(self, *, sha256: str, gm_msgid: str | None = None) -> Row | None:
        row = self._one("SELECT * FROM messages WHERE sha256 = ?", [sha256])
        if row is None and gm_msgid:
            row = self._one("SELECT * FROM messages WHERE gm_msgid = ?", [gm_msgid])
        return row

    def message_with_id(self, message_id: str, *, other_than: int) -> Row | None:
        return self._one(
            "SELECT * FROM messages WHERE message_id = ? AND id != ? ORDER BY id LIMIT 1", [message_id, other_than]
        )

    def record_message(self, fields: Row) -> int:
        return self._insert("messages", fields)

    def _insert(self, table: str, row: Row, *, or_ignore: bool = False) -> int:
        """One row of our own making (its keys are column names, its values plain): a single statement, where
        sqlite-utils' insert() first reads the table's schema."""
        columns = ", ".join(f'"{c}"' for c in row)
        cursor = self.db.execute(
            f'INSERT {"OR IGNORE " if or_ignore else ""}INTO "{table}" ({columns}) '
            f"VALUES ({', '.join('?' for _ in row)})", list(row.values()))
        return cast(int, cursor.lastrowid) if cursor.rowcount == 1 else 0

    def add_sighting(self, folder: str, uidvalidity: int, uid: int, message: int, now: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sightings (folder, uidvalidity, uid, message, seen_at) VALUES (?, ?, ?, ?, ?)",
            [folder, uidvalidity, uid, message, now],
        )

    def maildir_seen(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT name FROM maildir_seen").fetchall()}

    def add_maildir_seen(self, name: str, message: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO maildir_seen (name, message) VALUES (?, ?)", [name, message])

    def message(self, message: int) -> Row:
        row = self._one("SELECT * FROM messages WHERE id = ?", [message])
        if row is None:
            raise KeyError(message)
        return row

    def messages_to_process(self, max_attempts: int, *, after: int = 0, limit: int = -1) -> list[Row]:
        """Messages still to do, by id: those after `after`, at most `limit` (-1: all)."""
        return self._rows(
            "SELECT * FROM messages WHERE (status = 'received' OR (status = 'failed' AND attempts < ?)) AND id > ? "
            "ORDER BY id LIMIT ?",
            [max_attempts, after, limit],
        )

    def finish_message(self, message: int, *, classification: str, reason: str | None, school_id: str | None,
                       cycle_id: str | None, now: str) -> None:
        self.db.execute(
            "UPDATE messages SET status = 'processed', classification = ?, reason = ?, school_id = ?, cycle_id = ?, "
            "error = NULL, processed_at = ? WHERE id = ?",
            [classification, reason, school_id, cycle_id, now, message],
        )

    def fail_message(self, message: int, error: str, now: str) -> int:
        self.db.execute(
            "UPDATE messages SET status = 'failed', attempts = attempts + 1, error = ?, processed_at = ? WHERE id = ?",
            [error[:2000], now, message],
        )
        return int(self.message(message)["attempts"])

    def failed_messages(self) -> list[Row]:
        return self._rows("SELECT * FROM messages WHERE status = 'failed' ORDER BY id")

    def unmatched_messages(self, since: str | None = None) -> list[Row]:
        """Mail that counts for no school: ignored, unreadable, or waiting for a person; never our own."""
        return self._rows(
            "SELECT * FROM messages WHERE (status = 'failed' OR (status = 'processed' "
            "AND classification NOT IN ('own', 'staff_command') "
            "AND id NOT IN (SELECT message FROM submissions WHERE message IS NOT NULL AND counted = 1) "
            "AND id NOT IN (SELECT message FROM review_items WHERE school_id IS NOT NULL AND message IS NOT NULL))) "
            "AND (? IS NULL OR received_at >= ?) ORDER BY received_at",
            [since, since],
        )

    def archive_paths(self) -> set[str]:
        rows = self.db.execute(
            "SELECT archive_path FROM messages UNION SELECT stored_path FROM attachments"
        ).fetchall()
        return {r[0] for r in rows}

    def count(self, table: str) -> int:
        return int(self.db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])

    # attachments -------------------------------------------------------------------------------------------

    def replace_attachments(self, message: int, attachments: Sequence[Row]) -> None:
        self.db.execute("DELETE FROM attachments WHERE message = ?", [message])
        for position, fields in enumerate(attachments):
            row = {**fields, "message": message, "position": position}
            row["report"] = json.dumps(row.get("report"), ensure_ascii=False) if row.get("report") is not None else None
            self._insert("attachments", row)

    def attachments(self, message: int) -> list[Row]:
        rows = self._rows("SELECT * FROM attachments WHERE message = ? ORDER BY position", [message])
        for row in rows:
            row["report"] = json.loads(row["report"]) if row["report"] else None
        return rows

    # submissions -------------------------------------------------------------------------------------------

    def record_submission(self, fields: Row) -> int:
        """Insert a submission; the school's newest counted one for the cycle becomes current, the rest are kept."""
        row = dict(fields)
        for key in ("review_reasons", "files", "problems", "notes"):
            row[key] = json.dumps(list(row.get(key) or []), ensure_ascii=False)
        for key in ("metrics", "sections"):
            row[key] = json.dumps(dict(row.get(key) or {}), ensure_ascii=False)
        new_id = self._insert("submissions", row)
        self.refresh_current(row["cycle_id"], row["school_id"])
        return new_id

    def refresh_current(self, cycle_id: str, school_id: str) -> None:
        """Chain the school's counted submissions by arrival: each superseded by the next, the newest current.

        Derived again after every change (a new report, a rejection, a reassignment), so that a report arriving
        out of order never hides a newer one and a rejected one gives the current place back to the one before.
        """
        rows = self.db.execute(
            "SELECT id, counted FROM submissions WHERE cycle_id = ? AND school_id = ? ORDER BY received_at, id",
            [cycle_id, school_id],
        ).fetchall()
        counted = [r[0] for r in rows if r[1]]
        following = dict(zip(counted, [*counted[1:], None], strict=False))  # an empty chain has no None
        for sub_id, _ in rows:
            self.db.execute("UPDATE submissions SET superseded_by = ? WHERE id = ?", [following.get(sub_id), sub_id])

    def current_submissions(self, cycle_id: str) -> dict[str, Row]:
        rows = self._rows(
            "SELECT * FROM submissions WHERE cycle_id = ? AND counted = 1 AND superseded_by IS NULL "
            "ORDER BY received_at", [cycle_id]
        )
        return {row["school_id"]: _decode_submission(row) for row in rows}

    def current_submission(self, cycle_id: str, school_id: str) -> Row | None:
        row = self._one(
            "SELECT * FROM submissions WHERE cycle_id = ? AND school_id = ? AND counted = 1 AND superseded_by IS NULL",
            [cycle_id, school_id],
        )
        return _decode_submission(row) if row else None

    def has_current_submission(self, cycle_id: str, school_id: str) -> bool:
        return self.current_submission(cycle_id, school_id) is not None

    def first_counted_submission(self, cycle_id: str, school_id: str) -> Row | None:
        """The school's first report that counts: it alone decides on time or late."""
        row = self._one(
            "SELECT * FROM submissions WHERE cycle_id = ? AND school_id = ? AND counted = 1 "
            "ORDER BY received_at, id LIMIT 1", [cycle_id, school_id],
        )
        return _decode_submission(row) if row else None

    def submission(self, sub_id: int) -> Row:
        row = self._one("SELECT * FROM submissions WHERE id = ?", [sub_id])
        if row is None:
            raise KeyError(sub_id)
        return _decode_submission(row)

    def update_submission(self, sub_id: int, **fields: Any) -> None:
        """Change a submission's counted, status, trust, school, cycle, files, metrics or notes; chains refreshed."""
        before = self.submission(sub_id)
        values = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in fields.items()}
        sets = ", ".join(f'"{k}" = ?' for k in values)
        self.db.execute(f"UPDATE submissions SET {sets} WHERE id = ?", [*values.values(), sub_id])
        after = self.submission(sub_id)
        for cycle_id, school_id in {(before["cycle_id"], before["school_id"]), (after["cycle_id"], after["school_id"])}:
            self.refresh_current(cycle_id, school_id)

    def submission_files(self, sub_id: int) -> set[str]:
        """The sha256 of every file of the submission's message."""
        rows = self.db.execute(
            "SELECT a.sha256 FROM submissions s JOIN attachments a ON a.message = s.message WHERE s.id = ?", [sub_id]
        ).fetchall()
        return {r[0] for r in rows}

    def submissions(self, cycle_id: str | None = None) -> list[Row]:
        rows = self._rows(
            "SELECT * FROM submissions WHERE ? IS NULL OR cycle_id = ? ORDER BY id", [cycle_id, cycle_id]
        )
        return [_decode_submission(r) for r in rows]

    # outbox ------------------------------------------------------------------------------------------------

    def enqueue(self, fields: Row) -> bool:
        """Queue one email; False when one with the same key exists already (the re-run case)."""
        return self._insert("outbox", {**fields, "recipients": json.dumps(list(fields["recipients"]))},
                            or_ignore=True) != 0

    def outbox_due(self, now: str) -> list[Row]:
        rows = self._rows(
            "SELECT * FROM outbox WHERE status = 'pending' AND not_before <= ? ORDER BY priority, id", [now]
        )
        return [_decode_outbox(r) for r in rows]

    def outbox(self, status: str | None = None) -> list[Row]:
        rows = self._rows("SELECT * FROM outbox WHERE ? IS NULL OR status = ? ORDER BY id", [status, status])
        return [_decode_outbox(r) for r in rows]

    def outbox_key_exists(self, key: str) -> bool:
        return self._one("SELECT 1 AS x FROM outbox WHERE key = ?", [key]) is not None

    def set_outbox_status(self, row_id: int, status: str, *, now: str, error: str | None = None,
                          not_before: str | None = None, count_attempt: bool = False) -> None:
        self.db.execute(
            "UPDATE outbox SET status = ?, last_error = COALESCE(?, last_error), "
            "not_before = COALESCE(?, not_before), attempts = attempts + ?, "
            "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
            [status, error, not_before, 1 if count_attempt else 0, status, now, row_id],
        )

    def recipients_sent_since(self, since: str) -> int:
        rows = self.db.execute(
            "SELECT recipients FROM outbox WHERE status IN ('sent', 'sending', 'unknown') AND "
            "COALESCE(sent_at, created_at) >= ?",
            [since],
        ).fetchall()
        return sum(len(json.loads(r[0])) for r in rows)

    def oldest_sent_since(self, since: str) -> str | None:
        row = self.db.execute("SELECT MIN(sent_at) FROM outbox WHERE status = 'sent' AND sent_at >= ?",
                              [since]).fetchone()
        return row[0] if row else None

    def receipts_for_school_since(self, school_id: str, since: str) -> int:
        row = self.db.execute(
            "SELECT COUNT(*) FROM outbox WHERE school_id = ? AND kind IN ('receipt', 'notice') AND created_at >= ?",
            [school_id, since],
        ).fetchone()
        return int(row[0])

    def our_message_ids(self, ids: Sequence[str]) -> bool:
        if not ids:
            return False
        marks = ", ".join("?" for _ in ids)
        return self._one(f"SELECT 1 AS x FROM outbox WHERE message_id IN ({marks})", list(ids)) is not None

    # small key/value facts (send pause, auth failure, last good poll) ---------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", [key])
        return row["value"] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", [key])
        else:
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


def query_rows(db: Db, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
    """The rows of a SELECT as dicts. Not `db.query`: it wraps every read in a savepoint, two more statements."""
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _decode_submission(row: Row) -> Row:
    for key in ("review_reasons", "files", "metrics", "sections", "problems", "notes"):
        row[key] = json.loads(row[key])
    row["on_time"] = bool(row["on_time"])
    return row


def _decode_outbox(row: Row) -> Row:
    row["recipients"] = json.loads(row["recipients"])
    return row


def is_locked_error(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
