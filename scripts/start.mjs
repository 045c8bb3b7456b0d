// `npm start`: builds the client and server when missing or older than the sources, then runs
// the server (which builds the encoder cache on its first start). `--dev` skips the bundle and
// runs the TypeScript server directly.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "./build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stamp = path.join(root, "dist/.build-stamp");

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isBuildStale() {
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, "dist/server/main.js"))) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return ["client", "server", "shared"].some((dir) => newestSourceMtime(path.join(root, dir)) > built);
}

const isDev = process.argv.includes("--dev");
if (!isDev && isBuildStale()) {
  console.error("Building the client and server (first start or sources changed)…");
  await buildAll({ quiet: true });
}
const args = isDev ? ["--import", "tsx", path.join(root, "server/main.ts")] : [path.join(root, "dist/server/main.js")];
const child = spawn(process.execPath, args, { stdio: "inherit", cwd: root });
// Ctrl-C reaches the whole process group (the server too); forwarding matters for SIGTERM
// (docker stop, systemd), which is sent to this process alone.
process.on("SIGINT", () => undefined);
process.on("SIGTERM", () => child.kill("SIGTERM"));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
