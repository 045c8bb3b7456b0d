// Builds the whole server (Express + Colyseus on one port) around a started engine. Used by
// main.ts, the rehearsal CLI and the integration tests, so all of them run the real thing.
import express from "express";
import http from "node:http";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { PARTY_ROOM } from "../shared/protocol.js";
import { colyseusLogger } from "./colyseusLogger.js";
import type { ServerConfig } from "./config.js";
import { IpRateLimiter } from "./http/ipRateLimiter.js";
import { guardMatchmaking } from "./http/matchmakeGuard.js";
import { installReportRoutes } from "./http/reportRoutes.js";
import { installScenarioRoutes } from "./http/scenarioRoutes.js";
import { installApiFallbacks, installRoutes } from "./http/routes.js";
import { PartyDirectory } from "./party/PartyDirectory.js";
import type { PartyStore } from "./storage/PartyStore.js";
import { RevealBurstHold } from "./RevealBurstHold.js";
import { log } from "./log.js";
import { ModelClient } from "./model/ModelClient.js";
import { shareJoinCodeClaims } from "./party/joinCodeRegistry.js";
import { newSecret } from "./party/secrets.js";
import { createPartyRoomClass, type PartyEngine } from "./rooms/PartyRoom.js";
import { connectScaleOut, type ScaleOut } from "./scaleOut/redisScaleOut.js";

export interface PartyServer {
  gameServer: Server;
  httpServer: http.Server;
  /** Port actually bound (useful when config.port is 0). */
  port: number;
  /** Set when this process is one of several sharing REDIS_URL. */
  scaleOut: ScaleOut | null;
  /** The model rounds' worker (started on first use; main.ts warms it up after listen). */
  model: ModelClient;
  close(): Promise<void>;
}

/** Incoming WebSocket frames above this are dropped at the transport (texts are ≤ 140 chars). */
const MAX_MESSAGE_BYTES = 4 * 1024;

export async function createPartyServer(config: ServerConfig, engine: PartyEngine, store: PartyStore): Promise<PartyServer> {
  // Reveal records wait until no room is waiting for its rows: a burst of reveals reaches every
  // phone before the disk work (PartyStore.writeSoon).
  store.deferWritesWhile(new RevealBurstHold(() => engine.revealsAwaitingWeights > 0, 1000));
  const model = new ModelClient({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  if (config.redisUrl && !config.publicAddress) {
    throw new Error("REDIS_URL is set but PUBLIC_ADDRESS is not: each process needs the address (host:port or host/path) where phones reach it");
  }
  const scaleOut = config.redisUrl ? await connectScaleOut(config.redisUrl, config.publicAddress!) : null;
  const app = express();
  // Behind a reverse proxy the client's protocol/host come from X-Forwarded-* headers.
  app.set("trust proxy", "loopback");
  // Only this process's HTTP handler knows it, so clients cannot create parties over WebSocket.
  const serverSecret = newSecret();
  // One wrong-code budget per address, shared by the REST lookup and WebSocket joins.
  const wrongCodes = new IpRateLimiter(config.wrongCodesPerMinutePerIp);
  const directory = new PartyDirectory(store, serverSecret, scaleOut);
  installScenarioRoutes(app, { store, model }); // first: its bodies may exceed the 4 KB the rest of /api takes
  installRoutes(app, { config, engine, directory, startedAt: Date.now(), wrongCodes });
  installReportRoutes(app, store);
  installApiFallbacks(app);
  const httpServer = http.createServer(app);
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer, maxPayload: MAX_MESSAGE_BYTES, pingInterval: 5000, pingMaxRetries: 3 }),
    greet: false,
    // main.ts shuts down the server and the engine worker together.
    gracefullyShutdown: false,
    logger: colyseusLogger,
    ...scaleOut?.serverOptions,
  });
  guardMatchmaking(httpServer, { maxBodyBytes: MAX_MESSAGE_BYTES, joinsPerMinutePerIp: config.joinsPerMinutePerIp, wrongCodesPerMinutePerIp: config.wrongCodesPerMinutePerIp }, wrongCodes, directory);
  let port = config.port;
  const localWsUrl = () => `ws://127.0.0.1:${port}`;
  gameServer.define(PARTY_ROOM, createPartyRoomClass({ engine, model, config, store, localWsUrl, botKey: newSecret() }, serverSecret));
  if (scaleOut) {
    // Before listen: the first POST /api/parties must already claim its code cluster-wide.
    shareJoinCodeClaims(scaleOut.claims);
    await scaleOut.start();
  }
  await gameServer.listen(config.port, config.host);
  const address = httpServer.address();
  port = typeof address === "object" && address ? address.port : config.port;
  const cluster = scaleOut ? ` (one of several processes; phones reach it at ${config.publicAddress})` : "";
  log.info(`Cocktail Party listening on http://localhost:${port} (backend ${engine.info.backend})${cluster}`);
  return {
    gameServer,
    httpServer,
    port,
    scaleOut,
    model,
    close: async () => {
      await gameServer.gracefullyShutdown(false);
      await model.close();
      shareJoinCodeClaims(null);
    },
  };
}
