"""The scheduling tables: reminder ledger, ad hoc cycles, expected-school snapshots, extensions (gia hạn).

Verbs over a `Store`, like store.py; dates are ISO strings, lists JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from state.store import Row, Store, query_rows


@contextmanager
def write_transaction(store: Store) -> Iterator[Store]:
    """BEGIN IMMEDIATE: take the write lock before reading, so a check and the write it guards see one state.

    A deferred BEGIN would let another process commit between our read and our write (a submission arriving
    between "has not submitted" and "queue the reminder"). Inside a transaction already it is a savepoint.
    """
    conn = store.db.conn
    if conn.in_transaction:
        with store.atomic():
            yield store
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield store
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _rows(store: Store, sql: str, params: Iterable[Any] = ()) -> list[Row]:
    return query_rows(store.db, sql, list(params))


# reminders ------------------------------------------------------------------------------------------------


def sent_waves(store: Store, school_id: str, cycle_id: str, due: str) -> set[str]:
    rows = store.db.execute(
        "SELECT wave FROM reminders WHERE school_id = ? AND cycle_id = ? AND due = ?", [school_id, cycle_id, due]
    ).fetchall()
    return {r[0] for r in rows}


def record_reminder(store: Store, *, school_id: str, cycle_id: str, due: str, wave: str, outbox_key: str,
                    now: str) -> bool:
    """False when this (school, cycle, due, wave) is recorded already: the caller must not queue it again."""
    cursor = store.db.execute(
        "INSERT OR IGNORE INTO reminders (school_id, cycle_id, due, wave, outbox_key, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [school_id, cycle_id, due, wave, outbox_key, now],
    )
    return cursor.rowcount == 1


def reminders(store: Store, cycle_id: str | None = None) -> list[Row]:
    return _rows(store, "SELECT * FROM reminders WHERE ? IS NULL OR cycle_id = ? ORDER BY id", [cycle_id, cycle_id])


def sent_subjects(store: Store, school_id: str) -> list[str]:
    """The subjects of the mail we sent a school: a responder that drops In-Reply-To still answers one."""
    return [r["subject"] for r in _rows(store, "SELECT DISTINCT subject FROM outbox WHERE school_id = ?", [school_id])]


def submissions_created_since(store: Store, since: str | None) -> list[Row]:
    return _rows(
        store,
        "SELECT id, school_id, cycle_id, received_at, on_time, status, review_reasons, files FROM submissions "
        "WHERE counted = 1 AND superseded_by IS NULL AND (? IS NULL OR created_at > ?) ORDER BY received_at",
        [since, since],
    )


def meta_with_prefix(store: Store, prefix: str) -> dict[str, str]:
    """Meta facts whose key starts with `prefix` (e.g. "bouncing:"), keyed by the rest of the key."""
    rows = store.db.execute(
        "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ? ORDER BY key", [len(prefix), prefix]
    ).fetchall()
    return {r[0][len(prefix):]: r[1] for r in rows}


# ad hoc cycles --------------------------------------------------------------------------------------------


def add_adhoc_cycle(store: Store, *, cycle_id: str, title: str, opens: str, due: str, levels: Iterable[str],
                    attachments: Iterable[str], now: str) -> None:
    store.db.execute(
        "INSERT INTO adhoc_cycles (id, title, opens, due, levels, attachments, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [cycle_id, title, opens, due, json.dumps(list(levels)), json.dumps(list(attachments), ensure_ascii=False),
         now],
    )


def adhoc_cycles(store: Store) -> list[Row]:
    rows = _rows(store, "SELECT * FROM adhoc_cycles ORDER BY due, id")
    for row in rows:
        row["levels"] = json.loads(row["levels"])
        row["attachments"] = json.loads(row["attachments"])
    return rows


def close_adhoc_cycle(store: Store, cycle_id: str, closes: str) -> bool:
    cursor = store.db.execute("UPDATE adhoc_cycles SET closes = ? WHERE id = ?", [closes, cycle_id])
    return cursor.rowcount == 1


# expected schools -----------------------------------------------------------------------------------------


def expected_snapshot(store: Store, cycle_id: str) -> list[Row]:
    return _rows(store, "SELECT * FROM cycle_schools WHERE cycle_id = ? ORDER BY rowid", [cycle_id])


def fix_expected(store: Store, cycle_id: str, schools: Iterable[tuple[str, str, str]], now: str) -> None:
    """Record (id, name, level) of each school expected to report for the cycle; a second call adds nothing."""
    for school_id, name, level in schools:
        store.db.execute(
            "INSERT OR IGNORE INTO cycle_schools (cycle_id, school_id, name, level, fixed_at) VALUES (?, ?, ?, ?, ?)",
            [cycle_id, school_id, name, level, now],
        )


# extensions (gia hạn) -------------------------------------------------------------------------------------


def set_extension(store: Store, cycle_id: str, school_id: str, due: str | None, now: str,
                  note: str | None = None) -> None:
    """Give the school its own due date for the cycle; None takes the extension back."""
    if due is None:
        store.db.execute("DELETE FROM extensions WHERE cycle_id = ? AND school_id = ?", [cycle_id, school_id])
        return
    store.db.execute(
        "INSERT INTO extensions (cycle_id, school_id, due, note, granted_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(cycle_id, school_id) DO UPDATE SET due = excluded.due, note = excluded.note, "
        "granted_at = excluded.granted_at",
        [cycle_id, school_id, due, note, now],
    )


def extensions(store: Store, cycle_id: str) -> dict[str, str]:
    rows = store.db.execute("SELECT school_id, due FROM extensions WHERE cycle_id = ?", [cycle_id]).fetchall()
    return {r[0]: r[1] for r in rows}
