// The projector's round scenes in Chromium, at 1920×1080 and 1280×720 side by side, with 5, 40 and
// 300 bot guests playing real rounds on the real server: the sentence round (brief with its
// tables, reveal with arcs and the key), the heads round (every head, then one picked on the
// dashboard), the model round (question, then untrained vs trained), the course (mid-training and
// finished) and the blocks walk-through (first meeting room, first archives, last step). Each view
// is screenshotted into test-results/ (screen-<view>-<guests>-<width>.png) and checked through the
// scene's own window.__screen hook — what it drew, not what the room sent — and the back-row
// label check (no overlaps, nothing off screen or too small).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RoundDrawing } from "../../client/screen/ScreenModel.js";
import { MAX_TABLES_SHOWN } from "../../client/screen/sentenceLayout.js";
import type { BlocksPayload } from "../../shared/blocks.js";
import type { ModelSentencePayload } from "../../shared/modelRound.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import type { SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import { screenshot } from "../helpers/browser.js";
import {
  closeScreenParty,
  eachScreen,
  expectCleanScreens,
  openScreenParty,
  startSentenceRound,
  useScreenTestServer,
  writeAndReveal,
  type ScreenParty,
  type ScreenSize,
} from "../helpers/screenPages.js";

/** The default scenario's (cat-on-the-mat) 10-word tables fit four to a screen at the reveal with back-row text (more before it, without arcs). */
const TABLES_AT_REVEAL = 4;
/** Long enough that a picture of the training can be taken before it ends (4 steps a chunk, ~0.3 s each). */
const COURSE_STEPS = 80;
/** A sentence per class size, so the walk-through is seen with short and long rows (the queen's 12 words are the widest). */
const BLOCKS_SENTENCES: Record<number, string | undefined> = {
  5: undefined, // the room's default: "She sat on the bank of the river."
  40: "He took money out of the bank.",
  300: "The queen thanked the farmer in the garden because she was happy.",
};

const setup = useScreenTestServer();

interface HookState {
  scene: string;
  caption: string;
  guestCount: number;
  tablesDrawn: number;
  tablesHidden: number;
  arcsDrawn: number;
  keyArcsDrawn: number;
  linesDrawn: number;
  revealProgress: number;
  blocksStep: number;
  drawn: RoundDrawing;
}

const hookState = (page: Page): Promise<HookState> =>
  page.evaluate(() => {
    const h = window.__screen!;
    return {
      scene: h.scene,
      caption: h.caption,
      guestCount: h.guestCount,
      tablesDrawn: h.tablesDrawn,
      tablesHidden: h.tablesHidden,
      arcsDrawn: h.arcsDrawn,
      keyArcsDrawn: h.keyArcsDrawn,
      linesDrawn: h.linesDrawn,
      revealProgress: h.revealProgress,
      blocksStep: h.blocksStep,
      drawn: h.drawn,
    };
  });

/** Polls every projector's hook until `isReady` holds for the scene (still, nothing growing); returns what each shows. */
async function waitForView(party: ScreenParty, scene: string, what: string, isReady: (h: HookState) => boolean, timeoutMs = 30_000): Promise<HookState[]> {
  return Promise.all(
    party.screens.map(async ({ watched, size }) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const h = await hookState(watched.page);
        if (h.scene === scene && h.revealProgress >= 1 && isReady(h)) return h;
        if (Date.now() > deadline) throw new Error(`${size.width}×${size.height} never showed ${what}: ${JSON.stringify(h)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }),
  );
}

/** Screenshots every projector (before the checks, so a failure has its picture), then checks its labels. */
async function shoot(party: ScreenParty, view: string, guests: number): Promise<void> {
  await eachScreen(party, (page, size: ScreenSize) => screenshot(page, `screen-${view}-${guests}-${size.width}`));
  await expectCleanScreens(party, false, `${view} with ${guests} guests`);
}

const humansAt = (tables: SentenceSeatingPayload["tables"]) => tables.reduce((sum, t) => sum + t.seats.filter((s) => !s.isModel).length, 0);

async function sentenceRound(party: ScreenParty, guests: number): Promise<void> {
  const seating = await startSentenceRound(party, "sentence");
  const total = seating.tables.length;
  expect(total).toBe(Math.ceil(guests / seating.words.length));
  const brief = await waitForView(party, "SentenceScene", "the sentence brief", (h) => h.tablesDrawn > 0);
  for (const h of brief) {
    expect(h.guestCount).toBe(guests);
    expect(h.tablesDrawn + h.tablesHidden).toBe(total);
    expect(h.tablesDrawn).toBe(Math.min(total, MAX_TABLES_SHOWN));
    expect(h.drawn.words).toBe(seating.words.length);
    // Every student at a table on screen is named under the word they play.
    expect(h.drawn.playersNamed).toBe(humansAt(seating.tables.slice(0, h.tablesDrawn)));
    expect(h.arcsDrawn).toBe(0);
    expect(h.caption).toMatch(/query/);
  }
  await shoot(party, "sentence-brief", guests);

  await writeAndReveal(party, guests);
  const reveal = await waitForView(party, "SentenceScene", "the sentence reveal", (h) => h.arcsDrawn > 0 && h.keyArcsDrawn > 0);
  for (const h of reveal) {
    expect([h.tablesDrawn, h.tablesHidden]).toEqual([Math.min(total, TABLES_AT_REVEAL), total - Math.min(total, TABLES_AT_REVEAL)]);
    expect(h.drawn.playersNamed).toBe(humansAt(seating.tables.slice(0, h.tablesDrawn)));
    // At most three arcs per word at every table drawn.
    expect(h.arcsDrawn).toBeLessThanOrEqual(h.tablesDrawn * seating.words.length * 3);
    expect(h.caption).toMatch(/every other word at once/);
  }
  await shoot(party, "sentence-reveal", guests);
}

async function headsRound(party: ScreenParty, guests: number): Promise<void> {
  const seating = await startSentenceRound(party, "heads");
  const teams = [...new Set(seating.tables.map((t) => t.head!))].sort((a, b) => a - b);
  expect(teams).toEqual(seating.questions.map((_, h) => h)); // 5 students or more: a team for every head
  await writeAndReveal(party, guests + 1);
  // Heads' tables with arcs: not the sentence round's reveal, which a slow projector may still show for a moment.
  const all = await waitForView(party, "SentenceScene", "every head", (h) => h.arcsDrawn > 0 && h.drawn.headShown === null && h.drawn.heads.length > 0);
  for (const h of all) {
    expect(h.tablesDrawn).toBe(Math.min(TABLES_AT_REVEAL, seating.tables.length));
    // Every team's tables are on screen, even when there are too many to show them all.
    expect(h.drawn.heads).toEqual(teams);
    expect(h.caption).toMatch(/several heads/);
  }
  await shoot(party, "heads-all", guests);

  // The dashboard picks head 2: every projector shows that team's tables only.
  party.host.send(ClientMessage.selectHead, { head: 1 });
  const teamTables = seating.tables.filter((t) => t.head === 1).length;
  const one = await waitForView(party, "SentenceScene", "head 2 alone", (h) => h.drawn.headShown === 1);
  for (const h of one) {
    expect(h.drawn.heads).toEqual([1]);
    expect([h.tablesDrawn, h.tablesHidden]).toEqual([Math.min(TABLES_AT_REVEAL, teamTables), Math.max(0, teamTables - TABLES_AT_REVEAL)]);
    expect(h.arcsDrawn).toBeGreaterThan(0);
    expect(h.caption).toMatch(/^Head 2 asks/);
  }
  await shoot(party, "heads-one", guests);
}

/** Starts a model or course round and has `share` of the class answer the question (a pick each, spread over the choices). */
async function startWatchedRound(party: ScreenParty, roundType: "model" | "course", share: number): Promise<ModelSentencePayload> {
  const { host, bots } = party;
  const sentences = bots.map((b) => b.next<ModelSentencePayload>(ServerMessage.modelSentence, 60_000));
  host.send(ClientMessage.startRound, roundType === "course" ? { roundType, courseSteps: COURSE_STEPS } : { roundType });
  const [sentence] = await Promise.all(sentences);
  await host.waitForPhase("brief", 30_000);
  // The brief says what the class is about to see before the question opens.
  const scene = roundType === "model" ? "ModelScene" : "CourseScene";
  const briefed = await waitForView(party, scene, "the brief", (h) => h.drawn.words === sentence!.tokens.length - 1);
  for (const h of briefed) expect(h.caption).toMatch(roundType === "model" ? /stores a recipe/ : /never been trained/);
  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write", 30_000);
  const { choices } = sentence!.question;
  const answering = bots.slice(0, Math.round(bots.length * share));
  await Promise.all(answering.map((b, i) => b.predict(choices[(i * 7) % choices.length]!)));
  return sentence!;
}

async function modelRound(party: ScreenParty, guests: number): Promise<void> {
  const sentence = await startWatchedRound(party, "model", 2 / 3);
  const answered = Math.round(guests * (2 / 3));
  const question = await waitForView(party, "ModelScene", "the question with the answers so far", (h) => h.caption.startsWith("Predict") && h.drawn.answered === answered);
  for (const h of question) {
    expect(h.drawn.words).toBe(sentence.tokens.length - 1);
    expect(h.linesDrawn).toBe(0);
  }
  // The count the class reads is the one the hook reports.
  await eachScreen(party, async (page) => expect((await page.evaluate(() => window.__screen!.boxes())).map((b) => b.id)).toContain(`${answered} of ${guests} have answered`));
  await shoot(party, "model-question", guests);

  party.host.send(ClientMessage.reveal);
  const reveal = await waitForView(party, "ModelScene", "untrained vs trained", (h) => h.drawn.trainedLines > 0);
  for (const h of reveal) {
    // The round opens on the head the question was about, in both panels.
    expect(h.drawn.headShown).toBe(sentence.question.head);
    expect(h.drawn.heads).toEqual([sentence.question.head]);
    expect(h.drawn.untrainedLines).toBeGreaterThan(0);
    expect(h.linesDrawn).toBe(h.drawn.untrainedLines + h.drawn.trainedLines);
    expect(h.caption).toMatch(/recipe differs/);
  }
  await shoot(party, "model-reveal", guests);
}

async function courseRound(party: ScreenParty, guests: number): Promise<void> {
  const sentence = await startWatchedRound(party, "course", 1);
  party.host.send(ClientMessage.endWriting);
  party.host.send(ClientMessage.reveal);
  // A quarter of the way in: the curve has begun to fall and there is time for the picture before the end.
  const training = await waitForView(party, "CourseScene", "the course training", (h) => h.drawn.courseStep >= COURSE_STEPS / 4 && h.linesDrawn > 0);
  for (const h of training) {
    expect(h.drawn.isCourseFinished).toBe(false);
    expect(h.drawn.lossPoints).toBeGreaterThan(1);
    expect(h.drawn.words).toBe(sentence.tokens.length - 1);
    expect(h.caption).toMatch(/loss falls/);
  }
  await shoot(party, "course-training", guests);

  const finished = await waitForView(party, "CourseScene", "the course finished", (h) => h.drawn.isCourseFinished, 120_000);
  for (const h of finished) {
    expect(h.drawn.courseStep).toBe(COURSE_STEPS);
    // The curve went on to the end.
    expect(h.drawn.lossPoints).toBeGreaterThan(training[0]!.drawn.lossPoints);
    expect(h.linesDrawn).toBeGreaterThan(0);
    expect(h.caption).toMatch(/^Trained in/);
  }
  await shoot(party, "course-finished", guests);
}

async function blocksRound(party: ScreenParty, guests: number): Promise<void> {
  const { host } = party;
  const walk = host.nextMessage<BlocksPayload>(ServerMessage.blocks, 60_000);
  const sentence = BLOCKS_SENTENCES[guests];
  host.send(ClientMessage.startRound, sentence ? { roundType: "blocks", sentence } : { roundType: "blocks" });
  const payload = await walk;
  const steps = payload.steps.map((s) => s.kind);
  const views: Array<[string, number]> = [
    ["blocks-attention", steps.indexOf("attention")],
    ["blocks-archives", steps.indexOf("feedForward")],
    ["blocks-last", steps.length - 1],
  ];
  for (const [view, step] of views) {
    host.send(ClientMessage.blocksStep, { step });
    const shown = await waitForView(party, "BlocksScene", `step ${step}`, (h) => h.blocksStep === step);
    for (const h of shown) {
      expect(h.caption).toBe(payload.steps[step]!.caption);
      expect(h.drawn.words).toBe(payload.words.length);
      if (payload.steps[step]!.kind === "attention") expect(h.linesDrawn).toBeGreaterThan(0);
      else expect(h.drawn.factCards).toBeGreaterThan(0);
    }
    await shoot(party, view, guests);
  }
  host.send(ClientMessage.showScores);
  await waitForView(party, "LeaderboardScene", "the scores", () => true);
}

describe("the projector's round scenes", () => {
  it.each([5, 40, 300])("sentence, heads, model, course and blocks with %i guests at both resolutions", { timeout: 240_000 }, async (guests) => {
    const party = await openScreenParty(setup.server, setup.browser, guests);
    await sentenceRound(party, guests);
    await headsRound(party, guests);
    await modelRound(party, guests);
    await courseRound(party, guests);
    await blocksRound(party, guests);
    await closeScreenParty(party);
  });
});
