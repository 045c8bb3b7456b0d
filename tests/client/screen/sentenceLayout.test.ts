// The sentence scene's geometry: tables fill the area without overlapping, a selected head shows
// its team's tables only, long rows are capped with a count, and arcs rise with the distance.
import { describe, expect, it } from "vitest";
import { MAX_TABLES_SHOWN, MIN_TABLE_SCALE, arcPoints, arcRise, fitText, keyTargets, layoutTables, readableTableCount, tablesToShow, type Rect } from "../../../client/screen/sentenceLayout.js";

const AREA: Rect = { x: 40, y: 200, width: 1840, height: 780 };

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("layoutTables", () => {
  for (const count of [1, 2, 3, 4, 5, 8]) {
    it(`places ${count} table(s) of a 10-word sentence inside the area, apart`, () => {
      const grid = layoutTables(count, 10, AREA, true);
      expect(grid.cells).toHaveLength(count);
      for (const [i, c] of grid.cells.entries()) {
        expect(c.x).toBeGreaterThanOrEqual(AREA.x - 0.01);
        expect(c.y).toBeGreaterThanOrEqual(AREA.y - 0.01);
        expect(c.x + c.width).toBeLessThanOrEqual(AREA.x + AREA.width + 0.01);
        expect(c.y + c.height).toBeLessThanOrEqual(AREA.y + AREA.height + 0.01);
        for (const other of grid.cells.slice(i + 1)) expect(overlap(c, other)).toBe(false);
      }
    });
  }

  it("shrinks as tables are added, and picks columns that keep them largest", () => {
    const scales = [1, 2, 4, 8].map((n) => layoutTables(n, 10, AREA, true).scale);
    for (let i = 1; i < scales.length; i++) expect(scales[i]).toBeLessThanOrEqual(scales[i - 1]);
    expect(layoutTables(4, 10, AREA, true).columns).toBe(2);
    expect(layoutTables(1, 10, AREA, true).columns).toBe(1);
  });

  it("has nothing to place for no tables", () => {
    expect(layoutTables(0, 10, AREA, false).cells).toEqual([]);
  });
});

describe("readableTableCount", () => {
  it("keeps the tables at a readable scale: fewer at the reveal (arcs take room) and for longer sentences", () => {
    const reveal = readableTableCount(10, AREA, true);
    const brief = readableTableCount(10, AREA, false);
    expect(layoutTables(reveal, 10, AREA, true).scale).toBeGreaterThanOrEqual(MIN_TABLE_SCALE);
    expect(layoutTables(reveal + 1, 10, AREA, true).scale).toBeLessThan(MIN_TABLE_SCALE);
    expect(brief).toBeGreaterThan(reveal);
    expect(brief).toBeLessThanOrEqual(MAX_TABLES_SHOWN);
    expect(readableTableCount(14, AREA, true)).toBeLessThanOrEqual(reveal);
    // A tiny area still shows one table (shrunk): the class must see something.
    expect(readableTableCount(10, { ...AREA, height: 100 }, true)).toBe(1);
  });
});

describe("tablesToShow", () => {
  const tables = [0, 0, 1, 2, 3].map((head, index) => ({ index, head }));
  it("shows every table, or one head's", () => {
    expect(tablesToShow(tables, null).shown).toHaveLength(5);
    expect(tablesToShow(tables, 0).shown.map((t) => t.index)).toEqual([0, 1]);
    expect(tablesToShow(tables, 5).shown).toEqual([]);
  });
  it("caps the count and says how many were left off", () => {
    const many = Array.from({ length: 11 }, (_, index) => ({ index, head: null }));
    const { shown, hidden } = tablesToShow(many, null);
    expect(shown).toHaveLength(MAX_TABLES_SHOWN);
    expect(hidden).toBe(11 - MAX_TABLES_SHOWN);
  });
  it("gives every head its share of the places when all heads are shown", () => {
    // 300 students, 4 heads: eight tables per team, team 1's first.
    const teams = Array.from({ length: 32 }, (_, index) => ({ index, head: Math.floor(index / 8) }));
    const { shown, hidden } = tablesToShow(teams, null);
    expect(shown.map((t) => t.head)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(hidden).toBe(32 - MAX_TABLES_SHOWN);
    // Uneven teams: a small team's one table still shows, the rest go to the bigger ones.
    const uneven = [0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2].map((head, index) => ({ index, head }));
    expect(tablesToShow(uneven, null).shown.map((t) => t.index)).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(tablesToShow(teams, 2).shown.every((t) => t.head === 2)).toBe(true);
    expect(tablesToShow(teams, null, 4).shown.map((t) => t.head)).toEqual([0, 1, 2, 3]);
  });
});

describe("arcs", () => {
  it("rise with the distance, up to the cap", () => {
    expect(arcRise(100, 1000, 200)).toBeLessThan(arcRise(500, 1000, 200));
    expect(arcRise(1000, 1000, 200)).toBeCloseTo(200);
    expect(arcRise(5000, 1000, 200)).toBeCloseTo(200);
  });
  it("run from the first word to the second, peaking at the rise, on the side asked", () => {
    const up = arcPoints(100, 500, 300, 80, -1);
    expect(up[0]).toEqual({ x: 100, y: 300 });
    expect(up.at(-1)!.x).toBeCloseTo(500);
    expect(Math.min(...up.map((p) => p.y))).toBeCloseTo(220);
    const down = arcPoints(500, 100, 300, 40, 1);
    expect(Math.max(...down.map((p) => p.y))).toBeCloseTo(340);
  });
  it("grow: a partial arc is the start of the whole one", () => {
    const whole = arcPoints(0, 400, 0, 50, -1);
    const half = arcPoints(0, 400, 0, 50, -1, 0.5);
    expect(half.length).toBeLessThan(whole.length);
    expect(half.at(-1)).toEqual(whole[half.length - 1]);
  });
});

describe("keyTargets", () => {
  // keys[h][position]: head 0 links word 2 → 1; head 1 links word 2 → 5 and word 7 → 1.
  const keys = [
    [[], [], [{ position: 1, share: 1 }], [], [], [], [], []],
    [[], [], [{ position: 5, share: 1 }], [], [], [], [], [{ position: 1, share: 1 }]],
  ];
  it("takes the table's head's key in a heads round", () => {
    expect(keyTargets(keys, 1, 2)).toEqual([{ position: 5, share: 1 }]);
    expect(keyTargets(keys, 0, 7)).toEqual([]);
  });
  it("merges every head's links in a sentence round, shares split", () => {
    expect(keyTargets(keys, null, 2)).toEqual([
      { position: 1, share: 0.5 },
      { position: 5, share: 0.5 },
    ]);
    expect(keyTargets(keys, null, 7)).toEqual([{ position: 1, share: 1 }]);
  });
});

describe("fitText", () => {
  const measure = (s: string) => s.length * 10;
  it("keeps what fits and cuts the rest with an ellipsis", () => {
    expect(fitText("Ada", 100, measure)).toBe("Ada");
    expect(fitText("Cyrus Montgomery", 80, measure)).toBe("Cyrus M…");
    expect(measure(fitText("Cyrus Montgomery", 80, measure))).toBeLessThanOrEqual(80);
  });
});
