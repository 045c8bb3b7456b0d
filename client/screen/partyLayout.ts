// Seats guests around cocktail tables for the projector. Pure geometry, no Phaser: 5 guests
// sit around one big table, 300 around ~38 small ones in a grid that fills the area. Sizes
// (avatar radius, label font) follow from the table size, so one code path covers both.

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TableSpot {
  x: number;
  y: number;
  radius: number;
}

export interface SeatSpot {
  x: number;
  y: number;
  /** Angle (radians) from the table centre; labels can avoid the table with it. */
  angle: number;
  table: number;
}

export interface PartyLayout {
  tables: TableSpot[];
  /** One per guest, in the order given. */
  seats: SeatSpot[];
  avatarRadius: number;
  /** Name label size; name tags use ~80 % of it. */
  fontPx: number;
  /** Room for names under the avatars (a packed room shows them only for a focused row). */
  isShowingNames: boolean;
  /** Room for the name tag line under each name (hidden when the room is packed). */
  isShowingTags: boolean;
  /** Widest label that does not run into the next seat. */
  labelWidth: number;
}

/** One table holds everyone up to this many guests; beyond, tables of GUESTS_PER_TABLE. */
const SINGLE_TABLE_MAX = 10;
const GUESTS_PER_TABLE = 8;
const MAX_AVATAR_RADIUS = 58;
/** How much wider than tall a lone table's ring of seats may be. */
const SINGLE_TABLE_MAX_STRETCH = 2.4;
/** Turns of a lone table's oval tried (within one seat step) when placing its labels. */
const TURNS_TRIED = 12;

/** Column count that makes grid cells of `count` tables as large as possible in `area`. */
function bestGrid(count: number, area: Area): { cols: number; rows: number; cell: number } {
  let best = { cols: 1, rows: count, cell: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cell = Math.min(area.width / cols, area.height / rows);
    if (cell > best.cell) best = { cols, rows, cell };
  }
  return best;
}

/** Splits n guests into `tables` groups whose sizes differ by at most one. */
function tableSizes(n: number, tables: number): number[] {
  const base = Math.floor(n / tables);
  return Array.from({ length: tables }, (_, i) => base + (i < n % tables ? 1 : 0));
}

/**
 * Area (px²) where the labels hanging under each seat (name and name tag, `box` sized) cover
 * other guests' avatars: what a layout should keep small.
 */
export function labelOverlap(seats: ReadonlyArray<{ x: number; y: number }>, avatarRadius: number, box: { width: number; height: number }): number {
  let total = 0;
  for (const [i, a] of seats.entries()) {
    const left = a.x - box.width / 2;
    const top = a.y + avatarRadius;
    for (const [j, b] of seats.entries()) {
      if (i === j) continue;
      const dx = Math.min(left + box.width, b.x + avatarRadius) - Math.max(left, b.x - avatarRadius);
      const dy = Math.min(top + box.height, b.y + avatarRadius) - Math.max(top, b.y - avatarRadius);
      if (dx > 0 && dy > 0) total += dx * dy;
    }
  }
  return total;
}

export function layoutParty(n: number, area: Area): PartyLayout {
  if (n <= 0) return { tables: [], seats: [], avatarRadius: 0, fontPx: 0, isShowingNames: false, isShowingTags: false, labelWidth: 0 };
  const tableCount = n <= SINGLE_TABLE_MAX ? 1 : Math.ceil(n / GUESTS_PER_TABLE);
  const { cols, rows, cell } = bestGrid(tableCount, area);
  const sizes = tableSizes(n, tableCount);
  const maxAtTable = Math.max(...sizes);

  // Ring of seats around each table; the rest of the cell is for labels. A lone table sits in
  // a wide area (the projector is 16:9): its ring stretches sideways into an oval, so the
  // labels under neighbouring guests do not run into each other.
  const ringRadius = cell * 0.3;
  const stretchX = tableCount === 1 ? Math.max(1, Math.min(SINGLE_TABLE_MAX_STRETCH, (area.width * 0.42) / ringRadius)) : 1;
  const tableRadius = ringRadius * 0.62;
  const chord = 2 * ringRadius * Math.sin(Math.PI / Math.max(maxAtTable, 2));
  const avatarRadius = Math.min(MAX_AVATAR_RADIUS, cell * 0.08, chord * 0.42);
  // Never under 20 px of 1080 where names show: the back row must read them.
  const fontPx = Math.max(20, Math.min(34, avatarRadius * 0.62));
  const labelWidth = Math.max(avatarRadius * 3, Math.min(chord * 1.1, cell * 0.45));

  // Centre the grid in the area (the last row may be shorter: centre it too).
  const gridHeight = rows * cell;
  const top = area.y + (area.height - gridHeight) / 2;
  const tables: TableSpot[] = [];
  for (let t = 0; t < tableCount; t++) {
    const row = Math.floor(t / cols);
    const inRow = row === rows - 1 ? tableCount - row * cols : cols;
    const left = area.x + (area.width - inRow * cell) / 2;
    const col = t - row * cols;
    tables.push({ x: left + (col + 0.5) * cell, y: top + (row + 0.5) * cell - cell * 0.04, radius: tableRadius });
  }

  const ring = (table: TableSpot, t: number, size: number, turn: number): SeatSpot[] =>
    Array.from({ length: size }, (_, k) => {
      // Start at the top and go clockwise.
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / size + turn;
      return { x: table.x + ringRadius * stretchX * Math.cos(angle), y: table.y + ringRadius * Math.sin(angle), angle, table: t };
    });
  const seats: SeatSpot[] = [];
  sizes.forEach((size, t) => {
    const table = tables[t]!;
    if (tableCount > 1) {
      // Even sizes get a half-step turn so nobody sits exactly under the label of the guest above.
      seats.push(...ring(table, t, size, size % 2 ? 0 : Math.PI / size));
      return;
    }
    // A lone table has labels on: turn the oval so they cover the fewest avatars.
    const labelBox = { width: labelWidth, height: fontPx * 4 };
    const candidates = Array.from({ length: TURNS_TRIED }, (_, k) => ring(table, t, size, (2 * Math.PI * k) / size / TURNS_TRIED));
    const overlaps = candidates.map((c) => labelOverlap(c, avatarRadius, labelBox));
    seats.push(...candidates[overlaps.indexOf(Math.min(...overlaps))]!);
  });

  return { tables, seats, avatarRadius, fontPx, isShowingNames: avatarRadius >= 18, isShowingTags: avatarRadius >= 24, labelWidth };
}
