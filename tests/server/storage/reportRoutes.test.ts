// The report endpoints over real HTTP: 401 with no data for a missing or wrong key (the same
// for an unknown session), the report as JSON and CSV for the session's own host key.
import express from "express";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installReportRoutes } from "../../../server/http/reportRoutes.js";
import { PartyStore } from "../../../server/storage/PartyStore.js";
import type { SessionReport } from "../../../server/storage/reports.js";
import { makeTempDir, seedParty, type SeededParty } from "./storeFixtures.js";

let dir: string;
let seeded: SeededParty;
let otherKey: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = makeTempDir();
  seeded = seedParty(PartyStore.open(path.join(dir, "party.db")));
  otherKey = "the-other-party-host-key";
  seeded.store.createSession({ code: "OTHER", hostKey: otherKey });
  const app = express();
  installReportRoutes(app, seeded.store);
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  seeded?.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(route: string, key?: string, scheme = "Bearer") {
  return fetch(`${base}${route}`, { headers: key === undefined ? {} : { authorization: `${scheme} ${key}` } });
}

describe("report routes", () => {
  it("answers 401 with an error and no data for a missing, malformed or wrong key", async () => {
    const route = `/api/sessions/${seeded.sessionId}/report.json`;
    for (const response of [await get(route), await get(route, seeded.hostKey, "Basic"), await get(route, "wrong-key"), await get(route, otherKey)]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(["error"]);
    }
    const csv = await get(`/api/sessions/${seeded.sessionId}/report.csv`, "wrong-key");
    expect(csv.status).toBe(401);
    expect(await csv.text()).not.toContain("Ann");
  });

  it("does not let a key tell an unknown session from someone else's", async () => {
    const unknown = await get("/api/sessions/00000000-0000-0000-0000-000000000000/report.json", seeded.hostKey);
    const foreign = await get(`/api/sessions/${seeded.sessionId}/report.json`, otherKey);
    expect([unknown.status, foreign.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await foreign.json());
  });

  it("serves the report as JSON to the session's host key", async () => {
    const response = await get(`/api/sessions/${seeded.sessionId}/report.json`, seeded.hostKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const report = (await response.json()) as SessionReport;
    expect(report.session).toMatchObject({ id: seeded.sessionId, code: "KQXWP", playerCount: 5 });
    expect(report.rounds[0].leaderboard[0]).toMatchObject({ name: "Cy", total: 105 });
    expect(JSON.stringify(report)).not.toMatch(/secret|hash/i);
  });

  it("serves the report as a CSV download", async () => {
    const response = await get(`/api/sessions/${seeded.sessionId}/report.csv`, seeded.hostKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="cocktail-party-KQXWP-2025-01-15\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toBe("round,name,query,key,value,points,match_mass,total,rank,moderation");
    expect(text).toContain("1,Ann,who has a truck?");
  });

  it("lists only the sessions the bearer's host key opens", async () => {
    expect((await get("/api/sessions")).status).toBe(401);
    expect((await get("/api/sessions", "wrong-key")).status).toBe(401);
    const response = await get("/api/sessions", seeded.hostKey);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sessions: Array<{ id: string; code: string }> };
    expect(body.sessions.map((s) => [s.id, s.code])).toEqual([[seeded.sessionId, "KQXWP"]]);
    expect(JSON.stringify(body)).not.toMatch(/hash/i);
  });
});
