// A whole party round in Chromium, the way a class plays it: the instructor creates the party
// on /host, the projector shows /screen/CODE, two phones join by typing the code (one in lower
// case) next to six bot students, everyone writes, the attention is revealed, a guest is
// focused from the dashboard, scores, end. Every step is screenshotted into test-results/;
// with UPDATE_DOC_SCREENSHOTS=1 the README's screenshots in docs/screenshots/ are refreshed.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { ServerMessage, type CardPayload } from "../../shared/messages.js";
import { launchChromium, openPage, screenshot, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { cardOnPhone, joinByForm, PartyObserver, PHONE_PORTRAIT, storedSession, textsForCard, unlabelledControls } from "../helpers/partyPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const BOT_NAMES = ["Linus", "Margaret", "Barbara", "Ken", "Radia", "Edsger"];
const DOC_SCREENSHOTS = ["screen-reveal", "phone-result", "host-reveal", "screen-lobby"];
const UNKNOWN_WORD = "xyzzyq";

let server: TestServer;
let browser: Browser;
const pages: Array<{ label: string; watched: WatchedPage }> = [];
const bots: BotStudent[] = [];
let observer: PartyObserver | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});

afterAll(async () => {
  await observer?.leave();
  await Promise.all(bots.map((b) => b.leave()));
  await browser?.close();
  await server?.stop();
});

/** `isSharp`: render at a phone's 2× pixel density (for the screenshots the README shows). */
async function open(label: string, url: string, viewport: { width: number; height: number }, isPhone = false, isSharp = false): Promise<Page> {
  const watched = await openPage(browser, url, viewport, isPhone, isSharp ? 2 : 1);
  watched.page.on("dialog", (dialog) => void dialog.accept()); // "End the session for everyone?"
  pages.push({ label, watched });
  return watched.page;
}

/** Lets tweens and fades settle before a screenshot (the projector animates arrivals and lines). */
const settle = (page: Page, ms = 600) => page.waitForTimeout(ms);

/** A phone's whole page from the top (a scrolled page would put the sticky bar mid-picture). */
async function phoneShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The phone's "You paid attention to" list as shown: name and percentage per row. */
async function attendedOnPhone(page: Page): Promise<Array<{ name: string; percent: number }>> {
  return page.evaluate(() => {
    const section = document.querySelectorAll(".view-result .result-section")[0];
    return [...(section?.querySelectorAll(".attn-row") ?? [])].map((row) => ({
      name: row.querySelector(".attn-name")?.textContent ?? "",
      percent: Number((row.querySelector(".attn-pct")?.textContent ?? "").replace("%", "")),
    }));
  });
}

describe("a party round in the browser", () => {
  it("plays from creating the party to the end of the session on dashboard, projector and phones", { timeout: 180_000 }, async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`[partyRound] ${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);

    // ---- the instructor creates a party ------------------------------------------------------
    const host = await open("host", `${server.httpUrl}/host`, { width: 1440, height: 1000 });
    await host.click("button:has-text('Create a party')");
    await host.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    const code = (await host.textContent(".big-code"))!.trim();
    observer = await PartyObserver.join(server.wsUrl, code);
    step(`party ${code} created`);

    const screen = await open("screen", `${server.httpUrl}/screen/${code}`, { width: 1920, height: 1080 });
    await screen.waitForFunction(() => window.__screen?.scene === "LobbyScene", null, { timeout: 30_000 });
    step("projector in its lobby");

    // ---- two phones type the code (one in lower case), six bots join --------------------------
    const ada = await open("phone Ada", `${server.httpUrl}/`, PHONE_PORTRAIT, true, true);
    const grace = await open("phone Grace", `${server.httpUrl}/`, PHONE_PORTRAIT, true);
    await ada.fill("#join-code", code.toLowerCase().split("").join(" ")); // read off the projector with spaces
    await ada.fill("#join-name", "Ada");
    await screenshot(ada, "phone-join");
    expect(await unlabelledControls(ada), "unlabelled controls on the join form").toEqual([]);
    await joinByForm(ada, "Ada");
    // "Surprise me" fills a fresh fun nickname each time; Grace keeps her own in the end.
    await grace.click("button:has-text('Surprise me')");
    const surprise = await grace.inputValue("#join-name");
    expect(surprise).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(surprise.length).toBeLessThanOrEqual(20);
    await grace.click("button:has-text('Surprise me')");
    expect(await grace.inputValue("#join-name")).not.toBe(surprise);
    await joinByForm(grace, "Grace", code);
    step("two phones joined");
    for (const name of BOT_NAMES) bots.push(await new BotStudent(server.wsUrl, name).join(code));
    const guestCount = 2 + BOT_NAMES.length;
    await screen.waitForFunction((n) => window.__screen?.guestCount === n, guestCount);
    await host.waitForFunction((n) => document.body.innerText.includes(`${n} guests ·`), guestCount);
    await ada.waitForFunction((n) => document.querySelector(".guest-count")?.textContent?.startsWith(`${n} guests`), guestCount);
    await settle(screen, 1200);
    await Promise.all([screenshot(screen, "screen-lobby"), screenshot(ada, "phone-lobby"), host.screenshot({ path: path.join(SCREENSHOT_DIR, "host-lobby.png"), fullPage: true })]);
    expect((await storedSession(ada))?.code, "the lower-case code joined the party").toBe(code);
    const adaId = (await storedSession(ada))!.guestId!;
    const graceId = (await storedSession(grace))!.guestId!;
    expect(adaId).toBeTruthy();
    expect(graceId).not.toBe(adaId);
    step("everyone joined");

    // ---- brief: each phone gets its secret card ---------------------------------------------
    const botCards = bots.map((b) => b.next<CardPayload>(ServerMessage.card));
    await host.fill("#write-seconds", "120");
    await host.click("button:has-text('Start round')");
    await Promise.all(botCards);
    await ada.waitForSelector(".view-brief:not([hidden])");
    await ada.waitForFunction(() => !document.querySelector(".view-brief .need .secret-value")?.textContent?.includes("on its way"));
    await screen.waitForFunction(() => window.__screen?.scene === "PartyScene");
    await screenshot(ada, "phone-card");

    // ---- write: phones fill the three prompts, one with a word the model never saw -----------
    await host.click("button:has-text('Start writing')");
    await Promise.all([ada.waitForSelector(".view-write:not([hidden])"), grace.waitForSelector(".view-write:not([hidden])")]);
    const adaTexts = textsForCard(await cardOnPhone(ada), 2);
    const graceTexts = textsForCard(await cardOnPhone(grace), 1);
    adaTexts.query = `${adaTexts.query} ${UNKNOWN_WORD}`;
    for (const [page, texts] of [[ada, adaTexts], [grace, graceTexts]] as const) {
      await page.fill("#field-query", texts.query);
      await page.fill("#field-key", texts.key);
      await page.fill("#field-value", texts.value);
    }
    // The unknown word is underlined in the field and named under it before anything is sent.
    await ada.waitForSelector(`#field-query-unknown:has-text("${UNKNOWN_WORD}")`);
    expect(await ada.textContent(".field-query mark.unknown-word")).toBe(UNKNOWN_WORD);
    expect(await ada.getAttribute("#field-query", "aria-describedby")).toContain("field-query-unknown");
    expect(await grace.textContent("#field-query-unknown")).toBe("");
    await ada.evaluate(() => window.scrollTo(0, document.querySelector<HTMLElement>(".write-form")!.offsetTop - 60));
    await screenshot(ada, "phone-write");
    expect(await unlabelledControls(ada), "unlabelled controls on the writing form").toEqual([]);

    // A name tag of emoji only: the room refuses it, and the field says why (not "write something").
    await grace.fill("#field-key", "🍕🍕");
    await grace.click("button:has-text('Send to the party')");
    await grace.waitForFunction(() => document.getElementById("field-key-error")?.textContent === "The model reads none of these as words.");
    await grace.fill("#field-key", graceTexts.key);

    await ada.click("button:has-text('Send to the party')");
    await grace.click("button:has-text('Send to the party')");
    await Promise.all(bots.map((bot, i) => bot.submit(textsForCard(bot.card!, i))));
    await ada.waitForSelector(".done-card:not([hidden])");
    await grace.waitForSelector(".done-card:not([hidden])");
    expect(await ada.textContent(".done-card .unknown-words")).toContain(`never seen “${UNKNOWN_WORD}”`);
    expect(await ada.textContent(".done-card .submitted-texts")).toContain(adaTexts.value);
    expect(await grace.textContent(".done-card .unknown-words")).toContain("knows every word");
    await host.waitForFunction((n) => document.body.innerText.includes(`${n}/${n} submitted`), guestCount);
    await settle(screen);
    await Promise.all([phoneShot(ada, "phone-submitted"), screenshot(screen, "screen-write"), host.screenshot({ path: path.join(SCREENSHOT_DIR, "host-write.png"), fullPage: true })]);
    step("everyone submitted");

    // ---- reveal: real attention on every page -------------------------------------------------
    await host.click("button:has-text('Reveal attention')");
    await Promise.all([ada.waitForSelector(".points-card", { timeout: 30_000 }), grace.waitForSelector(".points-card", { timeout: 30_000 })]);
    await screen.waitForFunction(() => (window.__screen?.linesDrawn ?? 0) > 0, null, { timeout: 30_000 });
    await observer.waitFor((o) => o.attention !== null && o.guest(adaId)!.rank > 0, "the attention rows and ranks");
    await Promise.all(bots.map((b) => (b.result ? Promise.resolve() : b.next(ServerMessage.result))));
    step("revealed");

    const attention = observer.attention!;
    const nameOf = (id: string) => observer!.guest(id)!.name;
    for (const [page, guestId, name] of [[ada, adaId, "Ada"], [grace, graceId, "Grace"]] as const) {
      const shown = await attendedOnPhone(page);
      const row = attention.rows[attention.guestIds.indexOf(guestId)];
      expect(shown.length).toBe(3);
      expect(shown.every((s) => s.name !== name), "a guest never attends to itself in a party round").toBe(true);
      expect(shown.reduce((sum, s) => sum + s.percent, 0)).toBeLessThanOrEqual(101); // three rounded shares of one row
      // The same guests, in the same order, with the weights the server computed.
      shown.forEach((s, k) => {
        const [column, weight] = row[k];
        expect(s.name).toBe(nameOf(attention.guestIds[column]));
        expect(Math.abs(s.percent - weight * 100)).toBeLessThanOrEqual(0.51);
      });
      const me = observer.guest(guestId)!;
      expect(await page.textContent(".points-card .points")).toBe(`+${Math.round(me.lastPoints)}`);
      expect(await page.textContent(".points-card .rank")).toBe(`#${me.rank}`);
    }
    // The bots' rows (received over the same protocol) agree with what the projector got.
    for (const bot of bots) {
      const row = attention.rows[attention.guestIds.indexOf(bot.welcome!.guestId)];
      expect(bot.result!.attendedTo[0].guestId).toBe(attention.guestIds[row[0][0]]);
      expect(bot.result!.attendedTo[0].weight).toBeCloseTo(row[0][1], 3);
    }
    expect(await screen.evaluate(() => window.__screen!.guestCount)).toBe(guestCount);
    expect(await unlabelledControls(ada), "unlabelled controls on the results").toEqual([]);
    expect(await unlabelledControls(host), "unlabelled controls on the dashboard").toEqual([]);
    await host.waitForSelector(".attention-guest");
    await settle(screen, 1200);
    await Promise.all([
      phoneShot(ada, "phone-result"),
      screenshot(screen, "screen-reveal"),
      host.screenshot({ path: path.join(SCREENSHOT_DIR, "host-reveal.png"), fullPage: true }),
    ]);

    // ---- focus one guest from the dashboard -------------------------------------------------
    const focusedName = (await host.textContent(".attention-guest >> nth=0 >> .attention-name"))!.trim();
    await host.click(".attention-guest >> nth=0");
    const focusedId = observer.guestByName(focusedName)!.id;
    await screen.waitForFunction((id) => window.__screen?.focusedGuestId === id, focusedId);
    await settle(screen);
    await screenshot(screen, "screen-focus");
    step(`focused ${focusedName}`);

    // ---- scores and the end ---------------------------------------------------------------------
    await host.click("button:has-text('Show scores')");
    await screen.waitForFunction(() => window.__screen?.scene === "LeaderboardScene");
    await ada.waitForSelector(".view-scores:not([hidden])");
    expect(await ada.textContent(".view-scores .rank-big")).toBe(`#${observer.guest(adaId)!.rank}`);
    // The phone holds only its own guest; its board comes from the room's summary of the top.
    const ranked = [...observer.room.state.guests.values()].filter((g) => g.rank > 0).sort((a, b) => a.rank - b.rank || a.seat - b.seat);
    expect(await ada.locator(".view-scores .mini-board .board-name").allTextContents()).toEqual(ranked.slice(0, 5).map((g) => g.name));
    expect(await ada.textContent(".view-scores .rank-card")).toContain(`of ${ranked.length}`);
    await settle(screen, 1200);
    await Promise.all([screenshot(screen, "screen-scores"), phoneShot(ada, "phone-scores")]);

    await host.click("button:has-text('End session')");
    await ada.waitForSelector(".view-scores h1:has-text(\"That's a wrap!\")");
    await observer.waitFor((o) => o.room.state.phase === "ended", "the ended phase");
    await settle(screen, 1500);
    await Promise.all([screenshot(screen, "screen-ended"), screenshot(ada, "phone-ended")]);
    step("session ended");

    // ---- nothing went wrong on any page -------------------------------------------------------
    for (const { label, watched } of pages) expect(watched.errors, `console errors on ${label}`).toEqual([]);

    if (process.env.UPDATE_DOC_SCREENSHOTS === "1") {
      const docs = path.resolve("docs/screenshots");
      fs.mkdirSync(docs, { recursive: true });
      for (const name of DOC_SCREENSHOTS) fs.copyFileSync(path.join(SCREENSHOT_DIR, `${name}.png`), path.join(docs, `${name}.png`));
      step(`copied ${DOC_SCREENSHOTS.join(", ")} to docs/screenshots/`);
    }
  });
});
