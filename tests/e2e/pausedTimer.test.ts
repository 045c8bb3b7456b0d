// The instructor's pause as the class sees it, in Chromium against the real server: in a party
// round, a heads round and a model round the instructor pauses the timer; the phone shows
// "Paused" where its countdown stood and a line saying that writing (or answering) goes on, the
// projector shows "Paused" where its countdown stood (clear of every other label); the student
// really can still send while paused (the room keeps writing open), and a resume brings the
// countdowns back. The phone is 390 px wide: its length counters stay on one line beside the
// sentence round's long "What it hands over (optional)". Screenshots: test-results/pause-*.png.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import type { ModelSentencePayload } from "../../shared/modelRound.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import type { SeatPayload } from "../../shared/sentenceRound.js";
import { launchChromium, openPage, screenshot, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { joinByForm, openPartyWriting } from "../helpers/partyPages.js";
import { labelProblems } from "../helpers/screenPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };
const WRITE_NOTE = "Paused by the instructor — the clock has stopped. Keep writing: you can still send.";
const SENT_NOTE = "Paused by the instructor — the clock has stopped. You can still change your answers.";
const PICK_NOTE = "Paused by the instructor — the clock has stopped. You can still tap a word, or change your pick.";

let server: TestServer;
let browser: Browser;
const pages: Array<{ label: string; watched: WatchedPage }> = [];
const bots: BotStudent[] = [];
let host: HostDriver | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
}, 90_000);

afterAll(async () => {
  await Promise.all(bots.map((b) => b.leave()));
  await host?.leave();
  await browser?.close();
  await server?.stop();
});

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();
const projectorHook = (page: Page) =>
  page.evaluate(() => ({ scene: window.__screen!.scene, pauseBadge: window.__screen!.pauseBadge, boxes: window.__screen!.boxes() }));

/** The room's timer is paused: the phone's view (`view`) and the projector say so. */
async function expectPaused(phone: Page, projector: Page, view: string, note: string, scene: string): Promise<void> {
  await phone.waitForFunction((v) => document.querySelector(`${v} .timer`)?.textContent === "Paused", view);
  await phone.waitForSelector(`${view} .pause-note:not([hidden])`);
  expect(await text(phone, `${view} .pause-note`)).toBe(note);
  await projector.waitForFunction((s) => window.__screen?.scene === s && window.__screen.pauseBadge === "Paused", scene, { timeout: 15_000 });
  const seen = await projectorHook(projector);
  const badge = seen.boxes.find((b) => b.id === "hud-paused");
  expect(badge, "the projector's Paused badge is drawn").toBeDefined();
  // Where the countdowns stand: the top right corner.
  expect(badge!.x + badge!.width).toBeGreaterThan(PROJECTOR.width - 100);
  expect(badge!.y).toBeLessThan(60);
  expect(labelProblems(seen.boxes), `projector labels in ${scene} while paused`).toEqual([]);
}

/** The timer runs again: a countdown on the phone, no note, no badge on the projector. */
async function expectRunning(phone: Page, projector: Page, view: string): Promise<void> {
  await phone.waitForFunction((v) => /^\d+:\d\d left$/.test(document.querySelector(`${v} .timer`)?.textContent ?? ""), view);
  expect(await phone.isHidden(`${view} .pause-note`)).toBe(true);
  await projector.waitForFunction(() => window.__screen?.pauseBadge === "");
}

/** Every length counter of the visible form is on one line (a wrapped "0/140" is two line boxes). */
async function countersOnOneLine(phone: Page): Promise<Record<string, number>> {
  return phone.$$eval(".view-write .counter", (counters) =>
    Object.fromEntries(
      counters.map((c) => {
        const range = document.createRange();
        range.selectNodeContents(c);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        return [c.id, lines];
      }),
    ),
  );
}

describe("a paused timer on the phones and the projector", () => {
  it("says Paused instead of a vanished countdown, and lets the class keep writing", { timeout: 180_000 }, async () => {
    host = await HostDriver.createParty(server.httpUrl, 120);
    const screenPage = await openPage(browser, `${server.httpUrl}/screen/${host.code}`, PROJECTOR);
    pages.push({ label: "projector", watched: screenPage });
    const phoneWatched = await openPage(browser, `${server.httpUrl}/`, PHONE, true, 2);
    pages.push({ label: "phone", watched: phoneWatched });
    const projector = screenPage.page;
    const phone = phoneWatched.page;
    await joinByForm(phone, "Ada", host.code);
    bots.push(await new BotStudent(server.wsUrl, "Linus").join(host.code));
    await projector.waitForFunction(() => window.__screen?.guestCount === 2, null, { timeout: 30_000 });

    // ---- a party round: pause while writing, send while paused, resume --------------------------
    const texts = await openPartyWriting(host, bots, phone);
    await expectRunning(phone, projector, ".view-write");
    host.send(ClientMessage.pauseTimer);
    await expectPaused(phone, projector, ".view-write", WRITE_NOTE, "PartyScene");
    await screenshot(phone, "pause-phone-party");
    await screenshot(projector, "pause-screen-party");
    // The room still takes texts while the clock is stopped.
    await phone.fill("#field-query", texts.query);
    await phone.fill("#field-key", texts.key);
    await phone.fill("#field-value", texts.value);
    await phone.click("button:has-text('Send to the party')");
    await phone.waitForSelector(".view-write .done-card:not([hidden])");
    expect(await text(phone, ".view-write .pause-note")).toBe(SENT_NOTE);
    expect(await text(phone, ".view-write .timer")).toBe("Paused");
    await screenshot(phone, "pause-phone-party-sent");
    host.send(ClientMessage.resumeTimer);
    await expectRunning(phone, projector, ".view-write");
    host.send(ClientMessage.skipRound);
    await host.waitForPhase("scores");

    // ---- a heads round: the word's form, paused ------------------------------------------------
    const seat = bots[0].next<SeatPayload>(ServerMessage.seat, 30_000);
    host.send(ClientMessage.startRound, { roundType: "heads", scenarioId: "cat-on-the-mat" });
    await seat;
    await host.waitForPhase("brief", 30_000);
    await phone.waitForSelector(".view-seat:not([hidden])");
    host.send(ClientMessage.startWriting);
    await phone.waitForSelector(".view-write .seat-card");
    await expectRunning(phone, projector, ".view-write");
    host.send(ClientMessage.pauseTimer);
    await expectPaused(phone, projector, ".view-write", WRITE_NOTE, "SentenceScene");
    expect(await text(phone, ".field-value .field-title")).toBe("What it hands over (optional)");
    expect(await countersOnOneLine(phone), "length counters at 390 px").toEqual({ "field-query-count": 1, "field-key-count": 1, "field-value-count": 1 });
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, "pause-phone-heads.png"), fullPage: true });
    await screenshot(projector, "pause-screen-heads");
    host.send(ClientMessage.resumeTimer);
    await expectRunning(phone, projector, ".view-write");
    host.send(ClientMessage.skipRound);
    await host.waitForPhase("scores");

    // ---- a model round: the question, paused; a pick still counts -------------------------------
    const sentence = bots[0].next<ModelSentencePayload>(ServerMessage.modelSentence, 60_000);
    host.send(ClientMessage.startRound, { roundType: "model" });
    await sentence;
    await host.waitForPhase("brief", 30_000);
    host.send(ClientMessage.startWriting);
    await phone.waitForSelector(".view-question .choice-btn:not([disabled])");
    await expectRunning(phone, projector, ".view-question");
    host.send(ClientMessage.pauseTimer);
    await expectPaused(phone, projector, ".view-question", PICK_NOTE, "ModelScene");
    await phone.click(".view-question .choice-btn >> nth=0");
    await phone.waitForSelector(".view-question .choice-btn[aria-pressed=true]:not(.is-sending)");
    await phone.evaluate(() => window.scrollTo(0, 0));
    await screenshot(phone, "pause-phone-model");
    await screenshot(projector, "pause-screen-model");
    host.send(ClientMessage.resumeTimer);
    await expectRunning(phone, projector, ".view-question");

    for (const { label, watched } of pages) expect(watched.errors, `console errors on the ${label}`).toEqual([]);
  });
});
