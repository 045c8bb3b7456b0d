// Newcomer findings on the instructor's dashboard, in Chromium (1280×800) against the real server:
// the training course's steps show their limits and a value outside them is named and refused
// (never quietly clamped); a custom scenario saved with the party can be deleted (asked first; the
// queued rounds playing it leave the queue), a built-in cannot; words the models do not know are a
// warning beside the sentence, not an error, and the round goes on; an ended party turns the
// dashboard into a record with the report one click away and no control that could change anything.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { launchChromium, openPage, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { PartyObserver } from "../helpers/partyPages.js";
import { DOG_SCENARIO } from "../helpers/scenarioFixtures.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const DASHBOARD = { width: 1280, height: 800 };
const MY_SCENARIO = DOG_SCENARIO;

let server: TestServer;
let browser: Browser;
let observer: PartyObserver | undefined;
const bots: BotStudent[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});

afterAll(async () => {
  await observer?.leave();
  await Promise.all(bots.map((b) => b.leave()));
  await browser?.close();
  await server?.stop();
});

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();
const shot = (page: Page, name: string, isFullPage = true) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: isFullPage });
const isDisabled = (page: Page, selector: string) => page.$eval(selector, (b) => (b as HTMLButtonElement).disabled);

/** Scenario options in the round form's picker. */
const scenarioOptions = (page: Page) => page.$$eval("#round-scenario option", (options) => options.map((o) => (o as HTMLOptionElement).value));

/** Every control on the dashboard a click or a keystroke could still use (visible and enabled). */
function usableControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".dashboard button, .dashboard input, .dashboard select, .dashboard textarea, .dashboard a[href]")]
      .filter((e) => (e as HTMLElement).offsetParent !== null && !(e as HTMLButtonElement).disabled)
      .map((e) => (e.textContent ?? "").trim() || e.getAttribute("aria-label") || e.id || e.tagName.toLowerCase()),
  );
}

describe("the dashboard's newcomer findings", () => {
  it("limits the course's steps, deletes custom scenarios, warns about unknown words, and ends cleanly", { timeout: 180_000 }, async () => {
    const watched: WatchedPage = await openPage(browser, `${server.httpUrl}/host`, DASHBOARD);
    const host = watched.page;
    host.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await host.click("button:has-text('Create a party')");
    await host.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    const code = await text(host, ".big-code");
    observer = await PartyObserver.join(server.wsUrl, code);
    for (const name of ["Linus", "Radia"]) bots.push(await new BotStudent(server.wsUrl, name).join(code));
    await host.waitForFunction(() => document.body.innerText.includes("2 guests ·"));

    // ---- the course's steps: limits shown, a value below them named and refused --------------
    await host.selectOption("#round-type", "course");
    expect(await text(host, "label[for=course-steps]")).toContain("(20–2000)");
    await host.fill("#course-steps", "5");
    await host.waitForSelector("#queue-number-note:has-text('at least 20')");
    expect(await text(host, "#queue-number-note")).toBe("Training steps: at least 20 — you typed 5.");
    expect(await host.getAttribute("#course-steps", "aria-invalid")).not.toBeNull();
    expect(await isDisabled(host, "[data-control=start]"), "nothing starts with 5 steps").toBe(true);
    expect(await isDisabled(host, "[data-control=queue-add]"), "nothing is queued with 5 steps").toBe(true);
    expect(await host.getAttribute("[data-control=start]", "title")).toBe("Training steps: at least 20 — you typed 5.");
    await shot(host, "host-course-steps-refused", false);
    await host.fill("#course-steps", "20");
    await host.waitForFunction(() => document.getElementById("queue-number-note")?.textContent === "");
    expect(await isDisabled(host, "[data-control=start]")).toBe(false);
    expect(await host.getAttribute("#course-steps", "aria-invalid")).toBeNull();

    // ---- a custom scenario: deleted after a question; built-ins offer no delete -----------------
    const hostKey = await text(host, ".host-key");
    const saved = await fetch(`${server.httpUrl}/api/parties/${code}/scenarios`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-host-key": hostKey },
      body: JSON.stringify({ text: JSON.stringify(MY_SCENARIO) }),
    });
    expect(saved.status).toBe(201);
    await host.reload(); // the dashboard lists the party's scenarios when it opens the party
    await host.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    await host.selectOption("#round-type", "sentence");
    await host.waitForFunction((id) => [...document.querySelectorAll("#round-scenario option")].some((o) => (o as HTMLOptionElement).value === id), MY_SCENARIO.id);
    await host.selectOption("#round-scenario", "cat-on-the-mat");
    expect(await host.isVisible("[data-control=delete-scenario]"), "a built-in cannot be deleted").toBe(false);
    await host.selectOption("#round-scenario", MY_SCENARIO.id);
    await host.click("[data-control=queue-add]");
    await host.selectOption("#round-type", "model");
    await host.click("[data-control=queue-add]");
    await host.waitForFunction(() => document.querySelectorAll(".queue-item").length === 2); // after the sentence check
    await host.selectOption("#round-type", "sentence");
    await host.selectOption("#round-scenario", MY_SCENARIO.id);
    expect(await host.locator(".queue-item").count()).toBe(2);
    expect(await host.getAttribute("[data-control=delete-scenario]", "title")).toBe(`Delete “${MY_SCENARIO.title}” from this party`);
    await shot(host, "host-scenario-delete", false);
    await host.click("[data-control=delete-scenario]");
    await host.waitForFunction((id) => ![...document.querySelectorAll("#round-scenario option")].some((o) => (o as HTMLOptionElement).value === id), MY_SCENARIO.id);
    expect(dialogs.at(-1)).toBe(`Delete “${MY_SCENARIO.title}” from this party? Rounds already played keep their results. The queued round playing it will leave the queue.`);
    expect(server.store.listScenarios(await sessionIdOf(host))).toEqual([]);
    expect(await text(host, "#toast")).toBe(`Deleted “${MY_SCENARIO.title}”.`);
    expect(await host.$$eval(".queue-item", (rows) => rows.map((r) => (r as HTMLElement).dataset.roundType))).toEqual(["model"]);
    expect(await scenarioOptions(host)).toContain("cat-on-the-mat");
    await host.click(".queue-item [aria-label='Remove round 1 from the queue']");

    // ---- a sentence the models cannot read is refused when queued, under its box ---------------
    await host.selectOption("#round-type", "model");
    await host.fill("#round-sentence", "asdfq qwerz zxcvb");
    await host.click("[data-control=queue-add]");
    await host.waitForSelector("#round-sentence-note[data-kind=error]");
    expect(await text(host, "#round-sentence-note")).toBe("The model knows none of these words: asdfq, qwerz, zxcvb.");
    expect(await host.locator(".queue-item").count(), "nothing queued").toBe(0);

    // ---- the scenario editor names every problem at once ----------------------------------------
    await host.selectOption("#round-type", "sentence");
    await host.click("[data-control=write-scenario]");
    await host.waitForSelector("dialog.scenario-dialog[open]");
    await host.click("#scn-tab-json");
    const { summary: _summary, ...noSummary } = DOG_SCENARIO;
    const broken = {
      ...noSummary,
      id: "cat-on-the-mat",
      sentence: "The dog chased the zzxqv in the park because it was angry.",
      heads: [{ question: "Who did the action?", key: { chased: ["horse"] } }],
    };
    await host.fill("#scn-json", JSON.stringify(broken, null, 2));
    await host.waitForSelector(".scenario-status[data-kind=error]", { timeout: 30_000 });
    const listed = await host.$$eval("#scn-json-problems li", (items) => items.map((li) => li.textContent ?? ""));
    expect(listed.length, listed.join("\n")).toBe(4);
    for (const expected of [/^summary is missing/, /^id "cat-on-the-mat" is the id of a built-in/, /^heads\[0\]\.key\.chased\[0\] "horse" is not a word/, /^sentence "zzxqv" is not in the GloVe vocabulary/]) {
      expect(listed.some((line) => expected.test(line)), `${expected} in ${listed.join(" | ")}`).toBe(true);
    }
    expect(await text(host, ".scenario-status")).toBe("4 problems to fix before saving");
    await host.$eval("#scn-json-problems", (list) => list.scrollIntoView({ block: "end" }));
    await shot(host, "host-scenario-all-problems", false);
    await host.click("[data-control=close-scenario]");

    // ---- words the models do not know: the round starts, with a warning beside the sentence ----
    await host.selectOption("#round-type", "model");
    await host.fill("#round-sentence", "The queen thanked the zzxqv farmer because she was happy.");
    await host.click("[data-control=start]");
    await observer.waitFor((o) => o.room.state.phase === "brief", "the model round's brief", 30_000);
    await host.waitForSelector("#round-sentence-note[data-kind=warning]");
    expect(await text(host, "#round-sentence-note")).toBe("Round started. The models do not know: zzxqv — left out of the sentence");
    expect(await text(host, "#toast"), "no error toast: nothing was refused").not.toContain("zzxqv");
    expect(await host.getAttribute("#round-sentence", "aria-invalid")).toBeNull();
    // The running round's own panel, right under the phase buttons, says it too.
    await host.waitForSelector(".model-panel .unknown-words-note[data-kind=warning]:has-text('zzxqv')");
    expect(await text(host, ".model-panel .unknown-words-note")).toBe("Left out — the models do not know: zzxqv");
    await shot(host, "host-unknown-words-warning", false);
    await host.$eval("#round-sentence-note", (note) => note.scrollIntoView({ block: "center" }));
    await shot(host, "host-unknown-words-start-note", false);
    await host.evaluate(() => window.scrollTo(0, 0));

    // ---- the end: a record with the report, no control that could change anything -------------
    await host.click("[data-control=end]");
    await host.waitForSelector(".ended-banner:not([hidden])");
    await observer.waitFor((o) => o.room.state.phase === "ended", "the ended phase");
    await host.waitForFunction(() => !document.querySelector(".roster button"));
    expect(await text(host, ".ended-banner h2")).toBe("This party has ended");
    const sessionId = await sessionIdOf(host);
    expect(await host.getAttribute(".ended-banner a:has-text('Open the report')", "href")).toBe(`/report/${sessionId}`);
    expect(await text(host, ".round-label")).toBe("Party ended after 1 round");
    expect(await text(host, ".ended-note")).toBe("Party ended — no new guests");
    expect(await host.isVisible(".phase-controls")).toBe(false);
    expect(await host.isVisible(".queue-card")).toBe(false);
    expect(await host.isVisible("#lock-switch")).toBe(false);
    expect(await host.isVisible(".join-link")).toBe(false);
    // What is left to use: the report, back to the start, the projector (its podium), the host key.
    expect((await usableControls(host)).sort()).toEqual(["Back to the start", "Open projector view ↗", "Open the report ↗", "Session report ↗"].sort());
    await shot(host, "host-ended");
    await shot(host, "host-ended-top", false);
    expect(watched.errors).toEqual([]);
  });
});

/** The session id behind the dashboard's report link. */
async function sessionIdOf(page: Page): Promise<string> {
  const href = (await page.getAttribute(".report-link", "href")) ?? "";
  return decodeURIComponent(href.replace("/report/", ""));
}
