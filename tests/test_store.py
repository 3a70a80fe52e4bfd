"""The store on a real SQLite file: WAL + FULL, migrations, supersession, the outbox's unique key."""

from __future__ import annotations

from pathlib import Path

from state.store import Store


def submission(school: str, received: str, **extra: object) -> dict[str, object]:
    return {"school_id": school, "cycle_id": "c", "message": None, "channel": "email", "received_at": received,
            "on_time": True, "status": "accepted", "created_at": received, **extra}


def test_durability_settings_and_migrations_run_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2
    store.close()
    again = Store(tmp_path / "db.sqlite")
    assert again.integrity_check() == "ok"
    assert [r[0] for r in again.db.execute("SELECT name FROM _sqlite_migrations")].count("0001_core") == 1


def test_a_later_report_supersedes_and_an_older_retry_never_hides_it() -> None:
    store = Store()
    first = store.record_submission(submission("a", "2024-11-10T08:00:00+07:00"))
    second = store.record_submission(submission("a", "2024-11-12T08:00:00+07:00"))
    late_retry = store.record_submission(submission("a", "2024-11-11T08:00:00+07:00"))
    assert store.current_submissions("c")["a"]["id"] == second
    rows = {r["id"]: r["superseded_by"] for r in store.submissions("c")}
    assert rows == {first: late_retry, second: None, late_retry: second}  # a chain by arrival


def test_a_rejected_report_gives_the_current_place_back_to_the_one_before() -> None:
    store = Store()
    original = store.record_submission(submission("a", "2024-11-10T08:00:00+07:00"))
    wrong = store.record_submission(submission("a", "2024-11-12T08:00:00+07:00"))
    assert store.current_submissions("c")["a"]["id"] == wrong
    store.update_submission(wrong, counted=0)
    assert store.current_submissions("c")["a"]["id"] == original
    assert store.first_counted_submission("c", "a")["id"] == original  # type: ignore[index]
    store.update_submission(original, counted=0)
    assert store.current_submissions("c") == {}


def test_the_outbox_key_makes_a_rerun_harmless() -> None:
    store = Store()
    row = {"key": "receipt:x", "kind": "receipt", "priority": 0, "recipients": ["a@x.vn"], "message_id": "<m@x>",
           "subject": "s", "raw": b"raw", "not_before": "2024-01-01T00:00:00+07:00",
           "created_at": "2024-01-01T00:00:00+07:00"}
    assert store.enqueue(row) is True
    assert store.enqueue(row) is False
    assert len(store.outbox()) == 1
