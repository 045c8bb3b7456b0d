// Runs a party round's reveal: asks the engine for attention among the participants, scores
// it, stores it before anyone is told, updates the public state, and hands each phone its row
// and the projector and host the lines. Also recomputes after a slider change or a restart.
import { performance } from "node:perf_hooks";
import { maskFrom } from "../../shared/attention.js";
import { ServerMessage, type AttentionPayload, type MatrixPayload } from "../../shared/protocol.js";
import type { Phase } from "../../shared/roomState.js";
import { log } from "../log.js";
import type { GuestBook, GuestRecord } from "../party/GuestBook.js";
import { visibleText } from "../party/moderation.js";
import { buildPartyReveal } from "../party/partyReveal.js";
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
}

export class RevealRunner {
  /** The last reveal's projector lines, and its full matrix (null after a restart until asked). */
  last: { attention: AttentionPayload; matrix: MatrixPayload | null } | null = null;
  isRunning = false;

  constructor(private readonly host: RevealHost) {}

  private get mask() {
    return maskFrom(this.host.state.isSelfAttentionBlocked, this.host.state.isCausal);
  }

  /** A recompute (sharpness or mask changed after the reveal) replaces the round's points. */
  async run(participants: GuestRecord[], isRecompute: boolean): Promise<void> {
    if (this.isRunning) return;
    this.isRunning = true;
    const { state, guests } = this.host;
    const roundNumber = state.roundNumber;
    const started = performance.now();
    try {
      const response = await this.host.engine.reveal({
        texts: participants.map((g) => ({ query: g.submission!.query, key: g.submission!.key, value: g.submission!.value })),
        options: { sharpness: state.sharpness, mask: this.mask },
        heardWordCount: 6,
      });
      const expected: Phase[] = isRecompute ? ["reveal", "scores"] : ["write"];
      if (state.roundNumber !== roundNumber || !expected.includes(state.phase)) return;
      const outcome = buildPartyReveal({
        roundNumber,
        participants: participants.map((g) => ({ guestId: g.id, name: g.name, nameTag: g.submission!.key, value: g.submission!.value, card: g.card! })),
        weights: response.weights,
        heardWords: response.heardWords,
        scoreboard: guests.all().map((g) => {
          const s = state.guests.get(g.id)!;
          // A recompute starts again from the totals before this round.
          const totalBefore = isRecompute ? s.score - s.lastPoints : s.score;
          const rankBefore = isRecompute ? s.previousRank || null : state.roundNumber > 1 || s.score > 0 ? s.rank : null;
          return { guestId: g.id, totalBefore, rankBefore };
        }),
      });
      // Stored before anyone is told: what a phone saw survives a crash.
      const records = revealRecordsFromOutcome(outcome);
      this.host.store.recordReveal(this.host.roundId()!, records.rows, records.scores);

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
      log.info(`party ${state.code}: ${isRecompute ? "recomputed" : "revealed"} round ${roundNumber}`, {
        guests: participants.length,
        engineMs: Math.round(response.computeMs * 10) / 10,
        totalMs: Math.round((performance.now() - started) * 10) / 10,
      });
    } finally {
      this.isRunning = false;
    }
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
      const response = await this.host.engine.reveal({ texts, options: { sharpness: this.host.state.sharpness, mask: this.mask }, heardWordCount: 1 });
      this.last.matrix = { roundNumber: attention.roundNumber, guestIds: attention.guestIds, weights: Array.from(response.weights) };
    }
    return this.last.matrix;
  }
}
