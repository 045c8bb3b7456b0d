// The session report's numbers and its CSV: participation, attention on targets, best texts,
// leaderboards, moderated text masked, RFC 4180 quoting and spreadsheet formulas defused.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvCell, CSV_COLUMNS } from "../../../server/storage/reportCsv.js";
import { buildSessionReport, reportToCsv } from "../../../server/storage/reports.js";
import { PartyStore } from "../../../server/storage/PartyStore.js";
import { makeTempDir, seedParty, T0, type SeededParty } from "./storeFixtures.js";

let dir: string;
let seeded: SeededParty;
beforeEach(() => {
  dir = makeTempDir();
  seeded = seedParty(PartyStore.open(path.join(dir, "party.db")));
});
afterEach(() => {
  seeded.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A small RFC 4180 reader for checking what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let isQuoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (isQuoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && c === ",") {
      endCell();
    } else if (!isQuoted && c === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe("buildSessionReport", () => {
  it("summarises each round and the final standings", () => {
    const report = buildSessionReport(seeded.store, seeded.sessionId, T0 + 1_000_000)!;
    expect(report.generatedAt).toBe(new Date(T0 + 1_000_000).toISOString());
    expect(report.session).toEqual({
      id: seeded.sessionId,
      code: "KQXWP",
      status: "open",
      createdAt: new Date(T0).toISOString(),
      endedAt: null,
      playerCount: 5,
      kickedCount: 1,
      roundCount: 2,
    });
    const [r1, r2] = report.rounds;
    expect(r1.participation).toEqual({ players: 4, submissions: 4, percent: 100 });
    expect(r1.averageMatchMass).toBeCloseTo(0.65, 4);
    expect(r1.bestQueries.map((q) => [q.name, q.query, q.matchMass])).toEqual([
      ["Cy", "+bike repair", 0.8], ["Ann", "who has a truck?", 0.7], ["Bob", 'I need cake, "sweet" please', 0.6],
    ]);
    // Attention drawn = mean incoming weight from the 3 others: Bob 1.05/3, Cy 1/3, Di 1/3, Ann 0.95/3.
    expect(r1.bestNameTags.map((t) => [t.name, t.key, t.attentionDrawn])).toEqual([
      ["Bob", "truck driver", 0.35], ["Cy", "tax advisor", 0.3333], ["=Di", "-bike shop", 0.3333],
    ]);
    expect(r1.leaderboard.map((e) => [e.rank, e.name, e.points, e.total])).toEqual([
      [1, "Cy", 105, 105], [2, "Ann", 100, 100], [3, "Bob", 95, 95], [4, "=Di", 90, 90],
    ]);
    expect(r2.participation).toEqual({ players: 4, submissions: 2, percent: 50 });
    expect(r2.averageMatchMass).toBeNull();
    expect(r2.revealedAt).toBeNull();
    expect(r2.bestQueries).toEqual([]);
    expect(r2.leaderboard).toEqual([]);
    // Final: Cy was kicked and leaves the board; Eve never scored.
    expect(report.leaderboard.map((e) => [e.rank, e.name, e.total])).toEqual([[1, "Ann", 100], [2, "Bob", 95], [3, "=Di", 90], [4, "Eve", 0]]);
  });

  it("masks hidden and unapproved flagged text and leaves it out of the best lists", () => {
    seeded.store.setModeration(seeded.round1Id, "g-cy", "hidden");
    const report = buildSessionReport(seeded.store, seeded.sessionId)!;
    const [r1, r2] = report.rounds;
    expect(r1.entries.find((e) => e.guestId === "g-cy")).toMatchObject({ query: "[hidden]", key: "[hidden]", value: "[hidden]", moderation: "hidden", points: 105 });
    expect(r1.bestQueries.map((q) => q.name)).toEqual(["Ann", "Bob", "=Di"]);
    expect(r1.bestNameTags.map((q) => q.name)).not.toContain("Cy");
    expect(r2.entries.find((e) => e.guestId === "g-bob")).toMatchObject({ query: "[flagged]", moderation: "flagged" });
    seeded.store.setModeration(seeded.round2Id, "g-bob", "approved");
    expect(buildSessionReport(seeded.store, seeded.sessionId)!.rounds[1].entries[1].query).toBe("rude words");
  });

  it("is undefined for an unknown session", () => {
    expect(buildSessionReport(seeded.store, "nope")).toBeUndefined();
  });
});

describe("reportToCsv", () => {
  it("writes one row per player per round with RFC 4180 quoting", () => {
    const csv = reportToCsv(buildSessionReport(seeded.store, seeded.sessionId)!);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 4 + 4);
    expect(rows[1]).toEqual(["1", "Ann", "who has a truck?", "baker, cakes", "I bake a cake for you", "100", "0.7", "100", "2", "ok"]);
    expect(rows[2].slice(1, 5)).toEqual(["Bob", 'I need cake, "sweet" please', "truck driver", "my truck, line 1\nline 2"]);
    expect(rows[8]).toEqual(["2", "Eve", "", "", "", "", "", "", "", ""]);
    expect(csv).toContain('"I need cake, ""sweet"" please"');
  });

  it("defuses cells that a spreadsheet would run as a formula", () => {
    const rows = parseCsv(reportToCsv(buildSessionReport(seeded.store, seeded.sessionId)!));
    const di = rows.find((r) => r[0] === "1" && r[1] === "'=Di")!;
    expect(di.slice(1, 5)).toEqual(["'=Di", `'=HYPERLINK("http://evil")`, "'-bike shop", "a bike"]);
    const cy = rows.find((r) => r[0] === "1" && r[1] === "Cy")!;
    expect(cy.slice(2, 5)).toEqual(["'+bike repair", "tax advisor", "'@tax help"]);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("quotes and defuses single cells", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell('=IMPORTXML("x","y")')).toBe(`"'=IMPORTXML(""x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });
});

describe("rounds without texts in the report", () => {
  it("counts a prediction round's picks as participation and its right picks as the score; a walk-through has neither", () => {
    const { store, sessionId } = seeded;
    const report0 = buildSessionReport(store, sessionId)!;
    const players = report0.leaderboard.map((p) => p.guestId);
    const nextNumber = report0.rounds.length + 1;
    const modelRound = store.startRound(sessionId, { number: nextNumber, type: "model", settings: { sentence: "the cat sat" } });
    // Two of the players pick; the others are scored 0 without a pick (null match mass = did not play).
    store.recordPrediction(modelRound, { guestId: players[0], choice: 2, answerMs: 1200 });
    store.recordPrediction(modelRound, { guestId: players[1], choice: 1, answerMs: 3000 });
    store.recordReveal(
      modelRound,
      [],
      players.map((guestId, i) => ({ guestId, points: i === 0 ? 140 : 0, matchMass: i === 0 ? 1 : i === 1 ? 0 : null, totalAfter: 0, rankAfter: i + 1, previousRank: null, result: null })),
    );
    store.startRound(sessionId, { number: nextNumber + 1, type: "blocks", settings: { sentence: "the cat sat" } });

    const report = buildSessionReport(store, sessionId)!;
    const model = report.rounds.find((r) => r.type === "model")!;
    expect(model.measure).toBe("prediction");
    expect(model.participation).toEqual({ players: 2, submissions: 2, percent: 100 });
    expect(model.averageMatchMass).toBe(0.5);
    const blocks = report.rounds.find((r) => r.type === "blocks")!;
    expect(blocks.measure).toBe("none");
    expect(blocks.participation.players).toBe(0);
  });
});
