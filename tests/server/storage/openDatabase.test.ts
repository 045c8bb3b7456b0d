// Opening the database: created when missing, migrated in order, WAL on, and a file that is
// not ours to change (garbage, damaged, newer schema, another program's) refused untouched.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APPLICATION_ID, runMigrations, SCHEMA_VERSION, type Migration } from "../../../server/storage/migrations.js";
import { StorageOpenError } from "../../../server/storage/openDatabase.js";
import { PartyStore } from "../../../server/storage/PartyStore.js";
import { makeTempDir, seedParty } from "./storeFixtures.js";

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens read-only to look at a file without changing it. */
function inspect<T>(file: string, look: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return look(db);
  } finally {
    db.close();
  }
}

function expectRefused(file: string, problem: StorageOpenError["problem"], message: RegExp): void {
  const before = fs.readFileSync(file);
  let caught: unknown;
  try {
    PartyStore.open(file).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StorageOpenError);
  const error = caught as StorageOpenError;
  expect(error.problem).toBe(problem);
  expect(error.message).toContain(path.resolve(file));
  expect(error.message).toMatch(message);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
}

describe("opening the party database", () => {
  it("creates a missing file and its folders, migrated to the latest schema", () => {
    const file = path.join(dir, "nested", "data", "party.db");
    const store = PartyStore.open(file);
    expect(store.migratedFrom).toBe(0);
    expect(store.path).toBe(path.resolve(file));
    store.close();
    expect(fs.existsSync(file)).toBe(true);
    inspect(file, (db) => {
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(["attention_rows", "cards", "players", "predictions", "rounds", "scenarios", "scores", "sessions", "submissions"]);
    });
  });

  it("turns on write-ahead logging (kept in the file) and enforces foreign keys", () => {
    const file = path.join(dir, "party.db");
    const store = PartyStore.open(file);
    expect(inspect(file, (db) => db.pragma("journal_mode", { simple: true }))).toBe("wal");
    expect(() => store.recordPlayer("no-such-session", { guestId: "g", name: "N", seat: 0, rejoinSecret: "s" })).toThrow(/FOREIGN KEY/);
    store.close();
  });

  it("reopens an existing database without migrating it again and keeps its data", () => {
    const file = path.join(dir, "party.db");
    const first = PartyStore.open(file);
    const { sessionId } = seedParty(first);
    first.close();
    const second = PartyStore.open(file);
    expect(second.migratedFrom).toBe(SCHEMA_VERSION);
    expect(second.getSession(sessionId)?.code).toBe("KQXWP");
    second.close();
  });

  it("treats an empty file like a missing one", () => {
    const file = path.join(dir, "empty.db");
    fs.writeFileSync(file, "");
    PartyStore.open(file).close();
    expect(inspect(file, (db) => db.pragma("user_version", { simple: true }))).toBe(SCHEMA_VERSION);
  });

  it("refuses a file of garbage bytes and leaves it as it was", () => {
    const file = path.join(dir, "garbage.db");
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    expectRefused(file, "not_a_database", /not an SQLite database/);
  });

  it("refuses a database whose pages are damaged and leaves it as it was", () => {
    const file = path.join(dir, "damaged.db");
    const store = PartyStore.open(file);
    const { sessionId } = seedParty(store);
    for (let i = 0; i < 300; i++) store.recordPlayer(sessionId, { guestId: `x${i}`, name: `Guest ${i}`, seat: 100 + i, rejoinSecret: `s${i}` });
    store.close(); // checkpoints the WAL into the main file
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the b-tree pages after the schema page, keeping the file header intact.
    for (let i = pageSize; i < bytes.length; i += 97) bytes[i] = (bytes[i] + 101) % 256;
    fs.writeFileSync(file, bytes);
    expectRefused(file, "corrupt", /quick_check|malformed|corrupt/i);
  });

  it("refuses a database from a newer schema without migrating or touching it", () => {
    const file = path.join(dir, "future.db");
    PartyStore.open(file).close();
    const db = new Database(file);
    db.pragma("journal_mode = DELETE");
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expectRefused(file, "newer_schema", new RegExp(`schema version ${SCHEMA_VERSION + 1}.*only knows up to ${SCHEMA_VERSION}`));
  });

  it("refuses another program's SQLite database", () => {
    const file = path.join(dir, "other.db");
    const db = new Database(file);
    db.exec("CREATE TABLE notes (body TEXT)");
    db.close();
    expectRefused(file, "foreign_database", /another program/);
  });
});

describe("runMigrations", () => {
  const v1: Migration = { version: 1, description: "one", sql: "CREATE TABLE a (x INTEGER) STRICT;" };
  const v2: Migration = { version: 2, description: "two", sql: "ALTER TABLE a ADD COLUMN y TEXT;" };

  it("applies only the missing migrations, in order", () => {
    const db = new Database(path.join(dir, "m.db"));
    expect(runMigrations(db, [v1])).toEqual({ from: 0, to: 1 });
    db.prepare("INSERT INTO a (x) VALUES (1)").run();
    expect(runMigrations(db, [v1, v2])).toEqual({ from: 1, to: 2 });
    expect(runMigrations(db, [v1, v2])).toEqual({ from: 2, to: 2 });
    expect(db.prepare("SELECT x, y FROM a").all()).toEqual([{ x: 1, y: null }]);
    db.close();
  });

  it("rolls a failing migration back whole", () => {
    const db = new Database(path.join(dir, "m.db"));
    const broken: Migration = { version: 2, description: "broken", sql: "CREATE TABLE b (x); SELECT no_such_function();" };
    expect(() => runMigrations(db, [v1, broken])).toThrow(/no_such_function/);
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it("rejects a list whose versions are out of order", () => {
    const db = new Database(":memory:");
    expect(() => runMigrations(db, [v2])).toThrow(/1, 2, 3/);
    db.close();
  });
});
