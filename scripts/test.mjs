// `npm test`: type-check, lint, build the client (browser tests and the bundle budget need
// it), then every vitest suite. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const steps = [
  ["type-check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]],
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["build", process.execPath, [path.join(root, "scripts/build.mjs")]],
  ["tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json", ...process.argv.slice(2)]],
];
/** One plain closing line that any CI can read: "N passed, N failed". */
function printSummary() {
  const file = path.join(root, "test-results/vitest.json");
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

for (const [label, command, args] of steps) {
  console.error(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (label === "tests") printSummary();
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}
