// Guards Colyseus' matchmaking endpoint (POST /matchmake/...) before Colyseus sees it: caps the
// body size, limits joins per address, and makes join-code guessing useless by limiting wrong
// codes per address. Colyseus replaces the HTTP server's request listeners with its own, so
// this wraps whatever listeners it installed.
import type http from "node:http";
import type { PartyDirectory } from "../party/PartyDirectory.js";
import { clientIp, IpRateLimiter } from "./ipRateLimiter.js";

export interface MatchmakeLimits {
  maxBodyBytes: number;
  joinsPerMinutePerIp: number;
  wrongCodesPerMinutePerIp: number;
}

function reply(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" });
  res.end(JSON.stringify({ code: status, error: message }));
}

export function guardMatchmaking(server: http.Server, limits: MatchmakeLimits, wrongCodes: IpRateLimiter, directory: PartyDirectory): void {
  const joins = new IpRateLimiter(limits.joinsPerMinutePerIp);
  const inner = server.listeners("request").slice(0) as Array<(req: http.IncomingMessage, res: http.ServerResponse) => void>;
  server.removeAllListeners("request");
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? "";
    if (req.method !== "POST" || !url.includes("/matchmake/")) {
      for (const listener of inner) listener.call(server, req, res);
      return;
    }
    void (async () => {
      const ip = clientIp(req);
      // Colyseus reads the whole body into memory: only a declared, small length is let through
      // (a chunked body has no length to check up front).
      if (req.headers["content-length"] === undefined) return reply(res, 411, "Join request needs a Content-Length");
      if (Number(req.headers["content-length"]) > limits.maxBodyBytes) return reply(res, 413, "Join request too large");
      if (!joins.hit(ip)) return reply(res, 429, "Too many joins from this network; wait a minute");
      const byId = url.match(/\/matchmake\/(?:joinById|reconnect)\/([^/?]+)/);
      if (byId) {
        // Finding it also resumes a party that was open in the database when the server stopped.
        const room = await directory.find(decodeURIComponent(byId[1])).catch(() => undefined);
        if (!room && !wrongCodes.hit(ip)) return reply(res, 429, "Too many wrong codes; wait a minute and check the code on the screen");
      }
      for (const listener of inner) listener.call(server, req, res);
    })();
  });
}
