// Runs a party round's reveal: asks the engine for attention among the participants, scores
// it, updates the public state, hands each phone its row (stored just after)
// and the projector and host the lines — then, a moment later, each phone what it heard. Also
// recomputes after a slider change or a restart.
import { performance } from "node:perf_hooks";
import { maskFrom } from "../../shared/attention.js";
import { ServerMessage, type AttentionPayload, type HeardPayload, type MatrixPayload, type ResultPayload } from "../../shared/protocol.js";
import type { Phase } from "../../shared/roomState.js";
import { log } from "../log.js";
import type { GuestBook, GuestRecord } from "../party/GuestBook.js";
import { visibleText } from "../party/moderation.js";
import type { RevealResponse, RevealWeights } from "../engine/EngineClient.js";
import { buildPartyReveal, type PartyRevealOutcome } from "../party/partyReveal.js";
import type { PartyStore } from "../storage/PartyStore.js";
import { revealRecordsFromOutcome } from "../storage/revealRecords.js";
import type { PartyState } from "./PartyState.js";
import type { PartyEngine } from "./PartyRoom.js";

/** What the runner needs from its room. */
export interface RevealHost {
  readonly state: PartyState;
  readonly guests: GuestBook;
  readonly engine: PartyEngine;
  readonly store: PartyStore;
  roundId(): number | null;
  setPhase(phase: Phase): void;
  /** Sends a participant its (masked) result, if its phone is connected. */
  sendResult(record: GuestRecord): void;
  /** Sends to every host and projector. */
  sendToStaff(type: string, payload: unknown): void;
  /** Sends to one participant's phone, if connected (the `heard` words that follow its result). */
  sendToGuest(guestId: string, type: string, payload: unknown): void;
}

/** What stage one sent, for stage two to complete. */
interface SentRows {
  roundNumber: number;
  roundId: number;
  participants: GuestRecord[];
  outcome: PartyRevealOutcome;
}

export class RevealRunner {
  /** The last reveal's projector lines, and its full matrix (null after a restart until asked). */
  last: { attention: AttentionPayload; matrix: MatrixPayload | null } | null = null;
  /** True from the reveal request until the rows are sent (not while the heard words follow). */
  isRunning = false;
  /** Counts the rows sent, so a run's second stage knows when a later run replaced its results. */
  private generation = 0;

  constructor(private readonly host: RevealHost) {}

  private get mask() {
    return maskFrom(this.host.state.isSelfAttentionBlocked, this.host.state.isCausal);
  }

  /**
   * A recompute (sharpness or mask changed after the reveal) replaces the round's points.
   * Two stages, so phones are not kept waiting for the costly part: as soon as the engine has the
   * weights, every phone gets its row, points and rank (`result`, heard words pending) and the
   * projector its lines; when the nearest-word search is done, each phone gets what it heard.
   */
  async run(participants: GuestRecord[], isRecompute: boolean): Promise<void> {
    if (this.isRunning) return;
    this.isRunning = true;
    const { state } = this.host;
    const roundNumber = state.roundNumber;
    const started = performance.now();
    let onWeights!: (stage: RevealWeights) => void;
    const weightsReady = new Promise<RevealWeights>((resolve) => (onWeights = resolve));
    let full!: Promise<RevealResponse>;
    let stage: RevealWeights;
    let sent: SentRows;
    let rowsMs: number;
    let generation: number;
    try {
      full = this.host.engine.reveal(
        {
          texts: participants.map((g) => ({ query: g.submission!.query, key: g.submission!.key, value: g.submission!.value })),
          options: { sharpness: state.sharpness, mask: this.mask },
          heardWordCount: 6,
        },
        { onWeights },
      );
      // Whichever comes first: an engine that answers in one go still gives the weights.
      stage = await Promise.race([weightsReady, full]);
      const expected: Phase[] = isRecompute ? ["reveal", "scores"] : ["write"];
      if (state.roundNumber !== roundNumber || !expected.includes(state.phase)) return;
      sent = this.sendRows(participants, stage.weights, isRecompute);
      generation = ++this.generation;
      rowsMs = performance.now() - started;
    } finally {
      // Running ends with the rows: the instructor may move a slider while the words are searched
      // (that recompute supersedes this reveal's second stage).
      this.isRunning = false;
    }

    let heardWords: string[][];
    let engineMs = stage.computeMs;
    try {
      const response = await full;
      heardWords = response.heardWords;
      engineMs = response.computeMs;
    } catch (error) {
      // The rows are out and stand; only "what you heard" is lost, so phones stop waiting for it.
      log.warn(`party ${state.code}: heard words of round ${roundNumber} failed: ${(error as Error).message}`);
      heardWords = participants.map(() => []);
    }
    if (generation !== this.generation) return;
    this.sendHeard(sent, heardWords);
    log.info(`party ${state.code}: ${isRecompute ? "recomputed" : "revealed"} round ${roundNumber}`, {
      guests: participants.length,
      weightsMs: Math.round(stage.computeMs * 10) / 10,
      rowsMs: Math.round(rowsMs * 10) / 10,
      engineMs: Math.round(engineMs * 10) / 10,
      totalMs: Math.round((performance.now() - started) * 10) / 10,
    });
  }

  /**
   * Stage one: scores, sends every phone its row with heard words pending and the projector its
   * lines, and stores them just after (PartyStore.writeSoon: when many rooms reveal together, the
   * disk waits until all their phones have their rows; lost only to a crash in that moment, when
   * the stored texts reveal again to the same rows).
   */
  private sendRows(participants: GuestRecord[], weights: Float32Array, isRecompute: boolean): SentRows {
    const { state, guests, store } = this.host;
    const roundNumber = state.roundNumber;
    const roundId = this.host.roundId()!;
    const outcome = buildPartyReveal({
      roundNumber,
      participants: participants.map((g) => ({ guestId: g.id, name: g.name, nameTag: g.submission!.key, value: g.submission!.value, card: g.card! })),
      weights,
      heardWords: [],
      scoreboard: guests.all().map((g) => {
        const s = state.guests.get(g.id)!;
        // A recompute starts again from the totals before this round.
        const totalBefore = isRecompute ? s.score - s.lastPoints : s.score;
        const rankBefore = isRecompute ? s.previousRank || null : state.roundNumber > 1 || s.score > 0 ? s.rank : null;
        return { guestId: g.id, totalBefore, rankBefore };
      }),
    });
    // Stored as they are now, before the flag below: a party restored from a crash between the
    // stages must not leave phones "listening" for words no one will send ("nothing clear" instead).
    const records = revealRecordsFromOutcome(outcome);
    const stored = records.scores.map((score) => (score.result ? { ...score, result: { ...score.result } } : score));
    store.writeSoon(`round ${roundNumber} of party ${state.code}`, () => store.recordReveal(roundId, records.rows, stored));
    for (const result of outcome.results.values()) result.isHeardPending = true;

    this.last = { attention: outcome.attention, matrix: outcome.matrix };
    for (const record of participants) {
      record.lastResult = outcome.results.get(record.id) ?? null;
      state.guests.get(record.id)!.nameTag = visibleText(record.submission!.key, record.moderation);
    }
    for (const [guestId, standing] of outcome.standings) {
      const g = state.guests.get(guestId);
      if (!g) continue;
      g.previousRank = standing.previousRank ?? 0;
      g.rank = standing.rank;
      g.score = standing.total;
      g.lastPoints = standing.points;
    }
    if (!isRecompute) this.host.setPhase("reveal");
    for (const record of participants) this.host.sendResult(record);
    this.host.sendToStaff(ServerMessage.attention, outcome.attention);
    return { roundNumber, roundId, participants, outcome };
  }

  /**
   * Stage two: each phone's heard words, into its result (a phone that reconnects later gets the
   * whole result) and the store. Skipped when the round moved on meanwhile (a new round or
   * another reveal replaced these results).
   */
  private sendHeard({ roundNumber, roundId, participants, outcome }: SentRows, heardWords: string[][]): void {
    const { state, store } = this.host;
    if (state.roundNumber !== roundNumber || !(["reveal", "scores", "ended"] as Phase[]).includes(state.phase)) return;
    const heardByGuest = new Map<string, string[]>();
    participants.forEach((record, i) => {
      const pending = outcome.results.get(record.id);
      if (!pending) return;
      const result: ResultPayload = { ...pending, heardWords: heardWords[i] ?? [], isHeardPending: false };
      heardByGuest.set(record.id, result.heardWords);
      if (record.lastResult !== pending) return;
      record.lastResult = result;
      this.host.sendToGuest(record.id, ServerMessage.heard, { roundNumber, heardWords: result.heardWords } satisfies HeardPayload);
    });
    store.writeSoon(`heard words of round ${roundNumber} of party ${state.code}`, () => store.recordHeardWords(roundId, heardByGuest));
  }

  /** The guests of the last reveal, in matrix order, who still have their texts. */
  participants(): GuestRecord[] {
    return (this.last?.attention.guestIds ?? []).flatMap((id) => {
      const record = this.host.guests.get(id);
      return record?.submission && record.card ? [record] : [];
    });
  }

  /** The full matrix; after a restart only top-k rows are stored, and the engine is deterministic, so it is recomputed. */
  async matrix(): Promise<MatrixPayload | null> {
    if (!this.last) return null;
    if (!this.last.matrix) {
      const { attention } = this.last;
      const texts = attention.guestIds.map((id) => {
        const submission = this.host.guests.get(id)?.submission;
        return { query: submission?.query ?? "", key: submission?.key ?? "", value: submission?.value ?? "" };
      });
      // No heard words: the nearest-word search is the costly part, and the matrix needs none.
      const response = await this.host.engine.reveal({ texts, options: { sharpness: this.host.state.sharpness, mask: this.mask }, heardWordCount: 0 });
      this.last.matrix = { roundNumber: attention.roundNumber, guestIds: attention.guestIds, weights: Array.from(response.weights) };
    }
    return this.last.matrix;
  }
}
