// The custom-scenario editor's preview: the trained model's attention on the scenario's sentence,
// one small heatmap per model head (row = the word that looks, column = the word it looks at,
// "<s>" = no link). The cells the author's answer key names are outlined, so the author sees at a
// glance whether the model already looks where the key says (then the model plays that head well).
import { MODEL_HEAD_QUESTIONS } from "../../shared/scenario.js";
import { resolveWordRef } from "../../shared/scenarioWords.js";
import { headCss } from "../lib/headStyle.js";
import { el, percent } from "../lib/dom.js";
import type { ScenarioPreview } from "./scenarioApi.js";

/** Key cells per model head: for each looking word (position), the positions it should attend to. */
export type KeyCells = Map<number, Map<number, Set<number>>>;

/** The author's keys, on the model head asking the same question (other questions have no model head to compare with). */
export function keyCells(file: unknown, words: readonly string[]): KeyCells {
  const cells: KeyCells = new Map();
  const heads = (file as { heads?: unknown } | null)?.heads;
  if (!Array.isArray(heads)) return cells;
  for (const head of heads as Array<{ question?: unknown; key?: unknown }>) {
    const modelHead = MODEL_HEAD_QUESTIONS.indexOf(String(head?.question ?? "") as (typeof MODEL_HEAD_QUESTIONS)[number]);
    if (modelHead < 0 || typeof head.key !== "object" || head.key === null) continue;
    const byWord = cells.get(modelHead) ?? new Map<number, Set<number>>();
    for (const [ref, targets] of Object.entries(head.key as Record<string, unknown>)) {
      const from = resolveWordRef(words, ref).position;
      if (from === undefined) continue;
      const refs = Array.isArray(targets) ? targets.map(String) : typeof targets === "object" && targets ? Object.keys(targets) : [];
      const set = byWord.get(from) ?? new Set<number>();
      for (const t of refs) {
        const to = resolveWordRef(words, t).position;
        if (to !== undefined) set.add(to);
      }
      byWord.set(from, set);
    }
    cells.set(modelHead, byWord);
  }
  return cells;
}

function alphaHex(weight: number): string {
  return Math.round(Math.min(1, Math.max(0, weight)) * 230 + 10)
    .toString(16)
    .padStart(2, "0");
}

/** One head's heatmap. `keys`: for each word position, the positions the key names. */
function heatmap(preview: ScenarioPreview, h: number, keys: Map<number, Set<number>> | undefined): HTMLElement {
  const { tokens } = preview;
  const head = preview.heads[h];
  const color = headCss(h);
  const words = tokens.slice(1);
  const figure = el(
    "figure",
    { class: "heatmap", attrs: { "data-head": h } },
    el("figcaption", {}, el("span", { class: "head-swatch", attrs: { "aria-hidden": "true" } }), `Head ${h + 1} · ${head.question}`),
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "heatmap-table" },
        el("thead", {}, el("tr", {}, el("th", { text: "looks ↓ at →", attrs: { scope: "col", class: "corner" } }), ...tokens.map((t) => el("th", { text: t, attrs: { scope: "col" } })))),
        el(
          "tbody",
          {},
          ...words.map((word, i) =>
            el(
              "tr",
              {},
              el("th", { text: word, attrs: { scope: "row" } }),
              ...tokens.map((target, j) => {
                const weight = head.weights[i + 1]?.[j] ?? 0;
                const isKey = keys?.get(i)?.has(j - 1) ?? false;
                const cell = el("td", {
                  class: `${isKey ? "is-key" : ""}${weight >= 0.5 ? " is-strong" : ""}`.trim() || undefined,
                  text: weight >= 0.15 ? percent(weight) : "",
                  attrs: { title: `“${word}” → “${target}”: ${percent(weight)}${isKey ? " (your key)" : ""}` },
                });
                cell.style.background = `${color}${alphaHex(weight)}`;
                return cell;
              }),
            ),
          ),
        ),
      ),
    ),
  );
  figure.style.setProperty("--head", color);
  return figure;
}

/** Every model head's heatmap, the key outlined. */
export function previewFigures(preview: ScenarioPreview, file: unknown): HTMLElement {
  const cells = keyCells(file, preview.tokens.slice(1));
  return el(
    "div",
    { class: "heatmaps" },
    ...preview.heads.map((_, h) => heatmap(preview, h, cells.get(h))),
  );
}
