// Starts the real server (real engine in its worker, real Colyseus, real HTTP) on a free
// loopback port for a test file, with @colyseus/testing's client helpers around it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ColyseusTestServer } from "@colyseus/testing";
import { loadConfig, type ServerConfig } from "../../server/config.js";
import { createPartyServer, type PartyServer } from "../../server/createPartyServer.js";
import { EngineClient } from "../../server/engine/EngineClient.js";
import { PartyStore } from "../../server/storage/PartyStore.js";
import { freePortOnLoopback } from "../../tools/load/freePort.js";

export interface TestServer {
  server: PartyServer;
  store: PartyStore;
  engine: EngineClient;
  colyseus: ColyseusTestServer;
  httpUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/** A free loopback port (the load tool's helper: one implementation for tests and tools). */
export const freePort = freePortOnLoopback;

/** Each test server gets its own database in a temporary folder unless dbPath is given. */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const port = await freePort();
  const dbPath = overrides.dbPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-test-")), "party.db");
  const config = loadConfig({ port, host: "127.0.0.1", ...overrides, dbPath });
  const store = PartyStore.open(config.dbPath);
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine, store);
  const colyseus = new ColyseusTestServer(server.gameServer);
  return {
    server,
    store,
    engine,
    colyseus,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      await engine.close();
      store.close();
    },
  };
}
