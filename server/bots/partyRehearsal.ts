// Plays one whole party round with bot students against a running server and reports what
// happened: the texts, the full attention matrix, scores, leaderboard and timings.
import { performance } from "node:perf_hooks";
import { ClientMessage, ServerMessage, type MatrixPayload } from "../../shared/protocol.js";
import type { PartyDeck } from "../../shared/partyDeck.js";
import { BotStudent } from "./BotStudent.js";
import { HostDriver, wsUrlOf } from "./HostDriver.js";

/** A rehearsal guest's texts (from a --texts file); need/offer are deck item ids. */
export interface RehearsalText {
  name: string;
  query: string;
  key: string;
  value: string;
  need?: string;
  offer?: string;
}

export interface RehearsalOptions {
  httpUrl: string;
  deck: PartyDeck;
  students: number;
  texts?: RehearsalText[];
  seed?: number;
  writeSeconds?: number;
  /** Every bot drops its socket at a random moment (writing or reveal) and reconnects like a phone. */
  isChaos?: boolean;
}

const BOT_NAMES = [
  "Ada", "Ben", "Chloe", "Dev", "Elif", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Noor",
  "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tess", "Umar", "Vera", "Wen", "Xavi", "Yara", "Zoe", "Arjun", "Bea",
  "Caleb", "Dana", "Emil", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kai", "Lena", "Milo", "Nia",
];

/** Small seeded PRNG (mulberry32) so a rehearsal with --seed is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function botName(i: number): string {
  const base = BOT_NAMES[i % BOT_NAMES.length];
  return i < BOT_NAMES.length ? base : `${base} ${Math.floor(i / BOT_NAMES.length) + 1}`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runPartyRehearsal(options: RehearsalOptions) {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const count = options.texts?.length ?? options.students;
  const host = await HostDriver.createParty(options.httpUrl, options.writeSeconds ?? 300);
  const wsUrl = wsUrlOf(options.httpUrl);

  const joinStarted = performance.now();
  const bots: BotStudent[] = [];
  for (let i = 0; i < count; i++) {
    // Sequential joins keep guest seats in FILE order, as the JSON promises.
    bots.push(await new BotStudent(wsUrl, options.texts?.[i]?.name ?? botName(i)).join(host.code));
  }
  const joinMs = performance.now() - joinStarted;
  await host.waitFor((s) => s.guests.size === count, `${count} guests`);

  const cardsDealt = bots.map((b) => b.next(ServerMessage.card));
  host.send(ClientMessage.startRound, { roundType: "party", deckId: options.deck.id });
  await host.waitForPhase("brief");
  await Promise.all(cardsDealt);

  const byId = new Map(options.deck.items.map((item) => [item.id, item]));
  const withCards = options.texts?.every((t) => t.need && t.offer) ?? false;
  if (withCards) {
    const redealt = bots.map((b) => b.next(ServerMessage.card));
    host.send(ClientMessage.assignCards, {
      cards: bots.map((b, i) => ({ guestId: b.welcome!.guestId, needId: options.texts![i].need!, offerId: options.texts![i].offer! })),
    });
    await Promise.all(redealt);
  }

  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write");
  const byNeed = new Map(options.deck.items.map((item) => [item.need, item]));
  const byOffer = new Map(options.deck.items.map((item) => [item.offer, item]));
  const cardIds = bots.map((b) => ({ needId: byNeed.get(b.card!.need)?.id ?? "", offerId: byOffer.get(b.card!.offer)?.id ?? "" }));
  // In chaos mode a third of the bots drop before submitting, a third after, a third during the reveal.
  const dropMoment = (i: number) => (options.isChaos ? (["beforeSubmit", "afterSubmit", "reveal"] as const)[i % 3] : "never");
  const jitter = () => new Promise((r) => setTimeout(r, Math.floor(random() * 300)));
  await Promise.all(
    bots.map(async (bot, i) => {
      const given = options.texts?.[i];
      const need = byId.get(cardIds[i].needId);
      const offer = byId.get(cardIds[i].offerId);
      const texts = given
        ? { query: given.query, key: given.key, value: given.value }
        : { query: pick(need!.botQueries), key: pick(offer!.botKeys), value: pick(offer!.botValues) };
      if (dropMoment(i) === "beforeSubmit") await jitter().then(() => bot.dropAndReconnect());
      await bot.submit(texts);
      if (dropMoment(i) === "afterSubmit") await jitter().then(() => bot.dropAndReconnect());
    }),
  );

  const results = bots.map((b) => b.next(ServerMessage.result, 60_000));
  const revealStarted = performance.now();
  host.send(ClientMessage.reveal);
  const revealDrops = bots.flatMap((bot, i) => (dropMoment(i) === "reveal" ? [bot.dropAndReconnect(Math.floor(random() * 500))] : []));
  await Promise.all([...results, ...revealDrops]);
  const perPhoneMs = bots.map((b) => b.resultAt - revealStarted).sort((a, b) => a - b);
  // Each row came first; its heard words follow a moment later (the document reports them).
  await Promise.all(bots.map((b) => b.whenHeard(60_000)));

  const matrixArrived = host.nextMessage<MatrixPayload>(ServerMessage.matrix);
  host.send(ClientMessage.requestMatrix);
  const matrix = await matrixArrived;
  host.send(ClientMessage.showScores);
  await host.waitForPhase("scores");

  // Reorder the server's matrix into the bots' (FILE) order.
  const column = new Map(matrix.guestIds.map((id, j) => [id, j]));
  const order = bots.map((b) => column.get(b.welcome!.guestId)!);
  const n = matrix.guestIds.length;
  const weights = order.map((i) => order.map((j) => matrix.weights[i * n + j]));

  const matchWeights: number[] = [];
  bots.forEach((_, i) =>
    bots.forEach((__, j) => {
      if (i !== j && cardIds[j].offerId === cardIds[i].needId) matchWeights.push(weights[i][j]);
    }),
  );
  const meanOnMatches = matchWeights.reduce((a, b) => a + b, 0) / Math.max(1, matchWeights.length);
  const uniform = 1 / Math.max(1, count - 1);

  const state = host.room.state as unknown as { backend: string; guests: Map<string, { score: number; rank: number; name: string }> };
  const leaderboard = bots
    .map((b) => {
      const g = state.guests.get(b.welcome!.guestId)!;
      return { rank: g.rank, name: g.name, score: g.score };
    })
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));

  // The rehearsal is over: its session is kept for reports but not left open for resuming.
  host.send(ClientMessage.endSession);
  await host.waitForPhase("ended");

  const document = {
    code: host.code,
    sessionId: host.created.sessionId,
    hostKey: host.hostKey,
    backend: state.backend,
    guests: bots.map((b, i) => ({
      name: b.welcome!.name,
      guestId: b.welcome!.guestId,
      need: b.card!.need,
      offer: b.card!.offer,
      needId: cardIds[i].needId,
      offerId: cardIds[i].offerId,
      query: b.submitted!.query,
      key: b.submitted!.key,
      value: b.submitted!.value,
      unknownWords: b.submitted!.unknownWords,
      heardWords: b.result!.heardWords,
    })),
    weights,
    scores: bots.map((b) => ({
      name: b.welcome!.name,
      points: b.result!.points,
      matchMass: b.result!.matchMass,
      reason: b.result!.pointsReason,
      total: b.result!.totalScore,
      rank: b.result!.rank,
    })),
    leaderboard,
    attraction: {
      meanWeightOnMatch: meanOnMatches,
      uniformWeight: uniform,
      ratio: meanOnMatches / uniform,
    },
    timings: {
      joinMs: Math.round(joinMs),
      revealMs: Math.round(perPhoneMs[perPhoneMs.length - 1] * 10) / 10,
      revealMsP50: Math.round(percentile(perPhoneMs, 50) * 10) / 10,
      revealMsP95: Math.round(percentile(perPhoneMs, 95) * 10) / 10,
    },
    errors: [...host.errors, ...bots.flatMap((b) => b.errors)],
    reconnects: bots.reduce((sum, b) => sum + b.reconnects, 0),
    roster: bots.map((b) => {
      const g = (host.room.state as unknown as { guests: Map<string, { name: string; connection: string; hasSubmitted: boolean; score: number }> }).guests.get(
        b.welcome!.guestId,
      )!;
      return { name: g.name, connection: g.connection, hasSubmitted: g.hasSubmitted, score: g.score, reconnects: b.reconnects };
    }),
  };
  await Promise.all(bots.map((b) => b.leave()));
  await host.leave();
  return document;
}
