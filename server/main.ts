// Entry point: start the engine (building the encoder cache on first run), then the server.
import { loadConfig } from "./config.js";
import { createPartyServer } from "./createPartyServer.js";
import { EngineClient } from "./engine/EngineClient.js";
import { log } from "./log.js";

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine);
  log.info(`ready in ${Date.now() - started} ms`, { backend: engine.info.backend, isGpu: engine.info.isGpu });
  const shutdown = async (signal: string) => {
    log.info(`${signal}: shutting down`);
    await server.close().catch(() => undefined);
    await engine.close().catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  log.error("could not start", { error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
