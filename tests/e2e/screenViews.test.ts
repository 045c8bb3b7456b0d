// The projector's party-round views in Chromium, at 1920×1080 and 1280×720 side by side, with 5,
// 40 and 300 bot guests on the real server: lobby, writing, reveal, focus, leaderboard, podium.
// Each step is screenshotted into test-results/ (screen-<view>-<guests>-<width>.png) and checked
// through the scene's own window.__screen hook: guest count, who is writing, lines drawn, the
// focused guest, and the boxes of every visible label — none may overlap another, none may
// cover another guest's avatar (outside a focus), and none is smaller than back-row size.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { botName } from "../../server/bots/partyRehearsal.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import type { ScreenBox } from "../../client/screen/ScreenModel.js";
import { launchChromium, openPage, screenshot, type WatchedPage } from "../helpers/browser.js";
import { textsForCard } from "../helpers/partyPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;
/** Labels at least this tall in scene pixels (of 1080): ~1/60 of the picture, read from the back row. */
const MIN_LABEL_PX = 18;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Every bot joins from 127.0.0.1: lift the per-address join limit as a classroom NAT would need.
  [server, browser] = await Promise.all([startTestServer({ joinsPerMinutePerIp: 100_000, maxGuests: 400 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Party {
  host: HostDriver;
  bots: BotStudent[];
  screens: Array<{ watched: WatchedPage; size: (typeof SIZES)[number] }>;
}

async function openParty(guests: number, sizes: ReadonlyArray<(typeof SIZES)[number]> = SIZES): Promise<Party> {
  const host = await HostDriver.createParty(server.httpUrl, 600);
  const screens = await Promise.all(sizes.map(async (size) => ({ watched: await openPage(browser, `${server.httpUrl}/screen/${host.code}`, size), size })));
  for (const s of screens) await s.watched.page.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 30_000 });
  const bots: BotStudent[] = [];
  for (let i = 0; i < guests; i += 25) {
    const batch = Array.from({ length: Math.min(25, guests - i) }, (_, k) => new BotStudent(server.wsUrl, botName(i + k)));
    bots.push(...(await Promise.all(batch.map((b) => b.join(host.code)))));
  }
  await eachScreen({ screens }, (page) => page.waitForFunction((n) => window.__screen?.guestCount === n, guests, { timeout: 30_000 }));
  return { host, bots, screens };
}

async function eachScreen(party: Pick<Party, "screens">, fn: (page: Page, size: (typeof SIZES)[number]) => Promise<unknown>): Promise<void> {
  await Promise.all(party.screens.map((s) => fn(s.watched.page, s.size)));
}

/** Screenshots every screen of the party once its animations have settled. */
async function shoot(party: Party, view: string, guests: number, settleMs = 900): Promise<void> {
  await eachScreen(party, async (page, size) => {
    await page.waitForFunction(() => window.__screen!.revealProgress >= 1, null, { timeout: 20_000 });
    await page.waitForTimeout(settleMs); // pop-ins, slides and fades
    await screenshot(page, `screen-${view}-${guests}-${size.width}`);
  });
}

const LABEL_KINDS = new Set<ScreenBox["kind"]>(["name", "tag", "percent", "text"]);
const overlap = (a: ScreenBox, b: ScreenBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const describeBox = (b: ScreenBox) => `${b.kind} ${b.id} @${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}`;

/** What overlaps on one screen, in words: an empty list is a clean screen. */
async function overlaps(page: Page, isFocused: boolean): Promise<string[]> {
  const boxes = await page.evaluate(() => window.__screen!.boxes());
  const labels = boxes.filter((b) => LABEL_KINDS.has(b.kind));
  const avatars = boxes.filter((b) => b.kind === "avatar");
  const problems: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i]!;
    if (a.fontPx < MIN_LABEL_PX) problems.push(`too small (${a.fontPx}px): ${describeBox(a)}`);
    for (let j = i + 1; j < labels.length; j++) if (overlap(a, labels[j]!)) problems.push(`${describeBox(a)} overlaps ${describeBox(labels[j]!)}`);
    // In a focus the faded guests may lie under a label; otherwise no label covers someone else.
    if (!isFocused) for (const avatar of avatars) if (avatar.id !== a.id && overlap(a, avatar)) problems.push(`${describeBox(a)} covers ${describeBox(avatar)}`);
  }
  return problems;
}

async function expectCleanScreens(party: Party, isFocused = false): Promise<void> {
  await eachScreen(party, async (page, size) => expect(await overlaps(page, isFocused), `overlaps at ${size.width}×${size.height}`).toEqual([]));
}

async function playToReveal(party: Party, guests: number, shots: boolean): Promise<void> {
  const { host, bots } = party;
  const cards = bots.map((b) => b.next(ServerMessage.card, 60_000));
  host.send(ClientMessage.startRound, { roundType: "party" });
  await host.waitForPhase("brief", 30_000);
  await Promise.all(cards);
  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write", 30_000);
  // Some of the class has sent its texts, the rest are still thinking.
  const sent = Math.ceil(guests / 3);
  await Promise.all(bots.slice(0, sent).map((b, i) => b.submit(textsForCard(b.card!, i))));
  await eachScreen(party, (page) => page.waitForFunction((n) => window.__screen?.scene === "PartyScene" && window.__screen.writingMarks.submitted === n, sent, { timeout: 30_000 }));
  await eachScreen(party, async (page) => expect(await page.evaluate(() => window.__screen!.writingMarks)).toEqual({ submitted: sent, thinking: guests - sent }));
  await eachScreen(party, async (page) => expect(await page.evaluate(() => window.__screen!.caption)).toContain("what I need"));
  if (shots) await shoot(party, "writing", guests);
  await expectCleanScreens(party);
  await Promise.all(bots.slice(sent).map((b, i) => b.submit(textsForCard(b.card!, sent + i))));
  await eachScreen(party, (page) => page.waitForFunction((n) => window.__screen!.writingMarks.submitted === n, guests, { timeout: 30_000 }));

  host.send(ClientMessage.reveal);
  await host.waitForPhase("reveal", 30_000);
  // The lines grow first (revealProgress < 1), then stand still.
  await eachScreen(party, (page) => page.waitForFunction(() => window.__screen!.linesDrawn > 0, null, { timeout: 30_000 }));
  await eachScreen(party, (page) => page.waitForFunction(() => window.__screen!.revealProgress >= 1, null, { timeout: 20_000 }));
  // Only the top-k per guest: 3 below 40 guests, 1 in a packed room.
  const maxLines = guests * (guests <= 40 ? 3 : guests <= 120 ? 2 : 1);
  await eachScreen(party, async (page) => {
    const hook = await page.evaluate(() => ({ lines: window.__screen!.linesDrawn, caption: window.__screen!.caption, guests: window.__screen!.guestCount }));
    expect(hook.lines).toBeGreaterThan(0);
    expect(hook.lines).toBeLessThanOrEqual(maxLines);
    expect(hook.guests).toBe(guests);
    expect(hook.caption).toContain("at once");
  });
}

/** Clicks the avatar of a guest on the big screen (like the instructor at the projector). */
async function clickGuest(page: Page, guestId: string): Promise<void> {
  const avatar = (await page.evaluate(() => window.__screen!.boxes())).find((b) => b.kind === "avatar" && b.id === guestId)!;
  const canvas = (await page.locator("canvas").boundingBox())!;
  const scale = canvas.width / 1920;
  await page.mouse.click(canvas.x + (avatar.x + avatar.width / 2) * scale, canvas.y + (avatar.y + avatar.height / 2) * scale);
}

async function focusChecks(party: Party, guests: number, shots: boolean): Promise<void> {
  const [big, small] = party.screens;
  // The first guest in the matrix order: a click on the big screen focuses it there only.
  const target = party.bots[Math.min(3, guests - 1)]!.welcome!.guestId;
  await clickGuest(big!.watched.page, target);
  await big!.watched.page.waitForFunction((id) => window.__screen!.focusedGuestId === id, target);
  if (small) expect(await small.watched.page.evaluate(() => window.__screen!.focusedGuestId)).toBeNull();
  // The dashboard's focus reaches every projector.
  party.host.send(ClientMessage.focusGuest, { guestId: target });
  await eachScreen(party, (page) => page.waitForFunction((id) => window.__screen!.focusedGuestId === id && window.__screen!.revealProgress >= 1, target, { timeout: 15_000 }));
  await eachScreen(party, async (page) => {
    const state = await page.evaluate(() => ({ lines: window.__screen!.linesDrawn, boxes: window.__screen!.boxes(), caption: window.__screen!.caption }));
    expect(state.lines).toBeGreaterThan(0);
    expect(state.lines).toBeLessThanOrEqual(5); // the focused row only (the server sends its top 5)
    expect(state.boxes.filter((b) => b.kind === "percent").length).toBeGreaterThan(0);
    expect(state.boxes.some((b) => b.kind === "name" && b.id === target)).toBe(true);
    expect(state.caption).toContain("percentages");
  });
  if (shots) await shoot(party, "focus", guests);
  await expectCleanScreens(party, true);
}

async function closeParty(party: Party): Promise<void> {
  await Promise.all(party.bots.map((b) => b.leave()));
  await party.host.leave();
  for (const s of party.screens) {
    expect(s.watched.errors, `console errors at ${s.size.width}`).toEqual([]);
    await s.watched.context.close();
  }
}

describe("the projector's party views", () => {
  it.each([5, 40])("lobby, writing, reveal, focus, leaderboard and podium with %i guests at both resolutions", { timeout: 150_000 }, async (guests) => {
    const party = await openParty(guests);
    await eachScreen(party, async (page) => expect(await page.evaluate(() => window.__screen!.caption)).toContain("at once"));
    await shoot(party, "lobby", guests);
    await expectCleanScreens(party);
    await playToReveal(party, guests, true);
    await shoot(party, "reveal", guests);
    await expectCleanScreens(party);
    await focusChecks(party, guests, true);

    party.host.send(ClientMessage.showScores);
    await eachScreen(party, (page) => page.waitForFunction(() => window.__screen?.scene === "LeaderboardScene"));
    if (guests === 40) {
      // A second round, so the leaderboard has rank changes to animate.
      await shoot(party, "leaderboard-round1", guests, 2000);
      await playToReveal(party, guests, false);
      party.host.send(ClientMessage.showScores);
      await eachScreen(party, (page) => page.waitForFunction(() => window.__screen?.scene === "LeaderboardScene"));
      await party.host.waitFor((s) => (s as unknown as { roundNumber: number }).roundNumber === 2, "round 2 scores");
    }
    await shoot(party, "leaderboard", guests, 2000); // rows slide to their new ranks for 1.6 s
    await expectCleanScreens(party);
    party.host.send(ClientMessage.endSession);
    await eachScreen(party, (page) => page.waitForFunction(() => window.__screen?.caption.startsWith("The podium")));
    await eachScreen(party, (page) => page.waitForTimeout(2000)); // the podium rises, winner last
    await shoot(party, "podium", guests);
    await expectCleanScreens(party);
    await closeParty(party);
  });

  it("seats 300 guests with nothing overlapping, writing, reveal and focus", { timeout: 170_000 }, async () => {
    const party = await openParty(300);
    await playToReveal(party, 300, false);
    await shoot(party, "reveal", 300);
    await expectCleanScreens(party);
    await focusChecks(party, 300, true);
    await closeParty(party);
  });
});
