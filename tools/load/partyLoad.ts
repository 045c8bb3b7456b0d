// One party under load: its host (a real colyseus.js client with the host key), its students
// (BotStudent, like phones), and what each phone received during the reveal.
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import type { PartyDeck } from "../../shared/partyDeck.js";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver, wsUrlOf } from "../../server/bots/HostDriver.js";
import { botName } from "../../server/bots/partyRehearsal.js";

/** Colyseus 0.16 frame codes (first byte): a room message, or a state patch. */
const ROOM_DATA = 13;
const ROOM_STATE_PATCH = 15;

/** Bytes one phone's socket received while armed, split by what they carried. */
class ByteCounter {
  isArmed = false;
  messageBytes = 0;
  patchBytes = 0;
  otherBytes = 0;

  attach(bot: BotStudent): void {
    const ws = (bot.room.connection as unknown as { transport: { ws: { addEventListener(type: "message", fn: (event: { data: unknown }) => void): void } } }).transport.ws;
    ws.addEventListener("message", ({ data }) => {
      if (!this.isArmed) return;
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (!bytes) return;
      if (bytes[0] === ROOM_DATA) this.messageBytes += bytes.byteLength;
      else if (bytes[0] === ROOM_STATE_PATCH) this.patchBytes += bytes.byteLength;
      else this.otherBytes += bytes.byteLength;
    });
  }

  get total(): number {
    return this.messageBytes + this.patchBytes + this.otherBytes;
  }

  /** Starts counting one reveal from zero (with --rounds K each reveal is measured on its own). */
  arm(): void {
    this.messageBytes = this.patchBytes = this.otherBytes = 0;
    this.isArmed = true;
  }
}

/** Runs at most `limit` of the given tasks at once (joins: a class arrives within seconds, not in one instant). */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export interface RevealMeasure {
  /** Host sent reveal → this phone had its `result` (its row: top-k, points, rank), ms; one entry per phone that got it. */
  latenciesMs: number[];
  missingResults: number;
  /** Host sent reveal → this phone had its `heard` words (they follow the row), ms. */
  heardLatenciesMs: number[];
  missingHeard: number;
  bytes: Array<{ total: number; messages: number; patches: number }>;
}

export class PartyLoad {
  readonly students: BotStudent[] = [];
  readonly joinErrors: string[] = [];
  private readonly counters = new Map<BotStudent, ByteCounter>();

  private constructor(readonly host: HostDriver) {}

  static async create(httpUrl: string): Promise<PartyLoad> {
    // The longest writing phase: the reveal, not the timer, must end it.
    return new PartyLoad(await HostDriver.createParty(httpUrl, 1800));
  }

  get code(): string {
    return this.host.code;
  }

  async join(count: number, limit: <T>(task: () => Promise<T>) => Promise<T>): Promise<void> {
    const wsUrl = wsUrlOf(this.host.httpUrl);
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        limit(async () => {
          try {
            const bot = await new BotStudent(wsUrl, botName(i)).join(this.code);
            const counter = new ByteCounter();
            counter.attach(bot);
            this.counters.set(bot, counter);
            this.students.push(bot);
          } catch (error) {
            this.joinErrors.push(error instanceof Error ? error.message : String(error));
          }
        }),
      ),
    );
    await this.host.waitFor((s) => s.guests.size === this.students.length, `${this.students.length} guests`, 60_000);
  }

  /** Deals cards, opens writing, and has every student submit texts for its card. */
  async write(deck: PartyDeck, random: () => number): Promise<void> {
    const cards = this.students.map((b) => b.next(ServerMessage.card, 60_000));
    this.host.send(ClientMessage.startRound, { roundType: "party", deckId: deck.id, writeSeconds: 1800 });
    await this.host.waitForPhase("brief", 60_000);
    await Promise.all(cards);
    this.host.send(ClientMessage.startWriting);
    await this.host.waitForPhase("write", 60_000);
    const byNeed = new Map(deck.items.map((item) => [item.need, item]));
    const byOffer = new Map(deck.items.map((item) => [item.offer, item]));
    const pick = (xs: string[]) => xs[Math.floor(random() * xs.length)];
    await Promise.all(
      this.students.map((bot) => {
        const need = byNeed.get(bot.card!.need) ?? deck.items[0];
        const offer = byOffer.get(bot.card!.offer) ?? deck.items[0];
        return bot.submit({ query: pick(need.botQueries), key: pick(offer.botKeys), value: pick(offer.botValues) });
      }),
    );
  }

  /**
   * Presses reveal and waits until every phone has its row and then its heard words, counting
   * what each phone received.
   */
  async reveal(settleMs: number): Promise<RevealMeasure> {
    const results = this.students.map((bot) => bot.next(ServerMessage.result, 120_000).then(() => true, () => false));
    const heard = this.students.map((bot) => bot.next(ServerMessage.heard, 120_000).then(() => true, () => false));
    for (const counter of this.counters.values()) counter.arm();
    const sentAt = performance.now();
    this.host.send(ClientMessage.reveal);
    const arrived = await Promise.all(results);
    const heardArrived = await Promise.all(heard);
    // The reveal's state patch (phase, scores, ranks) follows on the next patch tick; count it too.
    await new Promise((r) => setTimeout(r, settleMs));
    for (const counter of this.counters.values()) counter.isArmed = false;
    return {
      latenciesMs: this.students.filter((_, i) => arrived[i]).map((bot) => bot.resultAt - sentAt),
      missingResults: arrived.filter((ok) => !ok).length,
      heardLatenciesMs: this.students.filter((_, i) => heardArrived[i]).map((bot) => bot.heardAt - sentAt),
      missingHeard: heardArrived.filter((ok) => !ok).length,
      bytes: this.students.map((bot) => {
        const c = this.counters.get(bot)!;
        return { total: c.total, messages: c.messageBytes, patches: c.patchBytes };
      }),
    };
  }

  async close(): Promise<void> {
    this.host.send(ClientMessage.endSession);
    await this.host.waitForPhase("ended", 10_000).catch(() => undefined);
    await Promise.all(this.students.map((b) => b.leave()));
    await this.host.leave();
  }
}
