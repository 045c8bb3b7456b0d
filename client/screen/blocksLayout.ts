// Where the blocks walk-through puts each word on the projector: one column per word, wide for
// the words whose meaning the class follows, narrow for glue words. Phaser-free (text widths
// come from a measure function), so it is tested without a browser.
import type { BlocksPayload } from "../../shared/blocks.js";

/** A glue word ("she", "it") whose meaning ends up this far from its start is followed like a content word. */
const MOVED_SIMILARITY = 0.85;

export interface BlocksColumn {
  /** Centre x of the column, game pixels. */
  x: number;
  width: number;
  /** Shows its nearest words (content words, and glue words that take on a meaning). */
  isFeatured: boolean;
}

export interface BlocksLayout {
  columns: BlocksColumn[];
  /** Font sizes after fitting the row into the width (px). */
  wordPx: number;
  gluePx: number;
  nearestPx: number;
}

/** Measures one line of text: width in px at `fontPx`, bold or not. */
export type MeasureText = (text: string, fontPx: number, isBold: boolean) => number;

export const BLOCKS_TYPE = {
  /** A featured word: the biggest text on the screen after the title. */
  word: 56,
  glue: 34,
  nearest: 34,
  /** Fonts never shrink below this share of their size: 56 → 31 px, still readable at 10 m. */
  minScale: 0.55,
  featuredGap: 26,
  glueGap: 16,
  /** Browsers' text boxes run a little wider than canvas measureText says. */
  measureSlack: 1.04,
  /** A column never grows past this: the words of a short sentence stay close enough to read as one. */
  maxFeaturedWidth: 380,
} as const;

export function isFeaturedWord(payload: BlocksPayload, i: number): boolean {
  if (!payload.isFunctionWord[i]) return true;
  return payload.steps.some((step) => step.meanings[i].similarityToStart < MOVED_SIMILARITY);
}

/**
 * Columns across [left, left + width]: each as wide as its word and, when featured, as most of
 * its nearest words over all steps (the 75th percentile: one long rare word should not shrink
 * the whole row; the screen narrows that one word instead), fixed for the whole walk so nothing
 * jumps between steps. Spare room goes to featured columns up to maxFeaturedWidth; a row too
 * long for the width shrinks every font alike.
 */
export function layoutBlocks(payload: BlocksPayload, measure: MeasureText, left: number, width: number): BlocksLayout {
  const t = BLOCKS_TYPE;
  const featured = payload.words.map((_, i) => isFeaturedWord(payload, i));
  const texts = payload.words.map((word, i) => {
    if (!featured[i]) return measure(word, t.glue, false) * t.measureSlack;
    const nearest = payload.steps.flatMap((step) => step.meanings[i].nearest).map((w) => measure(w, t.nearest, true));
    nearest.sort((a, b) => a - b);
    const typical = nearest.length ? nearest[Math.floor(nearest.length * 0.75)] : 0;
    return Math.max(measure(word, t.word, true), typical) * t.measureSlack;
  });
  // Gaps keep their size when the row shrinks: two words must never touch.
  const gaps = featured.map((f) => (f ? t.featuredGap : t.glueGap));
  const gapTotal = gaps.reduce((a, b) => a + b, 0);
  const textTotal = texts.reduce((a, b) => a + b, 0);
  const scale = textTotal + gapTotal > width ? Math.max(t.minScale, (width - gapTotal) / textTotal) : 1;
  let widths = texts.map((w, i) => w * scale + gaps[i]);
  const spare = width - widths.reduce((a, b) => a + b, 0);
  const featuredCount = featured.filter(Boolean).length;
  if (spare > 0 && featuredCount > 0) {
    widths = widths.map((w, i) => (featured[i] ? Math.max(w, Math.min(w + spare / featuredCount, t.maxFeaturedWidth)) : w));
  }
  const used = widths.reduce((a, b) => a + b, 0);
  let x = left + Math.max(0, (width - used) / 2);
  const columns = widths.map((w, i) => {
    const column = { x: x + w / 2, width: w, isFeatured: featured[i] };
    x += w;
    return column;
  });
  return { columns, wordPx: t.word * scale, gluePx: t.glue * scale, nearestPx: t.nearest * scale };
}

/** Nearest words that were not there one step before: the screen highlights what the step added. */
export function newNearestWords(payload: BlocksPayload, stepIndex: number, word: number): Set<string> {
  if (stepIndex === 0) return new Set();
  const before = new Set(payload.steps[stepIndex - 1].meanings[word].nearest);
  return new Set(payload.steps[stepIndex].meanings[word].nearest.filter((w) => !before.has(w)));
}
