"""The store's connection: sqlite3 with sqlite-utils' transaction rules, sqlite-utils itself loaded only on demand."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

Row = dict[str, Any]
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


def query_rows(db: Db, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
    """The rows of a SELECT as dicts. Not `db.query`: it wraps every read in a savepoint, two more statements."""
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
