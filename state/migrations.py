"""The database schema, as named migrations: a migration, once released, is never edited."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("baocao")


@migrations(name="0001_core")
def core(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE folders (
            folder TEXT PRIMARY KEY,
            uidvalidity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            message_id TEXT,
            gm_msgid TEXT,
            size INTEGER NOT NULL,
            sender TEXT,
            sender_name TEXT,
            subject TEXT,
            date_header TEXT,
            received_at TEXT NOT NULL,
            archive_path TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'received',   -- received | processed | failed
            classification TEXT,                        -- submission | needs_review | no_attachment | auto_reply
                                                        -- | bounce | list | own | stranger | duplicate | reply_to_us
            reason TEXT,
            school_id TEXT,
            cycle_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            created_at TEXT NOT NULL,
            processed_at TEXT
        );
        CREATE INDEX messages_message_id ON messages(message_id);
        CREATE INDEX messages_gm_msgid ON messages(gm_msgid);
        CREATE INDEX messages_status ON messages(status);
        CREATE TABLE sightings (
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            message INTEGER NOT NULL REFERENCES messages(id),
            seen_at TEXT NOT NULL,
            PRIMARY KEY (folder, uidvalidity, uid)
        );
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            message INTEGER REFERENCES messages(id),
            position INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            original_name TEXT,
            safe_name TEXT NOT NULL,
            content_type TEXT,
            size INTEGER NOT NULL,
            stored_path TEXT NOT NULL,
            parse_status TEXT NOT NULL,                 -- read | problem | skipped
            report TEXT,                                -- JSON list: parse --json objects
            UNIQUE (message, position)
        );
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            school_id TEXT NOT NULL,
            cycle_id TEXT NOT NULL,
            message INTEGER REFERENCES messages(id),
            channel TEXT NOT NULL,                      -- email | zalo | paper
            received_at TEXT NOT NULL,
            on_time INTEGER NOT NULL,
            status TEXT NOT NULL,                       -- accepted | needs_review
            review_reasons TEXT NOT NULL DEFAULT '[]',
            files TEXT NOT NULL DEFAULT '[]',
            metrics TEXT NOT NULL DEFAULT '{}',
            sections TEXT NOT NULL DEFAULT '{}',
            problems TEXT NOT NULL DEFAULT '[]',
            superseded_by INTEGER REFERENCES submissions(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX submissions_school_cycle ON submissions(cycle_id, school_id);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,                   -- idempotency: kind:school:cycle:wave or kind:message
            kind TEXT NOT NULL,                         -- receipt | notice | reminder | digest | summary | alert
            priority INTEGER NOT NULL,                  -- 0 receipts, 1 office, 2 reminders
            school_id TEXT,
            cycle_id TEXT,
            recipients TEXT NOT NULL,                   -- JSON list
            message_id TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL,
            raw BLOB NOT NULL,                          -- the whole RFC 5322 message, sent as is
            status TEXT NOT NULL DEFAULT 'pending',     -- pending | sending | sent | unknown | failed | cancelled
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            not_before TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX outbox_status ON outbox(status, not_before);
        CREATE TABLE maildir_seen (
            name TEXT PRIMARY KEY,                      -- the Maildir unique name, without the ":2,..." flags
            message INTEGER NOT NULL REFERENCES messages(id)
        );
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """
    )


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction first; run statement by statement instead
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0002_schedule")
def schedule(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            school_id TEXT NOT NULL,
            cycle_id TEXT NOT NULL,
            due TEXT NOT NULL,                          -- the school's due date the wave was planned for
            wave TEXT NOT NULL,                         -- before-7 | after-1 | ...; office for the missing list
            outbox_key TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            UNIQUE (school_id, cycle_id, due, wave)
        );
        CREATE TABLE adhoc_cycles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            opens TEXT NOT NULL,
            due TEXT NOT NULL,
            levels TEXT NOT NULL,                       -- JSON list
            attachments TEXT NOT NULL DEFAULT '[]',     -- JSON list of file names sent with the request
            closes TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cycle_schools (
            cycle_id TEXT NOT NULL,
            school_id TEXT NOT NULL,
            name TEXT NOT NULL,
            level TEXT NOT NULL,
            fixed_at TEXT NOT NULL,
            PRIMARY KEY (cycle_id, school_id)
        );
        CREATE TABLE extensions (
            cycle_id TEXT NOT NULL,
            school_id TEXT NOT NULL,
            due TEXT NOT NULL,
            note TEXT,
            granted_at TEXT NOT NULL,
            PRIMARY KEY (cycle_id, school_id)
        );
        """
    )


@migrations(name="0003_lookups")
def lookups(db: Database) -> None:
    # each message asks "was this file received before?" and "how many replies went to this school today?":
    # without these, both scan their whole table, and processing slows as the years' mail accumulates
    _run(
        db,
        """
        CREATE INDEX attachments_sha256 ON attachments(sha256);
        CREATE INDEX outbox_school_created ON outbox(school_id, created_at);
        """,
    )


@migrations(name="0004_review")
def review(db: Database) -> None:
    # counted: 1 a report that counts for its school (the newest counted one is current), 0 one a person rejected;
    # trust: who vouched for it (4 the office, 3 a registered address passing authentication, 2 a registered
    # address without a result); claims never become submissions until a person accepts them
    _run(
        db,
        """
        ALTER TABLE submissions ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE submissions ADD COLUMN trust INTEGER NOT NULL DEFAULT 2;
        ALTER TABLE submissions ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE review_items (
            id INTEGER PRIMARY KEY,                     -- shown as R<id>
            message INTEGER REFERENCES messages(id),
            kind TEXT NOT NULL,                         -- claim | problem | link_only | unmatched
            cycle_id TEXT,
            school_id TEXT,                             -- the school it counts for, or would once accepted
            suggestion TEXT,                            -- a near-name school id: never counted by itself
            submission INTEGER REFERENCES submissions(id),  -- the counted submission it doubts, if any
            proposal TEXT,                              -- JSON: the submission it becomes once accepted
            reasons TEXT NOT NULL DEFAULT '[]',
            reason_codes TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL DEFAULT 'open',         -- open | accepted | rejected | assigned
            created_at TEXT NOT NULL,
            announced_at TEXT
        );
        CREATE INDEX review_items_state ON review_items(state, cycle_id);
        CREATE INDEX review_items_school ON review_items(school_id, cycle_id);
        CREATE TABLE review_decisions (
            id INTEGER PRIMARY KEY,
            item INTEGER NOT NULL REFERENCES review_items(id),
            action TEXT NOT NULL,                       -- accept | reject | assign
            by TEXT NOT NULL,                           -- a staff address, or cli
            channel TEXT NOT NULL,                      -- cli | email
            at TEXT NOT NULL,
            note TEXT,
            school_id TEXT,
            cycle_id TEXT
        );
        CREATE INDEX review_decisions_item ON review_decisions(item);
        """,
    )
