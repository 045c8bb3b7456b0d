// `npm test`: type-check, lint, build the client (browser tests and the bundle budget need
// it), then every vitest suite. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const steps = [
  ["type-check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]],
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["build", process.execPath, [path.join(root, "scripts/build.mjs")]],
  ["tests", bin("vitest"), ["run", ...process.argv.slice(2)]],
];
for (const [label, command, args] of steps) {
  console.error(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}
