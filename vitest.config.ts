// Test runner settings. Separate from vite.config.ts, whose root is client/.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: ".",
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/globalSetup.ts"],
    // Each file gets its own process: Colyseus' matchMaker and tfjs backends are per-process singletons.
    pool: "forks",
    // Two cores: at most two test files at a time; each may start a server and an engine worker.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
