// Seating on the real built-in "cat-on-the-mat" (10 words): copies of the sentence for big classes,
// the model on the dull words for small ones, and balanced head teams.
import { describe, expect, it } from "vitest";
import type { SentenceScenario } from "../../../shared/scenario.js";
import { getScenario } from "../../../server/scenarios/scenarioLibrary.js";
import { seatLateStudent, seatStudents, wordInterest, type Seating } from "../../../server/scenarios/seating.js";

function sentenceScenario(id: string): SentenceScenario {
  const scenario = getScenario(id);
  if (scenario?.kind !== "sentence") throw new Error(`${id} is not a sentence scenario`);
  return scenario;
}

const CAT = sentenceScenario("cat-on-the-mat");
const students = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const humansAt = (seating: Seating) => seating.tables.map((t) => t.seats.filter((s) => s.studentId !== null).length);
const modelWords = (seating: Seating, table = 0) => seating.tables[table].seats.filter((s) => s.studentId === null).map((s) => s.position);
/** Positions of "the", "on", "the", "because", "was": no link in the key, function words. */
const DULL = [0, 3, 4, 6, 8];

function expectEveryoneSeatedOnce(seating: Seating, ids: string[]): void {
  const seated = seating.tables.flatMap((t) => t.seats.flatMap((s) => (s.studentId ? [s.studentId] : [])));
  expect(seated.sort()).toEqual([...ids].sort());
  for (const table of seating.tables) expect(table.seats.map((s) => s.word)).toEqual(CAT.words);
}

describe("sentence round with W = 10 words", () => {
  it.each([
    [1, [1]],
    [5, [5]],
    [9, [9]],
    [25, [9, 8, 8]],
    [40, [10, 10, 10, 10]],
  ])("N = %i: tables of %j humans", (n, expected) => {
    const ids = students(n);
    const seating = seatStudents(ids, CAT, "sentence", 7);
    expect(CAT.words).toHaveLength(10);
    expect(seating.tables).toHaveLength(Math.ceil(n / 10));
    expect(humansAt(seating)).toEqual(expected);
    expect(seating.tables.map((t) => t.index)).toEqual(expected.map((_, i) => i));
    expect(seating.tables.every((t) => t.head === null)).toBe(true);
    expect(seating.teams).toEqual([]);
    expectEveryoneSeatedOnce(seating, ids);
  });

  it("gives one student the word that looks for the most", () => {
    const [seat] = seatStudents(["solo"], CAT, "sentence", 1).tables[0].seats.filter((s) => s.studentId);
    expect(["sat", "it"]).toContain(seat.word);
  });

  it("lets the model play the function words without links and keeps key words for humans", () => {
    expect(modelWords(seatStudents(students(5), CAT, "sentence", 3))).toEqual(DULL);
    for (const seed of [1, 2, 3, 4]) {
      const seating = seatStudents(students(9), CAT, "sentence", seed);
      expect(modelWords(seating)).toHaveLength(1);
      expect(DULL).toContain(modelWords(seating)[0]);
    }
  });

  it("is the same for the same seed and differs for another", () => {
    const ids = students(25);
    expect(seatStudents(ids, CAT, "sentence", 42)).toEqual(seatStudents(ids, CAT, "sentence", 42));
    expect(seatStudents(ids, CAT, "sentence", 42)).not.toEqual(seatStudents(ids, CAT, "sentence", 43));
  });

  it("seats nobody when nobody came", () => {
    expect(seatStudents([], CAT, "sentence", 1)).toEqual({ tables: [], teams: [] });
  });
});

describe("heads round", () => {
  it("splits 25 students into 4 balanced teams, each at its own table for its head", () => {
    const ids = students(25);
    const seating = seatStudents(ids, CAT, "heads", 11);
    expect(seating.teams.map((t) => t.studentIds.length)).toEqual([7, 6, 6, 6]);
    expect(seating.teams.map((t) => t.question)).toEqual(CAT.heads.map((h) => h.question));
    expectEveryoneSeatedOnce(seating, ids);
    for (const team of seating.teams) {
      expect(team.tableIndices).toHaveLength(1);
      const table = seating.tables[team.tableIndices[0]];
      expect(table.head).toBe(team.head);
      const players = table.seats.filter((s) => s.studentId !== null);
      expect(players.map((s) => s.studentId).sort()).toEqual([...team.studentIds].sort());
      // Both ends of the head's one link are played by people.
      const linked = CAT.heads[team.head].key.flatMap((k, i) => (k.targets.length ? [i, ...k.targets.map((t) => t.position)] : []));
      for (const position of linked) expect(table.seats[position].studentId).not.toBeNull();
    }
  });

  it("opens more tables for a team larger than the sentence", () => {
    const seating = seatStudents(students(45), CAT, "heads", 5);
    expect(seating.teams.map((t) => t.studentIds.length)).toEqual([12, 11, 11, 11]);
    expect(seating.teams.map((t) => t.tableIndices)).toEqual([[0, 1], [2, 3], [4, 5], [6, 7]]);
    expect(humansAt(seating)).toEqual([6, 6, 6, 5, 6, 5, 6, 5]);
  });

  it("plays only as many heads as there are students", () => {
    const seating = seatStudents(students(2), CAT, "heads", 5);
    expect(seating.teams.map((t) => t.head)).toEqual([0, 1]);
    expect(seating.tables).toHaveLength(2);
  });
});

describe("wordInterest", () => {
  it("ranks words that look for others, then words looked for, then content words, then glue", () => {
    const who = CAT.heads[0].key; // sat → cat
    const interest = wordInterest(CAT.words, who);
    const at = (word: string) => interest[CAT.words.indexOf(word)];
    expect(at("sat")).toBeGreaterThan(at("cat"));
    expect(at("cat")).toBeGreaterThan(at("it"));
    expect(at("it")).toBe(at("mat"));
    expect(at("mat")).toBeGreaterThan(at("because"));
    expect(at("because")).toBe(at("the"));
  });
});

describe("seatLateStudent", () => {
  it("takes the best model-played word at the emptiest table, then opens a table when all are full", () => {
    const five = seatStudents(students(5), CAT, "sentence", 3);
    const late = seatLateStudent(five, "late", CAT, "sentence");
    expect(late.tableIndex).toBe(0);
    expect(DULL).toContain(late.seat.position);
    expect(humansAt(late.seating)).toEqual([6]);
    expect(humansAt(five)).toEqual([5]);

    const full = seatStudents(students(10), CAT, "sentence", 3);
    const overflow = seatLateStudent(full, "late", CAT, "sentence");
    expect(overflow.tableIndex).toBe(1);
    expect(["sat", "it"]).toContain(overflow.seat.word);
    expect(humansAt(overflow.seating)).toEqual([10, 1]);
  });

  it("joins the smallest team in the heads round, or a head that had no team", () => {
    const two = seatStudents(students(2), CAT, "heads", 5);
    const late = seatLateStudent(two, "late", CAT, "heads");
    expect(late.seating.teams.map((t) => t.head)).toEqual([0, 1, 2]);
    expect(late.seating.teams[2]).toMatchObject({ studentIds: ["late"], tableIndices: [2] });
    expect(late.seating.tables[2].head).toBe(2);
    // Head 2 ("Positive or negative?") links it → tired: the late student plays "it".
    expect(late.seat.word).toBe("it");

    const seven = seatStudents(students(7), CAT, "heads", 5);
    const joined = seatLateStudent(seven, "late", CAT, "heads");
    expect(joined.seating.teams.map((t) => t.studentIds.length)).toEqual([2, 2, 2, 2]);
    expect(joined.seating.teams[3].studentIds).toContain("late");
  });
});
