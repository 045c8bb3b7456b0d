// Two newcomer findings on the phone, in Chromium against the real server: a phone reloaded
// mid-writing gets its drafts back (kept per party code and guest, gone once the round moves on),
// and the results after a party reveal show each match clearly — whom the student's query met and
// their name tag, who looked at the student (names only: their queries are private) — under the
// student's own query and name tag. An 80-letter word wraps inside the page, and a student who
// sent nothing is told so at the reveal. Screenshots at 390×844 go to test-results/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { ClientMessage, ServerMessage, type ResultPayload } from "../../shared/messages.js";
import { launchChromium, openPage, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { joinByForm, openPartyWriting, PartyObserver, storedSession, textsForCard } from "../helpers/partyPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: Browser;
let host: HostDriver;
let observer: PartyObserver;
const bots: BotStudent[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  host = await HostDriver.createParty(server.httpUrl, 600);
  observer = await PartyObserver.join(server.wsUrl, host.code);
  for (const name of ["Linus", "Margaret", "Ken", "Radia"]) bots.push(await new BotStudent(server.wsUrl, name).join(host.code));
});

afterAll(async () => {
  await Promise.all([...bots.map((b) => b.leave()), host?.leave(), observer?.leave()]);
  await browser?.close();
  await server?.stop();
});

/** The phone's whole page from the top. */
async function phoneShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

const fields = async (page: Page) => ({
  query: await page.inputValue("#field-query"),
  key: await page.inputValue("#field-key"),
  value: await page.inputValue("#field-value"),
});

/** The draft keys the phone holds in localStorage. */
const draftKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cocktail.phone.draft.")));

/** One list of the results ("You paid attention to" = 0, "Who paid attention to you" = 1) as shown. */
async function resultList(page: Page, index: number) {
  return page.evaluate((i) => {
    const section = document.querySelectorAll(".view-result .result-section")[i];
    return {
      own: section?.querySelector(".own-text q")?.textContent ?? null,
      rows: [...(section?.querySelectorAll(".attn-row") ?? [])].map((row) => ({
        name: row.querySelector(".attn-name")?.textContent ?? "",
        tag: row.querySelector(".attn-tag q")?.textContent ?? null,
      })),
    };
  }, index);
}

describe("the phone while writing and after the reveal", () => {
  it("keeps drafts through reloads, drops them when the round moves on, and shows both halves of each match", { timeout: 150_000 }, async () => {
    const phone: WatchedPage = await openPage(browser, `${server.httpUrl}/?code=${host.code}`, PHONE, true, 2);
    const { page } = phone;
    await joinByForm(page, "Ada");
    const guestId = (await storedSession(page))!.guestId!;

    const texts = await openPartyWriting(host, bots, page);

    // ---- a reload mid-writing: what was typed comes back -------------------------------------
    await page.fill("#field-query", texts.query);
    await page.fill("#field-key", texts.key);
    expect(await draftKeys(page)).toEqual([`cocktail.phone.draft.${host.code}.${guestId}`]);
    await page.reload();
    await page.waitForSelector(".view-write:not([hidden]) .draft-note:has-text('still here')");
    expect(await fields(page)).toEqual({ query: texts.query, key: texts.key, value: "" });
    await phoneShot(page, "phone-draft-restored");

    // ---- sent: the room has the texts, the draft is gone ----------------------------------------
    await page.fill("#field-value", texts.value);
    await page.click("button:has-text('Send to the party')");
    await page.waitForSelector(".done-card:not([hidden])");
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith("cocktail.phone.draft.")));

    // ---- an edit after sending, not sent yet, survives a reload as an edit ---------------------
    await page.click("button:has-text('Change my answers')");
    const edited = `${texts.value} and snacks`;
    await page.fill("#field-value", edited);
    await page.reload();
    await page.waitForSelector(".view-write:not([hidden]) .draft-note:has-text('not sent yet')");
    expect(await page.isVisible(".write-form"), "the form is open again with the unsent edit").toBe(true);
    expect(await fields(page)).toEqual({ ...texts, value: edited });
    await phoneShot(page, "phone-draft-edit-restored");
    await page.click("button:has-text('Send to the party')");
    await page.waitForSelector(`.done-card:not([hidden]) .submitted-texts:has-text("${edited}")`);
    expect(await draftKeys(page)).toEqual([]);

    // ---- the reveal: each half of every match, nothing private ----------------------------------
    await Promise.all(bots.map((bot, i) => bot.submit(textsForCard(bot.card!, i + 1))));
    const botResults = bots.map((b) => b.next<ResultPayload>(ServerMessage.result, 30_000));
    host.send(ClientMessage.reveal);
    await page.waitForSelector(".points-card", { timeout: 30_000 });
    await Promise.all(botResults);
    await observer.waitFor((o) => o.attention !== null, "the attention rows");
    const attendedTo = await resultList(page, 0);
    expect(attendedTo.own, "the student's own query heads the list").toBe(texts.query);
    expect(attendedTo.rows.length).toBe(3);
    for (const row of attendedTo.rows) {
      // Each guest's name tag, as everyone sees it on the projector after the reveal.
      expect(row.tag).toBe(observer.guestByName(row.name)!.nameTag);
    }
    const attendedBy = await resultList(page, 1);
    expect(attendedBy.own, "the student's own name tag heads the list").toBe(texts.key);
    expect(attendedBy.rows.length).toBeGreaterThan(0);
    expect(attendedBy.rows.every((r) => r.tag === null), "no texts of the guests who looked: their queries stay private").toBe(true);
    const bodyText = (await page.textContent(".view-result")) ?? "";
    for (const bot of bots) expect(bodyText).not.toContain(bot.submitted!.query);
    await phoneShot(page, "phone-result-matches");

    // ---- the round moves on: a draft typed too late is dropped ----------------------------------
    await page.evaluate(
      ([key]) => localStorage.setItem(key, JSON.stringify({ roundNumber: 1, texts: { query: "late", key: "", value: "" }, savedAt: Date.now() })),
      [`cocktail.phone.draft.${host.code}.${guestId}`],
    );
    await page.reload();
    await page.waitForSelector(".points-card", { timeout: 30_000 });
    expect(await draftKeys(page)).toEqual([]);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it("wraps an 80-letter word inside the page and tells a student who sent nothing why no result comes", { timeout: 120_000 }, async () => {
    const party = await HostDriver.createParty(server.httpUrl, 600);
    const others = [await new BotStudent(server.wsUrl, "Barbara").join(party.code), await new BotStudent(server.wsUrl, "Edsger").join(party.code)];
    const writer = await openPage(browser, `${server.httpUrl}/?code=${party.code}`, PHONE, true, 2);
    const idle = await openPage(browser, `${server.httpUrl}/?code=${party.code}`, PHONE, true, 2);
    await joinByForm(writer.page, "Grace");
    await joinByForm(idle.page, "Hedy");
    const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
    const texts = await openPartyWriting(party, others, writer.page);
    await idle.page.waitForSelector(".view-write:not([hidden])");

    const long = `help ${"q".repeat(75)}`;
    for (const field of ["#field-query", "#field-key", "#field-value"]) await writer.page.fill(field, long);
    await writer.page.waitForSelector(".view-write .unknown-hint:has-text('never seen')");
    expect(await pageWidth(writer.page), "the write form with the never-seen word").toBeLessThanOrEqual(PHONE.width);
    await writer.page.click("button:has-text('Send to the party')");
    await writer.page.waitForSelector(".done-card:not([hidden])");
    expect(await pageWidth(writer.page), "the sent texts").toBeLessThanOrEqual(PHONE.width);

    await Promise.all(others.map((bot, i) => bot.submit(textsForCard(bot.card!, i + 1))));
    party.send(ClientMessage.reveal);
    await writer.page.waitForSelector(".points-card", { timeout: 30_000 });
    expect(await pageWidth(writer.page), "the result").toBeLessThanOrEqual(PHONE.width);
    await phoneShot(writer.page, "phone-result-long-word");

    // Hedy wrote nothing: no row is coming, and the phone says why instead of "coming…".
    await idle.page.waitForSelector(`.view-result:not([hidden]) :text("You didn't send your texts this round")`, { timeout: 30_000 });
    await phoneShot(idle.page, "phone-reveal-sat-out");
    expect(texts.query.length).toBeGreaterThan(0);
    expect([...writer.errors, ...idle.errors]).toEqual([]);
    await Promise.all([writer.context.close(), idle.context.close(), ...others.map((b) => b.leave()), party.leave()]);
  });
});
