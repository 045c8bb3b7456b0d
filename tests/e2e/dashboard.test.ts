// The instructor's dashboard in Chromium with every control a live class needs: create a
// party, resume it from the start screen's past sessions, fill it with six rehearsal bots from
// the dashboard (plus one student whose name tag the word list flags), run a round (start, writing, pause, resume, +30 s, reveal), sharpen the
// attention and toggle the causal mask (the panel recomputes), inspect a guest's full row,
// approve and hide the flagged texts, rename a guest, skip a second round, end, then open the
// session's report from the dashboard and from the past-sessions list, download its CSV, and
// check that a wrong key gets the 401 message. Screenshots: test-results/host-live-round.png,
// host-controls.png, report.png (and report-print.png, host-past-sessions.png).
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HIDDEN_TEXT } from "../../server/party/moderation.js";
import { ServerMessage, type CardPayload } from "../../shared/messages.js";
import { launchChromium, openPage, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { PartyObserver } from "../helpers/partyPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const BOT_COUNT = 6;
const FLAGGED = { query: "who can help me move house", key: "fucking great truck", value: "shit I can drive your stuff" };
const NEW_NAME = "Renamed Bot";

let server: TestServer;
let browser: Browser;
let observer: PartyObserver | undefined;
let rude: BotStudent | undefined;
const watched: Array<{ label: string; page: WatchedPage; isExpected401?: boolean }> = [];

/** The room state fields this test reads beyond PartyObserver's own. */
interface RoomFlags {
  phase: string;
  isPaused: boolean;
  phaseEndsAt: number;
  sharpness: number;
  isCausal: boolean;
}
const flags = (o: PartyObserver) => o.room.state as unknown as RoomFlags;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});

afterAll(async () => {
  await observer?.leave();
  await rude?.leave();
  await browser?.close();
  await server?.stop();
});

async function open(label: string, url: string): Promise<Page> {
  const page = await openPage(browser, url, { width: 1440, height: 1000 });
  page.page.on("dialog", (dialog) => void dialog.accept()); // skip round, end session
  watched.push({ label, page });
  return page.page;
}

/** A page opened in an existing context (shares its localStorage), with errors collected. */
async function openInContext(label: string, from: WatchedPage, action: () => Promise<unknown>): Promise<Page> {
  const [page] = await Promise.all([from.context.waitForEvent("page"), action()]);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  watched.push({ label, page: { page, context: from.context, errors } });
  return page;
}

const attentionText = (page: Page) => page.evaluate(() => document.querySelector(".attention-list")?.textContent ?? "");
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

describe("the instructor's dashboard", () => {
  it("drives a rehearsal round with every control and opens the session's report", { timeout: 150_000 }, async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`[dashboard] ${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);

    // ---- create the party, rehearse with bots ---------------------------------------------------
    const host = await open("host", `${server.httpUrl}/host`);
    const hostWatched = watched[0].page;
    await host.click("button:has-text('Create a party')");
    await host.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    const code = (await host.textContent(".big-code"))!.trim();
    observer = await PartyObserver.join(server.wsUrl, code);
    const reportHref = await host.getAttribute(".party-panel a.report-link", "href");
    expect(reportHref).toMatch(/^\/report\/[\w-]+$/);
    const sessionId = decodeURIComponent(reportHref!.slice("/report/".length));
    step(`party ${code} created (session ${sessionId})`);

    // The start screen lists the open party; Resume brings the dashboard back into it.
    await host.goto(`${server.httpUrl}/host`);
    await host.click(`.past-sessions tr[data-session="${sessionId}"][data-status=open] >> button:has-text('Resume')`);
    await host.waitForFunction((c) => location.search === `?code=${c}` && document.querySelector(".big-code")?.textContent === c, code);
    await host.waitForFunction(() => document.getElementById("connection-status")?.dataset.status === "online");
    step("resumed from the past sessions");

    await host.fill("#bot-count", String(BOT_COUNT));
    await host.click("button:has-text('Rehearse with bots')");
    await host.waitForFunction((n) => document.querySelector(".guest-total")?.textContent?.startsWith(`${n} guests`), BOT_COUNT, { timeout: 30_000 });
    await host.waitForFunction((n) => document.querySelectorAll(".roster .badge-bot").length === n, BOT_COUNT);
    rude = await new BotStudent(server.wsUrl, "Rudy").join(code);
    const rudeId = rude.welcome!.guestId;
    const guestCount = BOT_COUNT + 1;
    await host.waitForFunction((n) => document.querySelector(".guest-total")?.textContent?.startsWith(`${n} guests`), guestCount);
    step("bots joined");

    // ---- a round: start, writing, pause, resume, +30 s ---------------------------------------
    const card = rude.next<CardPayload>(ServerMessage.card);
    await host.fill("#write-seconds", "120");
    await host.click("button:has-text('Start round')");
    await card;
    await host.click("button:has-text('Start writing')");
    await observer.waitFor((o) => flags(o).phase === "write", "writing");
    await host.waitForSelector(".timer-box:not([hidden])");
    expect(await host.textContent(".host-timer")).toMatch(/^[12]:\d\d$/);

    await host.click("[data-control=pause]");
    await observer.waitFor((o) => flags(o).isPaused, "the paused timer");
    await host.waitForFunction(() => document.querySelector(".host-timer")?.textContent === "Paused");
    expect(await host.textContent("[data-control=pause]")).toBe("Resume");
    await host.click("[data-control=pause]");
    await observer.waitFor((o) => !flags(o).isPaused && flags(o).phaseEndsAt > 0, "the resumed timer");
    await host.waitForFunction(() => /^\d+:\d\d$/.test(document.querySelector(".host-timer")?.textContent ?? ""));
    const endsAt = flags(observer).phaseEndsAt;
    await host.click("[data-control=extend]");
    await observer.waitFor((o) => flags(o).phaseEndsAt > endsAt + 25_000, "30 more seconds");
    step("paused, resumed, extended");

    await rude.submit(FLAGGED);
    // The bots write 1–6 s after writing opened.
    await host.waitForFunction((n) => document.querySelector(".timer-sub")?.textContent === `${n}/${n} submitted`, guestCount, { timeout: 30_000 });
    const flaggedRow = `.roster tr[data-guest="${rudeId}"]`;
    await host.waitForSelector(`${flaggedRow}.is-flagged >> button:has-text('Approve')`);
    expect(await host.textContent(`${flaggedRow} .text-k`)).toBe(FLAGGED.key); // the host sees the real text
    await shot(host, "host-live-round");
    step("everyone wrote");

    // ---- reveal, inspect a row ------------------------------------------------------------------
    await host.click("button:has-text('Reveal attention')");
    await host.waitForFunction((n) => document.querySelectorAll(".attention-guest").length === n, guestCount, { timeout: 30_000 });
    const firstName = (await host.textContent(".attention-guest >> nth=0 >> .attention-name"))!.trim();
    await host.click(".attention-guest >> nth=0");
    await host.waitForFunction((n) => document.querySelectorAll(".row-inspector:not([hidden]) .row-bar").length === n, guestCount);
    expect(await host.textContent(".row-inspector h3")).toContain(firstName);
    await observer.waitFor((o) => o.focus?.guestId === o.guestByName(firstName)?.id, "the projector focus");
    const rowPercents = async () =>
      host.$$eval(".row-inspector .row-bar-pct", (cells) => cells.map((c) => Number((c.textContent ?? "").replace("%", ""))));
    const before = await rowPercents();
    expect([...before].sort((a, b) => b - a)).toEqual(before); // heaviest first
    expect(Math.abs(before.reduce((s, p) => s + p, 0) - 100)).toBeLessThanOrEqual(guestCount); // rounded shares of one row
    expect(await host.textContent(".row-inspector .row-bar.is-self")).toContain("(self)");
    step(`inspected ${firstName}`);

    // ---- sharpness and masks recompute the reveal ----------------------------------------------
    const plain = await attentionText(host);
    await host.focus("#sharpness");
    await host.keyboard.press("End");
    await observer.waitFor((o) => flags(o).sharpness === 10, "sharpness ×10 in the room");
    expect(await host.textContent("#sharpness-value")).toBe("×10");
    await host.waitForFunction((old) => (document.querySelector(".attention-list")?.textContent ?? "") !== old, plain, { timeout: 30_000 });
    // The open row follows the recompute: sharper means a heavier top target.
    await host.waitForFunction((top) => Number(document.querySelector(".row-inspector .row-bar-pct")?.textContent?.replace("%", "")) > top, before[0]);
    const sharp = await attentionText(host);
    await host.click("label[for=causal-switch]");
    await observer.waitFor((o) => flags(o).isCausal, "the causal mask in the room");
    await host.waitForFunction((old) => (document.querySelector(".attention-list")?.textContent ?? "") !== old, sharp, { timeout: 30_000 });
    expect(await attentionText(host)).toContain("nobody (masked)"); // the earliest guest has nobody before it
    await host.click("label[for=causal-switch]");
    await observer.waitFor((o) => !flags(o).isCausal, "the causal mask off again");
    step("sharpened and masked");

    // ---- moderation and rename ------------------------------------------------------------------
    await host.click(`${flaggedRow} >> button:has-text('Approve')`);
    await host.waitForSelector(`${flaggedRow}[data-moderation=approved]`);
    await host.click(`${flaggedRow} >> button:has-text('Hide')`);
    await host.waitForSelector(`${flaggedRow}[data-moderation=hidden] .text-k s`);
    expect(await host.textContent(`${flaggedRow} .text-k s`)).toBe(FLAGGED.key); // struck through, for the host only
    await observer.waitFor((o) => o.guest(rudeId)?.nameTag === HIDDEN_TEXT, "the hidden name tag for everyone else");

    const botRow = ".roster tbody tr:has(.badge-bot) >> nth=0";
    await host.click(`${botRow} >> .name-edit`);
    await host.fill(".rename-input", NEW_NAME);
    await host.press(".rename-input", "Enter");
    await observer.waitFor((o) => o.guestByName(NEW_NAME) !== undefined, "the renamed guest");
    await host.waitForFunction((name) => document.querySelector(".attention-list")?.textContent?.includes(name), NEW_NAME);
    await host.waitForSelector(`.roster .guest-name:text-is("${NEW_NAME}")`);
    await host.hover(".attention-guest >> nth=1");
    await shot(host, "host-controls");
    step("moderated and renamed");

    // ---- scores, a skipped round, the end ----------------------------------------------------------
    await host.click("button:has-text('Show scores')");
    await observer.waitFor((o) => flags(o).phase === "scores", "scores");
    await host.click("button:has-text('Next round')");
    await observer.waitFor((o) => flags(o).phase === "brief" && o.room.state.roundNumber === 2, "round 2");
    await host.click("button:has-text('Skip round')");
    await observer.waitFor((o) => flags(o).phase === "scores", "the skipped round's scores");
    await host.click("button:has-text('End session')");
    await host.waitForSelector(".ended-banner:not([hidden])");
    step("ended");

    // ---- the report, from the dashboard -------------------------------------------------------------
    const report = await openInContext("report", hostWatched, () => host.click(".ended-banner a:has-text('Open the report')"));
    await report.waitForSelector(".report-final .leaderboard");
    expect(new URL(report.url()).pathname).toBe(`/report/${sessionId}`);
    const finalNames = await report.$$eval(".report-final .leaderboard tbody th", (cells) => cells.map((c) => c.textContent));
    expect(finalNames).toHaveLength(guestCount);
    expect(finalNames).toContain(NEW_NAME);
    expect(await report.textContent(".report-head")).toContain(code);
    expect(await report.textContent('.report-round[data-round="1"]')).toContain(`${guestCount} of ${guestCount} guests wrote`);
    expect(await report.textContent('.report-round[data-round="2"]')).toContain("not revealed");
    expect(await report.locator('.report-round[data-round="1"] .best-list li').count()).toBeGreaterThan(0);
    expect(await report.textContent("main")).not.toContain(FLAGGED.key);
    const download = report.waitForEvent("download");
    await report.click("button:has-text('Download CSV')");
    const csv = await download;
    expect(csv.suggestedFilename()).toBe(`cocktail-party-${code}-${new Date().toISOString().slice(0, 10)}.csv`);
    await shot(report, "report");
    await report.emulateMedia({ media: "print" });
    expect(await report.isVisible(".report-toolbar")).toBe(false);
    await shot(report, "report-print");
    await report.emulateMedia({ media: "screen" });
    step("report shown");

    // ---- past sessions on the start screen ---------------------------------------------------------
    await host.goto(`${server.httpUrl}/host`);
    const pastRow = `.past-sessions tr[data-session="${sessionId}"]`;
    await host.waitForSelector(`${pastRow}[data-status=ended]`);
    const cells = await host.$$eval(`${pastRow} td, ${pastRow} th`, (tds) => tds.map((td) => td.textContent?.trim()));
    expect(cells.slice(1, 5)).toEqual([code, String(guestCount), "2", "ended"]);
    expect(await host.locator(`${pastRow} >> button:has-text('Resume')`).count()).toBe(0);
    expect(await host.getAttribute(`${pastRow} a:has-text('Report')`, "href")).toBe(`/report/${sessionId}`);
    await host.screenshot({ path: path.join(SCREENSHOT_DIR, "host-past-sessions.png") });

    // ---- another browser: no key stored, a wrong key is refused, the right one opens ----------------
    const stranger = await openPage(browser, `${server.httpUrl}/report/${sessionId}`, { width: 1280, height: 900 });
    watched.push({ label: "report without key", page: stranger, isExpected401: true });
    await stranger.page.waitForSelector("#host-key");
    await stranger.page.fill("#host-key", "not-the-key");
    await stranger.page.click("button:has-text('Open the report')");
    await stranger.page.waitForSelector("h1:has-text('This host key does not open the report')");
    expect(await stranger.page.textContent(".report-message")).toContain("401");
    const hostKey = (await host.evaluate(() => localStorage.getItem("cocktail.host.parties")))!;
    const key = (JSON.parse(hostKey) as Array<{ sessionId: string; hostKey: string }>).find((p) => p.sessionId === sessionId)!.hostKey;
    await stranger.page.fill("#host-key", key);
    await stranger.page.click("button:has-text('Open the report')");
    await stranger.page.waitForSelector(".report-final .leaderboard");
    step("401 and key form checked");

    // ---- nothing went wrong on any page -----------------------------------------------------------
    for (const { label, page, isExpected401 } of watched) {
      // Chromium logs every 4xx response as a console error; the wrong key's 401 is the point there.
      const errors = isExpected401 ? page.errors.filter((e) => !/status of 401/.test(e)) : page.errors;
      expect(errors, `console errors on ${label}`).toEqual([]);
    }
    expect(rude.errors).toEqual([]);
  });
});
