// The report endpoints: a session's report as JSON or CSV, and the list of sessions a host key
// opens. Every answer needs `Authorization: Bearer <hostKey>` of that session; a wrong key and
// an unknown session both get 401, so the API never confirms that a session id exists.
import type { Express, Request, Response } from "express";
import { log } from "../log.js";
import type { PartyStore } from "../storage/PartyStore.js";
import { buildSessionReport, reportToCsv } from "../storage/reports.js";

/** Longest bearer token we read; host keys are 32 characters. */
const MAX_TOKEN_LENGTH = 200;

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive), or null. */
export function bearerToken(req: Request): string | null {
  const header = req.get("authorization");
  const match = header?.match(/^Bearer[ ]+(\S+)[ ]*$/i);
  if (!match || match[1].length > MAX_TOKEN_LENGTH) return null;
  return match[1];
}

function unauthorized(res: Response, error: string): void {
  res.status(401).set("WWW-Authenticate", 'Bearer realm="cocktail-party"').json({ error });
}

export function installReportRoutes(app: Express, store: PartyStore): void {
  // Reports hold students' names and texts: never cached by a browser or a proxy.
  app.use("/api/sessions", (_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  app.get("/api/sessions", (req, res) => {
    const token = bearerToken(req);
    if (!token) return unauthorized(res, "Send the host key as Authorization: Bearer <hostKey>");
    const sessions = store.listSessionsForHostKey(token);
    if (sessions.length === 0) return unauthorized(res, "No session opens with this host key");
    res.json({ sessions });
  });

  /** Checks the key against the session and builds its report, or answers the error itself. */
  const authorisedReport = (req: Request<{ id: string }>, res: Response) => {
    const token = bearerToken(req);
    if (!token) {
      unauthorized(res, "Send the session's host key as Authorization: Bearer <hostKey>");
      return undefined;
    }
    if (!store.verifyHostKey(req.params.id, token)) {
      unauthorized(res, "Wrong host key for this session");
      return undefined;
    }
    try {
      const report = buildSessionReport(store, req.params.id);
      // Only reachable if the session was deleted between the key check and the read.
      if (!report) res.status(404).json({ error: "No such session" });
      return report;
    } catch (error) {
      log.error("report failed", { sessionId: req.params.id, error: String(error) });
      res.status(500).json({ error: "Could not build the report" });
      return undefined;
    }
  };

  app.get("/api/sessions/:id/report.json", (req, res) => {
    const report = authorisedReport(req, res);
    if (report) res.json(report);
  });

  app.get("/api/sessions/:id/report.csv", (req, res) => {
    const report = authorisedReport(req, res);
    if (!report) return;
    const day = report.session.createdAt.slice(0, 10);
    res
      .attachment(`cocktail-party-${report.session.code}-${day}.csv`)
      .type("text/csv; charset=utf-8")
      // The byte-order mark makes Excel read the file as UTF-8 (names with accents, emoji).
      .send("\uFEFF" + reportToCsv(report));
  });
}
