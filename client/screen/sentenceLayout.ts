// Where the sentence scene puts its tables and arcs: a grid of tables (each one copy of the
// sentence, one column per word), sized so the words stay as large as the count allows, and the
// arcs between words like a head view. Phaser-free, so it is unit-tested without a browser.
import type { TableView } from "../../shared/sentenceRound.js";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A table's size at scale 1, game pixels, by part. At the reveal a table stacks: its title, the
 * attention arcs above the words, word / name / points, and the answer key's dashed arcs below.
 * Before it, only title, word and name (with ✓): the tables can be bigger.
 */
export const TABLE_PARTS = {
  /** Width of one word's column. */
  slot: 130,
  title: 44,
  arcs: 200,
  word: 56,
  name: 38,
  points: 40,
  keyArcs: 84,
  pad: 14,
  /** Fonts at scale 1 (px). */
  wordPx: 44,
  namePx: 30,
  pointsPx: 32,
  titlePx: 30,
} as const;

/** Never larger than this: one table on the whole screen would otherwise get 80 px words. */
const MAX_SCALE = 1.45;
/** More tables than this are listed as "+k more tables", however much room there is. */
export const MAX_TABLES_SHOWN = 8;
/**
 * Tables are never drawn smaller than this: names (30 px at scale 1) stay at 19.5 px of 1080 and a
 * long word ("because") still fits its column at back-row size. A 10-word sentence's revealed
 * tables fit four to a screen at this scale; the rest are "+k more tables".
 */
export const MIN_TABLE_SCALE = 0.65;
const GAP = 20;

export function tableNaturalHeight(isReveal: boolean): number {
  const p = TABLE_PARTS;
  return isReveal ? p.title + p.arcs + p.word + p.name + p.points + p.keyArcs + p.pad : p.title + p.word + p.name + p.pad + 18;
}

export interface TableGrid {
  cells: Rect[];
  columns: number;
  /** Scale of every part and font (1 = TABLE_PARTS). */
  scale: number;
}

/** Cells for `count` tables in `area`: the column count whose cells let the tables grow the most. */
export function layoutTables(count: number, wordCount: number, area: Rect, isReveal: boolean): TableGrid {
  if (count <= 0) return { cells: [], columns: 0, scale: 1 };
  const naturalWidth = Math.max(1, wordCount) * TABLE_PARTS.slot;
  const naturalHeight = tableNaturalHeight(isReveal);
  let best: TableGrid | null = null;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const width = (area.width - GAP * (columns - 1)) / columns;
    const height = (area.height - GAP * (rows - 1)) / rows;
    const scale = Math.min(MAX_SCALE, width / naturalWidth, height / naturalHeight);
    if (!best || scale > best.scale + 1e-9) {
      const cells: Rect[] = [];
      // A table only as tall as it needs: the spare height goes between the rows, centred.
      const cellHeight = Math.min(height, naturalHeight * scale);
      const top = area.y + (area.height - (cellHeight * rows + GAP * (rows - 1))) / 2;
      for (let k = 0; k < count; k++) {
        const row = Math.floor(k / columns);
        const col = k % columns;
        // The last row's tables are centred when it is not full.
        const inRow = row === rows - 1 ? count - columns * (rows - 1) : columns;
        const left = area.x + (area.width - (width * inRow + GAP * (inRow - 1))) / 2;
        cells.push({ x: left + col * (width + GAP), y: top + row * (cellHeight + GAP), width, height: cellHeight });
      }
      best = { cells, columns, scale };
    }
  }
  return best!;
}

/** How many tables of `wordCount` words fit `area` at a readable scale (MIN_TABLE_SCALE): at least one, at most MAX_TABLES_SHOWN. */
export function readableTableCount(wordCount: number, area: Rect, isReveal: boolean): number {
  for (let count = MAX_TABLES_SHOWN; count > 1; count--) if (layoutTables(count, wordCount, area, isReveal).scale >= MIN_TABLE_SCALE) return count;
  return 1;
}

/**
 * The tables to draw: a selected head's only (heads round), at most `max`, and how many were
 * left off. With every head shown and too many tables, each head keeps its share of the places
 * (taken in turn, head by head): the first tables alone would all be team 1's.
 */
export function tablesToShow<T extends Pick<TableView, "head">>(tables: readonly T[], head: number | null, max = MAX_TABLES_SHOWN): { shown: T[]; hidden: number } {
  const chosen = head === null ? tables.slice() : tables.filter((t) => t.head === head);
  if (chosen.length <= max) return { shown: chosen, hidden: 0 };
  const byHead = new Map<number | null, T[]>();
  for (const t of chosen) byHead.set(t.head, [...(byHead.get(t.head) ?? []), t]);
  const picked = new Set<T>();
  for (let turn = 0; picked.size < max; turn++) {
    for (const team of byHead.values()) if (team[turn] && picked.size < max) picked.add(team[turn]);
  }
  return { shown: chosen.filter((t) => picked.has(t)), hidden: chosen.length - max };
}

/** Centre x of each word's column in a table cell. */
export function columnCentres(cell: Rect, wordCount: number): number[] {
  const slot = cell.width / Math.max(1, wordCount);
  return Array.from({ length: wordCount }, (_, i) => cell.x + slot * (i + 0.5));
}

export interface Point {
  x: number;
  y: number;
}

/**
 * How high an arc between two words rises: with the distance, so near neighbours get low arcs
 * and far links clear them, and spread over the whole of `maxRise` (a cap alone would flatten
 * every long arc onto one line). `span` is the row's width from first to last word.
 */
export function arcRise(dx: number, span: number, maxRise: number): number {
  const share = span > 0 ? Math.min(1, Math.abs(dx) / span) : 1;
  return maxRise * (0.18 + 0.82 * share ** 0.75);
}

/**
 * Points along an arc from x1 to x2 standing on baseline y, bulging up (direction -1) or down
 * (+1) by `rise`: a quadratic Bézier. `progress` < 1 gives the first part only (the reveal grows
 * the arcs from the query's word towards the word it attends to).
 */
export function arcPoints(x1: number, x2: number, y: number, rise: number, direction: -1 | 1, progress = 1, segments = 24): Point[] {
  // A quadratic Bézier peaks at half its control point's offset.
  const cx = (x1 + x2) / 2;
  const cy = y + direction * 2 * rise;
  const steps = Math.max(1, Math.round(segments * Math.max(0, Math.min(1, progress))));
  const points: Point[] = [];
  for (let k = 0; k <= steps; k++) {
    const t = k / segments;
    const u = 1 - t;
    points.push({ x: u * u * x1 + 2 * u * t * cx + t * t * x2, y: u * u * y + 2 * u * t * cy + t * t * y });
  }
  return points;
}

/** Key targets of one word for a table: its head's key (heads round), or every head's at once (sentence round). */
export function keyTargets(keys: ReadonlyArray<ReadonlyArray<ReadonlyArray<{ position: number; share: number }>>>, head: number | null, position: number): Array<{ position: number; share: number }> {
  if (head !== null) return [...(keys[head]?.[position] ?? [])];
  const merged = new Map<number, number>();
  const linked = keys.map((k) => k[position] ?? []).filter((t) => t.length > 0);
  for (const targets of linked) for (const t of targets) merged.set(t.position, (merged.get(t.position) ?? 0) + t.share / linked.length);
  return [...merged].map(([p, share]) => ({ position: p, share }));
}

/** `text` cut with "…" until `measure` says it fits `maxWidth` (never below one character). */
export function fitText(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
