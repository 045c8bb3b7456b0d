// The colour and second cue (a shape) of each attention head, for every screen: the projector
// draws the shapes, the phone and the dashboard print the glyphs, so a heads-round team
// recognises its colour everywhere. The one list; nothing else defines head colours.

/** Heads 1–4 keep the model rounds' colours; 5 and 6 are the next Okabe–Ito colours. */
export const HEAD_CSS = ["#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#f0e442", "#d55e00"] as const;
/** circle, square, triangle, diamond, star, cross — as on the projector. */
export const HEAD_GLYPHS = ["●", "■", "▲", "◆", "★", "✚"] as const;
/** The same colours as numbers (Phaser) and the shapes' names, in the same order. */
export const HEAD_COLORS = HEAD_CSS.map((css) => Number.parseInt(css.slice(1), 16));
export const HEAD_MARKERS = ["circle", "square", "triangle", "diamond", "star", "cross"] as const;
export type HeadMarker = (typeof HEAD_MARKERS)[number];

export function headCss(head: number): string {
  return HEAD_CSS[((head % HEAD_CSS.length) + HEAD_CSS.length) % HEAD_CSS.length];
}

export function headGlyph(head: number): string {
  return HEAD_GLYPHS[((head % HEAD_GLYPHS.length) + HEAD_GLYPHS.length) % HEAD_GLYPHS.length];
}
