// Opens (or creates) the party database safely: an existing file is inspected read-only first,
// and one that is not a database, is damaged, belongs to another program or comes from a newer
// build is refused with a clear error before anything could write to it.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { APPLICATION_ID, readUserVersion, runMigrations, SCHEMA_VERSION } from "./migrations.js";

export type StorageOpenProblem = "not_a_database" | "corrupt" | "newer_schema" | "foreign_database" | "cannot_open" | "no_wal";

/** Start-up failure of the store: names the file and the problem, and says what to do. */
export class StorageOpenError extends Error {
  constructor(
    readonly dbPath: string,
    readonly problem: StorageOpenProblem,
    detail: string,
  ) {
    super(`Cannot use the database ${dbPath}: ${detail}. The file was left untouched.`);
    this.name = "StorageOpenError";
  }
}

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
/** How many quick_check complaints to quote in the error. */
const MAX_QUOTED_PROBLEMS = 3;

export interface OpenedDatabase {
  db: Database.Database;
  /** Schema version before and after this open (from = 0 for a new file). */
  migrated: { from: number; to: number };
}

/**
 * Opens `filePath` read-write with WAL, foreign keys and synchronous=NORMAL, creating the file
 * and its folder when missing, and migrates it to SCHEMA_VERSION. ":memory:" works for tests.
 */
export function openDatabase(filePath: string): OpenedDatabase {
  const isMemory = filePath === ":memory:";
  const dbPath = isMemory ? filePath : path.resolve(filePath);
  if (!isMemory) {
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    if (fs.existsSync(dbPath)) inspectExistingFile(dbPath);
  }
  let db: Database.Database;
  try {
    db = new Database(dbPath);
  } catch (error) {
    throw new StorageOpenError(dbPath, "cannot_open", describe(error));
  }
  try {
    // WAL: readers never block the writer and a commit is one append. synchronous=NORMAL in
    // WAL keeps every commit across a process crash (SIGKILL); only a power cut can lose the
    // last commits, never corrupt the file.
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (!isMemory && mode !== "wal") {
      throw new StorageOpenError(dbPath, "no_wal", `write-ahead logging is not available here (journal_mode stayed "${String(mode)}"); put the file on a local disk`);
    }
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    const migrated = runMigrations(db);
    return { db, migrated };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Every check that could refuse the file, through a read-only connection (writes nothing). */
function inspectExistingFile(dbPath: string): void {
  const stat = fs.statSync(dbPath);
  if (!stat.isFile()) throw new StorageOpenError(dbPath, "cannot_open", "the path is not a regular file");
  // SQLite itself treats an empty file as a new database.
  if (stat.size === 0) return;
  if (!hasSqliteHeader(dbPath)) {
    throw new StorageOpenError(dbPath, "not_a_database", "the file is not an SQLite database (wrong header)");
  }
  // A read-only look at a WAL-mode file creates empty -wal/-shm companions; a refused file
  // should be left exactly as found, so those are removed again.
  const companions = [`${dbPath}-wal`, `${dbPath}-shm`].filter((f) => !fs.existsSync(f));
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const applicationId = db.pragma("application_id", { simple: true }) as number;
    const version = readUserVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new StorageOpenError(
        dbPath,
        "newer_schema",
        `it has schema version ${version}, but this build only knows up to ${SCHEMA_VERSION} (written by a newer Cocktail Party; upgrade the server or set DB_PATH to another file)`,
      );
    }
    const problems = (db.pragma("quick_check") as Array<{ quick_check: string }>).map((r) => r.quick_check);
    if (problems.length !== 1 || problems[0] !== "ok") {
      throw new StorageOpenError(dbPath, "corrupt", `PRAGMA quick_check reports damage: ${problems.slice(0, MAX_QUOTED_PROBLEMS).join("; ")}`);
    }
    const tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && (applicationId !== 0 || tableCount > 0)) {
      throw new StorageOpenError(dbPath, "foreign_database", `it is an SQLite database of another program (application_id ${applicationId}, ${tableCount} schema objects)`);
    }
  } catch (error) {
    db?.close();
    db = undefined;
    for (const file of companions) fs.rmSync(file, { force: true });
    if (error instanceof StorageOpenError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === "SQLITE_NOTADB") throw new StorageOpenError(dbPath, "not_a_database", describe(error));
    if (typeof code === "string" && code.startsWith("SQLITE_CORRUPT")) throw new StorageOpenError(dbPath, "corrupt", describe(error));
    throw new StorageOpenError(dbPath, "cannot_open", describe(error));
  } finally {
    db?.close();
  }
}

function hasSqliteHeader(dbPath: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(dbPath, "r");
  try {
    const read = fs.readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? `${message} (${code})` : message;
}
