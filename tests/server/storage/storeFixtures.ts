// A small recorded party for the storage tests: four guests, one revealed round, and a second
// round caught mid-write (the moment a crash would hit). Real SQLite files in a temp folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildPartyReveal, type PartyRevealOutcome } from "../../../server/party/partyReveal.js";
import { PartyStore } from "../../../server/storage/PartyStore.js";
import { revealRecordsFromOutcome } from "../../../server/storage/revealRecords.js";
import type { CardRecord } from "../../../server/storage/storeTypes.js";

/** A fresh folder under the OS temp dir; the caller removes it. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cocktail-store-"));
}

export const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

export const GUESTS = [
  { guestId: "g-ann", name: "Ann", rejoinSecret: "secret-ann-0123456789" },
  { guestId: "g-bob", name: "Bob", rejoinSecret: "secret-bob-0123456789" },
  { guestId: "g-cy", name: "Cy", rejoinSecret: "secret-cy-0123456789" },
  { guestId: "g-di", name: "=Di", rejoinSecret: "secret-di-0123456789" },
] as const;

// Ann needs what Bob offers and the other way round; Cy and Di likewise.
export const ROUND1_CARDS: CardRecord[] = [
  { guestId: "g-ann", needId: "truck", offerId: "cake" },
  { guestId: "g-bob", needId: "cake", offerId: "truck" },
  { guestId: "g-cy", needId: "bike", offerId: "tax" },
  { guestId: "g-di", needId: "tax", offerId: "bike" },
];

export const ROUND1_TEXTS = [
  { query: "who has a truck?", key: "baker, cakes", value: "I bake a cake for you" },
  { query: "I need cake, \"sweet\" please", key: "truck driver", value: "my truck, line 1\nline 2" },
  { query: "+bike repair", key: "tax advisor", value: "@tax help" },
  { query: "=HYPERLINK(\"http://evil\")", key: "-bike shop", value: "a bike" },
];

// [4, 4] row-major, zero diagonal (no self-attention); rows sum to 1.
export const ROUND1_WEIGHTS = [
  0, 0.7, 0.2, 0.1,
  0.6, 0, 0.3, 0.1,
  0.1, 0.1, 0, 0.8,
  0.25, 0.25, 0.5, 0,
];

export interface SeededParty {
  store: PartyStore;
  sessionId: string;
  hostKey: string;
  round1Id: number;
  round2Id: number;
  outcome: PartyRevealOutcome;
}

/** Records the fixture party into `store`, timestamps from T0 on; round 2 only if asked (default). */
export function seedParty(store: PartyStore, options: { hostKey?: string; isRound2Played?: boolean } = {}): SeededParty {
  const hostKey = options.hostKey ?? "host-key-abcdefghijklmnop";
  const session = store.createSession({ code: "KQXWP", hostKey, settings: { writeSeconds: 90, isLocked: false }, createdAt: T0 });
  GUESTS.forEach((g, seat) => store.recordPlayer(session.id, { ...g, seat, joinedAt: T0 + 1000 * seat }));

  const round1Id = store.startRound(session.id, { number: 1, type: "party", cards: ROUND1_CARDS, startedAt: T0 + 60_000 });
  store.setRoundPhase(round1Id, "write", { isOpen: true, endsAt: T0 + 150_000 });
  GUESTS.forEach((g, i) => {
    store.recordSubmission(round1Id, {
      guestId: g.guestId,
      ...ROUND1_TEXTS[i],
      unknownWords: { query: [], key: i === 0 ? ["cakes"] : [], value: [] },
      submittedAt: T0 + 100_000 + i,
    });
  });
  const outcome = buildPartyReveal({
    roundNumber: 1,
    participants: GUESTS.map((g, i) => ({
      guestId: g.guestId,
      name: g.name,
      nameTag: ROUND1_TEXTS[i].key,
      value: ROUND1_TEXTS[i].value,
      card: ROUND1_CARDS[i],
    })),
    weights: ROUND1_WEIGHTS,
    heardWords: GUESTS.map((g) => [`heard-${g.name}`]),
    scoreboard: GUESTS.map((g) => ({ guestId: g.guestId, totalBefore: 0, rankBefore: null })),
  });
  const { rows, scores } = revealRecordsFromOutcome(outcome);
  store.recordReveal(round1Id, rows, scores, T0 + 160_000);
  store.setRoundPhase(round1Id, "scores");
  if (options.isRound2Played === false) return { store, sessionId: session.id, hostKey, round1Id, round2Id: -1, outcome };

  // Round 2: Cy was kicked between rounds; Eve joined late; the crash comes during writing.
  store.markKicked(session.id, "g-cy");
  store.recordPlayer(session.id, { guestId: "g-eve", name: "Eve", seat: 4, rejoinSecret: "secret-eve-0123456789", joinedAt: T0 + 200_000 });
  const round2Id = store.startRound(session.id, {
    number: 2,
    type: "party",
    settings: { sharpness: 2 },
    startedAt: T0 + 300_000,
    cards: [
      { guestId: "g-ann", needId: "bike", offerId: "truck" },
      { guestId: "g-bob", needId: "truck", offerId: "bike" },
      { guestId: "g-di", needId: "cake", offerId: "tax" },
    ],
  });
  store.recordCards(round2Id, [{ guestId: "g-eve", needId: "tax", offerId: "cake" }]);
  store.setRoundPhase(round2Id, "write", { isOpen: true, endsAt: T0 + 420_000 });
  store.recordSubmission(round2Id, { guestId: "g-ann", query: "first try", key: "k", value: "v", unknownWords: { query: [], key: [], value: [] } });
  store.recordSubmission(round2Id, {
    guestId: "g-ann",
    query: "a bike please",
    key: "truck owner",
    value: "I drive",
    unknownWords: { query: [], key: [], value: [] },
    submittedAt: T0 + 330_000,
  });
  store.recordSubmission(round2Id, {
    guestId: "g-bob",
    query: "rude words",
    key: "bike person",
    value: "a bike",
    unknownWords: { query: [], key: [], value: [] },
    moderation: "flagged",
    submittedAt: T0 + 331_000,
  });
  return { store, sessionId: session.id, hostKey, round1Id, round2Id, outcome };
}
