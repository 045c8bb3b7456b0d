// The instructor's plan for the session: a queue of rounds — party rounds with their deck, sentence
// and heads rounds with their scenario, model rounds ("Untrained vs trained") with their sentence,
// training courses with sentence and steps, the blocks walk-through with its sentence — each with
// its writing (answer) time. Pure functions on plain data (unit-tested); the dashboard
// keeps one queue per party in localStorage (`cocktail.queue.<CODE>`) so a reload keeps the plan,
// and it remembers which deck the current round was dealt from (the room state does not say).
import type { StartRoundPayload } from "../../shared/protocol.js";
import { COURSE_STEPS } from "../../shared/rounds.js";
import type { ScenarioSummary } from "../../shared/scenario.js";

export interface DeckSummary {
  id: string;
  title: string;
  /** How many cards the deck has. */
  items: number;
}

/** A scenario as the dashboard lists it (GET /api/parties/:code/scenarios adds isCustom). */
export interface ListedScenario extends ScenarioSummary {
  isCustom?: boolean;
}

/** The round types the dashboard plans, in the order the form lists them (teaching order). */
export type PlannedRoundType = "party" | "sentence" | "heads" | "model" | "course" | "blocks";
export const PLANNED_ROUND_TYPES: readonly PlannedRoundType[] = ["party", "sentence", "heads", "model", "course", "blocks"];

/** Round types played on a scenario's sentence (one student per word). */
export type ScenarioRoundType = "sentence" | "heads";
export function isScenarioRound(type: string): type is ScenarioRoundType {
  return type === "sentence" || type === "heads";
}

/** What a round plays: a party round's deck (none: the server's default), a scenario, a sentence. */
export type RoundPlan =
  | { roundType: "party"; deckId?: string }
  | { roundType: ScenarioRoundType; scenarioId: string }
  | { roundType: "model"; sentence: string }
  | { roundType: "course"; sentence: string; courseSteps: number }
  | { roundType: "blocks"; sentence: string };

export type QueuedRound = RoundPlan & {
  /** Stable within one queue ("q1", "q2", …): buttons and tests address rows by it. */
  id: string;
  writeSeconds: number;
};

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
  plan: RoundPlan;
  writeSeconds: number;
  queuedId: string | null;
}

export const MIN_WRITE_SECONDS = 15;
export const MAX_WRITE_SECONDS = 1800;
export const DEFAULT_WRITE_SECONDS = 120;
/** A session longer than this is a mistake (a held-down button), not a plan. */
export const MAX_QUEUED = 50;
/** The sentence the source material is built around; model rounds start with it in the box. */
export const DEFAULT_SENTENCE = "The queen thanked the farmer in the garden because she was happy.";
/** The blocks walk-through's own default (server/rooms/BlocksRoundRunner.ts): "bank" changes meaning. */
export const DEFAULT_BLOCKS_SENTENCE = "She sat on the bank of the river.";
/** The scenario the server plays when none is named (server/rooms/SentenceRoundRunner.ts). */
export const DEFAULT_SCENARIO_ID = "cat-on-the-mat";
/** shared/protocol.ts StartRoundSchema's limits on courseSteps and sentence length. */
export const MIN_COURSE_STEPS = COURSE_STEPS.min;
export const MAX_COURSE_STEPS = COURSE_STEPS.max;
export const DEFAULT_COURSE_STEPS = 400;
export const MAX_SENTENCE_CHARS = 3000;
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

/** Whole training steps within the room's limits; anything unreadable is the default. */
export function clampSteps(value: unknown): number {
  const n = Math.round(Number(value));
  if (!Number.isFinite(n)) return DEFAULT_COURSE_STEPS;
  return Math.min(MAX_COURSE_STEPS, Math.max(MIN_COURSE_STEPS, n));
}

/**
 * What is wrong with a number typed into a field with limits, in words for the instructor ("Training
 * steps: at least 20 — you typed 5."); null when it is a whole number within them. The form
 * refuses such a value rather than quietly sending the nearest limit.
 */
export function numberFieldProblem(typed: string, limits: { min: number; max: number; label: string }): string | null {
  const { min, max, label } = limits;
  const text = typed.trim();
  if (text === "") return `${label}: enter a whole number from ${min} to ${max}.`;
  const n = Number(text);
  if (!Number.isFinite(n) || !Number.isInteger(n)) return `${label}: a whole number from ${min} to ${max} — “${text}” is not one.`;
  if (n < min) return `${label}: at least ${min} — you typed ${n}.`;
  if (n > max) return `${label}: at most ${max} — you typed ${n}.`;
  return null;
}

export const COURSE_STEP_LIMITS = { min: MIN_COURSE_STEPS, max: MAX_COURSE_STEPS, label: "Training steps" } as const;
export const WRITE_SECONDS_LIMITS = { min: MIN_WRITE_SECONDS, max: MAX_WRITE_SECONDS, label: "Time" } as const;

/** Whitespace collapsed, at most the schema's length; an empty box means the default sentence. */
export function cleanSentence(text: string, fallback = DEFAULT_SENTENCE): string {
  const cleaned = text.replace(/\s+/g, " ").trim().slice(0, MAX_SENTENCE_CHARS);
  return cleaned || fallback;
}

/** The plan for the round type chosen in the form, from the form's fields. */
export function planFromForm(
  roundType: PlannedRoundType,
  fields: { deckId?: string; sentence?: string; courseSteps?: unknown; scenarioId?: string },
): RoundPlan {
  switch (roundType) {
    case "party":
      return fields.deckId ? { roundType, deckId: fields.deckId } : { roundType };
    case "sentence":
    case "heads":
      return { roundType, scenarioId: fields.scenarioId || DEFAULT_SCENARIO_ID };
    case "model":
      return { roundType, sentence: cleanSentence(fields.sentence ?? "") };
    case "course":
      return { roundType, sentence: cleanSentence(fields.sentence ?? ""), courseSteps: clampSteps(fields.courseSteps) };
    case "blocks":
      return { roundType, sentence: cleanSentence(fields.sentence ?? "", DEFAULT_BLOCKS_SENTENCE) };
  }
}

/** The host:startRound payload for a start. */
export function startPayload(start: NextStart): StartRoundPayload {
  const { plan, writeSeconds } = start;
  switch (plan.roundType) {
    case "party":
      return { roundType: "party", writeSeconds, ...(plan.deckId === undefined ? {} : { deckId: plan.deckId }) };
    case "sentence":
    case "heads":
      return { roundType: plan.roundType, writeSeconds, scenarioId: plan.scenarioId };
    case "model":
      return { roundType: "model", writeSeconds, sentence: plan.sentence };
    case "course":
      return { roundType: "course", writeSeconds, sentence: plan.sentence, courseSteps: plan.courseSteps };
    case "blocks":
      // No timer in a walk-through: the instructor steps through it.
      return { roundType: "blocks", sentence: plan.sentence };
  }
}

/** Short words for a queue row or a button's title: the deck's or scenario's title, or the sentence (cut). */
export function planSummary(plan: RoundPlan, decks: readonly DeckSummary[], maxChars = 80, scenarios: readonly ListedScenario[] = []): string {
  if (plan.roundType === "party") return plan.deckId ? deckTitle(decks, plan.deckId) : "the server's default deck";
  if ("scenarioId" in plan) return scenarioTitle(scenarios, plan.scenarioId);
  const sentence = plan.sentence.length > maxChars ? `${plan.sentence.slice(0, maxChars - 1).trimEnd()}…` : plan.sentence;
  return plan.roundType === "course" ? `${plan.courseSteps} steps · “${sentence}”` : `“${sentence}”`;
}

/** The scenario's title, or its id when the list does not have it (not loaded, or deleted). */
export function scenarioTitle(scenarios: readonly ListedScenario[], scenarioId: string): string {
  return scenarios.find((s) => s.id === scenarioId)?.title ?? scenarioId;
}

/** The scenarios a sentence or heads round can play, as "title (10 words · 4 heads)" options. */
export function sentenceScenarioOptions(scenarios: readonly ListedScenario[]): Array<{ id: string; label: string; isCustom: boolean }> {
  return scenarios
    .filter((s) => s.kind === "sentence")
    .map((s) => {
      const heads = s.questions.length;
      return {
        id: s.id,
        label: `${s.isCustom ? "★ " : ""}${s.title} (${s.wordCount} words · ${heads} ${heads === 1 ? "head" : "heads"})`,
        isCustom: Boolean(s.isCustom),
      };
    });
}

function nextId(queue: RoundQueue): string {
  const used = queue.rounds.map((r) => Number(/^q(\d+)$/.exec(r.id)?.[1] ?? 0));
  return `q${Math.max(0, ...used) + 1}`;
}

/** Adds a round at the end; a party round needs its deck (the server lists them). */
export function addRound(queue: RoundQueue, plan: RoundPlan, writeSeconds: number): RoundQueue {
  if ((plan.roundType === "party" && !plan.deckId) || queue.rounds.length >= MAX_QUEUED) return queue;
  return { ...queue, rounds: [...queue.rounds, { ...plan, id: nextId(queue), writeSeconds: clampSeconds(writeSeconds) }] };
}

/** Queued rounds that play `scenarioId` (a scenario about to be deleted). */
export function roundsWithScenario(queue: RoundQueue, scenarioId: string): QueuedRound[] {
  return queue.rounds.filter((r) => isScenarioRound(r.roundType) && "scenarioId" in r && r.scenarioId === scenarioId);
}

/** The queue without the rounds that play `scenarioId` (deleted: they could not start). */
export function withoutScenario(queue: RoundQueue, scenarioId: string): RoundQueue {
  const gone = new Set(roundsWithScenario(queue, scenarioId).map((r) => r.id));
  return gone.size === 0 ? queue : { ...queue, rounds: queue.rounds.filter((r) => !gone.has(r.id)) };
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

/** A queued round's plan without its queue fields. */
function planOf(round: QueuedRound): RoundPlan {
  switch (round.roundType) {
    case "party":
      return round.deckId === undefined ? { roundType: "party" } : { roundType: "party", deckId: round.deckId };
    case "sentence":
    case "heads":
      return { roundType: round.roundType, scenarioId: round.scenarioId };
    case "model":
      return { roundType: "model", sentence: round.sentence };
    case "course":
      return { roundType: "course", sentence: round.sentence, courseSteps: round.courseSteps };
    case "blocks":
      return { roundType: "blocks", sentence: round.sentence };
  }
}

/**
 * The round "Start round" starts: the head of the queue, or — with an empty queue — the round
 * the form describes (`fallback`; by default a party round). A party round without a deck deals
 * from the first deck the server lists (none when the list is not loaded: the server's default).
 */
export function nextStart(
  queue: RoundQueue,
  decks: readonly DeckSummary[],
  fallbackSeconds: number,
  fallback: RoundPlan = { roundType: "party" },
): NextStart {
  const head = queue.rounds[0];
  if (head) return { plan: planOf(head), writeSeconds: head.writeSeconds, queuedId: head.id };
  let plan = fallback;
  if (fallback.roundType === "party" && !decks.some((d) => d.id === fallback.deckId)) {
    plan = decks[0] ? { roundType: "party", deckId: decks[0].id } : { roundType: "party" };
  }
  return { plan, writeSeconds: clampSeconds(fallbackSeconds), queuedId: null };
}

/** The room confirmed round `roundNumber`: the queued round it came from leaves the queue. */
export function markStarted(queue: RoundQueue, start: NextStart, roundNumber: number): RoundQueue {
  const rest = start.queuedId === null ? queue : removeRound(queue, start.queuedId);
  const deckId = start.plan.roundType === "party" ? start.plan.deckId : undefined;
  return { ...rest, current: deckId === undefined ? null : { roundNumber, deckId } };
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
    const round = parseRound(r);
    if (!round || seen.has(round.id)) continue;
    seen.add(round.id);
    rounds.push(round);
    if (rounds.length >= MAX_QUEUED) break;
  }
  const c = obj.current as Partial<StartedRound> | null | undefined;
  const current =
    c && typeof c.deckId === "string" && typeof c.roundNumber === "number" && Number.isInteger(c.roundNumber) && c.roundNumber > 0
      ? { roundNumber: c.roundNumber, deckId: c.deckId }
      : null;
  return { rounds, current };
}

/** One stored round, or null; rounds stored before model rounds existed are party rounds. */
function parseRound(raw: unknown): QueuedRound | null {
  const q = (typeof raw === "object" && raw !== null ? raw : null) as Record<string, unknown> | null;
  if (!q || typeof q.id !== "string") return null;
  const base = { id: q.id, writeSeconds: clampSeconds(q.writeSeconds) };
  const type = q.roundType ?? "party";
  const sentence = typeof q.sentence === "string" && q.sentence.trim() ? cleanSentence(q.sentence) : null;
  if (type === "party") return typeof q.deckId === "string" && q.deckId ? { ...base, roundType: "party", deckId: q.deckId } : null;
  if (type === "model") return sentence ? { ...base, roundType: "model", sentence } : null;
  if (type === "course") return sentence ? { ...base, roundType: "course", sentence, courseSteps: clampSteps(q.courseSteps) } : null;
  if (type === "blocks") return sentence ? { ...base, roundType: "blocks", sentence } : null;
  if (isScenarioRound(String(type))) {
    const scenarioId = typeof q.scenarioId === "string" && /^[a-z0-9-]{2,80}$/.test(q.scenarioId) ? q.scenarioId : null;
    return scenarioId ? { ...base, roundType: type as ScenarioRoundType, scenarioId } : null;
  }
  return null;
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
