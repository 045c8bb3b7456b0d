// The model round and the training course in Chromium, played the way a class plays them: the
// instructor plans an "Untrained vs trained" round on the dashboard (a bad sentence first: the
// server's message appears beside the box and nothing starts), two phones that typed the code and
// three bot students predict which word "she" attends to, the reveal shows each phone whether it
// predicted the trained model (and the untrained model's pick), the instructor picks a head and
// tries new sentences; then a short training course, whose progress the phones follow until their
// result arrives. Screenshots go to test-results/ (model-*.png).
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { ServerMessage } from "../../shared/messages.js";
import type { HeadFocusPayload, ModelSentencePayload, PredictionResultPayload } from "../../shared/modelRound.js";
import { launchChromium, openPage, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { joinByForm, PartyObserver } from "../helpers/partyPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const QUEEN = "The queen thanked the farmer in the garden because she was happy.";
const PHONE = { width: 390, height: 844 };
const DASHBOARD = { width: 1440, height: 900 };

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

/** A phone from the top (full page); the dashboard as the instructor's laptop shows it. */
async function shot(page: Page, name: string, isFullPage = true, settleMs = 800): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(settleMs); // the weight bars grow in 700 ms
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: isFullPage });
}

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();
const visible = (page: Page, selector: string, timeout = 30_000) => page.waitForSelector(`${selector}:not([hidden])`, { timeout });

describe("model and course rounds in the browser", () => {
  it("plays a model round and a training course from the dashboard's buttons and the phones' choices", { timeout: 240_000 }, async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`[modelRoundUi] ${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);

    // ---- the party: dashboard, two phones typing the code, three bots --------------------------
    const host = await open("host", `${server.httpUrl}/host`, DASHBOARD);
    await host.click("button:has-text('Create a party')");
    await host.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    const code = (await text(host, ".big-code"))!;
    observer = await PartyObserver.join(server.wsUrl, code);
    const heads: Array<number | null> = [];
    observer.room.onMessage(ServerMessage.headFocus, (p: HeadFocusPayload) => heads.push(p.head));
    const ada = await open("phone Ada", `${server.httpUrl}/`, PHONE, true);
    const grace = await open("phone Grace", `${server.httpUrl}/`, PHONE, true);
    await joinByForm(ada, "Ada", code.toLowerCase());
    await joinByForm(grace, "Grace", code);
    for (const name of ["Linus", "Radia", "Ken"]) bots.push(await new BotStudent(server.wsUrl, name).join(code));
    await host.waitForFunction(() => document.body.innerText.includes("5 guests ·"));
    step(`party ${code}: 2 phones, 3 bots`);

    // ---- the dashboard plans a model round; a sentence the model cannot read is refused --------
    await host.selectOption("#round-type", "model");
    expect(await host.inputValue("#round-sentence")).toBe(QUEEN);
    expect(await host.isVisible("#queue-deck")).toBe(false);
    expect(await text(host, ".queue-empty")).toContain("Untrained vs trained");
    await host.fill("#write-seconds", "60");
    await host.fill("#round-sentence", "zzxqv qqxvz vvqzx");
    await host.click("[data-control=start]");
    await host.waitForSelector("#round-sentence-note[data-kind=error]", { timeout: 30_000 });
    expect(await text(host, "#round-sentence-note")).toMatch(/knows none of these words: zzxqv/);
    expect(await host.getAttribute("#round-sentence", "aria-invalid")).not.toBeNull();
    expect(await host.isVisible(".toast"), "the error is beside the box, not in a toast").toBe(false);
    expect(observer.room.state.phase).toBe("lobby");
    expect(observer.room.state.roundNumber).toBe(0);
    expect(await ada.isVisible(".view-lobby")).toBe(true);
    await shot(host, "model-host-setup", false);
    step("bad sentence refused on the dashboard");

    // ---- brief: the sentence and the question on every phone ----------------------------------
    await host.fill("#round-sentence", QUEEN);
    expect(await host.getAttribute("#round-sentence", "aria-invalid")).toBeNull(); // typing clears the verdict
    const sentenceForBot = bots[0].next<ModelSentencePayload>(ServerMessage.modelSentence, 30_000);
    await host.click("[data-control=start]");
    const { tokens, question } = await sentenceForBot;
    expect(question.word).toBe("she");
    await observer.waitFor((o) => o.room.state.phase === "brief", "brief");
    await host.waitForFunction(() => document.querySelector(".round-label")?.textContent === "Round 1 · Untrained vs trained");
    expect(await text(host, "#round-sentence-note")).toBe("");
    for (const phone of [ada, grace]) {
      await visible(phone, ".view-question");
      await phone.waitForFunction(() => document.querySelector(".view-question .question-line")?.textContent?.includes("“she”"));
      expect(await text(phone, ".view-question mark.is-asked")).toBe("she");
      expect(await text(phone, ".view-question .model-sentence")).toBe(QUEEN);
      expect(await text(phone, ".view-question .question-line")).toBe("When the trained model reads this sentence, which word will “she” pay attention to?");
      expect(await text(phone, ".view-question .head-question")).toBe("Head 4 asks: Which earlier word is this about?");
      expect(await phone.locator(".choice-btn").count(), "no choices before the question opens").toBe(0);
    }
    await shot(ada, "model-phone-brief");
    await visible(host, ".model-panel");
    expect(await text(host, "[data-control=write]")).toBe("Open the question");

    // ---- write: big choice buttons, a pick acknowledged, a change of mind ----------------------
    await host.click("[data-control=write]");
    await ada.waitForSelector(".choice-btn:not([disabled])");
    const choiceWords = await ada.$$eval(".choice-btn", (buttons) => buttons.map((b) => b.textContent));
    expect(choiceWords).toEqual(question.choices.map((c) => tokens[c]));
    expect(choiceWords).toEqual(expect.arrayContaining(["queen", "farmer"]));
    await ada.waitForFunction(() => /^\d:\d\d left$/.test(document.querySelector(".view-question .timer")?.textContent ?? ""));
    await ada.click(".choice-btn:has-text('farmer')");
    await ada.waitForSelector(".pick-note.is-saved:has-text('farmer')");
    await ada.click(".choice-btn:has-text('queen')"); // changes her mind
    await ada.waitForSelector(".pick-note.is-saved:has-text('queen')");
    expect(await text(ada, ".pick-note")).toBe("✓ Your pick: “queen” — you can change your mind until time is up.");
    expect(await ada.getAttribute(".choice-btn:has-text('queen')", "aria-pressed")).toBe("true");
    expect(await ada.getAttribute(".choice-btn:has-text('farmer')", "aria-pressed")).toBe("false");
    await grace.click(".choice-btn:has-text('farmer')");
    await grace.waitForSelector(".pick-note.is-saved:has-text('farmer')");
    await bots[0].predict(tokens.indexOf("queen"));
    await bots[1].predict(tokens.indexOf("farmer"));
    await shot(ada, "model-phone-pick");
    // The dashboard counts who answered (Ken the bot did not).
    await host.waitForFunction(() => document.querySelector(".timer-sub")?.textContent === "4/5 answered");
    await host.waitForFunction(() => document.querySelectorAll(".roster td.sent[aria-label=answered]").length === 4);
    expect(await text(host, ".roster-panel thead th:nth-child(3)")).toBe("Answered");
    step("four picks in");

    // ---- reveal: right or not, points, the trained model's pick vs the untrained model's -------
    const botResult = bots[0].next<PredictionResultPayload>(ServerMessage.predictionResult, 30_000);
    expect(await text(host, "[data-control=reveal]")).toBe("Reveal");
    await host.click("[data-control=reveal]");
    const truth = await botResult;
    expect(tokens[truth.trainedAnswer]).toBe("queen");
    await visible(ada, ".view-model-result .points-card");
    expect(await text(ada, ".verdict")).toBe("✓ Right!");
    const adaPoints = Number((await text(ada, ".points")).replace("+", ""));
    expect(adaPoints).toBeGreaterThanOrEqual(100);
    expect(adaPoints).toBeLessThanOrEqual(150);
    expect(await text(ada, ".reason")).toContain("You predicted the model: “queen”");
    expect(await text(ada, ".model-row.is-trained .model-pick strong")).toBe("queen");
    expect(await text(ada, ".model-row.is-trained .attn-pct")).toBe(`${Math.round(truth.trainedWeight * 100)}%`);
    expect(await text(ada, ".model-row.is-untrained .model-pick strong")).toBe(tokens[truth.untrainedAnswer]);
    expect(await text(ada, ".model-row.is-untrained .attn-pct")).toBe(`${Math.round(truth.untrainedWeight * 100)}%`);
    expect(await text(ada, ".your-pick")).toBe("Your pick: “queen” ✓");
    await visible(grace, ".view-model-result .points-card");
    expect(await text(grace, ".verdict")).toBe("✗ Not this time");
    expect(await text(grace, ".points")).toBe("+0");
    expect(await text(grace, ".reason")).toBe("You picked “farmer”; the model chose “queen”.");
    await shot(ada, "model-phone-result");
    await shot(grace, "model-phone-result-wrong");
    step("phones show their results");

    // A reload brings the same result back (the server resends it on `ready`).
    await ada.reload();
    await visible(ada, ".view-model-result .points-card");
    expect(await text(ada, ".points")).toBe(`+${adaPoints}`);

    // ---- the dashboard after the reveal: the answer, the class's votes, heads, new sentences ----
    await host.waitForSelector(".model-answer:not([hidden]) .is-trained");
    expect(await text(host, ".model-answer .is-trained .answer-value strong")).toBe("queen");
    expect(await text(host, ".model-answer .is-votes .answer-value")).toBe("farmer 2 · queen 2 · no pick 1");
    expect(await host.$$eval(".head-picker .head-btn", (bs) => bs.map((b) => b.textContent))).toEqual([
      "All heads",
      "1 Who did the action?",
      "2 Where did it happen?",
      "3 Positive or negative?",
      "4 Which earlier word is this about?",
    ]);
    await host.click(".head-btn[data-head='3']");
    await host.waitForSelector(".head-btn[data-head='3'][aria-pressed=true]");
    expect(heads.at(-1), "the projector was told to show head 4").toBe(3);
    expect(await host.getAttribute(".head-btn[data-head=all]", "aria-pressed")).toBe("false");
    await host.click(".links-box summary");
    await shot(host, "model-host-reveal", false);

    await host.fill("#try-sentence", "🎉🎉🎉 日本語のテキスト");
    await host.click("[data-control=try-sentence]");
    await host.waitForSelector("#try-sentence-note[data-kind=error]", { timeout: 30_000 });
    expect(await text(host, "#try-sentence-note")).toMatch(/knows none of these words/);
    const dog = "The dog chased the cat in the park because it was angry.";
    await host.fill("#try-sentence", dog);
    await host.press("#try-sentence", "Enter");
    await host.waitForSelector("#try-sentence-note[data-kind=ok]", { timeout: 30_000 });
    expect(await text(host, "#try-sentence-note")).toBe(`On the projector now: “${dog}”`);
    // The links table follows the new sentence: "chased" looks at its subject under head 1.
    await host.waitForFunction(() => [...document.querySelectorAll(".links-table tbody th")].some((th) => th.textContent === "chased"));
    const chased = await host.$$eval(".links-table tbody tr", (rows) =>
      rows.filter((r) => r.querySelector("th")?.textContent === "chased").map((r) => r.querySelector("td")?.textContent ?? ""),
    );
    expect(chased[0]).toMatch(/^dog \d+%$/);
    step("head picked, new sentences tried");

    await host.click("[data-control=scores]");
    await visible(ada, ".view-scores");

    // ---- a short training course: progress on the phones, then the result ----------------------
    await host.selectOption("#round-type", "course");
    expect(await host.inputValue("#round-sentence")).toBe(QUEEN);
    await host.fill("#course-steps", "40");
    expect(await host.inputValue("#course-steps"), "the steps typed stay (the panels move when the round ends)").toBe("40");
    await host.click("[data-control=start]");
    await observer.waitFor((o) => o.room.state.roundNumber === 2 && o.room.state.phase === "brief", "course brief", 30_000);
    await ada.waitForFunction(() => document.querySelector(".view-question .question-line")?.textContent?.startsWith("After the training course"));
    await host.click("[data-control=write]");
    await ada.waitForSelector(".choice-btn:not([disabled])");
    await ada.click(".choice-btn:has-text('queen')");
    await ada.waitForSelector(".pick-note.is-saved:has-text('queen')");
    await grace.click(".choice-btn:has-text('garden')");
    await grace.waitForSelector(".pick-note.is-saved:has-text('garden')");
    expect(await text(host, "[data-control=reveal]")).toBe("Run the training course");
    const courseResult = bots[0].next<PredictionResultPayload>(ServerMessage.predictionResult, 120_000);
    await host.click("[data-control=reveal]");
    // The phone follows the training step by step; the dashboard shows it with "Stop training".
    await ada.waitForFunction(
      () => {
        const m = /^step (\d+) \/ 40 · gets \d+ % of the links right$/.exec(document.querySelector(".view-model-result .course-card .course-line")?.textContent ?? "");
        return m !== null && Number(m[1]) > 0 && Number(m[1]) < 40;
      },
      null,
      { timeout: 60_000, polling: "raf" },
    );
    // No settling here: the course would be over before the picture.
    await Promise.all([shot(ada, "model-phone-course-progress", true, 0), shot(host, "model-host-course-training", false, 0)]);
    expect(await text(ada, ".view-model-result h1")).toBe("The model is training");
    expect(await text(ada, ".view-model-result .course-card + .card .pick-note")).toBe("Your pick: “queen”. Your points arrive when the training ends.");
    step("course training on the phones");

    const courseTruth = await courseResult;
    await visible(ada, ".view-model-result .points-card", 60_000);
    const adaRight = tokens[courseTruth.trainedAnswer] === "queen";
    expect(await text(ada, ".verdict")).toBe(adaRight ? "✓ Right!" : "✗ Not this time");
    expect(await text(ada, ".model-row.is-trained .attn-name")).toBe("After the course");
    expect(await text(ada, ".model-row.is-trained .model-pick strong")).toBe(tokens[courseTruth.trainedAnswer]);
    // The result may come a state patch before the last step: the line catches up.
    await ada.waitForFunction(() => /^Training finished: step 40 \/ 40 · gets \d+ % of the links right\.$/.test(document.querySelector(".lesson .course-line")?.textContent ?? ""));
    await host.waitForSelector("[data-control=scores]:not([disabled])");
    expect(await text(host, ".course-line")).toMatch(/^Finished: step 40 \/ 40/);
    await shot(ada, "model-phone-course-result");
    step("course result on the phones");

    // ---- a long course stopped from the dashboard: scored against the model as it is ----------
    await host.click("[data-control=scores]");
    await host.fill("#course-steps", "2000");
    expect(await host.inputValue("#course-steps"), "the steps typed stay (the panels move when the round ends)").toBe("2000");
    await host.click("[data-control=start]");
    await observer.waitFor((o) => o.room.state.roundNumber === 3 && o.room.state.phase === "brief", "third round", 30_000);
    await host.click("[data-control=write]");
    await ada.waitForSelector(".choice-btn:not([disabled])");
    await ada.click(".choice-btn:has-text('queen')");
    await ada.waitForSelector(".pick-note.is-saved:has-text('queen')");
    await host.click("[data-control=reveal]");
    await host.waitForSelector("[data-control=stop-course]:not([hidden]):not([disabled])", { timeout: 30_000 });
    await host.waitForFunction(() => /^step [1-9]\d* \/ 2000/.test(document.querySelector(".course-box .course-line")?.textContent ?? ""), null, { timeout: 60_000 });
    expect(await host.isDisabled("[data-control=scores]"), "no scores while the course trains").toBe(true);
    await host.click("[data-control=stop-course]");
    await visible(ada, ".view-model-result .points-card", 30_000);
    await ada.waitForFunction(() => /^Training stopped early: step \d+ \/ 2000/.test(document.querySelector(".lesson .course-line")?.textContent ?? ""));
    await host.waitForFunction(() => document.querySelector(".course-box .course-line")?.textContent?.startsWith("Stopped early: step "));
    await host.waitForSelector("[data-control=scores]:not([disabled])");
    expect(await host.isHidden("[data-control=stop-course]")).toBe(true);
    step("a long course stopped early");

    for (const { label, watched } of pages) expect(watched.errors, `console errors on ${label}`).toEqual([]);
  });
});
