// Running a party from another computer: a browser without the party's key is told so at
// /host?code=CODE, refused with a wrong key, and opens the live party with the right one (the
// key shown under "Host key" on the dashboard that created it). Screenshot: host-open-with-key.png.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openPage, screenshot, type WatchedPage } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/startTestServer.js";

let server: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});
afterAll(async () => {
  for (const p of pages) await p.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe("a party run from another computer", () => {
  it("opens with the party's host key, and only with it", { timeout: 60_000 }, async () => {
    const first = await openPage(browser, `${server.httpUrl}/host`, { width: 1280, height: 900 });
    pages.push(first);
    await first.page.click("button:has-text('Create a party')");
    await first.page.waitForFunction(() => document.querySelector(".big-code")?.textContent?.trim().length === 5);
    const code = (await first.page.textContent(".big-code"))!.trim();
    const hostKey = (await first.page.textContent(".host-key"))!.trim();

    // A second computer: its own browser storage, the party's address.
    const other = await openPage(browser, `${server.httpUrl}/host?code=${code}`, { width: 1280, height: 900 });
    pages.push(other);
    const page = other.page;
    await page.waitForSelector("details.open-with-key-box[open]");
    expect(await page.textContent("#open-note")).toBe(`This browser does not hold the host key of party ${code}: paste it to run the party here.`);
    expect(await page.inputValue("#open-code")).toBe(code);

    await page.fill("#open-key", "not-the-key");
    await page.click("[data-control=open-with-key]");
    await page.waitForFunction(() => document.getElementById("open-note")?.textContent === "No party opens with this host key.");
    expect(await page.isVisible(".dashboard")).toBe(false);

    await page.fill("#open-key", hostKey);
    await screenshot(page, "host-open-with-key");
    await page.click("[data-control=open-with-key]");
    await page.waitForFunction((c) => document.querySelector(".big-code")?.textContent?.trim() === c, code);
    await page.waitForFunction(() => document.getElementById("connection-status")?.dataset.status === "online");
    expect(page.url()).toContain(`/host?code=${code}`);
    // The same party, run from here: locking it here shows on the first dashboard.
    await page.click("text=Lock the party");
    await first.page.waitForSelector("text=Locked — new guests are refused");
    expect(other.errors.filter((e) => !/401/.test(e)), "console errors on the second dashboard").toEqual([]);
  });
});
