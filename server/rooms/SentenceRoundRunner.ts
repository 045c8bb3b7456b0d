// The sentence and heads rounds of a party: the class becomes a scenario's sentence, one student
// per word at one or more tables (heads round: one team of tables per head); the trained model
// plays the words nobody took. At the reveal each table's attention is computed on its own and
// scored against that table's answer key. PartyRoom checks rights and phases; this class owns the
// round's private facts (seating, the model's texts, the key) and is the only one to send them.
import { performance } from "node:perf_hooks";
import { maskFrom, topK } from "../../shared/attention.js";
import { rankByScore } from "../../shared/partyScoring.js";
import { ServerMessage } from "../../shared/protocol.js";
import type { Phase } from "../../shared/roomState.js";
import type { SentenceScenario, WordKey } from "../../shared/scenario.js";
import { scoreSentenceTable, sentenceRoundKey, teamScore, type WordScore } from "../../shared/scenarioScoring.js";
import type { SeatPayload, SeatView, SeatWeight, SentenceAttentionPayload, SentenceResultPayload, SentenceSeatingPayload, TableView } from "../../shared/sentenceRound.js";
import { log } from "../log.js";
import type { AttendResult } from "../model/ModelClient.js";
import type { GuestBook, GuestRecord } from "../party/GuestBook.js";
import { visibleText } from "../party/moderation.js";
import { PHONE_TOP_K, SCREEN_TOP_K } from "../party/partyReveal.js";
import { modelPlayedTexts } from "../scenarios/modelPlayedTexts.js";
import { seatLateStudent, seatStudents, type Seat, type Seating, type SentenceTable } from "../scenarios/seating.js";
import type { PartyStore } from "../storage/PartyStore.js";
import type { AttentionRowRecord, JsonObject, ScoreRecord } from "../storage/storeTypes.js";
import type { PartyEngine } from "./PartyRoom.js";
import type { PartyState } from "./PartyState.js";

export type SentenceRoundType = "sentence" | "heads";

/** The scenario a sentence or heads round plays when the instructor names none. */
export const DEFAULT_SENTENCE_SCENARIO = "cat-on-the-mat";

export function isSentenceRound(type: string): type is SentenceRoundType {
  return type === "sentence" || type === "heads";
}

export interface SentenceRoundHost {
  readonly state: PartyState;
  readonly guests: GuestBook;
  readonly engine: PartyEngine;
  readonly store: PartyStore;
  roundId(): number | null;
  setPhase(phase: Phase): void;
  sendToStaff(type: string, payload: unknown): void;
  sendToGuest(guestId: string, type: string, payload: unknown): void;
}

interface Texts {
  query: string;
  key: string;
  value: string;
}

/**
 * What the round stores in its settings (JSON), enough to carry on after a restart without asking
 * the model again: the scenario as resolved (a custom one may be deleted meanwhile), the seating
 * (updated when a late student sits down) and the model's texts for every word.
 */
export interface SentenceRoundSettings {
  scenarioId: string;
  scenario: SentenceScenario;
  seed: number;
  seating: Seating;
  /**
   * modelTexts[k][position]: what the model writes for a word; k = the table's head in the heads
   * round (each head's own model head plays it), 0 in the sentence round (the mean of its heads).
   */
  modelTexts: Texts[][];
  /** The staff's payload of the reveal (replaced by a recompute), for projectors after a restart. */
  revealed?: SentenceAttentionPayload;
}

interface ActiveRound {
  type: SentenceRoundType;
  roundNumber: number;
  settings: SentenceRoundSettings;
  /** Sent to each student at the reveal, by guest id; kept for reconnecting phones. */
  results: Map<string, SentenceResultPayload>;
}

export class SentenceRoundRunner {
  private active: ActiveRound | null = null;
  isRunning = false;

  constructor(private readonly host: SentenceRoundHost) {}

  get isRevealed(): boolean {
    return this.active?.settings.revealed !== undefined;
  }

  /**
   * The model's texts for every word of the scenario, from the trained model's reading of the
   * sentence (never from the key). Throws when the model does not read the scenario's words.
   */
  static modelTexts(scenario: SentenceScenario, type: SentenceRoundType, attend: AttendResult): Texts[][] {
    const attention = { tokens: attend.trained.tokens, heads: attend.trained.heads, unknownWords: attend.unknownWords };
    const modelHeads = type === "sentence" ? [null] : scenario.heads.map((h) => h.modelHead);
    return modelHeads.map((modelHead) =>
      scenario.words.map((_, position) => {
        const t = modelPlayedTexts(attention, scenario.words, position, modelHead);
        return { query: t.query, key: t.key, value: t.value };
      }),
    );
  }

  /** Seats the students and starts the round; returns the settings to store with the round. */
  static plan(scenario: SentenceScenario, type: SentenceRoundType, studentIds: string[], modelTexts: Texts[][], seed: number): SentenceRoundSettings {
    return { scenarioId: scenario.id, scenario, seed, seating: seatStudents(studentIds, scenario, type, seed), modelTexts };
  }

  begin(type: SentenceRoundType, settings: SentenceRoundSettings): void {
    this.active = { type, roundNumber: this.host.state.roundNumber, settings, results: new Map() };
    this.host.sendToStaff(ServerMessage.sentenceSeating, this.seatingPayload());
    for (const id of this.seatedIds()) this.sendSeat(id);
  }

  /** After a restart: the stored settings and what each phone was told at the reveal. */
  restore(type: SentenceRoundType, settings: SentenceRoundSettings, results: Map<string, SentenceResultPayload>): void {
    this.active = { type, roundNumber: this.host.state.roundNumber, settings, results };
  }

  clear(): void {
    this.active = null;
  }

  // ---- seats ---------------------------------------------------------------------------------

  private seatedIds(): string[] {
    return (this.active?.settings.seating.tables ?? []).flatMap((t) => t.seats.flatMap((s) => (s.studentId ? [s.studentId] : [])));
  }

  private seatOf(guestId: string): { table: SentenceTable; seat: Seat } | null {
    for (const table of this.active?.settings.seating.tables ?? []) {
      const seat = table.seats.find((s) => s.studentId === guestId);
      if (seat) return { table, seat };
    }
    return null;
  }

  /** The word a student plays (an empty value in these rounds stands for the word itself). */
  wordOf(guestId: string): string | null {
    return this.seatOf(guestId)?.seat.word ?? null;
  }

  /** For the host's roster. */
  rosterSeat(guestId: string): { position: number; word: string; tableIndex: number; head: number | null } | undefined {
    const found = this.seatOf(guestId);
    if (!found) return undefined;
    return { position: found.seat.position, word: found.seat.word, tableIndex: found.table.index, head: found.table.head };
  }

  /** A student arriving while the round is open takes a model-played word (or opens a table). */
  seatLate(record: GuestRecord): boolean {
    const a = this.active;
    if (!a || this.seatOf(record.id)) return a !== null;
    const placed = seatLateStudent(a.settings.seating, record.id, a.settings.scenario, a.type);
    a.settings.seating = placed.seating;
    // Stored before anyone is told, so a restart keeps the seat.
    const roundId = this.host.roundId();
    if (roundId !== null) this.host.store.updateRoundSettings(roundId, { seating: placed.seating as unknown as JsonObject });
    this.host.sendToStaff(ServerMessage.sentenceSeating, this.seatingPayload());
    // Tablemates see a classmate where the model sat.
    for (const seat of a.settings.seating.tables[placed.tableIndex].seats) {
      if (seat.studentId && seat.studentId !== record.id) this.sendSeat(seat.studentId);
    }
    return true;
  }

  private seatView(seat: Seat): SeatView {
    const name = seat.studentId ? (this.host.guests.get(seat.studentId)?.name ?? null) : null;
    return { position: seat.position, word: seat.word, guestId: seat.studentId, name, isModel: seat.studentId === null };
  }

  private tableView(table: SentenceTable): TableView {
    return { index: table.index, head: table.head, seats: table.seats.map((s) => this.seatView(s)) };
  }

  seatingPayload(): SentenceSeatingPayload | null {
    const a = this.active;
    if (!a) return null;
    const { scenario, seating } = a.settings;
    return {
      roundNumber: a.roundNumber,
      roundType: a.type,
      scenarioId: scenario.id,
      title: scenario.title,
      sentence: scenario.sentence,
      words: scenario.words,
      questions: scenario.heads.map((h) => h.question),
      tables: seating.tables.map((t) => this.tableView(t)),
    };
  }

  seatPayload(guestId: string): SeatPayload | null {
    const a = this.active;
    const found = this.seatOf(guestId);
    if (!a || !found) return null;
    const { scenario, seating } = a.settings;
    const { table, seat } = found;
    return {
      roundNumber: a.roundNumber,
      roundType: a.type,
      scenarioId: scenario.id,
      title: scenario.title,
      sentence: scenario.sentence,
      words: scenario.words,
      position: seat.position,
      word: seat.word,
      hint: scenario.hints[seat.position],
      tableIndex: table.index,
      tableCount: seating.tables.length,
      head: table.head,
      headQuestion: table.head === null ? null : scenario.heads[table.head].question,
      tablemates: table.seats.filter((s) => s !== seat).map((s) => this.seatView(s)),
    };
  }

  private sendSeat(guestId: string): void {
    const seat = this.seatPayload(guestId);
    if (seat) this.host.sendToGuest(guestId, ServerMessage.seat, seat);
  }

  /** What a student's phone must see again after a (re)connection, in order. */
  privateMessages(guestId: string, phase: Phase): Array<[string, unknown]> {
    const out: Array<[string, unknown]> = [];
    const seat = this.seatPayload(guestId);
    if (seat && phase !== "lobby" && phase !== "ended") out.push([ServerMessage.seat, seat]);
    const result = this.active?.results.get(guestId);
    if (result && (phase === "reveal" || phase === "scores" || phase === "ended")) out.push([ServerMessage.sentenceResult, result]);
    return out;
  }

  /** What a projector or dashboard joining now needs to draw the round. */
  catchUp(send: (type: string, payload: unknown) => void): void {
    const seating = this.seatingPayload();
    if (seating) send(ServerMessage.sentenceSeating, seating);
    const revealed = this.active?.settings.revealed;
    const phase = this.host.state.phase;
    if (revealed && (phase === "reveal" || phase === "scores" || phase === "ended")) send(ServerMessage.sentenceAttention, revealed);
  }

  // ---- reveal --------------------------------------------------------------------------------

  /** The key a table is scored against: every head's links (sentence round) or its team's head. */
  private keyOf(table: SentenceTable): WordKey[] {
    const { scenario } = this.active!.settings;
    return table.head === null ? sentenceRoundKey(scenario) : scenario.heads[table.head].key;
  }

  /** The texts a seat plays with: its student's, or the model's (for a model seat or a student who wrote nothing). */
  private seatTexts(table: SentenceTable, seat: Seat): { texts: Texts; isModel: boolean; record: GuestRecord | null } {
    const record = seat.studentId ? (this.host.guests.get(seat.studentId) ?? null) : null;
    const submission = record?.isPlaying ? record.submission : null;
    if (submission) return { texts: { query: submission.query, key: submission.key, value: submission.value }, isModel: false, record };
    return { texts: this.active!.settings.modelTexts[table.head ?? 0][seat.position], isModel: true, record };
  }

  /** Students who wrote texts for their seat. */
  submittedCount(): number {
    return this.seatedIds().filter((id) => {
      const record = this.host.guests.get(id);
      return record?.isPlaying && record.submission;
    }).length;
  }

  /**
   * Computes every table (one engine call each; the engine batches calls that arrive together),
   * scores them, stores it all, then tells each phone and the staff. A recompute (sharpness or
   * mask changed after the reveal) replaces the round's points. Returns the time it took, ms.
   */
  async reveal(isRecompute: boolean): Promise<number | null> {
    const a = this.active;
    if (!a || this.isRunning) return null;
    this.isRunning = true;
    const { state } = this.host;
    const started = performance.now();
    try {
      const { seating } = a.settings;
      const options = { sharpness: state.sharpness, mask: maskFrom(state.isSelfAttentionBlocked, state.isCausal) };
      const played = seating.tables.map((table) => table.seats.map((seat) => this.seatTexts(table, seat)));
      const responses = await Promise.all(
        played.map((seats) => this.host.engine.reveal({ texts: seats.map((s) => s.texts), options, heardWordCount: 0 })),
      );
      const expected: Phase[] = isRecompute ? ["reveal", "scores"] : ["write"];
      if (state.roundNumber !== a.roundNumber || !expected.includes(state.phase) || this.active !== a) return null;
      const engineMs = Math.max(...responses.map((r) => r.computeMs));
      this.score(a, played, responses.map((r) => r.weights), isRecompute);
      const totalMs = performance.now() - started;
      log.info(`party ${state.code}: ${isRecompute ? "recomputed" : "revealed"} ${a.type} round ${a.roundNumber}`, {
        tables: seating.tables.length,
        students: a.results.size,
        engineMs: Math.round(engineMs * 10) / 10,
        totalMs: Math.round(totalMs * 10) / 10,
      });
      return totalMs;
    } finally {
      this.isRunning = false;
    }
  }

  private score(a: ActiveRound, played: Array<Array<{ texts: Texts; isModel: boolean; record: GuestRecord | null }>>, weights: Float32Array[], isRecompute: boolean): void {
    const { state, guests } = this.host;
    const { scenario, seating } = a.settings;
    const words = scenario.words;
    const W = words.length;
    const wordScores = seating.tables.map((table, t) => scoreSentenceTable(weights[t], this.keyOf(table), words));

    // Per student: its seat's score (0 points when the model had to stand in for it).
    interface Outcome {
      table: SentenceTable;
      position: number;
      score: WordScore;
      hasWritten: boolean;
    }
    const outcomes = new Map<string, Outcome>();
    seating.tables.forEach((table, t) =>
      table.seats.forEach((seat, k) => {
        const record = played[t][k].record;
        if (!record || !state.guests.has(record.id)) return;
        const hasWritten = !played[t][k].isModel;
        const score = hasWritten ? wordScores[t][k] : { ...wordScores[t][k], points: 0, mass: 0 };
        outcomes.set(record.id, { table, position: seat.position, score, hasWritten });
      }),
    );
    const pointsOf = (o: Outcome) => o.score.points;

    const teams = seating.teams.map((team) => {
      const members = team.studentIds.flatMap((id) => outcomes.get(id)?.score ?? []);
      return { head: team.head, question: team.question, score: teamScore(members), memberCount: team.studentIds.length };
    });
    const teamScoreOf = new Map(teams.map((t) => [t.head, t.score]));

    // Totals and ranks as every round does: a recompute starts again from the totals before it.
    const board = guests.all().filter((g) => state.guests.has(g.id));
    const before = board.map((g) => {
      const s = state.guests.get(g.id)!;
      return isRecompute
        ? { total: s.score - s.lastPoints, rank: s.previousRank || null }
        : { total: s.score, rank: state.roundNumber > 1 || s.score > 0 ? s.rank : null };
    });
    const totals = board.map((g, i) => before[i].total + (outcomes.has(g.id) ? pointsOf(outcomes.get(g.id)!) : 0));
    const ranks = rankByScore(totals);

    const results = new Map<string, SentenceResultPayload>();
    const scores: ScoreRecord[] = [];
    board.forEach((record, i) => {
      const o = outcomes.get(record.id);
      const result = o ? this.resultFor(a, o.table, o.position, o.score, o.hasWritten, weights[o.table.index], teamScoreOf, ranks[i], before[i].rank, totals[i]) : null;
      if (result) results.set(record.id, result);
      scores.push({
        guestId: record.id,
        points: o ? pointsOf(o) : 0,
        matchMass: result ? result.keyMass : null,
        totalAfter: totals[i],
        rankAfter: ranks[i],
        previousRank: before[i].rank,
        result,
      });
    });

    const payload = this.attentionPayload(a, played, weights, wordScores, teams);
    // Stored before anyone is told: what a phone saw survives a crash.
    const roundId = this.host.roundId()!;
    this.host.store.recordReveal(roundId, this.rowRecords(seating, played, weights, W), scores);
    this.host.store.updateRoundSettings(roundId, { revealed: payload as unknown as JsonObject });
    a.settings.revealed = payload;
    a.results = results;

    board.forEach((record, i) => {
      const g = state.guests.get(record.id)!;
      const o = outcomes.get(record.id);
      g.previousRank = before[i].rank ?? 0;
      g.rank = ranks[i];
      g.score = totals[i];
      g.lastPoints = o ? pointsOf(o) : 0;
      if (o?.hasWritten && record.submission) g.nameTag = visibleText(record.submission.key, record.moderation);
    });
    if (!isRecompute) this.host.setPhase("reveal");
    for (const [guestId, result] of results) this.host.sendToGuest(guestId, ServerMessage.sentenceResult, result);
    this.host.sendToStaff(ServerMessage.sentenceAttention, payload);
  }

  private resultFor(
    a: ActiveRound,
    table: SentenceTable,
    position: number,
    score: WordScore,
    hasWritten: boolean,
    weights: Float32Array,
    teamScoreOf: Map<number, number>,
    rank: number,
    previousRank: number | null,
    totalScore: number,
  ): SentenceResultPayload {
    const { scenario } = a.settings;
    const words = scenario.words;
    const W = words.length;
    const attendedTo: SeatWeight[] = topK(weights, W, position, PHONE_TOP_K).map(([j, weight]) => ({ position: j, word: words[j], weight }));
    const key = this.keyOf(table)[position];
    return {
      roundNumber: a.roundNumber,
      position,
      word: words[position],
      head: table.head,
      headQuestion: table.head === null ? null : scenario.heads[table.head].question,
      attendedTo,
      keyTargets: key.targets.map((t) => ({ position: t.position, word: words[t.position], share: t.weight })),
      isKeyShared: key.isWeighted && key.targets.length > 1,
      keyMass: hasWritten && score.isScored ? score.mass : null,
      points: score.points,
      pointsReason: hasWritten ? score.reason : `You wrote nothing in time, so the model played "${words[position]}" for you: no points this round`,
      teamScore: table.head === null ? null : (teamScoreOf.get(table.head) ?? null),
      rank,
      previousRank,
      totalScore,
    };
  }

  private attentionPayload(
    a: ActiveRound,
    played: Array<Array<{ texts: Texts; isModel: boolean; record: GuestRecord | null }>>,
    weights: Float32Array[],
    wordScores: WordScore[][],
    teams: SentenceAttentionPayload["teams"],
  ): SentenceAttentionPayload {
    const { scenario, seating } = a.settings;
    const W = scenario.words.length;
    return {
      roundNumber: a.roundNumber,
      roundType: a.type,
      scenarioId: scenario.id,
      words: scenario.words,
      questions: scenario.heads.map((h) => h.question),
      tables: seating.tables.map((table, t) => ({
        ...this.tableView(table),
        // A student who wrote nothing keeps its name on the seat, but the model played it.
        seats: table.seats.map((seat, k) => ({ ...this.seatView(seat), isModel: played[t][k].isModel })),
        rows: table.seats.map((_, k) => topK(weights[t], W, k, SCREEN_TOP_K).map(([j, w]) => [j, round4(w)] as [number, number])),
        nameTags: played[t].map((p) => (p.isModel || !p.record ? p.texts.key : visibleText(p.texts.key, p.record.moderation))),
        points: wordScores[t].map((s, k) => (s.isScored ? (played[t][k].isModel && played[t][k].record ? 0 : s.points) : null)),
      })),
      keys: scenario.heads.map((h) => h.key.map((k) => k.targets.map((target) => ({ position: target.position, share: target.weight })))),
      teams,
    };
  }

  /** One stored row per student: its seat's top targets, named by guest id, or "model:TABLE:POSITION" for a model seat. */
  private rowRecords(seating: Seating, played: Array<Array<{ record: GuestRecord | null }>>, weights: Float32Array[], W: number): AttentionRowRecord[] {
    return seating.tables.flatMap((table, t) =>
      table.seats.flatMap((seat, k): AttentionRowRecord[] => {
        const record = played[t][k].record;
        if (!record) return [];
        const label = (j: number) => table.seats[j].studentId ?? `model:${table.index}:${j}`;
        return [{ guestId: record.id, top: topK(weights[t], W, k, SCREEN_TOP_K).map(([j, w]): [string, number] => [label(j), round4(w)]) }];
      }),
    );
  }
}

/** Four decimals are plenty for line thickness and keep the payloads small. */
function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
