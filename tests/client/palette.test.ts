// Contrast of the phone's and dashboard's text colours on the backgrounds they are used on,
// read from the stylesheets themselves: WCAG AA asks ≥ 4.5:1 for normal-size text.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const baseCss = fs.readFileSync("client/styles/base.css", "utf8");
const phoneCss = fs.readFileSync("client/styles/phone.css", "utf8");

/** The custom properties declared in base.css's :root, e.g. "--pink" → "#ff7a9a". */
const palette = new Map([...baseCss.matchAll(/(--[a-z0-9-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1], m[2].toLowerCase()]));

function colour(name: string): string {
  const hex = name.startsWith("#") ? name : palette.get(name);
  if (!hex) throw new Error(`no colour ${name} in base.css`);
  return hex;
}

/** Hex colours in the first rule of `css` whose selector list is exactly `selector`. */
function ruleHexes(css: string, selector: string): string[] {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule "${selector}"`);
  const body = css.slice(start, css.indexOf("}", start));
  return [...body.matchAll(/#[0-9a-f]{6}\b/gi)].map((m) => m[0].toLowerCase());
}

/** WCAG 2 relative luminance of an sRGB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const FIELD = "#0b1129"; // inputs and textareas (base.css, phone.css .textarea-wrap)
const navy = ["--bg", "--surface", "--surface-2", FIELD];

describe("palette contrast", () => {
  it("computes WCAG ratios (black on white is 21:1, a colour on itself 1:1)", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ff7a9a", "#ff7a9a")).toBeCloseTo(1, 5);
  });

  it("finds the palette in base.css", () => {
    for (const name of ["--bg", "--surface", "--surface-2", "--text", "--muted", "--accent", "--pink", "--teal", "--danger", "--accent-ink"]) {
      expect(palette.has(name), name).toBe(true);
    }
  });

  it.each(["--text", "--muted", "--accent", "--pink", "--teal", "--danger"])("%s text is ≥ 4.5:1 on every navy background", (text) => {
    for (const background of navy) {
      expect(contrastRatio(colour(text), colour(background)), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("buttons and placeholders are readable", () => {
    expect(contrastRatio(colour("--accent-ink"), colour("--accent"))).toBeGreaterThanOrEqual(4.5); // primary button
    expect(contrastRatio(colour("--accent-ink"), "#ffc46a")).toBeGreaterThanOrEqual(4.5); // its gradient's top
    const placeholder = ruleHexes(baseCss, "textarea::placeholder")[0];
    expect(contrastRatio(placeholder, FIELD)).toBeGreaterThanOrEqual(4.5);
  });

  it("the secret card's need (amber), offer (teal), labels and title (pink) are readable on its purple", () => {
    const backgrounds = ruleHexes(phoneCss, ".secret-card");
    expect(backgrounds.length).toBeGreaterThanOrEqual(2);
    for (const background of backgrounds) {
      for (const text of ["--accent", "--teal", "--pink", "--muted", "--text"]) {
        expect(contrastRatio(colour(text), background), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it("the reconnecting banner is readable", () => {
    const [background] = ruleHexes(phoneCss, ".reconnect-banner");
    for (const text of ["--text", "--accent"]) {
      expect(contrastRatio(colour(text), background), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
