// The blocks walk-through on the real projector page (/screen/CODE of a real server and party):
// the payload is computed here from the real GloVe cache, checkpoint and facts, handed to the
// page through window.__screen.showBlocks (the room does not send it yet), and stepped through.
// Every step is screenshotted at 1920×1080 and 1280×720 into test-results/; the scene's own
// state (step, caption, text boxes) is asserted: nothing overlaps, nothing leaves the screen.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { loadBlocksResources, walkBlocks } from "../../server/blocks/walkBlocks.js";
import type { BlocksPayload } from "../../shared/blocks.js";
import type { ScreenBox } from "../../client/screen/ScreenModel.js";
import { launchChromium, openPage, screenshot, type WatchedPage } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const RIVER = "She sat on the bank of the river";
/** The longest scenario sentence (12 words): the layout's hardest case. */
const QUEEN = "The queen thanked the farmer in the garden because she was happy";

let server: TestServer;
let browser: Browser;
let host: HostDriver;
const payloads = new Map<string, BlocksPayload>();
const pages: WatchedPage[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  host = await HostDriver.createParty(server.httpUrl);
  const resources = loadBlocksResources();
  for (const sentence of [RIVER, QUEEN]) payloads.set(sentence, walkBlocks(resources, sentence));
});

afterAll(async () => {
  await host?.leave();
  await browser?.close();
  await server?.stop();
});

async function openProjector(viewport: { width: number; height: number }): Promise<Page> {
  const watched = await openPage(browser, `${server.httpUrl}/screen/${host.code}`, viewport);
  pages.push(watched);
  await watched.page.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 30_000 });
  return watched.page;
}

/** Pairs of boxes that overlap by more than a pixel each way. */
function overlaps(boxes: ScreenBox[]): string[] {
  const found: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const x = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const y = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (x > 1 && y > 1) found.push(`${a.id} × ${b.id}`);
    }),
  );
  return found;
}

/** Shows step `index`, screenshots it (before the checks, so a failure has its picture) and checks the scene's state. */
async function showStep(page: Page, payload: BlocksPayload, index: number, shot: string): Promise<ScreenBox[]> {
  await page.evaluate((i) => window.__screen!.setBlocksStep(i), index);
  await page.waitForFunction((i) => window.__screen?.blocksStep === i, index);
  await page.waitForTimeout(450); // the step's 300 ms fade-in
  await screenshot(page, shot);
  const state = await page.evaluate(() => ({ scene: window.__screen!.scene, caption: window.__screen!.caption, boxes: window.__screen!.boxes() }));
  expect(state.scene).toBe("BlocksScene");
  expect(state.caption).toBe(payload.steps[index].caption);
  expect(overlaps(state.boxes), `overlapping texts at step ${index}`).toEqual([]);
  for (const box of state.boxes) {
    expect(box.x, `${box.id} off the left edge`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${box.id} off the top`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${box.id} off the right edge`).toBeLessThanOrEqual(1920);
    expect(box.y + box.height, `${box.id} off the bottom`).toBeLessThanOrEqual(1080);
  }
  return state.boxes;
}

describe("the blocks walk-through on the projector", () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    it(`steps through every block of the river sentence at ${viewport.width}×${viewport.height}`, { timeout: 120_000 }, async () => {
      const page = await openProjector(viewport);
      const payload = payloads.get(RIVER)!;
      await page.evaluate((p) => window.__screen!.showBlocks(p), payload);
      await page.waitForFunction(() => window.__screen?.scene === "BlocksScene");
      for (let i = 0; i < payload.steps.length; i++) {
        const boxes = await showStep(page, payload, i, `blocks-river-${viewport.width}x${viewport.height}-step${i}`);
        // Every word is on screen; the followed ones with their four nearest words.
        for (let w = 0; w < payload.words.length; w++) expect(boxes.some((b) => b.id === `word-${w}`)).toBe(true);
        const bank = payload.words.indexOf("bank");
        expect(boxes.filter((b) => b.id.startsWith(`near-${bank}-`))).toHaveLength(4);
        if (payload.steps[i].recalls) expect(boxes.some((b) => b.id === `fact-${bank}`)).toBe(true);
      }
      // Steps past the end stay on the last one; hiding the walk-through gives the lobby back.
      await page.evaluate(() => window.__screen!.setBlocksStep(99));
      expect(await page.evaluate(() => window.__screen!.blocksStep)).toBe(payload.steps.length - 1);
      await page.evaluate(() => window.__screen!.showBlocks(null));
      await page.waitForFunction(() => window.__screen?.scene === "LobbyScene");
    });
  }

  it("fits the 12-word queen sentence without overlaps at 1280×720, and ← → step on the keyboard", { timeout: 120_000 }, async () => {
    const page = await openProjector({ width: 1280, height: 720 });
    const payload = payloads.get(QUEEN)!;
    await page.evaluate((p) => window.__screen!.showBlocks(p), payload);
    await page.waitForFunction(() => window.__screen?.scene === "BlocksScene");
    for (let i = 0; i < payload.steps.length; i++) await showStep(page, payload, i, `blocks-queen-1280x720-step${i}`);
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(() => window.__screen?.blocksStep === 5);
    await page.waitForTimeout(450);
    await screenshot(page, "blocks-queen-1280x720-step5");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => window.__screen?.blocksStep === 6);
  });

  it("logs no errors on the projector pages", () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
