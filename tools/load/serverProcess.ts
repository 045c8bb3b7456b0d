// The server side of a load test: either a server child process started here with limits
// raised for a load from one address, or a running server reached by URL. Both report through
// GET /healthz (backend, rooms, resident memory, cumulative CPU, engine batch sizes).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../../server/config.js";
import { freePortOnLoopback } from "./freePort.js";

export interface HealthSample {
  backend: string;
  isGpu: boolean;
  rooms: number;
  guests: number;
  rssMb: number;
  /** Cumulative CPU of the server process (all threads), ms; null from a server without the field. */
  cpuMs: number | null;
  engineBatches: { count: number; last: number; max: number; mean: number; recent: number[]; lastGuests: number } | null;
  at: number;
}

/**
 * A load test sends every join and party creation from one address, which the per-address
 * limits exist to stop. A spawned server raises them (and the capacity limits) through these
 * variables; a server under --url needs the same ones set when it is started.
 */
export function loadTestEnv(rooms: number, students: number): Record<string, string> {
  return {
    JOINS_PER_MINUTE_PER_IP: "100000",
    PARTIES_PER_MINUTE_PER_IP: "100000",
    WRONG_CODES_PER_MINUTE_PER_IP: "10000",
    MAX_PARTIES: String(Math.max(200, rooms + 10)),
    MAX_GUESTS: String(Math.max(400, students)),
  };
}

export async function fetchHealth(httpUrl: string): Promise<HealthSample> {
  const response = await fetch(`${httpUrl}/healthz`);
  if (!response.ok) throw new Error(`GET /healthz: HTTP ${response.status}`);
  const body = (await response.json()) as Partial<HealthSample>;
  return {
    backend: String(body.backend),
    isGpu: body.isGpu === true,
    rooms: Number(body.rooms ?? 0),
    guests: Number(body.guests ?? 0),
    rssMb: Number(body.rssMb ?? NaN),
    cpuMs: typeof body.cpuMs === "number" ? body.cpuMs : null,
    engineBatches: body.engineBatches ?? null,
    at: performance.now(),
  };
}

export interface SpawnedServer {
  httpUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `server/main.ts` (from sources, through tsx) on a free loopback port and waits for /healthz. */
export async function spawnServer(rooms: number, students: number, onLog: (line: string) => void): Promise<SpawnedServer> {
  const port = await freePortOnLoopback();
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "party-load-"));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "server", "main.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...loadTestEnv(rooms, students), PORT: String(port), HOST: "127.0.0.1", DB_PATH: path.join(dbDir, "load.db"), LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      onLog(line);
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const httpUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dbDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000; // first start may build the encoder cache (~10 s)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${tail.join("\n")}`);
    const isUp = await fetchHealth(httpUrl).then(() => true, () => false);
    if (isUp) return { httpUrl, child, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server did not answer /healthz within 120 s:\n${tail.join("\n")}`);
}
