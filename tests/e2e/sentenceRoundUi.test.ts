// The sentence, heads and blocks rounds and the custom-scenario editor in Chromium, played the way
// a class plays them: the instructor picks "Be a sentence" on the dashboard, two phones that typed
// the code and two bot students each become a word of "The cat sat on the mat because it was
// tired" (the trained model plays the other words), write a query and a name tag for their word
// and see where their word looked against the answer key; then the same scenario as head teams;
// then the blocks walk-through, stepped from the dashboard (a bad sentence first: refused beside
// the box); then the instructor writes a scenario of their own — a broken one shows its problems
// next to the fields, a good one previews the model's attention, exports, saves and is played.
// Screenshots go to test-results/ (sentence-*.png).
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { ServerMessage } from "../../shared/messages.js";
import type { SeatPayload, SentenceAttentionPayload, SentenceResultPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import { launchChromium, openPage, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { joinByForm, PartyObserver } from "../helpers/partyPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const PHONE = { width: 390, height: 844 };
const DASHBOARD = { width: 1440, height: 900 };
const CAT = "The cat sat on the mat because it was tired.";
const CAT_WORDS = ["the", "cat", "sat", "on", "the", "mat", "because", "it", "was", "tired"];
/** A model round queued behind the heads round: its row in the queue is the dashboard's longest line. */
const LONG_SENTENCE = "Last night the old teacher told the students in the library that they were brilliant, and then she smiled at them.";

let server: TestServer;
let browser: Browser;
const pages: Array<{ label: string; watched: WatchedPage }> = [];
const bots: BotStudent[] = [];
let observer: PartyObserver | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await observer?.leave();
  await Promise.all(bots.map((b) => b.leave()));
  await browser?.close();
  await server?.stop();
});

async function open(label: string, url: string, viewport: { width: number; height: number }, isPhone = false): Promise<Page> {
  const watched = await openPage(browser, url, viewport, isPhone, isPhone ? 2 : 1);
  watched.page.on("dialog", (dialog) => void dialog.accept());
  pages.push({ label, watched });
  return watched.page;
}

async function shot(page: Page, name: string, isFullPage = true, settleMs = 800): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(settleMs); // the weight bars grow in 700 ms
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: isFullPage });
}

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();

/** Lines a text takes (one line box per line of a wrapped text). */
const linesOf = (page: Page, selector: string) =>
  page.$eval(selector, (e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });

/**
 * The dashboard fits its window at `width` (and at the window's own width): nothing scrolls it
 * sideways, the join code and a queued round's time stay on one line, the queued row stays inside
 * its list. Leaves the window as it found it.
 */
async function expectDashboardFits(host: Page, widths: number[], when: string): Promise<void> {
  const original = host.viewportSize()!;
  for (const width of widths) {
    await host.setViewportSize({ width, height: original.height });
    await host.waitForFunction((w) => window.innerWidth === w, width);
    const fit = await host.evaluate(() => {
      const list = document.querySelector(".queue-list")!.getBoundingClientRect();
      const rows = [...document.querySelectorAll(".queue-item")].map((li) => li.getBoundingClientRect());
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        rowsOutside: rows.filter((r) => r.left < list.left - 0.5 || r.right > list.right + 0.5).length,
      };
    });
    expect(fit.scrollWidth, `dashboard width ${when} at ${width} px`).toBeLessThanOrEqual(fit.innerWidth);
    expect(fit.rowsOutside, `queued rows wider than their list ${when} at ${width} px`).toBe(0);
    expect(await linesOf(host, ".big-code"), `join code ${when} at ${width} px`).toBe(1);
    expect(await linesOf(host, ".queue-item .queue-time"), `queued round's time ${when} at ${width} px`).toBe(1);
  }
  await host.setViewportSize(original);
  await host.waitForFunction((w) => window.innerWidth === w, original.width);
}
const visible = (page: Page, selector: string, timeout = 30_000) => page.waitForSelector(`${selector}:not([hidden])`, { timeout });

/** What the staff were sent (the projector's view of the round): the ground truth for the pages. */
function recordStaffMessages(o: PartyObserver) {
  const seen: { seating: SentenceSeatingPayload | null; attention: SentenceAttentionPayload | null; heads: Array<number | null> } = { seating: null, attention: null, heads: [] };
  o.room.onMessage(ServerMessage.sentenceSeating, (p: SentenceSeatingPayload) => (seen.seating = p));
  o.room.onMessage(ServerMessage.sentenceAttention, (p: SentenceAttentionPayload) => (seen.attention = p));
  o.room.onMessage(ServerMessage.headFocus, (p: { head: number | null }) => seen.heads.push(p.head));
  return seen;
}

/** The seat a guest holds in the staff's seating: table and seat index. */
function seatOf(seating: SentenceSeatingPayload, guestId: string): { table: number; k: number; position: number } {
  for (const table of seating.tables) {
    const k = table.seats.findIndex((s) => s.guestId === guestId);
    if (k >= 0) return { table: table.index, k, position: table.seats[k].position };
  }
  throw new Error(`guest ${guestId} has no seat`);
}

/** A phone writes for its word: a query and a name tag in a student's own words, the value left empty. */
async function writeForWord(phone: Page, shotName?: string): Promise<string> {
  await visible(phone, ".view-write .seat-card");
  const word = (await text(phone, ".view-write .seat-card mark.is-me")).toLowerCase();
  expect(await text(phone, ".view-write h1")).toBe(`Write for “${word}”`);
  expect(await text(phone, ".field-query .field-title")).toBe(`What does “${word}” need?`);
  expect(await text(phone, ".field-value .field-title")).toBe("What it hands over (optional)");
  // At 390 px the long title wraps beside its counter; the counter ("0/140") never does.
  expect(await linesOf(phone, ".field-value .counter"), "the value's length counter").toBe(1);
  await phone.fill("#field-query", "which animal is this about");
  await phone.fill("#field-key", `the word ${word}`);
  if (shotName) await shot(phone, shotName);
  await phone.click("button:has-text('Send “')");
  await visible(phone, ".view-write .done-card");
  return word;
}

describe("sentence, heads and blocks rounds and custom scenarios in the browser", () => {
  it("plays them from the dashboard's buttons and the phones' forms", { timeout: 300_000 }, async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`[sentenceRoundUi] ${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);

    // ---- the party: dashboard, two phones typing the code, two bots ---------------------------
    const host = await open("host", `${server.httpUrl}/host`, DASHBOARD);
    await host.click("button:has-text('Create a party')");
    await host.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    const code = await text(host, ".big-code");
    observer = await PartyObserver.join(server.wsUrl, code);
    const staff = recordStaffMessages(observer);
    const ada = await open("phone Ada", `${server.httpUrl}/`, PHONE, true);
    const grace = await open("phone Grace", `${server.httpUrl}/`, PHONE, true);
    await joinByForm(ada, "Ada", code.toLowerCase());
    await joinByForm(grace, "Grace", code);
    for (const name of ["Linus", "Radia"]) bots.push(await new BotStudent(server.wsUrl, name).join(code));
    await host.waitForFunction(() => document.body.innerText.includes("4 guests ·"));
    const adaId = observer.guestByName("Ada")!.id;
    step(`party ${code}: 2 phones, 2 bots`);

    // ---- "Be a sentence": the scenario picker lists the built-ins -----------------------------
    await host.selectOption("#round-type", "sentence");
    await host.waitForSelector("#round-scenario option[value=cat-on-the-mat]", { state: "attached" });
    expect(await host.inputValue("#round-scenario")).toBe("cat-on-the-mat");
    expect(await host.isVisible("#round-sentence")).toBe(false);
    expect(await text(host, "#round-scenario option[value=cat-on-the-mat]")).toBe("The cat sat on the mat (10 words · 4 heads)");
    expect(await text(host, ".queue-empty")).toContain("“The cat sat on the mat”");
    await host.fill("#write-seconds", "300");
    const botSeat = bots[0].next<SeatPayload>(ServerMessage.seat, 30_000);
    await host.click("[data-control=start]");
    const linusSeat = await botSeat;
    expect(linusSeat.words).toEqual(CAT_WORDS);
    await observer.waitFor((o) => o.room.state.phase === "brief", "sentence brief", 30_000);
    expect(staff.seating?.tables).toHaveLength(1);
    const seating = staff.seating!;
    const modelSeats = seating.tables[0].seats.filter((s) => s.isModel).length;
    expect(modelSeats).toBe(CAT_WORDS.length - 4);

    // Brief: each phone is its word in the sentence, with its tablemates (model seats marked).
    const adaSeat = seatOf(seating, adaId);
    await visible(ada, ".view-seat .seat-card");
    expect(await text(ada, ".view-seat .seat-lead")).toBe(`You are the word “${CAT_WORDS[adaSeat.position]}” in:`);
    expect(await text(ada, ".view-seat .seat-sentence")).toBe(CAT);
    expect(await ada.getAttribute(".view-seat .seat-sentence mark.is-me", "data-position")).toBe(String(adaSeat.position));
    expect(await ada.locator(".view-seat .mate .model-badge").count()).toBe(modelSeats);
    expect(await text(ada, ".view-seat .mate.is-me .mate-name")).toBe("you");
    expect(await ada.locator(".view-seat .mate").count()).toBe(CAT_WORDS.length);
    expect(await ada.locator(".view-seat .seat-hint").count(), "every word of the pack has a hint").toBe(1);
    await shot(ada, "sentence-phone-brief");

    // The dashboard: the table, who plays which word, the model's seats.
    await visible(host, ".sentence-panel");
    expect(await text(host, ".sentence-panel .round-label")).toBe("Round 1 · The cat sat on the mat");
    expect(await text(host, ".sentence-panel .model-sentence-host")).toBe(`“${CAT}”`);
    expect(await text(host, ".seating-line")).toBe(`1 table of 10 words · 4 students · ${modelSeats} words played by the model`);
    expect(await host.locator(".seat-table .badge-model-seat").count()).toBe(modelSeats);
    expect(await text(host, `.seat[data-guest='${adaId}'] .seat-name`)).toBe("Ada");
    expect(await text(host, `.seat[data-guest='${adaId}'] .seat-word`)).toBe(CAT_WORDS[adaSeat.position]);
    expect(await host.isHidden(".sentence-panel .head-box"), "no head picker in a sentence round").toBe(true);
    step("sentence brief on phones and dashboard");

    // ---- write: query and name tag for the word, the value left empty ------------------------
    await host.click("[data-control=write]");
    const adaWord = await writeForWord(ada, "sentence-phone-write-form");
    expect(adaWord).toBe(CAT_WORDS[adaSeat.position]);
    expect(await text(ada, ".submitted-texts dd:last-of-type"), "an empty value hands over the word itself").toBe(adaWord);
    await writeForWord(grace);
    for (const bot of bots) await bot.submit({ query: "who did this, an animal", key: `the word ${bot.seat!.word}`, value: "" });
    await host.waitForFunction(() => document.querySelectorAll(".seat-state.is-written").length === 4);
    await host.waitForFunction(() => document.querySelector(".timer-sub")?.textContent === "4/4 submitted");
    await shot(ada, "sentence-phone-write");
    await shot(host, "sentence-host-write", false);
    step("four words written");

    // ---- reveal: "you attended to … the key says …" ------------------------------------------
    const botResult = bots[0].next<SentenceResultPayload>(ServerMessage.sentenceResult, 30_000);
    await host.click("[data-control=reveal]");
    const linusResult = await botResult;
    expect(linusResult.word).toBe(linusSeat.word);
    await observer.waitFor(() => staff.attention?.roundNumber === 1, "sentence attention", 30_000);
    const revealed = staff.attention!;
    const adaPoints = revealed.tables[adaSeat.table].points[adaSeat.k];
    await visible(ada, ".view-sentence-result .points-card");
    expect(await text(ada, ".view-sentence-result .points")).toBe(`+${Math.round(adaPoints ?? 0)}`);
    const adaTop = revealed.tables[adaSeat.table].rows[adaSeat.k][0];
    expect(await text(ada, ".view-sentence-result .attn-row:first-child .attn-pct")).toBe(`${Math.round(adaTop[1] * 100)}%`);
    expect(await text(ada, ".view-sentence-result .attn-row:first-child .attn-name")).toContain(`“${CAT_WORDS[adaTop[0]]}”`);
    const adaKey = [...new Set(revealed.keys.flatMap((head) => head[adaSeat.position].map((t) => t.position)))];
    if (adaKey.length > 0) {
      expect(await text(ada, ".key-line")).toMatch(adaKey.length > 1 ? /should (attend to|split its attention between)/ : /should attend to/);
      for (const p of adaKey) expect(await text(ada, ".key-line strong")).toContain(`“${CAT_WORDS[p]}”`);
    } else if (adaPoints === null) {
      expect(await text(ada, ".key-line")).toBe(`The key has no link for “${adaWord}” in this round, so there was nothing to score.`);
    } else {
      // Other words' keys name this one: its name tag's job was to be found.
      expect(await text(ada, ".key-line")).toBe(`“${adaWord}” has nothing to look for here — other words should find “${adaWord}”.`);
    }
    expect(await text(ada, ".view-sentence-result .rank")).toMatch(/^#[1-4]$/);
    await shot(ada, "sentence-phone-result");
    await shot(grace, "sentence-phone-result-grace");
    // The dashboard: every seat's points and where its word looked.
    await host.waitForFunction(() => document.querySelectorAll(".seat-result").length === 10);
    expect(await text(host, `.seat[data-guest='${adaId}'] .seat-points`)).toBe(adaPoints === null ? "–" : `+${Math.round(adaPoints)}`);
    await shot(host, "sentence-host-reveal", false);
    // A reload brings the same result back.
    await ada.reload();
    await visible(ada, ".view-sentence-result .points-card");
    expect(await text(ada, ".view-sentence-result .points")).toBe(`+${Math.round(adaPoints ?? 0)}`);
    step("sentence reveal on phones and dashboard");
    await host.click("[data-control=scores]");
    await visible(ada, ".view-scores");

    // ---- heads teams: one table per head, team colour, team scores, the head picker ----------
    // Started from the round queue, with a model round on a long sentence queued behind it: the
    // dashboard must still fit the window (no sideways scroll, the time of the row on one line).
    await host.selectOption("#round-type", "heads");
    expect(await text(host, "#round-scenario-info")).toContain("Teams: 1 Who did the action?");
    await host.click("[data-control=queue-add]");
    await host.selectOption("#round-type", "model");
    const modelDefault = await host.inputValue("#round-sentence");
    await host.fill("#round-sentence", LONG_SENTENCE);
    await host.click("[data-control=queue-add]");
    await host.fill("#round-sentence", modelDefault);
    await host.selectOption("#round-type", "heads");
    expect(await host.$$eval(".queue-item", (rows) => rows.map((r) => (r as HTMLElement).dataset.roundType))).toEqual(["heads", "model"]);
    const headSeat = bots[0].next<SeatPayload>(ServerMessage.seat, 30_000);
    await host.click("[data-control=start]");
    await headSeat;
    await observer.waitFor((o) => o.room.state.roundNumber === 2 && o.room.state.phase === "brief", "heads brief", 30_000);
    await observer.waitFor(() => staff.seating?.roundNumber === 2, "heads seating");
    const headsSeating = staff.seating!;
    const adaHeadSeat = seatOf(headsSeating, adaId);
    const adaHead = headsSeating.tables[adaHeadSeat.table].head!;
    await visible(ada, ".view-seat .team-chip");
    expect(await text(ada, ".view-seat .team-chip")).toBe(`${["●", "■", "▲", "◆"][adaHead]} Your team: head ${adaHead + 1} · ${headsSeating.questions[adaHead]}`);
    expect(await text(ada, ".view-seat h1")).toBe("Heads teams");
    await visible(host, ".sentence-panel .head-box");
    expect(await host.$$eval(".queue-item", (rows) => rows.map((r) => (r as HTMLElement).dataset.roundType))).toEqual(["model"]);
    expect(await host.getAttribute(".queue-item .queue-deck", "title")).toBe(LONG_SENTENCE);
    await expectDashboardFits(host, [DASHBOARD.width, 1280], "in a heads round's brief");
    expect(await host.locator(".team-row").count()).toBe(headsSeating.questions.length);
    expect(await host.locator(".seat-table.has-head").count()).toBe(headsSeating.tables.length);
    await shot(ada, "sentence-phone-heads-brief");
    await host.click("[data-control=write]");
    await writeForWord(ada);
    await writeForWord(grace);
    for (const bot of bots) await bot.submit({ query: "the one who acts", key: `the word ${bot.seat!.word}`, value: "" });
    await host.waitForFunction(() => document.querySelector(".timer-sub")?.textContent === "4/4 submitted");
    await expectDashboardFits(host, [DASHBOARD.width, 1280], "in a heads round's writing");
    await host.click("[data-control=reveal]");
    await observer.waitFor(() => staff.attention?.roundNumber === 2, "heads attention", 30_000);
    const team = staff.attention!.teams.find((t) => t.head === adaHead)!;
    await visible(ada, ".view-sentence-result .team-score-line");
    expect(await text(ada, ".team-score-line strong")).toBe(`Team score: ${Math.round(team.score)}`);
    await host.waitForFunction(() => document.querySelectorAll(".team-row .team-score").length > 0);
    expect(await text(host, `.team-row[data-head='${adaHead}'] .team-score`)).toBe(`${Math.round(team.score)} points`);
    // The projector shows one head when the instructor picks it.
    await host.click(".sentence-panel .head-btn[data-head='1']");
    await host.waitForSelector(".sentence-panel .head-btn[data-head='1'][aria-pressed=true]", { timeout: 10_000 });
    expect(staff.heads.at(-1)).toBe(1);
    await shot(ada, "sentence-phone-heads-result");
    await shot(host, "sentence-host-heads-reveal", false);
    await expectDashboardFits(host, [DASHBOARD.width, 1280], "in a heads round's reveal");
    await host.locator(".queue-card").screenshot({ path: path.join(SCREENSHOT_DIR, "sentence-host-heads-queue.png") });
    step("heads round played");
    await host.click("[data-control=scores]");
    await visible(ada, ".view-scores");
    // The queued model round is not for this test: the blocks round below starts from the form.
    await host.click(".queue-item button[aria-label^='Remove']");
    await host.waitForSelector(".queue-empty:not([hidden])");

    // ---- blocks: a bad sentence is refused beside the box; the walk-through is stepped --------
    await host.selectOption("#round-type", "blocks");
    expect(await host.inputValue("#round-sentence")).toBe("She sat on the bank of the river.");
    expect(await host.isHidden("#write-seconds"), "no timer in a walk-through").toBe(true);
    await host.fill("#round-sentence", "zzxqv qqxvz vvqzx");
    await host.click("[data-control=start]");
    await host.waitForSelector("#round-sentence-note[data-kind=error]", { timeout: 30_000 });
    expect(await text(host, "#round-sentence-note")).toMatch(/zzxqv/);
    expect(observer.room.state.roundNumber).toBe(2);
    await host.fill("#round-sentence", "She sat on the bank of the river.");
    await host.click("[data-control=start]");
    await observer.waitFor((o) => o.room.state.roundNumber === 3 && o.room.state.phase === "reveal", "blocks walk-through", 60_000);
    const stepCount = (observer.room.state as unknown as { blocksStepCount: number }).blocksStepCount;
    expect(stepCount).toBe(7);
    await visible(ada, ".view-blocks");
    await ada.waitForFunction(() => document.querySelector(".blocks-counter")?.textContent === "Step 1 of 7");
    await visible(host, ".blocks-panel");
    await host.waitForFunction(() => document.querySelector(".blocks-step-line")?.textContent?.startsWith("step 1 / 7 — "));
    expect(await host.isDisabled("[data-control=blocks-prev]")).toBe(true);
    await host.click("[data-control=blocks-next]");
    await host.waitForFunction(() => document.querySelector(".blocks-step-line")?.textContent?.startsWith("step 2 / 7 — "));
    await host.click("[data-control=blocks-next]");
    await host.waitForFunction(() => document.querySelector(".blocks-step-line")?.textContent?.startsWith("step 3 / 7 — "));
    const caption = (observer.room.state as unknown as { blocksCaption: string }).blocksCaption;
    const [stepTitle] = caption.split(": ");
    expect(await text(host, ".blocks-step-line")).toBe(`step 3 / 7 — ${stepTitle}`);
    await ada.waitForFunction(() => document.querySelector(".blocks-counter")?.textContent === "Step 3 of 7");
    expect(await text(ada, ".blocks-title")).toBe(stepTitle);
    expect(await text(ada, ".blocks-caption")).toBe(caption.slice(stepTitle.length + 2));
    expect(await ada.locator(".step-dots li").count()).toBe(7);
    expect(await ada.locator(".step-dots li.is-on").count()).toBe(1);
    expect(await ada.locator(".step-dots li.is-done").count()).toBe(2);
    await host.click(".blocks-panel .links-box summary");
    await shot(ada, "sentence-phone-blocks");
    await shot(host, "sentence-host-blocks", false);
    await host.click("[data-control=blocks-prev]");
    await ada.waitForFunction(() => document.querySelector(".blocks-counter")?.textContent === "Step 2 of 7");
    step("blocks stepped through");
    await host.click("[data-control=scores]");
    await visible(ada, ".view-scores");

    // ---- a scenario of the instructor's own -------------------------------------------------
    await host.selectOption("#round-type", "sentence");
    await host.click("[data-control=write-scenario]");
    await host.waitForSelector("dialog.scenario-dialog[open]");
    await host.fill("#scn-title", "Dog and ball");
    await host.fill("#scn-sentence", "The dog chased the ball because it was happy.");
    await host.fill("#scn-head0-question", "Who did the action?");
    await host.fill("#scn-head0-links", "chased → dog\nit → cat\nwas happy");
    // The form's own reading: a line without an arrow, at once.
    await host.waitForFunction(() => document.querySelector("#scn-head0-links-error")?.textContent?.includes("line 3"));
    // The server's: "cat" is not in the sentence, named next to the links.
    await host.waitForFunction(() => document.querySelector("#scn-head0-links-error")?.textContent?.includes('"cat" is not a word of the sentence'), null, { timeout: 30_000 });
    expect(await host.getAttribute("#scn-head0-links", "aria-invalid")).not.toBeNull();
    expect(await text(host, ".scenario-status")).toMatch(/problems? to fix before saving/);
    await shot(host, "sentence-host-scenario-errors", false, 300);

    await host.fill("#scn-head0-links", "chased → dog");
    await host.click("[data-control=add-head]");
    await host.fill("#scn-head1-question", "Which earlier word is this about?");
    await host.fill("#scn-head1-links", "it → dog");
    await host.fill("#scn-hints", "it: A pronoun. Which word do you stand for?");
    await host.waitForSelector(".scenario-status[data-kind=ok]", { timeout: 30_000 });
    expect(await text(host, ".scenario-status")).toBe("✓ The scenario checks out — ready to save.");
    expect(await host.locator(".heatmap").count(), "one heatmap per model head").toBe(4);
    expect(await host.locator(".heatmap[data-head='0'] td.is-key").count(), "the key's cell outlined on head 1").toBe(1);
    expect(await text(host, "#scn-head0-links-error")).toBe("");
    await shot(host, "sentence-host-scenario-preview", false, 300);

    // The JSON tab holds the file; a broken edit is named; export downloads it.
    await host.click("#scn-tab-json");
    const json = await host.inputValue("#scn-json");
    expect(JSON.parse(json)).toMatchObject({ id: "dog-and-ball", kind: "sentence", heads: [{ key: { chased: ["dog"] } }, { key: { it: ["dog"] } }] });
    await host.fill("#scn-json", json.replace('"level": "beginner"', '"level": "expert"'));
    await host.waitForFunction(() => document.querySelector("#scn-json-problems")?.textContent?.includes("level"), null, { timeout: 30_000 });
    await host.fill("#scn-json", json);
    await host.waitForSelector(".scenario-status[data-kind=ok]", { timeout: 30_000 });
    const [download] = await Promise.all([host.waitForEvent("download"), host.click("[data-control=export-scenario]")]);
    expect(download.suggestedFilename()).toBe("dog-and-ball.json");
    const exported = fs.readFileSync((await download.path())!, "utf8");
    expect(JSON.parse(exported)).toEqual(JSON.parse(json));
    // Import: a file too large is not read; a real file fills the JSON tab.
    await host.setInputFiles(".scn-foot input[type=file]", { name: "huge.json", mimeType: "application/json", buffer: Buffer.alloc(300 * 1024, 32) });
    await host.waitForFunction(() => document.querySelector(".scenario-status")?.textContent?.includes("was not read"));
    await host.setInputFiles(".scn-foot input[type=file]", { name: "dog-and-ball.json", mimeType: "application/json", buffer: Buffer.from(exported) });
    await host.waitForSelector(".scenario-status[data-kind=ok]", { timeout: 30_000 });
    expect(JSON.parse(await host.inputValue("#scn-json"))).toEqual(JSON.parse(json));

    // Save: the dialog closes and the queue offers the new scenario.
    await host.click("[data-control=save-scenario]");
    await host.waitForSelector("dialog.scenario-dialog", { state: "hidden" });
    await host.waitForFunction(() => (document.querySelector("#round-scenario") as HTMLSelectElement | null)?.value === "dog-and-ball");
    expect(await text(host, "#round-scenario option[value=dog-and-ball]")).toBe("★ Dog and ball (9 words · 2 heads)");
    step("custom scenario checked, previewed, exported, imported and saved");

    // …and is played.
    const dogSeat = bots[1].next<SeatPayload>(ServerMessage.seat, 30_000);
    await host.click("[data-control=start]");
    const radiaSeat = await dogSeat;
    expect(radiaSeat.sentence).toBe("The dog chased the ball because it was happy.");
    await ada.waitForFunction(() => document.querySelector(".view-seat .seat-sentence")?.textContent === "The dog chased the ball because it was happy.");
    await visible(host, ".sentence-panel");
    expect(await text(host, ".sentence-panel .round-label")).toBe("Round 4 · Dog and ball");
    step("custom scenario played");

    for (const { label, watched } of pages) expect(watched.errors, `console errors on ${label}`).toEqual([]);
  });
});
