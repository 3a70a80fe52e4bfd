"""What waits for a person: review items (codes R<id>) and every decision taken on them, kept for the record.

Verbs over a `Store`, like ledger.py; lists and the proposal are JSON.
"""

from __future__ import annotations

import json
from typing import Any

from state.store import Row, Store, query_rows

_JSON_LISTS = ("reasons", "reason_codes")


def code_of(item_id: int) -> str:
    """How people name an item: R12."""
    return f"R{item_id}"


def open_item(store: Store, fields: Row) -> int:
    row = dict(fields)
    for key in _JSON_LISTS:
        row[key] = json.dumps(list(row.get(key) or []), ensure_ascii=False)
    if row.get("proposal") is not None:
        row["proposal"] = json.dumps(row["proposal"], ensure_ascii=False)
    columns = ", ".join(f'"{c}"' for c in row)
    cursor = store.db.execute(
        f"INSERT INTO review_items ({columns}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    return int(cursor.lastrowid or 0)


def item(store: Store, item_id: int) -> Row | None:
    rows = _items(store, "SELECT * FROM review_items WHERE id = ?", [item_id])
    return rows[0] if rows else None


def items(store: Store, *, states: tuple[str, ...] | None = ("open",), cycle_id: str | None = None) -> list[Row]:
    """Items in the given states (None: all), of one cycle or of all, oldest first."""
    wanted = list(states or ())
    marks = ", ".join("?" for _ in wanted) or "''"
    return _items(
        store,
        f"SELECT * FROM review_items WHERE (? OR state IN ({marks})) AND (? IS NULL OR cycle_id = ? OR cycle_id IS NULL)"
        " ORDER BY id",
        [states is None, *wanted, cycle_id, cycle_id],
    )


def items_of_message(store: Store, message: int) -> list[Row]:
    return _items(store, "SELECT * FROM review_items WHERE message = ? ORDER BY id", [message])


def items_of_submission(store: Store, submission: int) -> list[Row]:
    return _items(store, "SELECT * FROM review_items WHERE submission = ? ORDER BY id", [submission])


def open_items_by_school(store: Store, cycle_id: str) -> dict[str, list[Row]]:
    """The open items naming each school for the cycle (or for no cycle yet)."""
    out: dict[str, list[Row]] = {}
    for row in _items(
        store,
        "SELECT * FROM review_items WHERE state = 'open' AND school_id IS NOT NULL "
        "AND (cycle_id = ? OR cycle_id IS NULL) ORDER BY id",
        [cycle_id],
    ):
        out.setdefault(row["school_id"], []).append(row)
    return out


def link_only_schools(store: Store, cycle_id: str) -> set[str]:
    """Schools with an open link_only item for the cycle: asked for the attachment, not to be told they sent none."""
    rows = store.db.execute(
        "SELECT DISTINCT school_id FROM review_items WHERE state = 'open' AND kind = 'link_only' "
        "AND school_id IS NOT NULL AND (cycle_id = ? OR cycle_id IS NULL)", [cycle_id],
    ).fetchall()
    return {r[0] for r in rows}


def update_item(store: Store, item_id: int, **fields: Any) -> None:
    values = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in fields.items()}
    sets = ", ".join(f'"{k}" = ?' for k in values)
    store.db.execute(f"UPDATE review_items SET {sets} WHERE id = ?", [*values.values(), item_id])


def record_decision(store: Store, *, item_id: int, action: str, by: str, channel: str, at: str,
                    note: str | None, school_id: str | None, cycle_id: str | None) -> None:
    store.db.execute(
        "INSERT INTO review_decisions (item, action, by, channel, at, note, school_id, cycle_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [item_id, action, by, channel, at, note, school_id, cycle_id],
    )


def decisions(store: Store, item_id: int) -> list[Row]:
    return query_rows(store.db, "SELECT * FROM review_decisions WHERE item = ? ORDER BY id", [item_id])


def unannounced(store: Store) -> list[Row]:
    return _items(store, "SELECT * FROM review_items WHERE state = 'open' AND announced_at IS NULL ORDER BY id")


def mark_announced(store: Store, item_ids: list[int], now: str) -> None:
    for item_id in item_ids:
        store.db.execute("UPDATE review_items SET announced_at = ? WHERE id = ?", [now, item_id])


def _items(store: Store, sql: str, params: list[Any] | None = None) -> list[Row]:
    rows = query_rows(store.db, sql, params or [])
    for row in rows:
        for key in _JSON_LISTS:
            row[key] = json.loads(row[key])
        row["proposal"] = json.loads(row["proposal"]) if row["proposal"] else None
    return rows
