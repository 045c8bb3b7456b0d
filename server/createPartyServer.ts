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
import { installApiFallbacks, installRoutes } from "./http/routes.js";
import { PartyDirectory } from "./party/PartyDirectory.js";
import type { PartyStore } from "./storage/PartyStore.js";
import { log } from "./log.js";
import { newSecret } from "./party/secrets.js";
import { createPartyRoomClass, type PartyEngine } from "./rooms/PartyRoom.js";

export interface PartyServer {
  gameServer: Server;
  httpServer: http.Server;
  /** Port actually bound (useful when config.port is 0). */
  port: number;
  close(): Promise<void>;
}

/** Incoming WebSocket frames above this are dropped at the transport (texts are ≤ 140 chars). */
const MAX_MESSAGE_BYTES = 4 * 1024;

export async function createPartyServer(config: ServerConfig, engine: PartyEngine, store: PartyStore): Promise<PartyServer> {
  const app = express();
  // Behind a reverse proxy the client's protocol/host come from X-Forwarded-* headers.
  app.set("trust proxy", "loopback");
  // Only this process's HTTP handler knows it, so clients cannot create parties over WebSocket.
  const serverSecret = newSecret();
  // One wrong-code budget per address, shared by the REST lookup and WebSocket joins.
  const wrongCodes = new IpRateLimiter(config.wrongCodesPerMinutePerIp);
  const directory = new PartyDirectory(store, serverSecret);
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
  });
  guardMatchmaking(httpServer, { maxBodyBytes: MAX_MESSAGE_BYTES, joinsPerMinutePerIp: config.joinsPerMinutePerIp, wrongCodesPerMinutePerIp: config.wrongCodesPerMinutePerIp }, wrongCodes, directory);
  let port = config.port;
  const localWsUrl = () => `ws://127.0.0.1:${port}`;
  gameServer.define(PARTY_ROOM, createPartyRoomClass({ engine, config, store, localWsUrl, botKey: newSecret() }, serverSecret));
  await gameServer.listen(config.port, config.host);
  const address = httpServer.address();
  port = typeof address === "object" && address ? address.port : config.port;
  log.info(`Cocktail Party listening on http://localhost:${port} (backend ${engine.info.backend})`);
  return {
    gameServer,
    httpServer,
    port,
    close: async () => {
      await gameServer.gracefullyShutdown(false);
    },
  };
}
