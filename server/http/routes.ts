// The HTTP side: health, party lookup and creation, QR codes, and the built client pages.
import express, { type Express, type Request } from "express";
import fs from "node:fs";
import path from "node:path";
import { matchMaker } from "@colyseus/core";
import helmet from "helmet";
import QRCode from "qrcode";
import { normalizeJoinCode } from "../../shared/joinCode.js";
import { CreateOptionsSchema, PARTY_ROOM, type CreatedPartyPayload } from "../../shared/protocol.js";
import type { ServerConfig } from "../config.js";
import type { PartyEngine } from "../rooms/PartyRoom.js";
import type { PartyDirectory } from "../party/PartyDirectory.js";
import { clientIp, IpRateLimiter } from "./ipRateLimiter.js";
import { cleanText } from "../../shared/text.js";
import { log } from "../log.js";
import { joinOrigin, lanAddress, listensOnAllInterfaces, type JoinOrigin } from "./joinOrigin.js";
import { DEFAULT_DECK_ID, loadDecks } from "../party/partyDeck.js";
import { partySummary } from "../scaleOut/partySummary.js";

export interface RouteDeps {
  config: ServerConfig;
  engine: PartyEngine;
  directory: PartyDirectory;
  startedAt: number;
  wrongCodes: IpRateLimiter;
}

/** The origin phones should use (joinOrigin.ts): PUBLIC_URL, what the browser asked for, or this machine's network address. */
function publicOrigin(req: Request, config: ServerConfig): JoinOrigin {
  const lan = listensOnAllInterfaces(config.host) ? lanAddress() : null;
  return joinOrigin(req.protocol, req.get("host") ?? "localhost", config.publicUrl, lan);
}


export function installRoutes(app: Express, deps: RouteDeps): void {
  const { config, engine, directory } = deps;
  const findParty = async (rawCode: string) => ({ code: normalizeJoinCode(rawCode), room: await directory.find(rawCode) });
  app.disable("x-powered-by");
  app.use(securityHeaders());
  app.use("/api", express.json({ limit: "4kb" }));

  app.get("/healthz", async (_req, res) => {
    // This process's parties only: with REDIS_URL the driver lists every process's.
    const rooms = await matchMaker.query({ name: PARTY_ROOM, processId: matchMaker.processId });
    const engineStats = await engine.stats().catch(() => null);
    res.json({
      status: "ok",
      backend: engine.info.backend,
      isGpu: engine.info.isGpu,
      vocabularySize: engine.info.vocabularySize,
      dimension: engine.info.dimension,
      rooms: rooms.length,
      uptimeS: Math.round((Date.now() - deps.startedAt) / 1000),
      guests: rooms.reduce((sum, r) => sum + r.clients, 0),
      engineTensors: engineStats?.numTensors ?? null,
      // Rooms per engine batch: rooms revealing together share one tf call.
      engineBatches: engineStats?.batches ?? null,
      // Texts reveals found encoded ahead (submitted while the class wrote) versus encoded late.
      engineTextCache: engineStats?.textCache ?? null,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
      // Cumulative CPU of the whole process (all threads), so a load test can take deltas.
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      pid: process.pid,
    });
  });

  // The phone underlines words the model does not know while the student types.
  const wordChecks = new IpRateLimiter(config.joinsPerMinutePerIp * 10);
  app.get("/api/words/unknown", (req, res) => {
    if (!wordChecks.hit(clientIp(req))) return res.status(429).json({ error: "Too many checks; wait a moment" });
    const text = typeof req.query.text === "string" ? req.query.text : "";
    if (text.length > 600) return res.status(413).json({ error: "Text too long to check" });
    res.set("Cache-Control", "public, max-age=3600").json({ unknown: engine.unknownWords(cleanText(text, 600)) });
  });

  app.get("/api/decks", (_req, res) => {
    // The default deck first: a dashboard with an empty queue deals from the first one listed.
    const decks = [...loadDecks().values()].sort((a, b) => Number(b.id === DEFAULT_DECK_ID) - Number(a.id === DEFAULT_DECK_ID));
    res.json({ decks: decks.map((d) => ({ id: d.id, title: d.title, items: d.items.length })) });
  });

  // Teachers create a handful of parties an hour; a loop must not fill MAX_PARTIES for everyone.
  const partyCreations = new IpRateLimiter(config.partiesPerMinutePerIp);
  app.post("/api/parties", async (req, res) => {
    if (!partyCreations.hit(clientIp(req))) return res.status(429).json({ error: "Too many new parties from this network; wait a minute" });
    const parsed = CreateOptionsSchema.safeParse({ role: "host", ...(req.body ?? {}) });
    if (!parsed.success) return res.status(400).json({ error: "Invalid party options" });
    const open = await matchMaker.query({ name: PARTY_ROOM, processId: matchMaker.processId });
    if (open.length >= config.maxParties) return res.status(503).json({ error: "This server hosts as many parties as it can; try again later" });
    const created: CreatedPartyPayload = await directory.create(parsed.data.writeSeconds);
    res.status(201).json(created);
  });

  // The dashboard and the projector print the join link and QR code with this origin.
  app.get("/api/join-origin", (req, res) => {
    res.set("Cache-Control", "no-store").json(publicOrigin(req, config));
  });

  app.get("/api/parties/:code", async (req, res) => {
    const { code, room } = await findParty(req.params.code);
    if (!room) {
      if (!deps.wrongCodes.hit(clientIp(req))) {
        return res.status(429).json({ error: "Too many wrong codes; wait a minute and check the code on the screen" });
      }
      return res.status(404).json({ error: `No party with code ${code}` });
    }
    // The party may live in another process (REDIS_URL): partySummary asks it there.
    const summary = await partySummary(room);
    res.json({
      code,
      guestCount: summary?.guestCount ?? 0,
      maxGuests: summary?.maxGuests ?? config.maxGuests,
      isLocked: summary?.isLocked ?? false,
      phase: summary?.phase ?? "lobby",
    });
  });

  app.get("/api/parties/:code/qr.svg", async (req, res) => {
    const { code, room } = await findParty(req.params.code);
    if (!room) return res.status(404).json({ error: `No party with code ${code}` });
    const svg = await QRCode.toString(`${publicOrigin(req, config).origin}/?code=${code}`, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    res.type("image/svg+xml").set("Cache-Control", "no-store").send(svg);
  });

  installClientPages(app, config);
}

/**
 * API errors (bad JSON, body too large, unknown route) answer in JSON like the rest of the API.
 * Installed after every other /api route (the report routes come from another module).
 */
export function installApiFallbacks(app: Express): void {
  app.use("/api", (_req, res) => res.status(404).json({ error: "No such API route" }));
  app.use("/api", (error: { status?: number; message?: string }, _req: Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 600 ? error.status : 500;
    res.status(status).json({ error: status === 500 ? "Server error" : (error.message ?? "Bad request") });
  });
  // Pages and files: a path that cannot be decoded (/report/%ff) or a missing asset gets a short
  // answer; Express's own handler would print a stack trace into the log for each.
  app.use((error: { status?: number }, _req: Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error("request failed", { error: String(error) });
    res.status(status).type("text").send(status === 404 ? "Not found" : status === 500 ? "Server error" : "Bad request");
  });
}

/**
 * A strict Content Security Policy: scripts only from this origin, no inline script, sockets to
 * this server. Classroom servers often run on plain http on a LAN, so no HSTS and no
 * upgrade-insecure-requests (they would lock phones out of http://192.168.x.x:2567).
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        mediaSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'", "ws:", "wss:"],
        workerSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

function installClientPages(app: Express, config: ServerConfig): void {
  const page = (file: string) => path.join(config.clientDir, file);
  const sendPage = (file: string) => (_req: Request, res: express.Response) => {
    if (!fs.existsSync(page(file))) {
      res.status(503).type("text").send("The client is not built yet: run `npm run build` (npm start does it for you).");
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(page(file));
  };
  app.get("/", sendPage("index.html"));
  app.get(["/host", "/host/"], sendPage("host.html"));
  app.get("/screen/:code", sendPage("screen.html"));
  app.get("/report/:sessionId", sendPage("report.html"));
  app.use("/assets", express.static(path.join(config.clientDir, "assets"), { immutable: true, maxAge: "1y", fallthrough: false }));
  app.use(express.static(config.clientDir, { index: false }));
}
