// Seats a class at a sentence: one guest per word. More students than words → several copies of
// the sentence (tables) side by side, humans spread evenly; fewer → the model plays the words
// left over, chosen to be the least interesting ones. Heads round: one team per head, each at its
// own table(s), seated by that head's key. Pure and deterministic for a given seed.
import type { SentenceScenario, WordKey } from "../../shared/scenario.js";
import { sentenceRoundKey } from "../../shared/scenarioScoring.js";
import { FUNCTION_WORDS } from "../engine/functionWords.js";
import { createRandom, type Random } from "../model/random.js";

export type SeatingRound = "sentence" | "heads";

export interface Seat {
  /** Position of the word in the sentence. */
  position: number;
  word: string;
  /** The student playing it, or null when the model plays it (marked as such on every screen). */
  studentId: string | null;
}

export interface SentenceTable {
  /** 0-based, across all tables of the round (heads round: team 0's tables first). */
  index: number;
  /** The head this table plays (heads round), null in the sentence round. */
  head: number | null;
  /** One seat per word, in sentence order. */
  seats: Seat[];
}

export interface HeadTeam {
  head: number;
  question: string;
  studentIds: string[];
  /** Indices into Seating.tables. */
  tableIndices: number[];
}

export interface Seating {
  tables: SentenceTable[];
  /** One per head in the heads round (a head gets no team when there are fewer students than heads); empty in the sentence round. */
  teams: HeadTeam[];
}

/** Pronouns are function words to the encoder, but deciding who they are about is the lesson. */
const PRONOUNS = new Set(["i", "me", "you", "he", "him", "she", "her", "it", "we", "us", "they", "them", "his", "its", "their", "our", "my", "your"]);

/**
 * How much a word is worth playing, higher first: it looks for others in the key (3), others
 * look for it (2), a content word or pronoun without links (1), glue such as "the" (0). Ties
 * are broken by the number of links the word takes part in.
 */
export function wordInterest(words: readonly string[], key: readonly WordKey[]): number[] {
  const inbound = words.map((_, i) => key.filter((k) => k.targets.some((t) => t.position === i)).length);
  return words.map((word, i) => {
    const outbound = key[i].targets.length;
    const tier = outbound > 0 ? 3 : inbound[i] > 0 ? 2 : PRONOUNS.has(word) || !FUNCTION_WORDS.has(word) ? 1 : 0;
    // Fewer than 100 links per word, so the tier always dominates.
    return tier * 100 + outbound + inbound[i];
  });
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Splits items round-robin into `count` groups whose sizes differ by at most one. */
function dealInto<T>(items: readonly T[], count: number): T[][] {
  const groups = Array.from({ length: count }, (): T[] => []);
  items.forEach((item, k) => groups[k % count].push(item));
  return groups;
}

/** Tables for one group of students playing one key. */
function seatGroup(students: readonly string[], words: readonly string[], key: readonly WordKey[], head: number | null, random: Random, firstIndex: number): SentenceTable[] {
  if (students.length === 0) return [];
  const interest = wordInterest(words, key);
  const tableCount = Math.ceil(students.length / words.length);
  return dealInto(students, tableCount).map((humans, t) => {
    // A random tie-break per table, so equally dull words take turns being played by the model.
    const tieBreak = words.map(() => random.next());
    const ranked = words.map((_, i) => i).sort((a, b) => interest[b] - interest[a] || tieBreak[a] - tieBreak[b]);
    const playerAt = new Map(ranked.slice(0, humans.length).map((position, k) => [position, humans[k]]));
    const seats = words.map((word, position): Seat => ({ position, word, studentId: playerAt.get(position) ?? null }));
    return { index: firstIndex + t, head, seats };
  });
}

/**
 * Seats `studentIds` (arrival order) at tables for the scenario's sentence. The same ids, scenario,
 * round and seed always give the same seating.
 */
export function seatStudents(studentIds: readonly string[], scenario: SentenceScenario, round: SeatingRound, seed: number): Seating {
  const random = createRandom(seed);
  const students = shuffled(studentIds, random);
  if (round === "sentence") {
    return { tables: seatGroup(students, scenario.words, sentenceRoundKey(scenario), null, random, 0), teams: [] };
  }
  const tables: SentenceTable[] = [];
  const teams: HeadTeam[] = [];
  dealInto(students, scenario.heads.length).forEach((members, h) => {
    if (members.length === 0) return;
    const head = scenario.heads[h];
    const teamTables = seatGroup(members, scenario.words, head.key, h, random, tables.length);
    tables.push(...teamTables);
    teams.push({ head: h, question: head.question, studentIds: members, tableIndices: teamTables.map((t) => t.index) });
  });
  return { tables, teams };
}

/** A model-played seat a late student can take, or null when every seat at the table is taken. */
function bestOpenSeat(table: SentenceTable, interest: number[]): Seat | null {
  const open = table.seats.filter((s) => s.studentId === null);
  return open.sort((a, b) => interest[b.position] - interest[a.position] || a.position - b.position)[0] ?? null;
}

const humanCount = (table: SentenceTable) => table.seats.filter((s) => s.studentId !== null).length;

/**
 * A student arriving mid-round takes over the most interesting model-played word at the emptiest
 * table (heads round: of the smallest team, or of a head that had no team yet); when every seat is
 * taken, a new table opens. Returns a new seating; the given one is left as it was.
 */
export function seatLateStudent(seating: Seating, studentId: string, scenario: SentenceScenario, round: SeatingRound): { seating: Seating; seat: Seat; tableIndex: number } {
  const tables = seating.tables.map((t) => ({ ...t, seats: t.seats.map((s) => ({ ...s })) }));
  const teams = seating.teams.map((t) => ({ ...t, studentIds: [...t.studentIds], tableIndices: [...t.tableIndices] }));
  let head: number | null = null;
  let team: HeadTeam | undefined;
  if (round === "heads") {
    const sizeOf = (h: number) => teams.find((t) => t.head === h)?.studentIds.length ?? 0;
    head = scenario.heads.map((_, h) => h).sort((a, b) => sizeOf(a) - sizeOf(b) || a - b)[0];
    team = teams.find((t) => t.head === head);
    if (!team) {
      team = { head, question: scenario.heads[head].question, studentIds: [], tableIndices: [] };
      teams.push(team);
      teams.sort((a, b) => a.head - b.head);
    }
    team.studentIds.push(studentId);
  }
  const interest = wordInterest(scenario.words, head === null ? sentenceRoundKey(scenario) : scenario.heads[head].key);
  const candidates = tables.filter((t) => t.head === head).sort((a, b) => humanCount(a) - humanCount(b) || a.index - b.index);
  for (const table of candidates) {
    const seat = bestOpenSeat(table, interest);
    if (seat) {
      seat.studentId = studentId;
      return { seating: { tables, teams }, seat, tableIndex: table.index };
    }
  }
  const fresh: SentenceTable = { index: tables.length, head, seats: scenario.words.map((word, position) => ({ position, word, studentId: null })) };
  const seat = bestOpenSeat(fresh, interest)!;
  seat.studentId = studentId;
  tables.push(fresh);
  team?.tableIndices.push(fresh.index);
  return { seating: { tables, teams }, seat, tableIndex: fresh.index };
}
