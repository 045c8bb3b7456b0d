// The projector during a model round, in Debian's Chromium against the real server and model
// worker: the question before the reveal, untrained vs trained side by side after it (one head,
// then all from the dashboard), and a sentence the instructor types after the reveal, handled on
// the fly. Screenshots at 1920×1080 and 1280×720 into test-results/. The model round, the course
// and the blocks walk-through at every class size are in screenRoundsMatrix.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { ModelAttentionPayload, ModelSentencePayload } from "../../shared/modelRound.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { launchChromium, openPage, screenshot, type WatchedPage } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

let t: TestServer;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestServer(), launchChromium()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

interface Hook {
  scene: string;
  caption: string;
  linesDrawn: number;
}
const hook = (p: WatchedPage) => p.page.evaluate(() => window.__screen as unknown as Hook);

async function waitForScene(p: WatchedPage, scene: string, extra: (h: Hook) => boolean = () => true) {
  const started = Date.now();
  for (;;) {
    const h = await hook(p);
    if (h.scene === scene && extra(h)) return h;
    if (Date.now() - started > 30_000) throw new Error(`projector stayed on ${h.scene} (${h.caption})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

describe("the projector in model and course rounds", () => {
  it("shows the question, then untrained vs trained side by side, then a new sentence", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    const bots = await Promise.all(["Ada", "Ben", "Cy", "Dot"].map((n) => new BotStudent(t.wsUrl, n).join(host.code)));
    const screens = await Promise.all(SIZES.map((size) => openPage(browser, `${t.httpUrl}/screen/${host.code}`, size)));
    await Promise.all(screens.map((s) => waitForScene(s, "LobbyScene")));

    const sentence = bots[0].next<ModelSentencePayload>(ServerMessage.modelSentence, 30_000);
    host.send(ClientMessage.startRound, { roundType: "model" });
    const { question, tokens } = await sentence;
    for (const s of screens) {
      const h = await waitForScene(s, "ModelScene", (x) => x.caption.includes("recipe"));
      expect(h.linesDrawn).toBe(0);
    }
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    await bots[0].predict(tokens.indexOf("queen"));
    await bots[1].predict(tokens.indexOf("farmer"));
    await bots[2].predict(tokens.indexOf("queen"));
    for (const [i, s] of screens.entries()) {
      await waitForScene(s, "ModelScene", (x) => x.caption.includes("Predict"));
      await s.page.waitForTimeout(300);
      await screenshot(s.page, `model-question-${SIZES[i].width}`);
    }

    const shown = host.nextMessage<ModelAttentionPayload>(ServerMessage.modelAttention, 30_000);
    host.send(ClientMessage.reveal);
    await shown;
    for (const [i, s] of screens.entries()) {
      const h = await waitForScene(s, "ModelScene", (x) => x.linesDrawn > 0);
      expect(h.caption).toMatch(/recipe differs/);
      await screenshot(s.page, `model-reveal-head${question.head + 1}-${SIZES[i].width}`);
    }
    const oneHead = (await hook(screens[0])).linesDrawn;
    host.send(ClientMessage.selectHead, { head: null });
    const all = await waitForScene(screens[0], "ModelScene", (x) => x.linesDrawn > oneHead);
    expect(all.linesDrawn).toBeGreaterThan(oneHead);
    await screenshot(screens[0].page, "model-reveal-all-heads-1920");

    const next = host.nextMessage<ModelAttentionPayload>(ServerMessage.modelAttention, 30_000);
    host.send(ClientMessage.modelSentence, { sentence: "The dog chased the cat in the park because it was angry." });
    await next;
    host.send(ClientMessage.selectHead, { head: 1 });
    await waitForScene(screens[0], "ModelScene", (x) => x.caption.includes("never saw"));
    await screens[0].page.waitForTimeout(300);
    await screenshot(screens[0].page, "model-new-sentence-1920");
    for (const s of screens) expect(s.errors).toEqual([]);
    await Promise.all([...screens.map((s) => s.context.close()), ...bots.map((b) => b.leave()), host.leave()]);
  }, 180_000);
});
