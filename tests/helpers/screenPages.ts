// The projector browser tests' party: a host, bot guests joined in batches, and one projector
// page per resolution side by side; and the back-row check every projector picture must pass:
// no label overlaps another or leaves the screen, none is smaller than back-row size, and none
// covers another guest's avatar (outside a focus).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { botName, seededRandom } from "../../server/bots/partyRehearsal.js";
import { sentenceBotTexts } from "../../server/bots/sentenceTexts.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import type { SeatPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import type { ScreenBox } from "../../client/screen/ScreenModel.js";
import { launchChromium, openPage, type WatchedPage } from "./browser.js";
import { startTestServer, type TestServer } from "./startTestServer.js";

export const SCREEN_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;
export type ScreenSize = (typeof SCREEN_SIZES)[number];

/** Labels at least this tall in scene pixels (of 1080): ~1/60 of the picture, read from the back row. */
export const MIN_LABEL_PX = 18;
/** Bots joining at once: a class arriving, without a thousand sockets opening in the same tick. */
const JOIN_BATCH = 25;

/**
 * One real server and one Chromium for a test file's parties (set in beforeAll, closed in afterAll).
 * Every bot joins from 127.0.0.1: the per-address join limit is lifted as a classroom NAT would need.
 */
export function useScreenTestServer(): { readonly server: TestServer; readonly browser: Browser } {
  const shared = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [shared.server, shared.browser] = await Promise.all([startTestServer({ joinsPerMinutePerIp: 100_000, maxGuests: 400 }), launchChromium()]);
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

export interface ScreenParty {
  host: HostDriver;
  bots: BotStudent[];
  screens: Array<{ watched: WatchedPage; size: ScreenSize }>;
}

/** A new party with `guests` bots (named by `nameOf`) and a projector page per size, every page showing them all in the lobby. */
export async function openScreenParty(server: TestServer, browser: Browser, guests: number, nameOf: (i: number) => string = botName): Promise<ScreenParty> {
  const sizes = SCREEN_SIZES;
  const host = await HostDriver.createParty(server.httpUrl, 600);
  const screens = await Promise.all(sizes.map(async (size) => ({ watched: await openPage(browser, `${server.httpUrl}/screen/${host.code}`, size), size })));
  for (const s of screens) await s.watched.page.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 30_000 });
  const bots: BotStudent[] = [];
  for (let i = 0; i < guests; i += JOIN_BATCH) {
    const batch = Array.from({ length: Math.min(JOIN_BATCH, guests - i) }, (_, k) => new BotStudent(server.wsUrl, nameOf(i + k)));
    bots.push(...(await Promise.all(batch.map((b) => b.join(host.code)))));
  }
  const party = { host, bots, screens };
  await eachScreen(party, (page) => page.waitForFunction((n) => window.__screen?.guestCount === n, guests, { timeout: 30_000 }));
  return party;
}

export async function eachScreen(party: Pick<ScreenParty, "screens">, fn: (page: Page, size: ScreenSize) => Promise<unknown>): Promise<void> {
  await Promise.all(party.screens.map((s) => fn(s.watched.page, s.size)));
}

const LABEL_KINDS = new Set<ScreenBox["kind"]>(["name", "tag", "percent", "text"]);
const overlap = (a: ScreenBox, b: ScreenBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const describeBox = (b: ScreenBox) => `${b.kind} ${b.id} @${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}`;
/** Half a pixel: text bounds are fractional, and two labels set edge to edge touch, not overlap. */
const EDGE = 0.5;

/** What is wrong on one screen's boxes, in words: an empty list is a clean screen. */
export function labelProblems(boxes: ScreenBox[], isFocused = false): string[] {
  const labels = boxes.filter((b) => LABEL_KINDS.has(b.kind));
  const avatars = boxes.filter((b) => b.kind === "avatar");
  const problems: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i]!;
    if (a.fontPx < MIN_LABEL_PX) problems.push(`too small (${a.fontPx.toFixed(1)}px): ${describeBox(a)}`);
    if (a.x < -EDGE || a.y < -EDGE || a.x + a.width > 1920 + EDGE || a.y + a.height > 1080 + EDGE) problems.push(`off screen: ${describeBox(a)}`);
    for (let j = i + 1; j < labels.length; j++) {
      const b = labels[j]!;
      const shrunk = { ...b, x: b.x + EDGE, y: b.y + EDGE, width: b.width - 2 * EDGE, height: b.height - 2 * EDGE };
      if (overlap(a, shrunk)) problems.push(`${describeBox(a)} overlaps ${describeBox(b)}`);
    }
    // In a focus the faded guests may lie under a label; otherwise no label covers someone else.
    if (!isFocused) for (const avatar of avatars) if (avatar.id !== a.id && overlap(a, avatar)) problems.push(`${describeBox(a)} covers ${describeBox(avatar)}`);
  }
  return problems;
}

/** Soft: a view with problems fails the test at its end, after every other view has had its picture and its say. */
export async function expectCleanScreens(party: Pick<ScreenParty, "screens">, isFocused = false, view = ""): Promise<void> {
  await eachScreen(party, async (page, size) => {
    const boxes = await page.evaluate(() => window.__screen!.boxes());
    expect.soft(labelProblems(boxes, isFocused), `labels ${view} at ${size.width}×${size.height}`).toEqual([]);
  });
}

/** Starts a sentence or heads round on a scenario; resolves with the seating once every bot has its seat and the brief is on. */
export async function startSentenceRound(party: ScreenParty, roundType: "sentence" | "heads", scenarioId = "cat-on-the-mat"): Promise<SentenceSeatingPayload> {
  const seating = party.host.nextMessage<SentenceSeatingPayload>(ServerMessage.sentenceSeating, 60_000);
  const seats = party.bots.map((b) => b.next<SeatPayload>(ServerMessage.seat, 60_000));
  party.host.send(ClientMessage.startRound, { roundType, scenarioId });
  await Promise.all(seats);
  await party.host.waitForPhase("brief", 30_000);
  return seating;
}

/** Sentence and heads rounds: every bot writes for its word what a student who read the hint would (never the key), then the host reveals. */
export async function writeAndReveal(party: ScreenParty, seed: number): Promise<void> {
  const { host, bots } = party;
  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write", 30_000);
  const random = seededRandom(seed);
  await Promise.all(bots.map((b) => b.submit(sentenceBotTexts(b.seat!, random))));
  host.send(ClientMessage.reveal);
  await host.waitForPhase("reveal", 60_000);
}

/** Everyone leaves; the pages must not have logged a single error. */
export async function closeScreenParty(party: ScreenParty): Promise<void> {
  await Promise.all(party.bots.map((b) => b.leave()));
  await party.host.leave();
  for (const s of party.screens) {
    expect(s.watched.errors, `console errors at ${s.size.width}`).toEqual([]);
    await s.watched.context.close();
  }
}
