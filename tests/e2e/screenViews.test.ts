// The projector's party-round views in Chromium, at 1920×1080 and 1280×720 side by side, with 5,
// 40 and 300 bot guests on the real server: lobby, writing, reveal, focus, leaderboard, podium.
// Each step is screenshotted into test-results/ (screen-<view>-<guests>-<width>.png) and checked
// through the scene's own window.__screen hook: guest count, who is writing, lines drawn, the
// focused guest, and the boxes of every visible label — none may overlap another, none may
// cover another guest's avatar (outside a focus), and none is smaller than back-row size.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { AVATAR_COLORS } from "../../client/screen/theme.js";
import { botName } from "../../server/bots/partyRehearsal.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import { screenshot } from "../helpers/browser.js";
import { textsForCard } from "../helpers/partyPages.js";
import { closeScreenParty, eachScreen, expectCleanScreens, openScreenParty, useScreenTestServer, type ScreenParty as Party } from "../helpers/screenPages.js";

const setup = useScreenTestServer();

/** Surnames that make a nickname as long as the join form allows (20 characters): the scores must show it whole. */
const SURNAMES = ["Featherstonehaugh", "Wolkowska-Brandt", "Abernathy-Quill", "Oyelaran-Marchetti"];
const LONG_NAME_CHARS = 20;
/** Every other guest has a long name, so the top ten always has some. */
const guestName = (i: number) => (i % 2 === 1 ? `${botName(i)} ${SURNAMES[i % SURNAMES.length]}`.slice(0, LONG_NAME_CHARS).trimEnd() : botName(i));
const openParty = (guests: number) => openScreenParty(setup.server, setup.browser, guests, guestName);

/**
 * The scores scene shows ten of the guests ranked 1–10 (more may share the tenth place), each
 * with its whole name — a cut name would not match — and some of those names are long.
 */
async function expectWholeNames(party: Party): Promise<void> {
  const state = party.host.room.state as unknown as { guests: Map<string, { name: string; rank: number }> };
  const top = [...state.guests.values()].filter((g) => g.rank > 0 && g.rank <= 10).map((g) => g.name);
  await eachScreen(party, async (page) => {
    const shown = new Set((await page.evaluate(() => window.__screen!.boxes())).map((b) => b.id));
    const whole = top.filter((name) => shown.has(name));
    expect(whole.length).toBe(Math.min(10, top.length));
    expect(whole.some((name) => name.length >= LONG_NAME_CHARS - 2), "a long name among the top ten").toBe(true);
  });
}

/** Screenshots every screen of the party once its animations have settled. */
async function shoot(party: Party, view: string, guests: number, settleMs = 900): Promise<void> {
  await eachScreen(party, async (page, size) => {
    await page.waitForFunction(() => window.__screen!.revealProgress >= 1, null, { timeout: 20_000 });
    await page.waitForTimeout(settleMs); // pop-ins, slides and fades
    await screenshot(page, `screen-${view}-${guests}-${size.width}`);
  });
}

/**
 * What the projector has painted, not what its objects say: once the guests have popped in, a
 * point three quarters of the way from each avatar's centre to its rim is that avatar's own
 * colour (a guest still drawn at its pop-in size would show the floor there).
 */
async function expectAvatarsPaintedFullSize(party: Party): Promise<void> {
  await eachScreen(party, async (page) => {
    await page.waitForTimeout(900); // pop-in tweens (350 ms) and the repaint throttle
    const samples = await page.evaluate(() => {
      const canvas = document.querySelector("canvas")!;
      const ctx = canvas.getContext("2d");
      if (!ctx) return null;
      const scale = canvas.width / 1920;
      return window.__screen!.boxes()
        .filter((b) => b.kind === "avatar")
        .slice(0, 12)
        .map((b) => {
          const x = Math.round((b.x + b.width / 2) * scale);
          const y = Math.round((b.y + b.height / 2 + (b.height / 2) * 0.75) * scale);
          return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
        });
    });
    expect(samples, "the projector draws with its canvas renderer here").not.toBeNull();
    const isAvatarColor = ([r, g, b]: number[]) => AVATAR_COLORS.some((c) => Math.abs((c >> 16) - r) <= 6 && Math.abs(((c >> 8) & 255) - g) <= 6 && Math.abs((c & 255) - b) <= 6);
    expect(samples!.length).toBeGreaterThan(0);
    expect(samples!.filter((rgb) => !isAvatarColor(rgb)), "pixels not in an avatar's colour").toEqual([]);
  });
}

async function playToReveal(party: Party, guests: number, shots: boolean): Promise<void> {
  const { host, bots } = party;
  const cards = bots.map((b) => b.next(ServerMessage.card, 60_000));
  host.send(ClientMessage.startRound, { roundType: "party" });
  await host.waitForPhase("brief", 30_000);
  if (shots) await shoot(party, "brief", guests);
  await expectAvatarsPaintedFullSize(party);
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
  // At 300 guests a name tag is made when first shown: its box may come a frame after the focus.
  await eachScreen(party, (page) =>
    page.waitForFunction((id) => window.__screen!.focusedGuestId === id && window.__screen!.revealProgress >= 1 && window.__screen!.boxes().some((b) => b.kind === "name" && b.id === id), target, { timeout: 15_000 }),
  );
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

describe("the projector's party views", () => {
  it.each([5, 40, 300])("lobby, writing, reveal, focus, leaderboard and podium with %i guests at both resolutions", { timeout: 240_000 }, async (guests) => {
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
      await shoot(party, "leaderboard-round1", guests, 200); // rows have no earlier rank to slide from
      await playToReveal(party, guests, false);
      party.host.send(ClientMessage.showScores);
      await eachScreen(party, (page) => page.waitForFunction(() => window.__screen?.scene === "LeaderboardScene"));
      await party.host.waitFor((s) => (s as unknown as { roundNumber: number }).roundNumber === 2, "round 2 scores");
    }
    // Rows slide to their new ranks (revealProgress < 1 until they stand).
    await eachScreen(party, (page) => page.waitForFunction((n) => window.__screen!.boxes().some((b) => b.id === `Leaderboard · after round ${n}`), guests === 40 ? 2 : 1));
    await shoot(party, "leaderboard", guests, 200);
    await expectCleanScreens(party);
    await expectWholeNames(party);
    party.host.send(ClientMessage.endSession);
    await eachScreen(party, (page) => page.waitForFunction(() => window.__screen?.caption.startsWith("The podium")));
    await shoot(party, "podium", guests, 200); // the podium rises, winner last
    await expectCleanScreens(party);
    await expectWholeNames(party);
    await closeScreenParty(party);
  });
});
