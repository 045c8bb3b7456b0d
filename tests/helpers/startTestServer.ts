// Starts the real server (real engine in its worker, real Colyseus, real HTTP) on a free
// loopback port for a test file, with @colyseus/testing's client helpers around it.
import net from "node:net";
import { ColyseusTestServer } from "@colyseus/testing";
import { loadConfig, type ServerConfig } from "../../server/config.js";
import { createPartyServer, type PartyServer } from "../../server/createPartyServer.js";
import { EngineClient } from "../../server/engine/EngineClient.js";

export interface TestServer {
  server: PartyServer;
  engine: EngineClient;
  colyseus: ColyseusTestServer;
  httpUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const port = await freePort();
  const config = loadConfig({ port, host: "127.0.0.1", ...overrides });
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine);
  const colyseus = new ColyseusTestServer(server.gameServer);
  return {
    server,
    engine,
    colyseus,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      await engine.close();
    },
  };
}
