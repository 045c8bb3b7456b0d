// A real server process on loopback (tsx, server/main.ts) over a given database file, for tests
// that kill it and start it again: what a crash and a restart do to the parties.
import { spawn, type ChildProcess } from "node:child_process";

const children: ChildProcess[] = [];

/** Starts `server/main.ts` on `port` over `dbPath` and resolves once /healthz answers. */
export async function startServerProcess(port: number, dbPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DB_PATH: dbPath, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${stderr}`);
}

/** SIGKILL (no goodbye, like a crash), resolved once the process is gone. */
export async function killServerProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill("SIGKILL");
  await new Promise((r) => server.once("exit", r));
}

/** For afterAll: kills every server process the file started and that still runs. */
export function killAllServerProcesses(): void {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}
