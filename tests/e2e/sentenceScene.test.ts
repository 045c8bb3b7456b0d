// The projector's own controls in real sentence and heads rounds (Debian's Chromium, the real
// server, bot students): a click on a word focuses its row's percentages on that projector only,
// the dashboard's focus on a guest reaches every projector, and in the heads round the
// projector's number keys show one head's tables or all of them. The rounds' views at every
// class size are in screenRoundsMatrix.test.ts; these are the interactions. Screenshots at
// 1920×1080 and 1280×720 into test-results/.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ClientMessage } from "../../shared/protocol.js";
import { screenshot } from "../helpers/browser.js";
import {
  closeScreenParty,
  eachScreen,
  expectCleanScreens,
  openScreenParty,
  startSentenceRound,
  useScreenTestServer,
  writeAndReveal,
} from "../helpers/screenPages.js";

const setup = useScreenTestServer();

/** 14 students at a 10-word sentence: two tables; one name long enough to be cut under its word. */
const NAMES = ["Ada", "Ben", "Cyrus Montgomery", "Dot", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou", "Mo", "Nia"];

interface Hook {
  scene: string;
  caption: string;
  tablesDrawn: number;
  arcsDrawn: number;
  revealProgress: number;
  focusedSeat: string | null;
  headShown: number | null;
  heads: number[];
}
const hook = (page: Page): Promise<Hook> =>
  page.evaluate(() => {
    const h = window.__screen!;
    return { scene: h.scene, caption: h.caption, tablesDrawn: h.tablesDrawn, arcsDrawn: h.arcsDrawn, revealProgress: h.revealProgress, focusedSeat: h.focusedSeat, headShown: h.drawn.headShown, heads: h.drawn.heads };
  });

/** Polls the projector's hook until the sentence scene shows `what` (arcs grown, nothing moving). */
async function waitForHook(page: Page, what: string, check: (h: Hook) => boolean): Promise<Hook> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const h = await hook(page);
    if (h.scene === "SentenceScene" && h.revealProgress >= 1 && check(h)) return h;
    if (Date.now() > deadline) throw new Error(`projector never showed ${what}: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks the centre of a text box of the scene (scene pixels → page pixels). */
async function clickBox(page: Page, id: RegExp): Promise<void> {
  const box = (await page.evaluate(() => window.__screen!.boxes())).find((b) => id.test(b.id));
  expect(box, `${id} is on screen`).toBeDefined();
  const canvas = (await page.locator("canvas").boundingBox())!;
  await page.mouse.click(canvas.x + ((box!.x + box!.width / 2) * canvas.width) / 1920, canvas.y + ((box!.y + box!.height / 2) * canvas.height) / 1080);
}

describe("the projector's controls in sentence and heads rounds", () => {
  it("focuses a word by a click (here) or from the dashboard (everywhere), and shows one head or all by its keys", { timeout: 180_000 }, async () => {
    const party = await openScreenParty(setup.server, setup.browser, NAMES.length, (i) => NAMES[i]!);
    const [big, small] = party.screens.map((s) => s.watched.page) as [Page, Page];

    // Sentence round, revealed: a click on "it" (position 7) at the first table focuses its row.
    const seating = await startSentenceRound(party, "sentence");
    expect(seating.tables).toHaveLength(2);
    await writeAndReveal(party, 7);
    const before = await waitForHook(big, "the reveal", (h) => h.arcsDrawn > 0);
    await waitForHook(small, "the reveal", (h) => h.arcsDrawn > 0);
    await clickBox(big, /^t0:7:word$/);
    const focused = await waitForHook(big, "a focused word", (h) => h.focusedSeat !== null);
    expect(focused.focusedSeat).toBe("0:7");
    expect(focused.arcsDrawn).toBe(before.arcsDrawn); // the other rows fade, none disappear
    expect(focused.caption).toMatch(/“it” sent one query/);
    expect((await big.evaluate(() => window.__screen!.boxes())).filter((b) => b.kind === "percent").length).toBeGreaterThan(0);
    await screenshot(big, "sentence-reveal-focus-1920");
    await expectCleanScreens({ screens: party.screens.slice(0, 1) }, true, "focus by click");
    // Only this projector: anyone with the code can open one, only the dashboard steers them all.
    expect((await hook(small)).focusedSeat).toBeNull();
    // A second click on the same word clears it.
    await clickBox(big, /^t0:7:word$/);
    await waitForHook(big, "no focus", (h) => h.focusedSeat === null);

    // The dashboard focuses a guest: its word, at its table, on every projector.
    const guest = seating.tables[1]!.seats.find((s) => !s.isModel && s.word === "cat")!;
    party.host.send(ClientMessage.focusGuest, { guestId: guest.guestId });
    await eachScreen(party, (page) => waitForHook(page, "the dashboard's focus", (h) => h.focusedSeat === `1:${guest.position}`));
    await eachScreen(party, (page, size) => screenshot(page, `sentence-reveal-dashboard-focus-${size.width}`));
    await expectCleanScreens(party, true, "dashboard focus");

    // Heads round, revealed: key 2 on a projector shows head 2's tables there, key 0 every head again.
    await startSentenceRound(party, "heads");
    await writeAndReveal(party, 8);
    const all = await waitForHook(big, "every head", (h) => h.arcsDrawn > 0 && h.headShown === null);
    expect(all.heads).toEqual([0, 1, 2, 3]);
    await big.keyboard.press("2");
    const one = await waitForHook(big, "head 2", (h) => h.headShown === 1);
    expect(one.heads).toEqual([1]);
    expect(one.tablesDrawn).toBeLessThan(all.tablesDrawn);
    expect(one.caption).toMatch(/^Head 2 asks/);
    await screenshot(big, "heads-reveal-key2-1920");
    await expectCleanScreens({ screens: party.screens.slice(0, 1) }, false, "head by key");
    expect((await hook(small)).headShown).toBeNull();
    await big.keyboard.press("0");
    await waitForHook(big, "every head again", (h) => h.headShown === null && h.tablesDrawn === all.tablesDrawn);
    await closeScreenParty(party);
  });
});
