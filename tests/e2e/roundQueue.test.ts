// The dashboard's round queue in Chromium: the instructor plans two rounds with different decks
// and writing times (adding, reordering and removing), reloads the dashboard (the plan is kept
// per party in localStorage), then "Start round" and "Next round" deal each round from its
// queued deck: the secret cards in the host roster are items of that deck (assets/decks/*.json).
// Screenshot: test-results/host-queue.png.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openPage, SCREENSHOT_DIR, type WatchedPage } from "../helpers/browser.js";
import { PartyObserver } from "../helpers/partyPages.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

const BOT_COUNT = 4;
const DECK_DIR = path.resolve("assets", "decks");

interface DeckFile {
  id: string;
  title: string;
  items: Array<{ need: string; offer: string }>;
}

const deckFiles = new Map<string, DeckFile>(
  fs
    .readdirSync(DECK_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(DECK_DIR, f), "utf8")) as DeckFile)
    .map((d) => [d.id, d]),
);

let server: TestServer;
let browser: Browser;
let observer: PartyObserver | undefined;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});

afterAll(async () => {
  await observer?.leave();
  await browser?.close();
  await server?.stop();
});

/** The needs on the roster's secret cards ("need → offer"), once every guest has one. */
async function rosterNeeds(host: Page, guests: number): Promise<string[]> {
  await host.waitForFunction(
    (n) => [...document.querySelectorAll(".roster tbody tr")].filter((tr) => tr.children[3]?.textContent?.includes(" → ")).length === n,
    guests,
  );
  return host.$$eval(".roster tbody tr", (rows) => rows.map((tr) => (tr.children[3]?.textContent ?? "").split(" → ")[0]));
}

const queuedDecks = (host: Page) => host.$$eval(".queue-item", (items) => items.map((li) => (li as HTMLElement).dataset.deck));

describe("the dashboard's round queue", () => {
  it("plans rounds with different decks, keeps the plan over a reload and deals each round from its deck", { timeout: 120_000 }, async () => {
    const listed = (await (await fetch(`${server.httpUrl}/api/decks`)).json()) as { decks: Array<{ id: string; title: string; items: number }> };
    const decks = listed.decks.filter((d) => deckFiles.has(d.id));
    expect(decks.length, "this test needs two party decks in assets/decks").toBeGreaterThanOrEqual(2);
    // Round 2 deals from a deck that neither the empty-queue fallback (the first listed) nor the
    // server's default (no deckId: the neighbourhood) would give, where the server has one.
    const second = decks.find((d, i) => i > 0 && d.id !== "neighbourhood") ?? decks[1];
    const first = decks.find((d) => d.id !== second.id)!;
    const needsOf = (id: string) => new Set(deckFiles.get(id)!.items.map((i) => i.need));

    watched = await openPage(browser, `${server.httpUrl}/host`, { width: 1440, height: 1100 });
    const host = watched.page;
    host.on("dialog", (dialog) => void dialog.accept()); // "Skip this round?"
    await host.click("button:has-text('Create a party')");
    await host.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    const code = (await host.textContent(".big-code"))!.trim();
    observer = await PartyObserver.join(server.wsUrl, code);
    await host.waitForFunction((n) => document.querySelectorAll("#queue-deck option").length === n, listed.decks.length);
    expect(await host.textContent(".queue-empty")).toContain(listed.decks[0].title);

    // ---- plan: second deck first, then reorder; a third round added and removed -----------------
    const add = async (deckId: string, seconds: number) => {
      await host.selectOption("#queue-deck", deckId);
      await host.fill("#write-seconds", String(seconds));
      await host.click("button:has-text('Add to queue')");
    };
    await add(second.id, 45);
    await add(first.id, 60);
    await add(second.id, 300);
    expect(await queuedDecks(host)).toEqual([second.id, first.id, second.id]);
    await host.click(".queue-item >> nth=1 >> button[aria-label^='Move round 2 earlier']");
    expect(await queuedDecks(host)).toEqual([first.id, second.id, second.id]);
    await host.click(".queue-item >> nth=2 >> button[aria-label^='Remove']");
    expect(await queuedDecks(host)).toEqual([first.id, second.id]);
    expect(await host.getAttribute(".queue-item.is-next", "data-deck")).toBe(first.id);
    expect(await host.textContent(".queue-item >> nth=1 >> .queue-time")).toBe("0:45");

    // ---- a reload keeps the plan ----------------------------------------------------------------
    await host.reload();
    await host.waitForFunction(() => document.getElementById("connection-status")?.dataset.status === "online");
    await host.waitForFunction((n) => document.querySelectorAll("#queue-deck option").length === n, listed.decks.length);
    expect(await queuedDecks(host)).toEqual([first.id, second.id]);
    expect(await host.textContent(".queue-item.is-next .queue-deck")).toBe(first.title);

    await host.fill("#bot-count", String(BOT_COUNT));
    await host.click("button:has-text('Rehearse with bots')");
    await host.waitForFunction((n) => document.querySelectorAll(".roster .badge-bot").length === n, BOT_COUNT, { timeout: 30_000 });

    // ---- round 1: the head of the queue, its deck and its writing time -------------------------
    await host.click("button:has-text('Start round')");
    await observer.waitFor((o) => o.room.state.roundNumber === 1, "round 1");
    await host.waitForFunction((t) => document.querySelector(".round-label")?.textContent === `Round 1 · ${t}`, first.title);
    expect(await queuedDecks(host)).toEqual([second.id]);
    const firstNeeds = await rosterNeeds(host, BOT_COUNT);
    for (const need of firstNeeds) expect(needsOf(first.id), `round 1 card "${need}"`).toContain(need);
    await host.click("button:has-text('Start writing')");
    await host.waitForSelector(".timer-box:not([hidden])");
    await host.waitForFunction(() => /^(1:00|0:5\d)$/.test(document.querySelector(".host-timer")?.textContent ?? ""));
    await host.screenshot({ path: path.join(SCREENSHOT_DIR, "host-queue.png") });

    // ---- the round ends while the instructor types in the queue's form: the panels move, the caret stays
    await host.fill("#write-seconds", "");
    await host.focus("#write-seconds");
    await host.keyboard.type("9");
    await host.evaluate(() => (document.querySelector("[data-control=skip]") as HTMLButtonElement).click()); // a click that leaves the focus where it is
    await host.waitForFunction(() => document.querySelector("[data-phase=scores]")?.classList.contains("current"));
    expect(await host.evaluate(() => document.activeElement?.id)).toBe("write-seconds");
    await host.keyboard.type("0");
    expect(await host.inputValue("#write-seconds")).toBe("90");

    // ---- round 2: the second deck --------------------------------------------------------------
    await host.click("button:has-text('Next round')");
    await observer.waitFor((o) => o.room.state.roundNumber === 2, "round 2");
    await host.waitForFunction((t) => document.querySelector(".round-label")?.textContent === `Round 2 · ${t}`, second.title);
    await host.waitForFunction(
      (needs) => [...document.querySelectorAll(".roster tbody tr")].every((tr) => needs.includes((tr.children[3]?.textContent ?? "").split(" → ")[0])),
      [...needsOf(second.id)],
    );
    const secondNeeds = await rosterNeeds(host, BOT_COUNT);
    for (const need of secondNeeds) expect(needsOf(second.id), `round 2 card "${need}"`).toContain(need);
    expect(await host.locator(".queue-item").count()).toBe(0);
    expect(await host.isVisible(".queue-empty")).toBe(true);
    await host.click("button:has-text('Start writing')");
    await host.waitForFunction(() => /^0:(45|4\d)$/.test(document.querySelector(".host-timer")?.textContent ?? ""));

    expect(watched.errors, "console errors on the dashboard").toEqual([]);
  });
});
