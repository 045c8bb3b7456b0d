// The phone page must stay small: at most 100 KB of gzipped JavaScript (the entry, its
// preloads and every chunk they import) and no Phaser, which belongs to the projector only.
// Measures the built client in dist/client (`npm test` builds it first; or `npm run build`).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageScripts, pageScriptSizes } from "../../scripts/build.mjs";

const PHONE_BUDGET_GZIP_BYTES = 100 * 1024;
const CLIENT_DIR = path.resolve("dist/client");
/** Strings only the Phaser bundle contains: its console banner and its home page. */
const PHASER_MARKERS = [/"Phaser v"/, /phaser\.io/];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe("the phone page's JavaScript", () => {
  it("is at most 100 KB gzipped and has no Phaser", () => {
    expect(fs.existsSync(path.join(CLIENT_DIR, "index.html")), "no built client in dist/client: run `npm run build`").toBe(true);
    const sizes = pageScriptSizes();
    const phone = sizes["index.html"];
    console.log(
      `[bundleBudget] ${Object.entries(sizes)
        .map(([page, s]) => `${page}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzipped`)
        .join(" · ")}`,
    );
    expect(phone.gzip, `phone page ships ${kb(phone.gzip)} of gzipped JS (budget ${kb(PHONE_BUDGET_GZIP_BYTES)})`).toBeLessThanOrEqual(
      PHONE_BUDGET_GZIP_BYTES,
    );

    const readAll = (html: string) => pageScripts(html).map((file) => fs.readFileSync(path.join(CLIENT_DIR, file), "utf8"));
    // The markers must find Phaser where it is, or their silence on the phone proves nothing.
    expect(readAll("screen.html").some((js) => PHASER_MARKERS.every((m) => m.test(js))), "Phaser found on the projector page").toBe(true);
    for (const [i, js] of readAll("index.html").entries()) {
      expect(PHASER_MARKERS.some((m) => m.test(js)), `Phaser in ${pageScripts("index.html")[i]}`).toBe(false);
    }
  });
});
