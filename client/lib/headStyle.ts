// The colour and second cue (a shape) of each attention head on the phone and the dashboard, the
// same Okabe–Ito colours and shapes the projector draws (client/screen/sentenceScreenState.ts),
// so a heads-round team recognises its colour on every screen. Shapes are text glyphs: no images.

/** Heads 1–4 keep the model rounds' colours; 5 and 6 are the next Okabe–Ito colours. */
export const HEAD_CSS = ["#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#f0e442", "#d55e00"] as const;
/** circle, square, triangle, diamond, star, cross — as on the projector. */
export const HEAD_GLYPHS = ["●", "■", "▲", "◆", "★", "✚"] as const;

export function headCss(head: number): string {
  return HEAD_CSS[((head % HEAD_CSS.length) + HEAD_CSS.length) % HEAD_CSS.length];
}

export function headGlyph(head: number): string {
  return HEAD_GLYPHS[((head % HEAD_GLYPHS.length) + HEAD_GLYPHS.length) % HEAD_GLYPHS.length];
}
