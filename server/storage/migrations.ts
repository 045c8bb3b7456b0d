// The database schema as an ordered list of migrations. PRAGMA user_version records how many
// have run; opening a database applies the missing ones, each in its own transaction.
// Append new migrations at the end; never edit one that has shipped.
import type Database from "better-sqlite3";

export interface Migration {
  /** 1, 2, 3… in order; after it runs, PRAGMA user_version equals this. */
  version: number;
  description: string;
  sql: string;
}

/** PRAGMA application_id of our files ("CkPy"), so a foreign SQLite file is never migrated. */
export const APPLICATION_ID = 0x436b5079;

// Conventions: times are epoch milliseconds (INTEGER); JSON columns are TEXT checked by
// json_valid; STRICT tables so a wrong type fails the write instead of being stored.
// Guest ids are the room's ids (GuestBook), unique within a session.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "sessions, players, rounds, cards, submissions, attention rows, scores",
    sql: `
      PRAGMA application_id = ${APPLICATION_ID};

      CREATE TABLE sessions (
        id            TEXT PRIMARY KEY,
        code          TEXT NOT NULL,
        host_key_hash TEXT NOT NULL,               -- hex SHA-256 of the host key
        created_at    INTEGER NOT NULL,
        ended_at      INTEGER,
        status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ended')),
        settings      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings))
      ) STRICT;
      -- A join code names at most one unfinished session, so resuming by code is unambiguous.
      CREATE UNIQUE INDEX sessions_open_code ON sessions (code) WHERE status = 'open';
      CREATE INDEX sessions_host_key ON sessions (host_key_hash);

      CREATE TABLE players (
        session_id         TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        guest_id           TEXT NOT NULL,
        name               TEXT NOT NULL,
        seat               INTEGER NOT NULL,
        rejoin_secret_hash TEXT NOT NULL,          -- hex SHA-256 of the phone's rejoin secret
        is_kicked          INTEGER NOT NULL DEFAULT 0 CHECK (is_kicked IN (0, 1)),
        joined_at          INTEGER NOT NULL,
        PRIMARY KEY (session_id, guest_id),
        UNIQUE (session_id, seat)
      ) STRICT;

      CREATE TABLE rounds (
        id              INTEGER PRIMARY KEY,
        session_id      TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        number          INTEGER NOT NULL CHECK (number >= 1),
        type            TEXT NOT NULL,
        phase           TEXT NOT NULL DEFAULT 'brief' CHECK (phase IN ('brief', 'write', 'reveal', 'scores')),
        is_writing_open INTEGER NOT NULL DEFAULT 0 CHECK (is_writing_open IN (0, 1)),
        phase_ends_at   INTEGER,                   -- when the writing timer runs out; NULL = no timer
        started_at      INTEGER NOT NULL,
        revealed_at     INTEGER,
        settings        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
        UNIQUE (session_id, number)
      ) STRICT;

      CREATE TABLE cards (
        round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        guest_id TEXT NOT NULL,
        need_id  TEXT NOT NULL,
        offer_id TEXT NOT NULL,
        PRIMARY KEY (round_id, guest_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE submissions (
        round_id      INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        guest_id      TEXT NOT NULL,
        query         TEXT NOT NULL,
        key           TEXT NOT NULL,
        value         TEXT NOT NULL,
        unknown_words TEXT NOT NULL CHECK (json_valid(unknown_words)),   -- {query, key, value}: string[]
        moderation    TEXT NOT NULL DEFAULT 'ok' CHECK (moderation IN ('ok', 'flagged', 'hidden', 'approved')),
        submitted_at  INTEGER NOT NULL,
        PRIMARY KEY (round_id, guest_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE attention_rows (
        round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        guest_id TEXT NOT NULL,
        position INTEGER NOT NULL,                 -- row index in the reveal's matrix order
        top      TEXT NOT NULL CHECK (json_valid(top)),   -- [[guestId, weight], …] heaviest first
        PRIMARY KEY (round_id, guest_id),
        UNIQUE (round_id, position)
      ) STRICT;

      CREATE TABLE scores (
        round_id      INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        guest_id      TEXT NOT NULL,
        points        INTEGER NOT NULL,
        match_mass    REAL,                        -- NULL: the guest did not play this round
        total_after   INTEGER NOT NULL,
        rank_after    INTEGER NOT NULL,
        previous_rank INTEGER,
        result        TEXT CHECK (result IS NULL OR json_valid(result)),  -- the ResultPayload the phone got
        PRIMARY KEY (round_id, guest_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: "predictions of the model and course rounds",
    sql: `
      CREATE TABLE predictions (
        round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        guest_id     TEXT NOT NULL,
        choice       INTEGER NOT NULL CHECK (choice >= 1),   -- token index in the round's sentence
        answer_ms    INTEGER NOT NULL CHECK (answer_ms >= 0), -- time from the question opening to the pick
        predicted_at INTEGER NOT NULL,
        PRIMARY KEY (round_id, guest_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: "custom scenarios an instructor saves with a session",
    sql: `
      -- The scenario file as the instructor wrote it (checked before it is stored and again when
      -- read back, so a later rule change cannot make a broken scenario playable).
      CREATE TABLE scenarios (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        id         TEXT NOT NULL,
        json       TEXT NOT NULL CHECK (json_valid(json)),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];

/** The newest schema this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function readUserVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Applies the migrations above the database's user_version, in order, each in an IMMEDIATE
 * transaction that re-reads the version first (a second process opening the same file at the
 * same moment then finds the work done). The caller has refused databases newer than the list.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration #${i} has version ${m.version}; versions must be 1, 2, 3… in order`);
  });
  const from = readUserVersion(db);
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      if (readUserVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is a checked integer.
      db.pragma(`user_version = ${migration.version}`);
    });
    apply.immediate();
  }
  return { from, to: readUserVersion(db) };
}
