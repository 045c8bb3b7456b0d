// The instructor's plan for the session: a queue of party rounds, each with its deck and
// writing time. Pure functions on plain data (unit-tested); the dashboard keeps one queue per
// party in localStorage (`cocktail.queue.<CODE>`) so a reload keeps the plan, and it
// remembers which deck the current round was dealt from (the room state does not say).

export interface DeckSummary {
  id: string;
  title: string;
  /** How many cards the deck has. */
  items: number;
}

export interface QueuedRound {
  /** Stable within one queue ("q1", "q2", …): buttons and tests address rows by it. */
  id: string;
  deckId: string;
  writeSeconds: number;
}

export interface StartedRound {
  roundNumber: number;
  deckId: string;
}

export interface RoundQueue {
  rounds: QueuedRound[];
  /** The last round this dashboard started, with its deck; null before the first. */
  current: StartedRound | null;
}

/** What "Start round" sends, and which queued round (if any) it consumes. */
export interface NextStart {
  deckId: string | undefined;
  writeSeconds: number;
  queuedId: string | null;
}

export const MIN_WRITE_SECONDS = 15;
export const MAX_WRITE_SECONDS = 1800;
export const DEFAULT_WRITE_SECONDS = 120;
/** A session longer than this is a mistake (a held-down button), not a plan. */
export const MAX_QUEUED = 50;
/** Not under "cocktail.host.": PartyHistory reads every such key as a legacy host key. */
export const QUEUE_STORAGE_PREFIX = "cocktail.queue.";

export function emptyQueue(): RoundQueue {
  return { rounds: [], current: null };
}

/** Whole seconds within the room's limits; anything unreadable is the default. */
export function clampSeconds(value: unknown): number {
  const n = Math.round(Number(value));
  if (!Number.isFinite(n)) return DEFAULT_WRITE_SECONDS;
  return Math.min(MAX_WRITE_SECONDS, Math.max(MIN_WRITE_SECONDS, n));
}

function nextId(queue: RoundQueue): string {
  const used = queue.rounds.map((r) => Number(/^q(\d+)$/.exec(r.id)?.[1] ?? 0));
  return `q${Math.max(0, ...used) + 1}`;
}

export function addRound(queue: RoundQueue, deckId: string, writeSeconds: number): RoundQueue {
  if (!deckId || queue.rounds.length >= MAX_QUEUED) return queue;
  return { ...queue, rounds: [...queue.rounds, { id: nextId(queue), deckId, writeSeconds: clampSeconds(writeSeconds) }] };
}

export function removeRound(queue: RoundQueue, id: string): RoundQueue {
  const rounds = queue.rounds.filter((r) => r.id !== id);
  return rounds.length === queue.rounds.length ? queue : { ...queue, rounds };
}

/** Moves a round `delta` places (−1 = earlier); stops at either end. */
export function moveRound(queue: RoundQueue, id: string, delta: number): RoundQueue {
  const from = queue.rounds.findIndex((r) => r.id === id);
  if (from < 0) return queue;
  const to = Math.min(queue.rounds.length - 1, Math.max(0, from + Math.trunc(delta)));
  if (to === from) return queue;
  const rounds = [...queue.rounds];
  const [moved] = rounds.splice(from, 1);
  rounds.splice(to, 0, moved);
  return { ...queue, rounds };
}

/**
 * The round "Start round" starts: the head of the queue, or — with an empty queue — the first
 * deck the server lists (undefined when the list is not loaded: the server's default) with the
 * given writing time.
 */
export function nextStart(queue: RoundQueue, decks: readonly DeckSummary[], fallbackSeconds: number): NextStart {
  const head = queue.rounds[0];
  if (head) return { deckId: head.deckId, writeSeconds: head.writeSeconds, queuedId: head.id };
  return { deckId: decks[0]?.id, writeSeconds: clampSeconds(fallbackSeconds), queuedId: null };
}

/** The room confirmed round `roundNumber`: the queued round it came from leaves the queue. */
export function markStarted(queue: RoundQueue, start: NextStart, roundNumber: number): RoundQueue {
  const rest = start.queuedId === null ? queue : removeRound(queue, start.queuedId);
  return { ...rest, current: start.deckId === undefined ? null : { roundNumber, deckId: start.deckId } };
}

/** The deck's title, or its id when the server does not list it (any more). */
export function deckTitle(decks: readonly DeckSummary[], deckId: string): string {
  return decks.find((d) => d.id === deckId)?.title ?? deckId;
}

/** The deck of round `roundNumber` when this dashboard started it, else null. */
export function currentDeckId(queue: RoundQueue, roundNumber: number): string | null {
  return roundNumber > 0 && queue.current?.roundNumber === roundNumber ? queue.current.deckId : null;
}

/** "2:00", "0:45", "10:00". */
export function formatMinutes(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Reads a stored queue; anything malformed is dropped rather than trusted. */
export function parseQueue(raw: string | null): RoundQueue {
  if (!raw) return emptyQueue();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return emptyQueue();
  }
  const obj = (typeof data === "object" && data !== null ? data : {}) as Partial<Record<keyof RoundQueue, unknown>>;
  const seen = new Set<string>();
  const rounds: QueuedRound[] = [];
  for (const r of Array.isArray(obj.rounds) ? (obj.rounds as unknown[]) : []) {
    const q = r as Partial<QueuedRound> | null;
    if (!q || typeof q.id !== "string" || typeof q.deckId !== "string" || !q.deckId || seen.has(q.id)) continue;
    seen.add(q.id);
    rounds.push({ id: q.id, deckId: q.deckId, writeSeconds: clampSeconds(q.writeSeconds) });
    if (rounds.length >= MAX_QUEUED) break;
  }
  const c = obj.current as Partial<StartedRound> | null | undefined;
  const current =
    c && typeof c.deckId === "string" && typeof c.roundNumber === "number" && Number.isInteger(c.roundNumber) && c.roundNumber > 0
      ? { roundNumber: c.roundNumber, deckId: c.deckId }
      : null;
  return { rounds, current };
}

/** A Storage that may be missing or throw (private windows, blocked cookies). */
type MaybeStorage = Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;

export function loadQueue(storage: MaybeStorage, code: string): RoundQueue {
  try {
    return parseQueue(storage?.getItem(QUEUE_STORAGE_PREFIX + code) ?? null);
  } catch {
    return emptyQueue();
  }
}

export function saveQueue(storage: MaybeStorage, code: string, queue: RoundQueue): void {
  try {
    if (queue.rounds.length === 0 && queue.current === null) storage?.removeItem(QUEUE_STORAGE_PREFIX + code);
    else storage?.setItem(QUEUE_STORAGE_PREFIX + code, JSON.stringify(queue));
  } catch {
    /* full or blocked storage: the queue lives until the page closes */
  }
}
