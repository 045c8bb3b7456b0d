// The projector in the sentence and heads rounds, in Debian's Chromium against the real server:
// the brief (tables, who plays which word, the model's seats badged), the reveal (arcs, answer-key
// arcs, points), the heads round with every head and with one. A real round with bots when the
// room plays these rounds; while it still answers "not playable", the same payloads are built here
// from the real scenario, seating and scoring code and shown through window.__screen.showSentence.
// Screenshots at 1920×1080 and 1280×720 into test-results/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { getScenario } from "../../server/scenarios/scenarioLibrary.js";
import { seatStudents } from "../../server/scenarios/seating.js";
import type { ScreenBox } from "../../client/screen/ScreenModel.js";
import { ClientMessage, ServerMessage, type ErrorPayload } from "../../shared/protocol.js";
import type { SentenceScenario } from "../../shared/scenario.js";
import { scoreSentenceTable, sentenceRoundKey } from "../../shared/scenarioScoring.js";
import type { SeatPayload, SentenceAttentionPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import { launchChromium, openPage, screenshot, type WatchedPage } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const SCENARIO_ID = "cat-on-the-mat";
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Hook {
  scene: string;
  caption: string;
  tablesDrawn: number;
  tablesHidden: number;
  arcsDrawn: number;
  keyArcsDrawn: number;
  revealProgress: number;
  focusedSeat: string | null;
}
const hook = (page: Page) =>
  page.evaluate(() => {
    const h = window.__screen!;
    return { scene: h.scene, caption: h.caption, tablesDrawn: h.tablesDrawn, tablesHidden: h.tablesHidden, arcsDrawn: h.arcsDrawn, keyArcsDrawn: h.keyArcsDrawn, revealProgress: h.revealProgress, focusedSeat: h.focusedSeat } as Hook;
  });

async function waitForHook(page: Page, what: string, check: (h: Hook) => boolean): Promise<Hook> {
  const started = Date.now();
  for (;;) {
    const h = await hook(page);
    if (h.scene === "SentenceScene" && check(h)) return h;
    if (Date.now() - started > 30_000) throw new Error(`projector never showed ${what}: ${JSON.stringify(h)}`);
    await page.waitForTimeout(150);
  }
}

/** Pairs of texts that overlap by more than a pixel each way, and texts off the screen. */
function layoutProblems(boxes: ScreenBox[]): string[] {
  const found: string[] = [];
  boxes.forEach((a, i) => {
    if (a.x < -1 || a.y < -1 || a.x + a.width > 1921 || a.y + a.height > 1081) found.push(`${a.id} off screen`);
    for (const b of boxes.slice(i + 1)) {
      const x = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const y = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (x > 1 && y > 1) found.push(`${a.id} × ${b.id}`);
    }
  });
  return found;
}

/** Screenshots every projector (the picture first, so a failing check still has it) and checks its texts. */
async function shoot(screens: WatchedPage[], name: string): Promise<void> {
  for (const [i, s] of screens.entries()) {
    await waitForHook(s.page, `${name} grown`, (h) => h.revealProgress >= 1);
    await s.page.waitForTimeout(250);
    await screenshot(s.page, `${name}-${SIZES[i]?.width ?? i}`);
    const boxes = await s.page.evaluate(() => window.__screen!.boxes());
    expect(layoutProblems(boxes), name).toEqual([]);
  }
}

// ---- payloads built from the real scenario, seating and scoring (until the room sends them) ----

function scenario(): SentenceScenario {
  const found = getScenario(SCENARIO_ID);
  if (found?.kind !== "sentence") throw new Error(`no sentence scenario ${SCENARIO_ID}`);
  return found;
}

/** Deterministic attention in which most words find some of their key: a class that mostly got it. */
function fakeWeights(words: string[], key: ReturnType<typeof sentenceRoundKey>, table: number): number[] {
  const n = words.length;
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const raw = words.map((_, j) => 0.2 + (((i * 7 + j * 13 + table * 5) % 11) / 11) * (j === i ? 0.2 : 1));
    for (const t of key[i].targets) raw[t.position] += 3 + ((i + table) % 3);
    const sum = raw.reduce((a, b) => a + b, 0);
    weights.push(...raw.map((w) => w / sum));
  }
  return weights;
}

function previewPayloads(roundType: "sentence" | "heads", names: string[], roundNumber: number): { seating: SentenceSeatingPayload; attention: SentenceAttentionPayload } {
  const sc = scenario();
  const ids = names.map((_, i) => `g${i}`);
  const seated = seatStudents(ids, sc, roundType, 7);
  const tables = seated.tables.map((t) => ({
    index: t.index,
    head: t.head,
    seats: t.seats.map((seat) => ({ position: seat.position, word: seat.word, guestId: seat.studentId, name: seat.studentId ? names[ids.indexOf(seat.studentId)] : null, isModel: seat.studentId === null })),
  }));
  const questions = sc.heads.map((h) => h.question);
  const seating: SentenceSeatingPayload = { roundNumber, roundType, scenarioId: sc.id, title: sc.title, sentence: sc.sentence, words: sc.words, questions, tables };
  const scored = tables.map((t) => {
    const key = t.head === null ? sentenceRoundKey(sc) : sc.heads[t.head].key;
    const weights = fakeWeights(sc.words, key, t.index);
    const scores = scoreSentenceTable(weights, key, sc.words);
    const n = sc.words.length;
    const rows = sc.words.map((_, i) =>
      weights
        .slice(i * n, i * n + n)
        .map((w, j): [number, number] => [j, w])
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3),
    );
    return { ...t, rows, nameTags: sc.words.map((w) => `a ${w}`), points: scores.map((s) => (s.isScored ? s.points : null)) };
  });
  const teams = roundType === "heads" ? seated.teams.map((team) => {
    const members = scored.filter((t) => t.head === team.head).flatMap((t) => t.points.filter((p, k): p is number => p !== null && !t.seats[k].isModel));
    return { head: team.head, question: team.question, score: members.length ? members.reduce((a, b) => a + b, 0) / members.length : 0, memberCount: team.studentIds.length };
  }) : [];
  const attention: SentenceAttentionPayload = {
    roundNumber,
    roundType,
    scenarioId: sc.id,
    words: sc.words,
    questions,
    tables: scored,
    keys: sc.heads.map((h) => h.key.map((k) => k.targets.map((t) => ({ position: t.position, share: t.weight })))),
    teams,
  };
  return { seating, attention };
}

// ---- a real round with bots --------------------------------------------------------------------

const NAMES = ["Ada", "Ben", "Cyrus Montgomery", "Dot", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou", "Mo", "Nia"];

/** Starts the round; false when the room answers that these rounds are not playable yet. */
async function startRound(host: HostDriver, roundType: "sentence" | "heads"): Promise<boolean> {
  const refused = host.nextMessage<ErrorPayload>(ServerMessage.error, 10_000).then((e) => e, () => null);
  const seated = host.nextMessage<SentenceSeatingPayload>(ServerMessage.sentenceSeating, 10_000).then((s) => s, () => null);
  host.send(ClientMessage.startRound, { roundType, scenarioId: SCENARIO_ID });
  const first = await Promise.race([refused, seated]);
  if (first && "code" in first) {
    if (/not playable/.test(first.message)) return false;
    throw new Error(`startRound refused: ${first.message}`);
  }
  if (!first) throw new Error("startRound: neither seating nor error arrived");
  return true;
}

/** Every bot writes for the word it was seated at (its hint as query, its word as name tag). */
async function playWriting(host: HostDriver, bots: BotStudent[], seats: Array<Promise<SeatPayload>>): Promise<void> {
  const seatOf = await Promise.all(seats);
  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write");
  await Promise.all(bots.map((b, i) => b.submit({ query: seatOf[i].hint, key: `${seatOf[i].word} ${seatOf[i].word}`, value: seatOf[i].word })));
}

describe("the projector in sentence and heads rounds", () => {
  it("shows the tables at the brief, arcs and the key at the reveal, and one head or all", async () => {
    const host = await HostDriver.createParty(server.httpUrl);
    const bots = await Promise.all(NAMES.map((n) => new BotStudent(server.wsUrl, n).join(host.code)));
    const screens = await Promise.all(SIZES.map((size) => openPage(browser, `${server.httpUrl}/screen/${host.code}`, size)));
    await Promise.all(screens.map((s) => s.page.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 30_000 })));
    const all = screens.map((s) => s.page);

    // Sentence round: brief.
    let seats = bots.map((b) => b.next<SeatPayload>(ServerMessage.seat, 20_000));
    seats.forEach((p) => p.catch(() => undefined));
    const isReal = await startRound(host, "sentence");
    const preview = (round: "sentence" | "heads", n: number, phase: "brief" | "reveal") => {
      const { seating, attention } = previewPayloads(round, NAMES, n);
      return Promise.all(all.map((page) => page.evaluate(([s, a, p]) => window.__screen!.showSentence(s, a, p), [seating, phase === "reveal" ? attention : null, phase] as const)));
    };
    if (!isReal) {
      console.warn("sentence rounds are not playable on this server yet: showing built payloads through window.__screen.showSentence");
      await preview("sentence", 1, "brief");
    }
    for (const page of all) {
      const h = await waitForHook(page, "the sentence brief", (x) => x.tablesDrawn > 0);
      expect(h.arcsDrawn).toBe(0);
      expect(h.caption).toMatch(/query/);
    }
    await shoot(screens, "sentence-brief");

    // Sentence round: reveal.
    if (isReal) {
      await playWriting(host, bots, seats);
      const shown = host.nextMessage<SentenceAttentionPayload>(ServerMessage.sentenceAttention, 60_000);
      host.send(ClientMessage.reveal);
      await shown;
    } else {
      await preview("sentence", 1, "reveal");
    }
    for (const page of all) {
      const h = await waitForHook(page, "the sentence reveal", (x) => x.arcsDrawn > 0 && x.keyArcsDrawn > 0);
      expect(h.tablesDrawn).toBeGreaterThanOrEqual(2); // 14 students, 10 words: two tables
      expect(h.caption).toMatch(/every other word at once/);
    }
    await shoot(screens, "sentence-reveal");

    // A click on a word focuses its row (this projector only).
    const page = all[0];
    const before = await hook(page);
    const itAt = await page.evaluate(() => window.__screen!.boxes().find((b) => /^t\d+:7:word$/.test(b.id)));
    expect(itAt, "the word “it” is on screen").toBeDefined();
    const canvas = (await page.locator("canvas").boundingBox())!;
    await page.mouse.click(canvas.x + ((itAt!.x + itAt!.width / 2) * canvas.width) / 1920, canvas.y + ((itAt!.y + itAt!.height / 2) * canvas.height) / 1080);
    const focused = await waitForHook(page, "a focused word", (x) => x.focusedSeat !== null);
    expect(focused.focusedSeat).toMatch(/:7$/);
    expect(focused.arcsDrawn).toBe(before.arcsDrawn);
    const percents = (await page.evaluate(() => window.__screen!.boxes())).filter((b) => b.kind === "percent");
    expect(percents.length).toBeGreaterThan(0);
    await screenshot(page, "sentence-reveal-focus-1920");
    expect((await hook(all[1])).focusedSeat).toBeNull();

    // Heads round: one team per head, each at its own table(s).
    seats = bots.map((b) => b.next<SeatPayload>(ServerMessage.seat, 20_000));
    seats.forEach((p) => p.catch(() => undefined));
    if (isReal) {
      expect(await startRound(host, "heads")).toBe(true);
    } else {
      await preview("heads", 2, "brief");
    }
    for (const page of all) await waitForHook(page, "the heads brief", (x) => x.tablesDrawn >= 4 && x.arcsDrawn === 0);
    await shoot(screens.slice(0, 1), "heads-brief");
    if (isReal) {
      await playWriting(host, bots, seats);
      const shown = host.nextMessage<SentenceAttentionPayload>(ServerMessage.sentenceAttention, 60_000);
      host.send(ClientMessage.reveal);
      await shown;
    } else {
      await preview("heads", 2, "reveal");
    }
    const allHeads = await waitForHook(all[0], "every head", (x) => x.arcsDrawn > 0 && x.tablesDrawn >= 4);
    for (const page of all.slice(1)) await waitForHook(page, "every head", (x) => x.arcsDrawn > 0 && x.tablesDrawn >= 4);
    expect(allHeads.caption).toMatch(/several heads/);
    await shoot(screens, "heads-reveal-all");

    // One head: only that team's table(s), from the dashboard (or, in a preview, the same call).
    if (isReal) {
      const refused = host.nextMessage<ErrorPayload>(ServerMessage.error, 3_000).then((e) => e, () => null);
      host.send(ClientMessage.selectHead, { head: 1 });
      const error = await refused;
      if (error) {
        // The room does not pass headFocus on in heads rounds yet: the projector's own key 2 does the same.
        console.warn(`host:selectHead refused in a heads round (${error.message}): pressing key 2 on the projectors instead`);
        for (const p of all) await p.keyboard.press("2");
      }
    } else {
      await Promise.all(all.map((p) => p.evaluate(() => window.__screen!.selectSentenceHead(1))));
    }
    for (const page of all) {
      const one = await waitForHook(page, "one head", (x) => x.tablesDrawn < allHeads.tablesDrawn);
      expect(one.tablesDrawn).toBeGreaterThanOrEqual(1);
      expect(one.caption).toMatch(/Head 2 asks/);
    }
    await shoot(screens, "heads-reveal-one");
    // Key 0 on the projector shows every head again.
    await all[0].keyboard.press("0");
    await waitForHook(all[0], "every head again", (x) => x.tablesDrawn === allHeads.tablesDrawn);

    for (const s of screens) expect(s.errors).toEqual([]);
    await Promise.all([...screens.map((s) => s.context.close()), ...bots.map((b) => b.leave()), host.leave()]);
  }, 240_000);

  it("shows the first tables of a big class and says how many more there are", async () => {
    const host = await HostDriver.createParty(server.httpUrl);
    const screen = await openPage(browser, `${server.httpUrl}/screen/${host.code}`, SIZES[0]);
    await screen.page.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 30_000 });
    // 95 students at a 10-word sentence: ten tables. Drawn from payloads: no room needs 95 bots for a picture.
    const names = Array.from({ length: 95 }, (_, i) => `Student ${i + 1}`);
    const { seating, attention } = previewPayloads("sentence", names, 1);
    await screen.page.evaluate(([s, a]) => window.__screen!.showSentence(s, a, "reveal"), [seating, attention] as const);
    const h = await waitForHook(screen.page, "ten tables", (x) => x.tablesDrawn > 0 && x.revealProgress >= 1);
    expect(h.tablesDrawn + h.tablesHidden).toBe(seating.tables.length);
    expect(h.tablesHidden).toBeGreaterThan(0);
    await shoot([screen], "sentence-reveal-many-tables");
    await screen.page.evaluate(() => window.__screen!.showSentence(null));
    expect(screen.errors).toEqual([]);
    await Promise.all([screen.context.close(), host.leave()]);
  }, 120_000);
});
