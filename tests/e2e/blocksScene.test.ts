// Every step of the blocks walk-through on the real projector page, in a real "blocks" round: the
// room computes the walk-through in its model worker (GloVe cache, checkpoint, facts) and the
// instructor steps through it (host:blocksStep) or the projector's own ← → keys do. Every step
// is screenshotted into test-results/; the scene's own state is asserted (step, caption, every
// word and its nearest words, the fact cards) and the back-row label check passes at each step.
// (screenRoundsMatrix.test.ts shows three of the steps with 5, 40 and 300 guests.)
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import type { BlocksPayload } from "../../shared/blocks.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import { openPage, screenshot } from "../helpers/browser.js";
import { SCREEN_SIZES, eachScreen, expectCleanScreens, useScreenTestServer, type ScreenParty, type ScreenSize } from "../helpers/screenPages.js";

const RIVER = "She sat on the bank of the river.";
/** The longest scenario sentence (12 words): the layout's hardest case. */
const QUEEN = "The queen thanked the farmer in the garden because she was happy.";

const setup = useScreenTestServer();

/** A party with projectors at `sizes` and a blocks round on `sentence`: the walk-through as the room sent it. */
async function startWalk(sentence: string, sizes: readonly ScreenSize[]): Promise<{ party: ScreenParty; payload: BlocksPayload }> {
  const host = await HostDriver.createParty(setup.server.httpUrl);
  const screens = await Promise.all(sizes.map(async (size) => ({ watched: await openPage(setup.browser, `${setup.server.httpUrl}/screen/${host.code}`, size), size })));
  const party: ScreenParty = { host, bots: [], screens };
  await eachScreen(party, (page) => page.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 30_000 }));
  const walk = host.nextMessage<BlocksPayload>(ServerMessage.blocks, 60_000);
  host.send(ClientMessage.startRound, { roundType: "blocks", sentence });
  return { party, payload: await walk };
}

/** Waits until the projector shows step `index` standing still, screenshots it, then checks what the scene drew. */
async function checkStep(page: Page, payload: BlocksPayload, index: number, shot: string): Promise<void> {
  await page.waitForFunction((i) => window.__screen?.scene === "BlocksScene" && window.__screen.blocksStep === i && window.__screen.revealProgress >= 1, index, { timeout: 15_000 });
  await screenshot(page, shot);
  const state = await page.evaluate(() => ({ caption: window.__screen!.caption, drawn: window.__screen!.drawn, lines: window.__screen!.linesDrawn, ids: window.__screen!.boxes().map((b) => b.id) }));
  const step = payload.steps[index]!;
  expect(state.caption).toBe(step.caption);
  expect(state.drawn.words).toBe(payload.words.length);
  for (let w = 0; w < payload.words.length; w++) expect(state.ids).toContain(`word-${w}`);
  // A followed word shows its four nearest words at every step.
  const bank = payload.words.indexOf("bank");
  if (bank >= 0) expect(state.ids.filter((id) => id.startsWith(`near-${bank}-`))).toHaveLength(4);
  if (step.recalls) expect(state.drawn.factCards).toBeGreaterThan(0);
  else expect(state.drawn.factCards).toBe(0);
  if (!step.attention) expect(state.lines).toBe(0);
}

describe("the blocks walk-through on the projector", () => {
  it("steps through every block of the river sentence as the instructor steps, at both resolutions", { timeout: 120_000 }, async () => {
    const { party, payload } = await startWalk(RIVER, SCREEN_SIZES);
    for (let i = 0; i < payload.steps.length; i++) {
      party.host.send(ClientMessage.blocksStep, { step: i });
      await eachScreen(party, (page, size) => checkStep(page, payload, i, `blocks-river-${size.width}x${size.height}-step${i}`));
      await expectCleanScreens(party, false, `river step ${i}`);
    }
    // The room keeps the step within the walk-through.
    party.host.send(ClientMessage.blocksStep, { step: 99 });
    await eachScreen(party, (page) => checkStep(page, payload, payload.steps.length - 1, `blocks-river-past-end-${page.viewportSize()!.width}`));
    // "Show scores" ends the walk-through on every projector.
    party.host.send(ClientMessage.showScores);
    await eachScreen(party, (page) => page.waitForFunction(() => window.__screen?.scene === "LeaderboardScene"));
    for (const s of party.screens) expect(s.watched.errors).toEqual([]);
    await Promise.all([...party.screens.map((s) => s.watched.context.close()), party.host.leave()]);
  });

  it("fits the 12-word queen sentence at 1280×720, stepped with the projector's own ← → keys", { timeout: 120_000 }, async () => {
    const { party, payload } = await startWalk(QUEEN, [SCREEN_SIZES[1]]);
    const page = party.screens[0]!.watched.page;
    await checkStep(page, payload, 0, "blocks-queen-1280x720-step0");
    for (let i = 1; i < payload.steps.length; i++) {
      await page.keyboard.press("ArrowRight");
      await checkStep(page, payload, i, `blocks-queen-1280x720-step${i}`);
      await expectCleanScreens(party, false, `queen step ${i}`);
    }
    // Past the end it stays on the last step; ← goes back one, on this projector only.
    await page.keyboard.press("ArrowRight");
    await checkStep(page, payload, payload.steps.length - 1, "blocks-queen-1280x720-last");
    await page.keyboard.press("ArrowLeft");
    await checkStep(page, payload, payload.steps.length - 2, "blocks-queen-1280x720-back");
    // A room update that does not move the instructor's step (a phone joining) leaves this projector's step alone.
    const late = await new BotStudent(setup.server.wsUrl, "Lou").join(party.host.code);
    await page.waitForFunction(() => window.__screen!.guestCount === 1);
    expect(await page.evaluate(() => window.__screen!.blocksStep)).toBe(payload.steps.length - 2);
    // The instructor's next step moves it again.
    party.host.send(ClientMessage.blocksStep, { step: 1 });
    await checkStep(page, payload, 1, "blocks-queen-1280x720-step1-again");
    expect(party.screens[0]!.watched.errors).toEqual([]);
    await Promise.all([party.screens[0]!.watched.context.close(), late.leave(), party.host.leave()]);
  });
});
