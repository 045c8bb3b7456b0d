// Entry point: start the engine (building the encoder cache on first run), then the server.
import { loadConfig } from "./config.js";
import { createPartyServer } from "./createPartyServer.js";
import { EngineClient } from "./engine/EngineClient.js";
import { log } from "./log.js";
import { StorageOpenError } from "./storage/openDatabase.js";
import { PartyStore } from "./storage/PartyStore.js";

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  // Opened first: a corrupt or newer database stops the start with a clear message, untouched.
  const store = PartyStore.open(config.dbPath);
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine, store);
  // The model rounds' worker loads its vectors and checkpoint in the background, after "ready".
  server.model.warmUp();
  log.info(`ready in ${Date.now() - started} ms`, { backend: engine.info.backend, isGpu: engine.info.isGpu });
  // Parties are NOT disposed on shutdown: a disposed room tells every phone "the party has
  // ended". Every acknowledged write is already committed, so the process just stops; phones
  // see a dropped socket, keep retrying, and the party resumes from the database on restart
  // (or, with REDIS_URL, in whichever process the next phone asks).
  let isStopping = false;
  const shutdown = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info(`${signal}: stopping; open parties resume on the next start${server.scaleOut ? " or in another process" : ""}`);
    // No new requests, then drop the open sockets: a phone that reconnects lands elsewhere.
    server.httpServer.close();
    server.httpServer.closeAllConnections?.();
    if (server.scaleOut) await server.scaleOut.leave().catch((error: unknown) => log.warn("could not leave the cluster cleanly", { error: String(error) }));
    await engine.close().catch(() => undefined);
    await server.model.close().catch(() => undefined);
    store.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  // A storage problem is the instructor's to fix (path, permissions, backup): say it plainly.
  if (error instanceof StorageOpenError) log.error(error.message);
  else log.error("could not start", { error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
